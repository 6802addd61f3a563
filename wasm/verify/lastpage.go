package verify

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
	"github.com/verso-pdf/verso/wasm/pdf"
)

// Reference statuses.
const (
	// ReferenceConsistent: the letter's entry names the signer of a valid
	// signature, as the certificate states, and its marks came with it.
	ReferenceConsistent Status = "CONSISTENT"
	// ReferenceMismatch: the page says something the cryptography does not.
	ReferenceMismatch Status = "MISMATCH"
	// ReferenceUnsigned: no valid signature stands behind the letter.
	ReferenceUnsigned Status = "UNSIGNED"
)

// Limits on what the reference search reads.
const (
	// maxMarkPages bounds the pages searched for marks.
	maxMarkPages = 2000
	// maxMarks bounds the marks kept for one document.
	maxMarks = 500
	// entryReach is how far, in points, around an identity number the
	// lines of one printed entry are gathered.
	entryReach = 60
)

// Reference is one letter of a signatures page ("A"), what the page
// prints for it, the signature behind it and the marks pointing to it.
type Reference struct {
	Letter string `json:"letter"`
	Status Status `json:"status"`
	// Signature is the index of the signature whose appearance shows the
	// letter, -1 when none does.
	Signature int `json:"signature"`
	// Entry is what the page prints; nil when only marks name the letter.
	Entry *PrintedEntry `json:"entry,omitempty"`
	// CertifiedName and CertifiedIdentity are what the certificate says.
	CertifiedName     string   `json:"certifiedName,omitempty"`
	CertifiedIdentity string   `json:"certifiedIdentity,omitempty"`
	Marks             []Mark   `json:"marks"`
	Warnings          []string `json:"warnings,omitempty"`
}

// PrintedEntry is a letter's entry on the signatures page.
type PrintedEntry struct {
	Page     int       `json:"page"`
	Rect     []float64 `json:"rect"`
	Name     string    `json:"name,omitempty"`
	Identity string    `json:"identity,omitempty"`
	Time     string    `json:"time,omitempty"`
	// Source is "signature-appearance" when the signature's own widget
	// draws it, "page-text" when it is text of the page.
	Source string `json:"source"`
}

// Mark is one "see last page (A)" in the document.
type Mark struct {
	Page int       `json:"page"`
	Rect []float64 `json:"rect"`
	Text string    `json:"text"`
	// Kind is "annotation" or "page-content".
	Kind string `json:"kind"`
	// Revision is the first revision (from 0) that shows the mark.
	Revision int `json:"revision"`
}

// lastPage is the state of one reference search.
type lastPage struct {
	f       *pdf.File
	last    int
	pages   []types.IndirectRef
	entries map[int]pageEntry // signature index → its entry
	texts   map[[2]int][]pdf.TextLine
	// signedRevision holds the revisions that signatures sign.
	signedRevision map[int]bool
}

// findReferences maps the letters of the signatures page to signatures
// and to the marks in the document, and checks the page against the
// certificates (issue #9). It fills each signature's Letter and
// References and returns the document's references.
func findReferences(f *pdf.File, sigs []pdf.Signature, out []Signature) []Reference {
	lp := &lastPage{f: f, last: len(f.Revisions()) - 1, entries: map[int]pageEntry{}, texts: map[[2]int][]pdf.TextLine{}}
	lp.pages, _ = f.Pages(lp.last)
	lp.signedRevision = map[int]bool{}
	for _, s := range sigs {
		lp.signedRevision[s.SignedRevision] = true
	}
	for i, s := range sigs {
		if e, ok := lp.signatureEntry(s); ok {
			lp.entries[i] = e
		}
	}
	marks := lp.marks()
	loose := lp.printedEntries()
	if len(lp.entries) == 0 && len(marks) == 0 && len(loose) == 0 {
		for i := range out {
			out[i].References = Placeholder{Status: StatusNotPresent, Reason: "the document has no signatures page and no marks pointing to one"}
		}
		return nil
	}
	refs := lp.references(sigs, out, marks, loose)
	for i := range out {
		out[i].References = Placeholder{Status: StatusNotPresent, Reason: "no entry of the signatures page belongs to this signature"}
		if out[i].Kind == kindDocTimestamp {
			out[i].References.Reason = "a document timestamp has no entry"
		}
	}
	for _, r := range refs {
		if r.Signature >= 0 {
			out[r.Signature].Letter = r.Letter
			out[r.Signature].References = Placeholder{Status: r.Status, Reason: strings.Join(r.Warnings, "; ")}
		}
	}
	return refs
}

