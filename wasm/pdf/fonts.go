package pdf

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// Fonts as far as text extraction needs them (ISO 32000-2 9.6-9.10): how
// a string splits into codes, each code's Unicode text, and its advance
// width. Glyph programs are never read; where only the program would
// tell (the built-in encoding of an embedded Type1 font, the CID-to-
// Unicode mapping of a Type0 font without ToUnicode), the text is the
// best guess documented at each place, or U+FFFD.

type fontKind uint8

const (
	fontSimple fontKind = iota
	fontType0
	fontType3
)

// font is a loaded font resource.
type font struct {
	name string // /BaseFont, for the caller's information
	kind fontKind

	// Simple fonts and Type3: per-code text and widths (text space, 1/em).
	text      [256]string
	width     [256]float64
	hasWidth  [256]bool
	missing   float64
	stdWidths func(rune) float64

	// Type0.
	enc      *cmap // nil with Identity-H/V
	ucs2     bool  // a predefined Uni...-UCS2 CMap: the code is the text
	vertical bool
	dw       float64
	w        map[uint32]float64
	wRanges  []widthRange
	toUni    *cmap

	fontMatrix matrix // glyph space to text space (Type3; 1/1000 otherwise)

	ascent, descent float64 // in text space units (fractions of the size)
}

type widthRange struct {
	lo, hi uint32
	w      float64
}

// glyphCode is one code of a shown string.
type glyphCode struct {
	code uint32
	n    int     // bytes
	text string  // Unicode text, "\uFFFD" when unknown
	w    float64 // horizontal advance (vertical: the glyph width), text space per unit of font size
}

// decode splits s into codes, calling fn for each.
func (ft *font) decode(s []byte, fn func(g glyphCode) error) error {
	if ft.kind != fontType0 {
		for _, c := range s {
			w := ft.missing
			if ft.hasWidth[c] {
				w = ft.width[c]
			} else if ft.stdWidths != nil {
				if r := []rune(ft.text[c]); len(r) == 1 {
					w = ft.stdWidths(r[0]) / 1000
				}
			}
			t := ft.text[c]
			if t == "" {
				t = "\uFFFD"
			}
			if err := fn(glyphCode{code: uint32(c), n: 1, text: t, w: w}); err != nil {
				return err
			}
		}
		return nil
	}
	for len(s) > 0 {
		var code uint32
		var n int
		if ft.enc == nil {
			n = min(2, len(s))
			code = bytesCode(s[:n])
		} else {
			code, n, _ = ft.enc.nextCode(s)
		}
		cid := code
		if ft.enc != nil {
			cid, _ = ft.enc.cid(code, n)
		}
		g := glyphCode{code: code, n: n, text: "\uFFFD", w: ft.cidWidth(cid)}
		if ft.toUni != nil {
			if t, ok := ft.toUni.unicode(code, n); ok {
				g.text = t
			}
		} else if ft.ucs2 && (code < 0xD800 || code > 0xDFFF) {
			g.text = string(rune(code))
		}
		if err := fn(g); err != nil {
			return err
		}
		s = s[n:]
	}
	return nil
}

func (ft *font) cidWidth(cid uint32) float64 {
	if w, ok := ft.w[cid]; ok {
		return w
	}
	i := sort.Search(len(ft.wRanges), func(i int) bool { return ft.wRanges[i].lo > cid }) - 1
	if i >= 0 && cid <= ft.wRanges[i].hi {
		return ft.wRanges[i].w
	}
	return ft.dw
}

// fontLoader loads fonts for one page, caching fonts by object number
// and ToUnicode CMaps by stream object number.
type fontLoader struct {
	f     *File
	rev   int
	fonts map[string]*font
	cmaps map[int]*cmap
}

func (fl *fontLoader) num(o types.Object) (types.Object, error) { return fl.f.resolve(fl.rev, o) }

func (fl *fontLoader) number(o types.Object) (float64, bool) {
	v, err := fl.num(o)
	if err != nil {
		return 0, false
	}
	switch n := v.(type) {
	case types.Integer:
		return float64(n), true
	case types.Float:
		if math.IsNaN(float64(n)) || math.IsInf(float64(n), 0) {
			return 0, false
		}
		return float64(n), true
	}
	return 0, false
}

func (fl *fontLoader) array(o types.Object) types.Array {
	v, err := fl.num(o)
	if err != nil {
		return nil
	}
	a, _ := v.(types.Array)
	return a
}

