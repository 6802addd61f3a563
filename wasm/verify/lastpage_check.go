package verify

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
	"github.com/verso-pdf/verso/wasm/pdf"
)

// foundMark is a mark with the letter it points to.
type foundMark struct {
	Mark
	letter string
}

// marks finds every mark of the document as the last revision shows it:
// in page text and in annotation appearances (verso and OK!Sign draw marks
// as stamps).
func (lp *lastPage) marks() []foundMark {
	var out []foundMark
	for i, ref := range lp.pages {
		if i == maxMarkPages || len(out) >= maxMarks {
			break
		}
		for _, l := range lp.pageLines(lp.last, i) {
			for _, m := range findMarks(l.Text) {
				out = append(out, foundMark{letter: m.letter, Mark: Mark{Page: i + 1, Rect: sliceOfRect(l.Box), Text: m.text,
					Kind: "page-content", Revision: lp.firstShowing(int(ref.ObjectNumber), m.text)}})
			}
		}
		out = append(out, lp.annotationMarks(i, ref)...)
	}
	return out
}

func (lp *lastPage) annotationMarks(i int, page types.IndirectRef) []foundMark {
	o, err := lp.f.Object(lp.last, int(page.ObjectNumber))
	pd, ok := dictOf(o)
	if err != nil || !ok {
		return nil
	}
	v, _ := lp.f.Resolve(lp.last, pd["Annots"])
	arr, _ := v.(types.Array)
	var out []foundMark
	for _, a := range refsIn(arr) {
		ao, err := lp.f.Object(lp.last, int(a.ObjectNumber))
		ad, ok := dictOf(ao)
		if err != nil || !ok || nameOf(ad["FT"]) == "Sig" {
			continue
		}
		pc, err := lp.f.AnnotationContent(lp.last, a)
		if err != nil {
			continue
		}
		var found []markMatch
		for _, l := range pdf.Lines(pc.Runs) {
			found = append(found, findMarks(l.Text)...)
		}
		for _, m := range found {
			out = append(out, foundMark{letter: m.letter, Mark: Mark{Page: i + 1, Rect: sliceOfRect(pc.MediaBox), Text: m.text,
				Kind: "annotation", Revision: lp.firstHolding(int(a.ObjectNumber))}})
		}
	}
	return out
}

// firstHolding is the first revision in which object num exists.
func (lp *lastPage) firstHolding(num int) int {
	for r := 0; r <= lp.last; r++ {
		if o, err := lp.f.Object(r, num); err == nil && o != nil {
			return r
		}
	}
	return lp.last
}

// firstShowing is the first revision, among those that signatures sign
// and the last, whose page (by object number) shows text. Marks matter
// relative to signatures, so those are the revisions worth reading.
func (lp *lastPage) firstShowing(pageNum int, text string) int {
	for r := 0; r <= lp.last; r++ {
		if !lp.signedRevision[r] && r != lp.last {
			continue
		}
		pages, err := lp.f.Pages(r)
		if err != nil {
			continue
		}
		for i, ref := range pages {
			if int(ref.ObjectNumber) != pageNum {
				continue
			}
			for _, l := range lp.pageLines(r, i) {
				if strings.Contains(l.Text, text) {
					return r
				}
			}
		}
	}
	return lp.last
}

// references assembles one Reference per letter and checks it.
func (lp *lastPage) references(sigs []pdf.Signature, out []Signature, marks []foundMark, loose []pageEntry) []Reference {
	letters := map[string]bool{}
	for _, e := range lp.entries {
		letters[e.letter] = true
	}
	for _, e := range loose {
		letters[e.letter] = true
	}
	for _, m := range marks {
		letters[m.letter] = true
	}
	sorted := make([]string, 0, len(letters))
	for l := range letters {
		sorted = append(sorted, l)
	}
	slices.Sort(sorted)
	var refs []Reference
	for _, letter := range sorted {
		refs = append(refs, lp.reference(letter, sigs, out, marks, loose))
	}
	return refs
}

