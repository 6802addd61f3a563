// Package truetype reads the few tables of a TrueType font that PDF text
// needs (character map, advance widths, metrics) and writes subsets of it:
// only the glyphs a piece of text uses, renumbered, without hinting, so an
// appearance stream can embed its font in a few kilobytes.
//
// It handles glyf-based fonts (not CFF) and is meant for fonts the project
// ships, but it checks every offset and length so a malformed font is an
// error, never a panic.
package truetype

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
)

// Font is a parsed TrueType font.
type Font struct {
	data   []byte
	tables map[string][]byte

	UnitsPerEm   int
	BBox         [4]int // xMin, yMin, xMax, yMax in font units
	Ascent       int    // hhea ascender
	Descent      int    // hhea descender (negative)
	NumGlyphs    int
	longLoca     bool
	numHMetrics  int
	cmap         map[rune]uint16
	restrictedFS bool
}

var errMalformed = errors.New("truetype: malformed font")

func u16(b []byte, off int) (int, bool) {
	if off < 0 || off+2 > len(b) {
		return 0, false
	}
	return int(binary.BigEndian.Uint16(b[off:])), true
}

func i16(b []byte, off int) (int, bool) {
	v, ok := u16(b, off)
	return int(int16(uint16(v))), ok
}

func u32(b []byte, off int) (int, bool) {
	if off < 0 || off+4 > len(b) {
		return 0, false
	}
	return int(binary.BigEndian.Uint32(b[off:])), true
}

// Parse reads a TrueType font. It fails for fonts whose licence forbids
// embedding (OS/2 fsType restricted-licence bit).
func Parse(data []byte) (*Font, error) {
	f := &Font{data: data, tables: map[string][]byte{}}
	n, ok := u16(data, 4)
	if !ok {
		return nil, errMalformed
	}
	if v, _ := u32(data, 0); v != 0x00010000 && v != 0x74727565 {
		return nil, errors.New("truetype: not a TrueType font")
	}
	for i := 0; i < n; i++ {
		rec := 12 + 16*i
		off, ok1 := u32(data, rec+8)
		ln, ok2 := u32(data, rec+12)
		if !ok1 || !ok2 || off+ln > len(data) || off+ln < off {
			return nil, fmt.Errorf("truetype: table %d lies outside the font", i)
		}
		f.tables[string(data[rec:rec+4])] = data[off : off+ln : off+ln]
	}
	for _, t := range []string{"head", "hhea", "maxp", "hmtx", "loca", "glyf", "cmap"} {
		if f.tables[t] == nil {
			return nil, fmt.Errorf("truetype: no %s table (only glyf-based TrueType fonts are supported)", t)
		}
	}
	head, hhea := f.tables["head"], f.tables["hhea"]
	var oks [10]bool
	f.UnitsPerEm, oks[0] = u16(head, 18)
	for i := range 4 {
		f.BBox[i], oks[1+i] = i16(head, 36+2*i)
	}
	locFmt, ok5 := i16(head, 50)
	oks[5] = ok5
	f.longLoca = locFmt == 1
	f.Ascent, oks[6] = i16(hhea, 4)
	f.Descent, oks[7] = i16(hhea, 6)
	f.numHMetrics, oks[8] = u16(hhea, 34)
	f.NumGlyphs, oks[9] = u16(f.tables["maxp"], 4)
	for _, ok := range oks {
		if !ok {
			return nil, errMalformed
		}
	}
	if f.UnitsPerEm < 16 || f.numHMetrics < 1 || f.numHMetrics > f.NumGlyphs ||
		len(f.tables["hmtx"]) < 4*f.numHMetrics+2*(f.NumGlyphs-f.numHMetrics) {
		return nil, errMalformed
	}
	locaEntry := 2
	if f.longLoca {
		locaEntry = 4
	}
	if len(f.tables["loca"]) < locaEntry*(f.NumGlyphs+1) {
		return nil, errMalformed
	}
	if os2 := f.tables["OS/2"]; os2 != nil {
		fs, _ := u16(os2, 8)
		f.restrictedFS = fs&0x000F == 0x0002
	}
	if f.restrictedFS {
		return nil, errors.New("truetype: the font's licence does not allow embedding")
	}
	cm, err := parseCmap(f.tables["cmap"], f.NumGlyphs)
	if err != nil {
		return nil, err
	}
	f.cmap = cm
	return f, nil
}

