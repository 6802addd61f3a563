package truetype

import (
	"os"
	"testing"
)

func TestSubsetRoundTrip(t *testing.T) {
	data, err := os.ReadFile("../../font/DejaVuSans-subset.ttf")
	if err != nil {
		t.Fatal(err)
	}
	f, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range "AĀČĖĮŠŪŽëéçȘț€" {
		if _, ok := f.Glyph(r); !ok {
			t.Errorf("the embedded font lacks %q", r)
		}
	}
	s, err := f.Subset([]rune("MÄNNIK Ōzols"))
	if err != nil {
		t.Fatal(err)
	}
	g, err := Parse(s.Font)
	if err != nil {
		t.Fatalf("the subset does not parse: %v", err)
	}
	for r, gid := range s.GID {
		if got, ok := g.Glyph(r); !ok || got != gid {
			t.Errorf("%q: glyph %d in the subset's cmap, want %d", r, got, gid)
		}
		orig, _ := f.Glyph(r)
		if g.Advance(gid) != f.Advance(orig) {
			t.Errorf("%q: advance changed", r)
		}
	}
	if len(s.Font) > len(data)/4 {
		t.Errorf("a subset of 10 characters has %d bytes", len(s.Font))
	}
}

func TestMalformed(t *testing.T) {
	data, _ := os.ReadFile("../../font/DejaVuSans-subset.ttf")
	for _, n := range []int{0, 11, 100, 300, len(data) / 2} {
		if n > len(data) {
			continue
		}
		if f, err := Parse(data[:n]); err == nil {
			// Tables may still fit; subsetting must then fail cleanly or work.
			f.Subset([]rune("AĀ"))
		}
	}
}