// signatureEntry reads the entry a signature's own widget draws, else the
// page text under its widget.
func (lp *lastPage) signatureEntry(s pdf.Signature) (pageEntry, bool) {
	if s.Page < 1 || len(s.Rect) != 4 {
		return pageEntry{}, false
	}
	if pc, err := lp.f.AnnotationContent(lp.last, s.FieldRef); err == nil {
		if e, ok := entryOf(pdf.Lines(pc.Runs)); ok {
			e.page, e.box = s.Page, rectOfSlice(s.Rect)
			return e, true
		}
	}
	box := rectOfSlice(s.Rect)
	if box.Empty() {
		return pageEntry{}, false
	}
	var under []pdf.TextLine
	for _, l := range lp.pageLines(lp.last, s.Page-1) {
		if l.Box.Intersects(box) {
			under = append(under, l)
		}
	}
	e, ok := entryOf(under)
	e.page = s.Page
	return e, ok
}

// pageLines is the text of a page (0-based) in a revision, read once.
func (lp *lastPage) pageLines(rev, page int) []pdf.TextLine {
	key := [2]int{rev, page}
	if lines, ok := lp.texts[key]; ok {
		return lines
	}
	var lines []pdf.TextLine
	if pc, err := lp.f.PageContent(rev, page); err == nil {
		lines = pdf.Lines(pc.Runs)
	}
	lp.texts[key] = lines
	return lines
}

// printedEntries finds entries printed as page text on the pages that hold
// signature entries (and the last page): an identity number with a lone
// letter near it, outside every signature widget. They claim a signature;
// the references check whether one stands behind them.
func (lp *lastPage) printedEntries() []pageEntry {
	pages := map[int]bool{len(lp.pages): true}
	for _, e := range lp.entries {
		pages[e.page] = true
	}
	var out []pageEntry
	for page := range pages {
		if page < 1 || page > len(lp.pages) {
			continue
		}
		lines := lp.pageLines(lp.last, page-1)
		for _, l := range lines {
			if !identityPattern.MatchString(l.Text) || lp.insideWidget(page, l.Box) {
				continue
			}
			near := pdf.Rect{X0: l.Box.X0 - 4*entryReach, Y0: l.Box.Y0 - entryReach, X1: l.Box.X1 + entryReach, Y1: l.Box.Y1 + entryReach}
			var group []pdf.TextLine
			for _, m := range lines {
				if m.Box.Intersects(near) && !lp.insideWidget(page, m.Box) {
					group = append(group, m)
				}
			}
			if e, ok := entryOf(group); ok {
				e.page = page
				out = append(out, e)
			}
		}
	}
	slices.SortFunc(out, func(a, b pageEntry) int { return strings.Compare(a.letter, b.letter) })
	return slices.CompactFunc(out, func(a, b pageEntry) bool { return a.letter == b.letter && a.identity == b.identity })
}

func (lp *lastPage) insideWidget(page int, box pdf.Rect) bool {
	for _, e := range lp.entries {
		if e.page == page && e.box.Intersects(box) {
			return true
		}
	}
	return false
}

func rectOfSlice(r []float64) pdf.Rect {
	if len(r) != 4 {
		return pdf.Rect{}
	}
	return pdf.Rect{X0: min(r[0], r[2]), Y0: min(r[1], r[3]), X1: max(r[0], r[2]), Y1: max(r[1], r[3])}
}

func sliceOfRect(r pdf.Rect) []float64 { return []float64{r.X0, r.Y0, r.X1, r.Y1} }

// describeEntry quotes what an entry prints, for warnings.
func describeEntry(e pageEntry) string {
	parts := []string{fmt.Sprintf("page %d entry %q", e.page, e.letter)}
	if e.name != "" {
		parts = append(parts, fmt.Sprintf("%q", e.name))
	}
	if e.identity != "" {
		parts = append(parts, fmt.Sprintf("%q", e.identity))
	}
	return strings.Join(parts, " ")
}

// lettersSummary names the signer behind each letter, for the one-line
// summary: "A: MARI-LIIS MÄNNIK; B: no valid signature."
func lettersSummary(r *Report) string {
	var parts []string
	for _, ref := range r.References {
		switch {
		case ref.Status == ReferenceUnsigned:
			parts = append(parts, ref.Letter+": no valid signature")
		case ref.Status == ReferenceMismatch:
			parts = append(parts, ref.Letter+": "+ref.CertifiedName+" (the page says otherwise)")
		default:
			parts = append(parts, ref.Letter+": "+ref.CertifiedName)
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return strings.Join(parts, "; ") + "."
}
