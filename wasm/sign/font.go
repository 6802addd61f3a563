package sign

import (
	"crypto/sha256"
	_ "embed" // the font subsets
	"fmt"
	"sort"
	"strings"
	"sync"
	"unicode"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
	"github.com/verso-pdf/verso/wasm/sign/internal/truetype"
)

// The fonts are DejaVu Sans subsets (font/gen.go): about 22 KB each in
// the binary. Each incremental update embeds a second, smaller subset
// with only the glyphs its own text uses.
var (
	//go:embed font/DejaVuSans-subset.ttf
	regularTTF []byte
	//go:embed font/DejaVuSans-Bold-subset.ttf
	boldTTF []byte

	loadFonts sync.Once
	regular   *truetype.Font
	bold      *truetype.Font
	fontErr   error
)

func fonts() (*truetype.Font, *truetype.Font, error) {
	loadFonts.Do(func() {
		regular, fontErr = truetype.Parse(regularTTF)
		if fontErr == nil {
			bold, fontErr = truetype.Parse(boldTTF)
		}
	})
	return regular, bold, fontErr
}

// textFont draws text with one font in the appearances of one update. It
// is used twice: first to collect the characters (encode records them and
// returns nothing), then, after subset, to encode them as glyph ids.
type textFont struct {
	name string // the PDF base font name, before the subset tag
	base *truetype.Font
	used map[rune]bool
	sub  *truetype.Subset
}

func newTextFont(name string, f *truetype.Font) *textFont {
	return &textFont{name: name, base: f, used: map[rune]bool{}}
}

// clean makes certificate text drawable: control characters go, white
// space becomes a space, and characters the font lacks become '?'. What
// the entry shows is then exactly what its text extraction returns.
func (t *textFont) clean(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsControl(r):
			continue
		case unicode.IsSpace(r):
			r = ' '
		}
		if _, ok := t.base.Glyph(r); !ok {
			r = '?'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// width returns the width of s at size points.
func (t *textFont) width(s string, size float64) float64 {
	w := 0
	for _, r := range s {
		if g, ok := t.base.Glyph(r); ok {
			w += t.base.Advance(g)
		}
	}
	return float64(w) * size / float64(t.base.UnitsPerEm)
}

// encode returns s as a hex string of glyph ids for Tj.
func (t *textFont) encode(s string) string {
	if t.sub == nil {
		for _, r := range s {
			t.used[r] = true
		}
		return "<>"
	}
	var b strings.Builder
	b.WriteByte('<')
	for _, r := range s {
		fmt.Fprintf(&b, "%04X", t.sub.GID[r])
	}
	b.WriteByte('>')
	return b.String()
}

// subset makes the subset of the characters collected so far.
func (t *textFont) subset() error {
	runes := make([]rune, 0, len(t.used))
	for r := range t.used {
		runes = append(runes, r)
	}
	s, err := t.base.Subset(runes)
	if err != nil {
		return fmt.Errorf("font subset: %w", err)
	}
	t.sub = s
	return nil
}

// write adds the font's objects (Type0, CIDFontType2, descriptor, font
// file, ToUnicode) to u and returns the Type0 font.
func (t *textFont) write(u *update) types.IndirectRef {
	f, s := t.base, t.sub
	scale := func(v int) int { return v * 1000 / f.UnitsPerEm }
	// The subset tag names the glyph set, as ISO 32000-2 9.9.2 asks.
	h := sha256.Sum256(s.Font)
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + h[i]%26
	}
	name := string(tag) + "+" + t.name
	type0, cid, desc, file, cmap := u.alloc(), u.alloc(), u.alloc(), u.alloc(), u.alloc()
	u.object(type0, fmt.Appendf(nil, "<</Type /Font /Subtype /Type0 /BaseFont /%s /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R>>",
		name, cid.ObjectNumber, cmap.ObjectNumber))
	var w strings.Builder
	for i, a := range s.Advance {
		if i > 0 {
			w.WriteByte(' ')
		}
		fmt.Fprintf(&w, "%d", scale(a))
	}
	u.object(cid, fmt.Appendf(nil, "<</Type /Font /Subtype /CIDFontType2 /BaseFont /%s /CIDSystemInfo <</Registry (Adobe) /Ordering (Identity) /Supplement 0>> /FontDescriptor %d 0 R /DW 1000 /W [0 [%s]] /CIDToGIDMap /Identity>>",
		name, desc.ObjectNumber, w.String()))
	flags := 32 // nonsymbolic
	u.object(desc, fmt.Appendf(nil, "<</Type /FontDescriptor /FontName /%s /Flags %d /FontBBox [%d %d %d %d] /ItalicAngle 0 /Ascent %d /Descent %d /CapHeight %d /StemV 80 /FontFile2 %d 0 R>>",
		name, flags, scale(f.BBox[0]), scale(f.BBox[1]), scale(f.BBox[2]), scale(f.BBox[3]), scale(f.Ascent), scale(f.Descent), scale(f.Ascent)*73/100, file.ObjectNumber))
	u.stream(file, fmt.Sprintf(" /Length1 %d", len(s.Font)), s.Font, true)
	u.stream(cmap, "", toUnicode(s.GID), true)
	return type0
}

// toUnicode writes the CMap that maps glyph ids back to characters, so
// that copying and text extraction return the names as the certificate
// spells them.
func toUnicode(gid map[rune]uint16) []byte {
	type pair struct {
		g uint16
		r rune
	}
	var pairs []pair
	for r, g := range gid {
		pairs = append(pairs, pair{g, r})
	}
	sort.Slice(pairs, func(i, j int) bool { return pairs[i].g < pairs[j].g })
	var b strings.Builder
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo <</Registry (Adobe) /Ordering (UCS) /Supplement 0>> def\n" +
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n" +
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	for len(pairs) > 0 {
		n := min(len(pairs), 100) // at most 100 entries per block
		fmt.Fprintf(&b, "%d beginbfchar\n", n)
		for _, p := range pairs[:n] {
			fmt.Fprintf(&b, "<%04X> <", p.g)
			for _, u := range utf16(p.r) {
				fmt.Fprintf(&b, "%04X", u)
			}
			b.WriteString(">\n")
		}
		b.WriteString("endbfchar\n")
		pairs = pairs[n:]
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
	return []byte(b.String())
}

func utf16(r rune) []uint16 {
	if r < 0x10000 {
		return []uint16{uint16(r)}
	}
	r -= 0x10000
	return []uint16{uint16(0xD800 + r>>10), uint16(0xDC00 + r&0x3FF)}
}