// Glyph returns the glyph of r, and false when the font has none.
func (f *Font) Glyph(r rune) (uint16, bool) {
	g, ok := f.cmap[r]
	return g, ok
}

// Runes returns every character the font maps, ascending.
func (f *Font) Runes() []rune {
	out := make([]rune, 0, len(f.cmap))
	for r := range f.cmap {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// Advance returns the advance width of glyph g in font units.
func (f *Font) Advance(g uint16) int {
	i := min(int(g), f.numHMetrics-1)
	v, _ := u16(f.tables["hmtx"], 4*i)
	return v
}

func (f *Font) lsb(g uint16) int {
	if int(g) < f.numHMetrics {
		v, _ := i16(f.tables["hmtx"], 4*int(g)+2)
		return v
	}
	v, _ := i16(f.tables["hmtx"], 4*f.numHMetrics+2*(int(g)-f.numHMetrics))
	return v
}

// glyphData returns the bytes of glyph g in the glyf table.
func (f *Font) glyphData(g uint16) ([]byte, error) {
	loca, glyf := f.tables["loca"], f.tables["glyf"]
	var start, end int
	var ok1, ok2 bool
	if f.longLoca {
		start, ok1 = u32(loca, 4*int(g))
		end, ok2 = u32(loca, 4*int(g)+4)
	} else {
		start, ok1 = u16(loca, 2*int(g))
		end, ok2 = u16(loca, 2*int(g)+2)
		start, end = 2*start, 2*end
	}
	if !ok1 || !ok2 || start > end || end > len(glyf) {
		return nil, fmt.Errorf("truetype: glyph %d lies outside the glyf table", g)
	}
	return glyf[start:end:end], nil
}

// parseCmap reads the best Unicode subtable: format 12, else format 4.
func parseCmap(b []byte, numGlyphs int) (map[rune]uint16, error) {
	n, ok := u16(b, 2)
	if !ok {
		return nil, errMalformed
	}
	var off4, off12 int
	for i := 0; i < n; i++ {
		pid, _ := u16(b, 4+8*i)
		eid, _ := u16(b, 6+8*i)
		off, ok := u32(b, 8+8*i)
		if !ok {
			return nil, errMalformed
		}
		format, _ := u16(b, off)
		unicode := pid == 0 || (pid == 3 && (eid == 1 || eid == 10))
		switch {
		case unicode && format == 12:
			off12 = off
		case unicode && format == 4:
			off4 = off
		}
	}
	m := map[rune]uint16{}
	add := func(r rune, g int) {
		if g > 0 && g < numGlyphs && r >= 0x20 && r <= 0x10FFFF {
			m[r] = uint16(g)
		}
	}
	switch {
	case off12 > 0:
		groups, ok := u32(b, off12+12)
		if !ok || groups > (len(b)-off12)/12 {
			return nil, errMalformed
		}
		for i := range groups {
			p := off12 + 16 + 12*i
			start, _ := u32(b, p)
			end, _ := u32(b, p+4)
			g, ok := u32(b, p+8)
			if !ok || end < start || end-start > 0x10FFFF {
				return nil, errMalformed
			}
			for c := start; c <= end && c <= 0x10FFFF; c++ {
				add(rune(c), g+c-start)
			}
		}
	case off4 > 0:
		segX2, ok := u16(b, off4+6)
		if !ok {
			return nil, errMalformed
		}
		ends, starts, deltas, ranges := off4+14, off4+16+segX2, off4+16+2*segX2, off4+16+3*segX2
		if ranges+segX2 > len(b) {
			return nil, errMalformed
		}
		for s := 0; s < segX2/2; s++ {
			end, _ := u16(b, ends+2*s)
			start, _ := u16(b, starts+2*s)
			delta, _ := u16(b, deltas+2*s)
			ro, _ := u16(b, ranges+2*s)
			for c := start; c <= end && c < 0xFFFF; c++ {
				if ro == 0 {
					add(rune(c), (c+delta)&0xFFFF)
					continue
				}
				g, ok := u16(b, ranges+2*s+ro+2*(c-start))
				if !ok {
					return nil, errMalformed
				}
				if g != 0 {
					add(rune(c), (g+delta)&0xFFFF)
				}
			}
		}
	default:
		return nil, errors.New("truetype: no Unicode character map")
	}
	return m, nil
}