// load returns the font for a resource entry; key identifies it for the
// cache (the object number, or where the direct dictionary lives).
func (fl *fontLoader) load(key string, o types.Object) (*font, error) {
	if ft, ok := fl.fonts[key]; ok {
		return ft, nil
	}
	if len(fl.fonts) >= MaxFonts {
		return nil, limitErrorf("more than MaxFonts (%d) fonts on one page", MaxFonts)
	}
	d, err := fl.f.resolveDict(fl.rev, o)
	if err != nil {
		return nil, err
	}
	if d == nil {
		return nil, fmt.Errorf("font %s is not a dictionary", key)
	}
	ft := &font{fontMatrix: matrix{0.001, 0, 0, 0.001, 0, 0}, ascent: 0.75, descent: -0.25}
	ft.name, _ = fl.nameOf(d["BaseFont"])
	sub, _ := fl.nameOf(d["Subtype"])
	switch sub {
	case "Type0":
		ft.kind = fontType0
		err = fl.loadType0(ft, d)
	case "Type3":
		ft.kind = fontType3
		err = fl.loadSimple(ft, d, true)
	default: // Type1, MMType1, TrueType, and anything unknown read as simple
		err = fl.loadSimple(ft, d, false)
	}
	if err != nil {
		return nil, fmt.Errorf("font %s (%s): %w", key, ft.name, err)
	}
	if tu, ok := d["ToUnicode"]; ok {
		cm, err := fl.cmap(tu)
		if err != nil {
			return nil, fmt.Errorf("font %s (%s): ToUnicode: %w", key, ft.name, err)
		}
		if cm != nil && ft.kind == fontType0 {
			ft.toUni = cm
		} else if cm != nil {
			// ToUnicode takes precedence over the encoding (ISO 32000-2
			// 9.10.2).
			for c := range 256 {
				if t, ok := cm.unicode(uint32(c), 1); ok {
					ft.text[c] = t
				}
			}
		}
	}
	fl.fonts[key] = ft
	return ft, nil
}

func (fl *fontLoader) nameOf(o types.Object) (string, bool) {
	v, err := fl.num(o)
	if err != nil {
		return "", false
	}
	n, ok := v.(types.Name)
	return string(n), ok
}

// cmap parses a CMap stream, cached by object number. A CMap that is not
// a stream yields nil.
func (fl *fontLoader) cmap(o types.Object) (*cmap, error) {
	num := -1
	if r, ok := o.(types.IndirectRef); ok {
		num = int(r.ObjectNumber)
		if cm, ok := fl.cmaps[num]; ok {
			return cm, nil
		}
	}
	v, err := fl.num(o)
	if err != nil {
		return nil, err
	}
	sd, ok := v.(types.StreamDict)
	if !ok {
		return nil, nil
	}
	b, err := fl.f.Stream(fl.rev, sd)
	if err != nil {
		return nil, err
	}
	cm, err := parseCMap(b)
	if err != nil {
		return nil, err
	}
	if num >= 0 {
		fl.cmaps[num] = cm
	}
	return cm, nil
}

// descriptor reads the metrics of a font descriptor: ascent and descent
// when plausible, MissingWidth, and the symbolic flag.
func (fl *fontLoader) descriptor(ft *font, o types.Object) (symbolic bool) {
	fd, err := fl.f.resolveDict(fl.rev, o)
	if err != nil || fd == nil {
		return false
	}
	if a, ok := fl.number(fd["Ascent"]); ok && a > 0 && a <= 2000 {
		ft.ascent = a / 1000
	}
	if d, ok := fl.number(fd["Descent"]); ok && d < 0 && d >= -1000 {
		ft.descent = d / 1000
	}
	if m, ok := fl.number(fd["MissingWidth"]); ok && m >= 0 && m < 1e5 {
		ft.missing = m / 1000
	}
	if fg, ok := fl.number(fd["Flags"]); ok {
		symbolic = int64(fg)&4 != 0
	}
	return symbolic
}

// loadSimple reads a Type1, TrueType, MMType1 or Type3 font: the
// encoding (base encoding, /Differences) and /FirstChar, /Widths.
func (fl *fontLoader) loadSimple(ft *font, d types.Dict, type3 bool) error {
	symbolic := fl.descriptor(ft, d["FontDescriptor"])
	if type3 {
		if a := numbers(fl.array(d["FontMatrix"])); len(a) == 6 {
			if m := (matrix{a[0], a[1], a[2], a[3], a[4], a[5]}); m.finite() {
				ft.fontMatrix = m
			}
		}
		// The glyphs' vertical extent, from the FontBBox in glyph space.
		if bb, ok := rectFrom(numbers(fl.array(d["FontBBox"]))); ok && !bb.Empty() {
			if r := ft.fontMatrix.rect(bb); r.Y1 > 0 && r.Y1 < 1e3 && r.Y0 > -1e3 {
				ft.ascent, ft.descent = r.Y1, min(r.Y0, 0)
			}
		}
	}
	sub, _ := fl.nameOf(d["Subtype"])
	// The base encoding when /Encoding names none: StandardEncoding for
	// Type1 fonts (an embedded program's own encoding is not read), and
	// WinAnsiEncoding otherwise, which is what the nonsymbolic TrueType
	// fonts of office producers use.
	encodings()
	base := &winAnsiEnc
	if (sub == "Type1" || sub == "MMType1") && !symbolic {
		base = &standardEnc
	}
	var diffs types.Array
	ev, err := fl.num(d["Encoding"])
	if err != nil {
		return err
	}
	switch e := ev.(type) {
	case types.Name:
		base = namedEncoding(string(e), base)
	case types.Dict:
		if n, ok := fl.nameOf(e["BaseEncoding"]); ok {
			base = namedEncoding(n, base)
		}
		diffs = fl.array(e["Differences"])
	}
	for c := range 256 {
		if r := base[c]; r != 0 {
			ft.text[c] = string(r)
		}
	}
	code := -1
	for _, x := range diffs {
		switch v := x.(type) {
		case types.Integer:
			code = int(v)
		case types.Name:
			if code >= 0 && code < 256 {
				if t, ok := glyphText(string(v)); ok {
					ft.text[code] = t
				} else {
					ft.text[code] = "" // an unknown name replaces the base glyph
				}
			}
			if code >= 0 {
				code++
			}
		}
	}
	first, _ := fl.number(d["FirstChar"])
	ws := fl.array(d["Widths"])
	scale := 0.001
	if type3 {
		scale = ft.fontMatrix[0]
	}
	for i, x := range ws {
		c := int(first) + i
		if c < 0 || c > 255 {
			continue
		}
		if w, ok := fl.number(x); ok {
			ft.width[c], ft.hasWidth[c] = w*scale, true
		}
	}
	if len(ws) == 0 && !type3 {
		ft.stdWidths = standardWidths(ft.name)
		if ft.stdWidths == nil {
			ft.missing = max(ft.missing, 0.5) // an estimate; nothing better is known
		}
	}
	return nil
}

