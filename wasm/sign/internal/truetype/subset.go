package truetype

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"sort"
)

// Subset is a font reduced to some characters.
type Subset struct {
	// Font is the subset as a TrueType file.
	Font []byte
	// GID maps each kept character to its glyph in the subset.
	GID map[rune]uint16
	// Advance holds the advance width of every subset glyph, in the
	// original font units.
	Advance []int
}

// Composite glyph flags (OpenType glyf table).
const (
	argsAreWords    = 0x0001
	haveScale       = 0x0008
	moreComponents  = 0x0020
	haveXYScale     = 0x0040
	haveTwoByTwo    = 0x0080
	haveInstruction = 0x0100
)

// maxCompositeDepth bounds nested composite glyphs.
const maxCompositeDepth = 8

// Subset writes a font with glyph 0 and the glyphs of runes (and the
// components they are built from), renumbered in order, without hinting.
// Characters the font lacks are left out of GID. The subset has a Unicode
// character map, so it can itself be subset again.
func (f *Font) Subset(runes []rune) (*Subset, error) {
	rs := append([]rune(nil), runes...)
	sort.Slice(rs, func(i, j int) bool { return rs[i] < rs[j] })
	newID := map[uint16]uint16{0: 0}
	order := []uint16{0}
	var visit func(g uint16, depth int) error
	visit = func(g uint16, depth int) error {
		if _, ok := newID[g]; ok {
			return nil
		}
		if depth > maxCompositeDepth {
			return fmt.Errorf("truetype: composite glyphs nested deeper than %d", maxCompositeDepth)
		}
		newID[g] = uint16(len(order))
		order = append(order, g)
		comps, err := f.components(g)
		if err != nil {
			return err
		}
		for _, c := range comps {
			if err := visit(c, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	s := &Subset{GID: map[rune]uint16{}}
	for _, r := range rs {
		g, ok := f.cmap[r]
		if !ok {
			continue
		}
		if err := visit(g, 0); err != nil {
			return nil, err
		}
		s.GID[r] = newID[g]
	}
	var glyf, loca, hmtx bytes.Buffer
	for _, g := range order {
		binary.Write(&loca, binary.BigEndian, uint32(glyf.Len()))
		data, err := f.glyphData(g)
		if err != nil {
			return nil, err
		}
		out, err := rewriteGlyph(data, newID)
		if err != nil {
			return nil, fmt.Errorf("truetype: glyph %d: %w", g, err)
		}
		glyf.Write(out)
		for glyf.Len()%4 != 0 {
			glyf.WriteByte(0)
		}
		adv := f.Advance(g)
		s.Advance = append(s.Advance, adv)
		binary.Write(&hmtx, binary.BigEndian, uint16(adv))
		binary.Write(&hmtx, binary.BigEndian, int16(f.lsb(g)))
	}
	binary.Write(&loca, binary.BigEndian, uint32(glyf.Len()))

	head := append([]byte(nil), f.tables["head"]...)
	binary.BigEndian.PutUint32(head[8:], 0) // checkSumAdjustment, set below
	binary.BigEndian.PutUint16(head[50:], 1)
	hhea := append([]byte(nil), f.tables["hhea"]...)
	binary.BigEndian.PutUint16(hhea[34:], uint16(len(order)))
	maxp := append([]byte(nil), f.tables["maxp"]...)
	binary.BigEndian.PutUint16(maxp[4:], uint16(len(order)))
	tables := map[string][]byte{
		"head": head, "hhea": hhea, "maxp": maxp, "hmtx": hmtx.Bytes(),
		"loca": loca.Bytes(), "glyf": glyf.Bytes(), "cmap": buildCmap(s.GID),
		"post": buildPost(f.tables["post"]),
	}
	if os2 := f.tables["OS/2"]; os2 != nil {
		tables["OS/2"] = os2
	}
	s.Font = assemble(tables)
	return s, nil
}

// components lists the glyphs a composite glyph refers to.
func (f *Font) components(g uint16) ([]uint16, error) {
	data, err := f.glyphData(g)
	if err != nil {
		return nil, err
	}
	var out []uint16
	err = walkComponents(data, func(flagsAt int) {
		c, _ := u16(data, flagsAt+2)
		out = append(out, uint16(c))
	})
	for _, c := range out {
		if int(c) >= f.NumGlyphs {
			return nil, fmt.Errorf("truetype: glyph %d refers to glyph %d, beyond the font", g, c)
		}
	}
	return out, err
}

// walkComponents calls fn with the offset of each component record of a
// composite glyph and returns where the records end; simple glyphs have none.
func walkComponents(data []byte, fn func(flagsAt int)) error {
	_, err := componentsEnd(data, fn)
	return err
}

func componentsEnd(data []byte, fn func(flagsAt int)) (end int, err error) {
	if len(data) == 0 {
		return 0, nil
	}
	n, ok := i16(data, 0)
	if !ok || len(data) < 10 {
		return 0, errMalformed
	}
	if n >= 0 {
		return 0, nil
	}
	p := 10
	for {
		flags, ok := u16(data, p)
		if !ok || p+4 > len(data) {
			return 0, errMalformed
		}
		fn(p)
		p += 4
		if flags&argsAreWords != 0 {
			p += 4
		} else {
			p += 2
		}
		switch {
		case flags&haveScale != 0:
			p += 2
		case flags&haveXYScale != 0:
			p += 4
		case flags&haveTwoByTwo != 0:
			p += 8
		}
		if p > len(data) {
			return 0, errMalformed
		}
		if flags&moreComponents == 0 {
			return p, nil
		}
	}
}

// rewriteGlyph renumbers a composite glyph's components and drops the
// hinting instructions of any glyph.
func rewriteGlyph(data []byte, newID map[uint16]uint16) ([]byte, error) {
	if len(data) == 0 {
		return nil, nil
	}
	n, ok := i16(data, 0)
	if !ok || len(data) < 10 {
		return nil, errMalformed
	}
	if n < 0 {
		out := append([]byte(nil), data...)
		last := 0
		end, err := componentsEnd(out, func(p int) {
			old := binary.BigEndian.Uint16(out[p+2:])
			binary.BigEndian.PutUint16(out[p+2:], newID[old])
			last = p
		})
		if err != nil {
			return nil, err
		}
		flags := binary.BigEndian.Uint16(out[last:])
		binary.BigEndian.PutUint16(out[last:], flags&^haveInstruction)
		return out[:end], nil
	}
	insAt := 10 + 2*n
	insLen, ok := u16(data, insAt)
	if !ok || insAt+2+insLen > len(data) {
		return nil, errMalformed
	}
	out := make([]byte, 0, len(data)-insLen)
	out = append(out, data[:insAt]...)
	out = append(out, 0, 0)
	return append(out, data[insAt+2+insLen:]...), nil
}

// buildCmap writes a format 4 Unicode character map (BMP only), one
// segment per run of consecutive characters with consecutive glyphs.
func buildCmap(gid map[rune]uint16) []byte {
	var rs []rune
	for r := range gid {
		if r < 0xFFFF {
			rs = append(rs, r)
		}
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i] < rs[j] })
	type seg struct{ start, end, delta uint16 }
	var segs []seg
	for _, r := range rs {
		c, g := uint16(r), gid[r]
		if k := len(segs) - 1; k >= 0 && segs[k].end+1 == c && c+segs[k].delta == g {
			segs[k].end = c
			continue
		}
		segs = append(segs, seg{c, c, g - c})
	}
	segs = append(segs, seg{0xFFFF, 0xFFFF, 1})
	n := len(segs)
	var b bytes.Buffer
	w := func(v uint16) { binary.Write(&b, binary.BigEndian, v) }
	w(0) // version
	w(1) // one subtable
	w(3) // Windows
	w(1) // Unicode BMP
	binary.Write(&b, binary.BigEndian, uint32(12))
	w(4)
	w(uint16(16 + 8*n))
	w(0) // language
	w(uint16(2 * n))
	sr := 1
	for sr*2 <= n {
		sr *= 2
	}
	sel := 0
	for 1<<(sel+1) <= sr {
		sel++
	}
	w(uint16(2 * sr))
	w(uint16(sel))
	w(uint16(2*n - 2*sr))
	for _, s := range segs {
		w(s.end)
	}
	w(0)
	for _, s := range segs {
		w(s.start)
	}
	for _, s := range segs {
		w(s.delta)
	}
	for range segs {
		w(0)
	}
	return b.Bytes()
}

// buildPost writes a version 3 post table (no glyph names), keeping the
// original's italic angle and underline metrics.
func buildPost(orig []byte) []byte {
	out := make([]byte, 32)
	if len(orig) >= 32 {
		copy(out, orig[:32])
	}
	binary.BigEndian.PutUint32(out, 0x00030000)
	return out
}

// assemble writes an sfnt file from its tables.
func assemble(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	for t := range tables {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	n := len(tags)
	var b bytes.Buffer
	binary.Write(&b, binary.BigEndian, uint32(0x00010000))
	sr := 1
	for sr*2 <= n {
		sr *= 2
	}
	sel := 0
	for 1<<(sel+1) <= sr {
		sel++
	}
	binary.Write(&b, binary.BigEndian, []uint16{uint16(n), uint16(16 * sr), uint16(sel), uint16(16*n - 16*sr)})
	off := 12 + 16*n
	for _, t := range tags {
		data := tables[t]
		b.WriteString(t)
		binary.Write(&b, binary.BigEndian, []uint32{checksum(data), uint32(off), uint32(len(data))})
		off += (len(data) + 3) &^ 3
	}
	headAt := 0
	for _, t := range tags {
		if t == "head" {
			headAt = b.Len()
		}
		b.Write(tables[t])
		for b.Len()%4 != 0 {
			b.WriteByte(0)
		}
	}
	out := b.Bytes()
	binary.BigEndian.PutUint32(out[headAt+8:], 0xB1B0AFBA-checksum(out))
	return out
}

func checksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}
