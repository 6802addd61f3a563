package pdf

import (
	"math"
	"sort"
	"strings"
	"unicode"
)

// Grouping shown glyphs into lines and words by geometry alone, so that
// the result does not depend on how a producer cut the text into strings:
// one string per word, per glyph, TJ arrays with kerning, or glyphs in
// any drawing order all read the same.

// Word is a sequence of glyphs on one baseline without a gap wider than
// wordGap em between them.
type Word struct {
	Text   string
	Box    Rect
	Source Source // the source of the word's first glyph
}

// TextLine is the words on one baseline, in reading order along it.
type TextLine struct {
	// Text is the words joined by single spaces.
	Text  string
	Words []Word
	Box   Rect
	// Angle is the baseline direction in whole degrees (see
	// TextRun.Angle), Size the largest font size on the line.
	Angle float64
	Size  float64
}

const (
	// wordGap is the gap along the baseline, in em of the font size,
	// that separates words. Letter spacing and kerning stay below it;
	// a space glyph (about a quarter em) or a TJ word gap exceeds it.
	wordGap = 0.15
	// lineTolerance is how far apart, in em, two baselines may be and
	// still be one line.
	lineTolerance = 0.3
)

type placedGlyph struct {
	g      *Glyph
	a, end float64 // position along the baseline direction
	b      float64 // offset of the baseline across it
	size   float64
	src    Source
}

// Lines groups runs into lines and words. Runs are grouped by baseline
// direction (to the degree), so rotated text forms its own lines; lines
// of one direction are ordered from top to bottom as read along that
// direction, words from the start of the baseline. Invisible runs are
// included: callers that care filter them first.
func Lines(runs []TextRun) []TextLine {
	byAngle := map[int][]placedGlyph{}
	for ri := range runs {
		r := &runs[ri]
		ang := int(math.Round(r.Angle))
		if ang == -180 {
			ang = 180
		}
		s, c := math.Sincos(float64(ang) * math.Pi / 180)
		for gi := range r.Glyphs {
			g := &r.Glyphs[gi]
			byAngle[ang] = append(byAngle[ang], placedGlyph{
				g:    g,
				a:    g.Origin.X*c + g.Origin.Y*s,
				end:  g.End.X*c + g.End.Y*s,
				b:    -g.Origin.X*s + g.Origin.Y*c,
				size: math.Max(r.Size, 1e-6),
				src:  r.Source,
			})
		}
	}
	angles := make([]int, 0, len(byAngle))
	for a := range byAngle {
		angles = append(angles, a)
	}
	// Upright text first, then the other directions counter-clockwise.
	sort.Slice(angles, func(i, j int) bool { return (angles[i]+360)%360 < (angles[j]+360)%360 })
	var out []TextLine
	for _, ang := range angles {
		out = append(out, linesOf(byAngle[ang], float64(ang))...)
	}
	return out
}

func linesOf(gs []placedGlyph, angle float64) []TextLine {
	sort.SliceStable(gs, func(i, j int) bool {
		if gs[i].b != gs[j].b {
			return gs[i].b > gs[j].b
		}
		return gs[i].a < gs[j].a
	})
	var out []TextLine
	for i := 0; i < len(gs); {
		j := i + 1
		for j < len(gs) && gs[j-1].b-gs[j].b <= lineTolerance*math.Max(gs[j-1].size, gs[j].size) {
			j++
		}
		if l, ok := makeLine(gs[i:j], angle); ok {
			out = append(out, l)
		}
		i = j
	}
	return out
}

func makeLine(gs []placedGlyph, angle float64) (TextLine, bool) {
	sort.SliceStable(gs, func(i, j int) bool { return gs[i].a < gs[j].a })
	line := TextLine{Box: emptyRect, Angle: angle}
	var word *Word
	var sb strings.Builder
	var last *placedGlyph
	flush := func() {
		if word != nil {
			word.Text = sb.String()
			line.Words = append(line.Words, *word)
			line.Box = line.Box.Union(word.Box)
			word = nil
			sb.Reset()
		}
	}
	for k := range gs {
		p := &gs[k]
		line.Size = math.Max(line.Size, p.size)
		if strings.TrimFunc(p.g.Text, unicode.IsSpace) == "" {
			flush()
			last = nil
			continue
		}
		if last != nil && p.g.Text == last.g.Text && math.Abs(p.a-last.a) < 0.1*p.size && math.Abs(p.b-last.b) < 0.1*p.size {
			continue // the same glyph drawn twice: fake bold or a shadow
		}
		if last != nil && p.a-last.end > wordGap*math.Max(p.size, last.size) {
			flush()
		}
		if word == nil {
			word = &Word{Box: emptyRect, Source: p.src}
		}
		sb.WriteString(p.g.Text)
		word.Box = word.Box.Union(p.g.Box)
		last = p
	}
	flush()
	if len(line.Words) == 0 {
		return TextLine{}, false
	}
	texts := make([]string, len(line.Words))
	for i, w := range line.Words {
		texts[i] = w.Text
	}
	line.Text = strings.Join(texts, " ")
	return line, true
}
