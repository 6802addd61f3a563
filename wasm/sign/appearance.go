package sign

import (
	"fmt"
	"strings"
)

// Geometry of a signatures page (A4, in points) and its entries.
const (
	pageWidth   = 595.28
	pageHeight  = 841.89
	pageMargin  = 56
	entriesTop  = pageHeight - 150 // top of the first entry
	entryHeight = 92
	entryGap    = 12
	entryWidth  = pageWidth - 2*pageMargin
	markHeight  = 16
	markSize    = 8 // font size of a mark
)

// entryRect is the rectangle of entry slot (0-based on its page).
func entryRect(slot int) [4]float64 {
	top := entriesTop - float64(slot)*(entryHeight+entryGap)
	return [4]float64{pageMargin, top - entryHeight, pageMargin + entryWidth, top}
}

// Colours, as PDF operands.
const (
	colInk    = "0.11 0.16 0.24" // text
	colMuted  = "0.36 0.41 0.48" // labels
	colAccent = "0.12 0.23 0.37" // letters, mark frames
	colFill   = "0.965 0.973 0.984"
	colRule   = "0.78 0.81 0.86"
	colGood   = "0.05 0.42 0.25"
)

// painter writes a content stream with the two fonts of an update.
type painter struct {
	b         strings.Builder
	reg, bold *textFont
}

func (p *painter) text(f *textFont, size, x, y float64, color, s string) {
	res := "/F1"
	if f == p.bold {
		res = "/F2"
	}
	fmt.Fprintf(&p.b, "BT %s rg %s %s Tf %s %s Td %s Tj ET\n", color, res, num(size), num(x), num(y), f.encode(s))
}

// fit returns s at the largest size up to size (and at least minSize) at
// which it fits width, shortened with an ellipsis if even minSize is too
// large.
func fit(f *textFont, s string, size, minSize, width float64) (string, float64) {
	for ; size > minSize; size -= 0.5 {
		if f.width(s, size) <= width {
			return s, size
		}
	}
	r := []rune(s)
	for len(r) > 1 && f.width(string(r)+"…", minSize) > width {
		r = r[:len(r)-1]
	}
	if len(r) == len([]rune(s)) {
		return s, minSize
	}
	return string(r) + "…", minSize
}

// Texts of the signatures page. The page itself is written in English;
// the names come from the certificates.
const (
	pageTitle    = "Signatures"
	pageIntro1   = "This page lists the electronic signatures of this document. The letter of each entry matches"
	pageIntro2   = "the marks “Signature: see last page (A)” in the document. Each entry is part of what its signature signs."
	pageFooter   = "Check the signatures with a PDF signature validator; this page alone proves nothing."
	labelID      = "Identity number: "
	labelTime    = "Signing time: "
	labelMethod  = "Method"
	methodName   = "Smart-ID"
	labelQES     = "Qualified electronic signature"
	markTemplate = "Signature: see last page (%s)"
)

// pageContent draws the fixed part of a signatures page: title, intro,
// rule and footer. n and of number the page among the signatures pages.
func pageContent(reg, bold *textFont, n, of int) []byte {
	p := &painter{reg: reg, bold: bold}
	title := pageTitle
	if of > 1 {
		title = fmt.Sprintf("%s (%d of %d)", pageTitle, n, of)
	}
	p.text(bold, 20, pageMargin, pageHeight-80, colAccent, title)
	p.text(reg, 8.5, pageMargin, pageHeight-100, colMuted, pageIntro1)
	p.text(reg, 8.5, pageMargin, pageHeight-111.5, colMuted, pageIntro2)
	fmt.Fprintf(&p.b, "%s RG 0.75 w %s %s m %s %s l S\n", colRule, num(pageMargin), num(pageHeight-128), num(pageWidth-pageMargin), num(pageHeight-128))
	fmt.Fprintf(&p.b, "%s RG 0.5 w %s 48 m %s 48 l S\n", colRule, num(pageMargin), num(pageWidth-pageMargin))
	p.text(reg, 7.5, pageMargin, 36, colMuted, pageFooter)
	return []byte(p.b.String())
}

// entryInfo is what an entry shows.
type entryInfo struct {
	letter, name, id, time string
}

// entryContent draws a signature's entry, entryWidth × entryHeight.
func entryContent(reg, bold *textFont, e entryInfo) []byte {
	p := &painter{reg: reg, bold: bold}
	w, h := float64(entryWidth), float64(entryHeight)
	fmt.Fprintf(&p.b, "q %s rg %s RG 0.75 w\n", colFill, colRule)
	roundedRect(&p.b, 0.5, 0.5, w-1, h-1, 6)
	p.b.WriteString("B Q\n")
	// The letter in a disc.
	fmt.Fprintf(&p.b, "%s rg\n", colAccent)
	circle(&p.b, 32, h/2, 18)
	p.b.WriteString("f\n")
	lw := bold.width(e.letter, 19)
	p.text(bold, 19, 32-lw/2, h/2-6.8, "1 1 1", e.letter)
	// Signer, identity, time, level.
	textX, methodX := 64.0, w-136
	name, size := fit(bold, e.name, 13, 8, methodX-12-textX)
	p.text(bold, size, textX, h-27, colInk, name)
	id, size := fit(reg, labelID+e.id, 9.5, 7, methodX-12-textX)
	p.text(reg, size, textX, h-45, colInk, id)
	p.text(reg, 9.5, textX, h-59, colInk, labelTime+e.time)
	p.text(bold, 9.5, textX, 16, colGood, labelQES)
	// The method.
	fmt.Fprintf(&p.b, "%s RG 0.5 w %s 14 m %s %s l S\n", colRule, num(methodX), num(methodX), num(h-14))
	p.text(reg, 7.5, methodX+14, h-27, colMuted, labelMethod)
	smartIDLogo(&p.b, methodX+14, h/2-22, 24)
	p.text(bold, 12.5, methodX+44, h/2-14, colInk, methodName)
	return []byte(p.b.String())
}

// markText is what a mark says for letter.
func markText(letter string) string { return fmt.Sprintf(markTemplate, letter) }

// markWidth is the width of a mark for letter.
func markWidth(reg *textFont, letter string) float64 {
	return reg.width(markText(letter), markSize) + 12
}

// markContent draws a mark, markWidth × markHeight.
func markContent(reg, bold *textFont, letter string) []byte {
	p := &painter{reg: reg, bold: bold}
	w := markWidth(reg, letter)
	fmt.Fprintf(&p.b, "q 0.94 0.96 0.99 rg %s RG 0.6 w\n", colAccent)
	roundedRect(&p.b, 0.3, 0.3, w-0.6, markHeight-0.6, 3)
	p.b.WriteString("B Q\n")
	p.text(reg, markSize, 6, 5.2, colAccent, markText(letter))
	return []byte(p.b.String())
}