func (lp *lastPage) reference(letter string, sigs []pdf.Signature, out []Signature, marks []foundMark, loose []pageEntry) Reference {
	r := Reference{Letter: letter, Signature: -1, Status: ReferenceConsistent, Marks: []Mark{}}
	var shownBy []int
	for i := range sigs {
		if e, ok := lp.entries[i]; ok && e.letter == letter {
			shownBy = append(shownBy, i)
		}
	}
	var printed []pageEntry
	for _, e := range loose {
		if e.letter == letter {
			printed = append(printed, e)
		}
	}
	mismatch := func(format string, a ...any) {
		r.Warnings = append(r.Warnings, fmt.Sprintf(format, a...))
		if r.Status == ReferenceConsistent {
			r.Status = ReferenceMismatch
		}
	}
	if len(shownBy) > 1 {
		mismatch("letter %s is shown by %d signatures (%s)", letter, len(shownBy), signatureNumbers(shownBy))
	}
	switch {
	case len(shownBy) > 0:
		i := shownBy[0]
		e := lp.entries[i]
		r.Signature = i
		r.Entry = printedEntry(e, "signature-appearance")
		for _, p := range printed {
			mismatch("letter %s is printed again as text: %s", letter, describeEntry(p))
		}
		lp.checkEntry(&r, e, out[i], mismatch)
	case len(printed) > 0:
		r.Entry = printedEntry(printed[0], "page-text")
		r.Status = ReferenceUnsigned
		r.Warnings = append(r.Warnings, fmt.Sprintf("%s is printed on the page, but no signature draws it", describeEntry(printed[0])))
	default:
		r.Status = ReferenceUnsigned
		r.Warnings = append(r.Warnings, fmt.Sprintf("marks point to letter %s, but the signatures page has no entry %s", letter, letter))
	}
	for _, m := range marks {
		if m.letter != letter {
			continue
		}
		r.Marks = append(r.Marks, m.Mark)
		if r.Signature >= 0 && sigs[r.Signature].SignedRevision >= 0 && m.Revision > sigs[r.Signature].SignedRevision {
			mismatch("the mark %q on page %d was added after signature %s was made", m.Text, m.Page, letter)
		}
	}
	return r
}

// checkEntry compares what the entry prints with the signature and its
// certificate.
func (lp *lastPage) checkEntry(r *Reference, e pageEntry, sig Signature, mismatch func(string, ...any)) {
	if sig.Signer != nil {
		r.CertifiedName = certifiedName(sig.Signer)
		r.CertifiedIdentity = sig.Signer.SerialNumber
	}
	if sig.Status != StatusPassed {
		r.Status = ReferenceUnsigned
		r.Warnings = append(r.Warnings, fmt.Sprintf("the signature that shows letter %s is not valid", r.Letter))
		return
	}
	if sig.Signer == nil {
		return
	}
	switch {
	case e.identity == "":
		r.Warnings = append(r.Warnings, fmt.Sprintf("entry %s prints no identity number", r.Letter))
	case !identityMatches(e.identity, sig.Signer):
		mismatch("entry %s prints identity %q, the certificate says %q", r.Letter, e.identity, sig.Signer.SerialNumber)
	}
	switch {
	case e.name == "":
		r.Warnings = append(r.Warnings, fmt.Sprintf("entry %s prints no name", r.Letter))
	case !nameMatches(e.name, sig.Signer):
		mismatch("entry %s prints the name %q, the certificate says %q", r.Letter, e.name, r.CertifiedName)
	}
}

func printedEntry(e pageEntry, source string) *PrintedEntry {
	return &PrintedEntry{Page: e.page, Rect: sliceOfRect(e.box), Name: e.name, Identity: e.identity, Time: e.time, Source: source}
}

func signatureNumbers(idx []int) string {
	parts := make([]string, len(idx))
	for i, n := range idx {
		parts[i] = fmt.Sprint(n + 1)
	}
	return strings.Join(parts, ", ")
}
