package verify

import (
	"regexp"
	"slices"
	"strings"

	"github.com/verso-pdf/verso/wasm/pdf"
)

// markPattern finds "see last page (A)" in the languages OK!Sign and verso
// write: English, Dutch, French, German, Estonian, Latvian, Lithuanian.
// Extraction may split words or space out glyphs, so white space between
// the words is free and case does not matter.
var markPattern = regexp.MustCompile(`(?i)(` + strings.Join([]string{
	`see\s*(?:the\s*)?last\s*page`,
	`zie\s*(?:de\s*)?laatste\s*(?:pagina|blz\.?)`,
	`voir\s*(?:la\s*)?derni[eè]re\s*page`,
	`siehe\s*letzte\s*seite`,
	`vaata\s*viimast\s*lehek[uü]lge`, `vt\.?\s*viimast\s*lehte`,
	`skat[iī]t\s*p[eē]d[eē]jo\s*lapu`, `sk\.?\s*p[eē]d[eē]jo\s*lapu`,
	`[zž]i[uū]r[eė]ti\s*paskutin[iį]\s*puslap[iį]`, `[zž]r\.?\s*paskutin[iį]\s*puslap[iį]`,
}, "|") + `)\s*[:\-–]?\s*\(\s*([A-Z])\s*\)`)

// markMatch is one mark found in a text.
type markMatch struct {
	letter string
	text   string
}

// findMarks returns the marks in text, skipping quoted ones: a page that
// explains the marks ("the marks “… (A)” in the document") is no mark.
func findMarks(text string) []markMatch {
	var out []markMatch
	for _, m := range markPattern.FindAllStringSubmatchIndex(text, -1) {
		if quoted(text, m[0]) {
			continue
		}
		out = append(out, markMatch{letter: strings.ToUpper(text[m[4]:m[5]]), text: text[m[0]:m[1]]})
	}
	return out
}

// quoted reports whether the match at i follows an opening quote with no
// closing one in between.
func quoted(text string, i int) bool {
	before := text[:i]
	open := strings.LastIndexAny(before, "“„«\"")
	if open < 0 {
		return false
	}
	return !strings.ContainsAny(before[open+1:], "”»\"")
}

// identityPattern is a national identity as Smart-ID certificates state it
// (ETSI EN 319 412-1 semantics identifier: PNO, IDC or PAS, a country, the
// number).
var identityPattern = regexp.MustCompile(`\b(?:PNO|IDC|PAS)[A-Z]{2}-[0-9A-Z][0-9A-Z\-]*[0-9A-Z]\b`)

// letterLine is a line that is one capital letter alone: the letter of an
// entry on a signatures page.
var letterLine = regexp.MustCompile(`^\(?([A-Z])\)?[.:]?$`)

// entry is what a signatures page prints for one signature.
type pageEntry struct {
	letter, name, identity, time string
	page                         int // 1-based
	box                          pdf.Rect
}

// labels are the fixed words of an entry, in the languages above; a line
// that holds one is not the signer's name.
var labels = regexp.MustCompile(`(?i)identity|signing time|method|smart-id|mobile-id|id-card|qualified|electronic|signature|isikukood|allkiri|paraksts|parašas|handtekening|signature|unterschrift|kood|numurs|numeris|nummer|numéro|time|aeg|laiks|laikas|tijd|heure|zeit|date|datum`)

// entryOf reads an entry from the text lines of one appearance or one
// block of page text: the lone capital letter, the identity number, the
// name (the largest remaining line without digits and labels), and the
// time (the line that names it).
func entryOf(lines []pdf.TextLine) (pageEntry, bool) {
	lines = columns(lines)
	var e pageEntry
	var nameSize float64
	for _, l := range lines {
		text := strings.TrimSpace(l.Text)
		switch m := letterLine.FindStringSubmatch(text); {
		case m != nil && e.letter == "":
			e.letter = m[1]
			continue
		}
		if id := identityPattern.FindString(text); id != "" && e.identity == "" {
			e.identity = id
			continue
		}
		if strings.Contains(strings.ToLower(text), "time") || strings.Contains(strings.ToLower(text), "aeg") {
			if i := strings.Index(text, ":"); i >= 0 && e.time == "" {
				e.time = strings.TrimSpace(text[i+1:])
				continue
			}
		}
		if text == "" || strings.ContainsAny(text, "0123456789:") || labels.MatchString(text) {
			continue
		}
		if l.Size > nameSize {
			e.name, nameSize = text, l.Size
		}
	}
	if e.letter == "" {
		return pageEntry{}, false
	}
	e.box = lines[0].Box
	for _, l := range lines[1:] {
		e.box = e.box.Union(l.Box)
	}
	return e, true
}

// columnGap is the gap between words, in font sizes, that splits one
// baseline into columns: an entry prints its name on the left and the
// method on the right of the same baseline.
const columnGap = 3

// columns splits each line where its words are far apart.
func columns(lines []pdf.TextLine) []pdf.TextLine {
	var out []pdf.TextLine
	for _, l := range lines {
		if len(l.Words) == 0 {
			out = append(out, l)
			continue
		}
		cur := pdf.TextLine{Angle: l.Angle, Size: l.Size, Words: slices.Clone(l.Words[:1]), Box: l.Words[0].Box, Text: l.Words[0].Text}
		for i := 1; i < len(l.Words); i++ {
			w, prev := l.Words[i], l.Words[i-1]
			gap := max(w.Box.X0-prev.Box.X1, w.Box.Y0-prev.Box.Y1, prev.Box.X0-w.Box.X1)
			// A lone capital set apart from the words after it is the
			// letter of an entry, even on their baseline.
			loneLetter := i == 1 && letterLine.MatchString(prev.Text) && gap > l.Size/2
			if l.Size > 0 && (gap > columnGap*l.Size || loneLetter) {
				out = append(out, cur)
				cur = pdf.TextLine{Angle: l.Angle, Size: l.Size, Box: w.Box, Text: w.Text}
			} else {
				cur.Box = cur.Box.Union(w.Box)
				cur.Text += " " + w.Text
			}
			cur.Words = append(cur.Words, w)
		}
		out = append(out, cur)
	}
	return out
}