func namedEncoding(name string, dflt *baseEncoding) *baseEncoding {
	switch name {
	case "StandardEncoding":
		return &standardEnc
	case "WinAnsiEncoding":
		return &winAnsiEnc
	case "MacRomanEncoding", "MacExpertEncoding":
		return &macRomanEnc
	}
	return dflt
}

// loadType0 reads a composite font: its encoding CMap and the widths of
// its descendant CIDFont.
func (fl *fontLoader) loadType0(ft *font, d types.Dict) error {
	ev, err := fl.num(d["Encoding"])
	if err != nil {
		return err
	}
	switch e := ev.(type) {
	case types.Name:
		// Identity-H/V: two-byte codes that are CIDs. Other predefined
		// CMaps are not bundled: their codes are read as two bytes, and
		// the Unicode ones (Uni...-UCS2-...) give the text directly.
		ft.vertical = strings.HasSuffix(string(e), "-V")
		ft.ucs2 = strings.HasPrefix(string(e), "Uni") && strings.Contains(string(e), "UCS2")
	case types.StreamDict:
		cm, err := fl.cmap(d["Encoding"])
		if err != nil {
			return fmt.Errorf("encoding CMap: %w", err)
		}
		ft.enc = cm
		if cm != nil {
			ft.vertical = cm.vertical
		}
		if w, ok := fl.number(e.Dict["WMode"]); ok {
			ft.vertical = w == 1
		}
	}
	ft.dw = 1
	desc := fl.array(d["DescendantFonts"])
	if len(desc) == 0 {
		return nil
	}
	cf, err := fl.f.resolveDict(fl.rev, desc[0])
	if err != nil || cf == nil {
		return err
	}
	fl.descriptor(ft, cf["FontDescriptor"])
	if dw, ok := fl.number(cf["DW"]); ok && dw >= 0 && dw < 1e5 {
		ft.dw = dw / 1000
	}
	return fl.cidWidths(ft, fl.array(cf["W"]))
}

// cidWidths reads a CIDFont /W array: "c [w1 w2 ...]" and "c1 c2 w"
// (ISO 32000-2 9.7.4.3).
func (fl *fontLoader) cidWidths(ft *font, a types.Array) error {
	ft.w = map[uint32]float64{}
	entries := 0
	for i := 0; i < len(a); {
		c, ok := fl.number(a[i])
		if !ok || c < 0 || c > math.MaxUint32 || i+1 >= len(a) {
			break
		}
		if ws := fl.array(a[i+1]); ws != nil {
			for k, x := range ws {
				if entries++; entries > MaxCMapEntries {
					return limitErrorf("CIDFont /W with more than MaxCMapEntries (%d) entries", MaxCMapEntries)
				}
				if w, ok := fl.number(x); ok {
					ft.w[uint32(c)+uint32(k)] = w / 1000
				}
			}
			i += 2
			continue
		}
		hi, ok1 := fl.number(a[i+1])
		if i+2 >= len(a) || !ok1 || hi < c || hi > math.MaxUint32 {
			break
		}
		w, _ := fl.number(a[i+2])
		if entries++; entries > MaxCMapEntries {
			return limitErrorf("CIDFont /W with more than MaxCMapEntries (%d) entries", MaxCMapEntries)
		}
		ft.wRanges = append(ft.wRanges, widthRange{lo: uint32(c), hi: uint32(hi), w: w / 1000})
		i += 3
	}
	sort.SliceStable(ft.wRanges, func(i, j int) bool { return ft.wRanges[i].lo < ft.wRanges[j].lo })
	return nil
}
