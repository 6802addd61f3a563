package sign

import (
	"errors"
	"fmt"
	"math"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
	"github.com/verso-pdf/verso/wasm/pdf"
)

// document is what Prepare learns about the input before changing it.
type document struct {
	f        *pdf.File
	last     int
	catalog  types.Dict
	pages    []types.IndirectRef
	signed   bool // the document carries a signature already
	sigPages []signaturesPage
	letters  map[int]bool // letters (0 = A) of the existing "Signature X" fields
}

// signaturesPage is a signatures page made by an earlier Prepare: the page
// dictionary carries /VersoSignatures << /First k >>, the letter of its
// first slot.
type signaturesPage struct {
	ref   types.IndirectRef
	first int
}

// signaturesKey marks a signatures page. A private key in the page
// dictionary is ignored by viewers; it is written before the first
// signature, so it never has to change later.
const signaturesKey = "VersoSignatures"

// fieldPrefix names the fields: "Signature A", "Signature B", …
const fieldPrefix = "Signature "

func readDocument(f *pdf.File) (*document, error) {
	d := &document{f: f, last: len(f.Revisions()) - 1, letters: map[int]bool{}}
	var err error
	if d.catalog, err = f.Catalog(d.last); err != nil {
		return nil, err
	}
	if d.pages, err = f.Pages(d.last); err != nil {
		return nil, fmt.Errorf("reading the pages: %w", err)
	}
	if len(d.pages) == 0 {
		return nil, errors.New("the document has no pages")
	}
	sigs, err := f.Signatures(d.last)
	if err != nil {
		return nil, fmt.Errorf("reading the signature fields: %w", err)
	}
	for _, s := range sigs {
		d.signed = true
		if s.DocMDP == 1 && s.SignedRevision >= 0 {
			return nil, ErrCertified
		}
	}
	for _, ref := range d.pages {
		pd, err := d.dict(ref)
		if err != nil || pd == nil {
			continue
		}
		m, ok := pd[signaturesKey].(types.Dict)
		if !ok {
			continue
		}
		if first, ok := m["First"].(types.Integer); ok && first >= 0 && int(first) < MaxSigners {
			d.sigPages = append(d.sigPages, signaturesPage{ref: ref, first: int(first)})
		}
	}
	form, _ := d.dict(d.catalog["AcroForm"])
	fields, _ := d.array(form["Fields"])
	for _, fr := range fields {
		fd, err := d.dict(fr)
		if err != nil || fd == nil {
			continue
		}
		name := stringValue(fd["T"])
		if len(name) == len(fieldPrefix)+1 && name[:len(fieldPrefix)] == fieldPrefix {
			if c := name[len(fieldPrefix)]; c >= 'A' && c <= 'Z' {
				d.letters[int(c-'A')] = true
			}
		}
	}
	return d, nil
}

// nextLetter is one past the last letter in use, so letters follow the
// order of signing even if a field was removed.
func (d *document) nextLetter() int {
	n := 0
	for l := range d.letters {
		n = max(n, l+1)
	}
	return n
}

// isSignaturesPage reports whether page is one of the signatures pages.
func (d *document) isSignaturesPage(page types.IndirectRef) bool {
	for _, p := range d.sigPages {
		if p.ref == page {
			return true
		}
	}
	return false
}

// slotFor finds the signatures page and slot of letter.
func (d *document) slotFor(letter int) (types.IndirectRef, int, bool) {
	for _, p := range d.sigPages {
		if letter >= p.first && letter < p.first+EntriesPerPage {
			return p.ref, letter - p.first, true
		}
	}
	return types.IndirectRef{}, 0, false
}

func (d *document) resolve(o types.Object) (types.Object, error) { return d.f.Resolve(d.last, o) }

// dict resolves o to a dictionary; nil (no error) when o is nil.
func (d *document) dict(o types.Object) (types.Dict, error) {
	v, err := d.resolve(o)
	if err != nil || v == nil {
		return nil, err
	}
	switch x := v.(type) {
	case types.Dict:
		return x, nil
	case types.StreamDict:
		return x.Dict, nil
	}
	return nil, fmt.Errorf("a %T where a dictionary belongs", v)
}

// array resolves o to an array; nil (no error) when o is nil.
func (d *document) array(o types.Object) (types.Array, error) {
	v, err := d.resolve(o)
	if err != nil || v == nil {
		return nil, err
	}
	a, ok := v.(types.Array)
	if !ok {
		return nil, fmt.Errorf("a %T where an array belongs", v)
	}
	return a, nil
}

// mediaBox returns the page's MediaBox, inherited through /Parent.
func (d *document) mediaBox(page types.IndirectRef) ([4]float64, error) {
	var o types.Object = page
	for depth := 0; depth < pdf.MaxPageTreeDepth; depth++ {
		pd, err := d.dict(o)
		if err != nil || pd == nil {
			break
		}
		if mb, ok := pd["MediaBox"]; ok {
			a, err := d.array(mb)
			if err != nil || len(a) != 4 {
				return [4]float64{}, errors.New("the page's MediaBox is not four numbers")
			}
			var box [4]float64
			for i, v := range a {
				n, ok := number(v)
				if !ok {
					return [4]float64{}, errors.New("the page's MediaBox is not four numbers")
				}
				box[i] = n
			}
			return [4]float64{min(box[0], box[2]), min(box[1], box[3]), max(box[0], box[2]), max(box[1], box[3])}, nil
		}
		o = pd["Parent"]
	}
	return [4]float64{}, errors.New("the page has no MediaBox")
}

func number(o types.Object) (float64, bool) {
	switch v := o.(type) {
	case types.Integer:
		return float64(v), true
	case types.Float:
		f := float64(v)
		return f, !math.IsNaN(f) && !math.IsInf(f, 0)
	}
	return 0, false
}

// stringValue decodes a literal or hex string holding ASCII; enough to
// recognise the field names this package writes.
func stringValue(o types.Object) string {
	switch v := o.(type) {
	case types.StringLiteral:
		return string(v)
	case types.HexLiteral:
		b, err := v.Bytes()
		if err != nil {
			return ""
		}
		return string(b)
	}
	return ""
}
