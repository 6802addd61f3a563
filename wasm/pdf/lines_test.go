package pdf

import (
	"math"
	"slices"
	"testing"
)

// runOf builds a run of glyphs of width w (em) from (x, y) along angle
// degrees, for Lines tests without a PDF.
func runOf(text string, x, y, size, angle float64) TextRun {
	s, c := math.Sincos(angle * math.Pi / 180)
	r := TextRun{Text: text, Size: size, Angle: angle, Box: emptyRect}
	for _, ch := range text {
		w := 0.5 * size
		g := Glyph{Text: string(ch), Origin: Point{x, y}, End: Point{x + w*c, y + w*s}}
		g.Box = emptyRect.addPoint(g.Origin).addPoint(Point{g.End.X - size*s, g.End.Y + size*c})
		r.Glyphs = append(r.Glyphs, g)
		x, y = g.End.X, g.End.Y
	}
	return r
}

func TestLinesOrderAndWords(t *testing.T) {
	// Glyphs are 5 pt wide: "Signature:" ends at 150. Word gaps are
	// 3 pt (0.3 em), the kerning gap inside "see" 0.5 pt; baselines
	// jitter by half a point; the runs are drawn out of order.
	runs := []TextRun{
		runOf("page", 171, 700, 10, 0),
		runOf("Signature:", 100, 700.5, 10, 0),
		runOf("(A)", 194, 700, 10, 0),
		runOf("e", 163.5, 699.8, 10, 0),
		runOf("se", 153, 700, 10, 0),
		runOf("Second line", 100, 680, 10, 0),
		runOf("x", 100, 706, 6, 0), // a superscript 0.6 em up is a line of its own
		runOf("up", 300, 100, 12, 90),
		runOf("down", 310, 500, 12, -90),
	}
	var got []string
	for _, l := range Lines(runs) {
		got = append(got, l.Text)
	}
	want := []string{"x", "Signature: see page (A)", "Second line", "up", "down"}
	if !slices.Equal(got, want) {
		t.Errorf("lines = %q, want %q", got, want)
	}
}

func TestLinesDuplicateGlyphs(t *testing.T) {
	// Fake bold: the same string drawn twice, 0.2 pt apart.
	runs := []TextRun{runOf("Jane Doe", 100, 100, 10, 0), runOf("Jane Doe", 100.2, 100, 10, 0)}
	l := Lines(runs)
	if len(l) != 1 || l[0].Text != "Jane Doe" || len(l[0].Words) != 2 {
		t.Errorf("lines = %+v", l)
	}
}

func TestLinesEmpty(t *testing.T) {
	if l := Lines(nil); l != nil {
		t.Errorf("Lines(nil) = %v", l)
	}
	if l := Lines([]TextRun{runOf("   ", 0, 0, 10, 0)}); l != nil {
		t.Errorf("spaces only = %v", l)
	}
}
