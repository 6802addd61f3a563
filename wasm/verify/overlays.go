package verify

import (
	"fmt"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
	"github.com/verso-pdf/verso/wasm/pdf"
)

// maxWarnings bounds the warnings listed per signature: the first few tell
// a person where to look.
const maxWarnings = 20

// Annotation flags (ISO 32000-2 12.5.3) that keep an annotation from view.
const (
	flagHidden = 1 << 1
	flagNoView = 1 << 5
)

// fullPage is the share of a page above which an added annotation is said
// to cover the page.
const fullPage = 0.9

// overlays lists the annotations and widgets added after the signed
// revision that can change what a reader sees without changing the page:
// hidden ones, zero-size ones that are not signatures, ones covering the
// page, and ones overlapping another annotation (evil annotations, sneaky
// signatures; attacks.md 4.F). They are warnings: whether the change was
// permitted is decided by the change itself.
func overlays(f *pdf.File, pages *pageIndex, signed int, changes []Change) []string {
	var out []string
	seen := map[int]bool{}
	for _, c := range changes {
		if c.Kind != changeAnnotation && c.Kind != changeSignature && c.Kind != changeSignatureField && c.Kind != changeCover {
			continue
		}
		for _, num := range c.Objects {
			if seen[num] || len(out) >= maxWarnings {
				continue
			}
			seen[num] = true
			out = append(out, overlayWarnings(f, pages, c.Revision, num, c.Kind)...)
		}
	}
	return truncated(out)
}

func overlayWarnings(f *pdf.File, pages *pageIndex, r, num int, kind string) []string {
	o, err := f.Object(r, num)
	annot, ok := dictOf(o)
	if err != nil || !ok {
		return nil
	}
	rp := pages.revision(r)
	page := rp.pageOf[num]
	if page == 0 {
		return nil // on no page: nothing to see
	}
	what := fmt.Sprintf("revision %d: %s annotation %d on page %d", r+1, orUnknown(nameOf(annot["Subtype"])), num, page)
	var out []string
	if flags, ok := annot["F"].(types.Integer); ok && int(flags)&(flagHidden|flagNoView) != 0 {
		out = append(out, what+" is hidden")
	}
	box, ok := rectIn(f, r, annot["Rect"])
	if !ok {
		return append(out, what+" has no readable /Rect")
	}
	if area(box) == 0 {
		if kind == changeAnnotation {
			out = append(out, what+" has zero size")
		}
		return out
	}
	info := rp.pages[page-1]
	if a := area(info.box); a > 0 && area(box.Intersect(info.box)) >= fullPage*a {
		out = append(out, what+" covers the whole page")
	}
	for _, other := range info.annots {
		n := int(other.ObjectNumber)
		if n == num {
			continue
		}
		od, err := f.Object(r, n)
		d, ok := dictOf(od)
		if err != nil || !ok {
			continue
		}
		if ob, ok := rectIn(f, r, d["Rect"]); ok && box.Intersects(ob) {
			out = append(out, fmt.Sprintf("%s overlaps %s annotation %d", what, orUnknown(nameOf(d["Subtype"])), n))
		}
	}
	return out
}

// shadowIndicators reports the anomalies of the signed revision and those
// before it that shadow attacks prepare: bodies present but not in use,
// duplicate or conflicting definitions (attacks.md 1.2). The signature
// covers them, so they are not changes; they are worth a look.
func shadowIndicators(f *pdf.File, signed int) []string {
	var out []string
	for i, rev := range f.Revisions()[:signed+1] {
		for _, p := range rev.Problems {
			out = append(out, fmt.Sprintf("signed content, revision %d: %s", i+1, p))
		}
	}
	return truncated(out)
}

func truncated(list []string) []string {
	if len(list) <= maxWarnings {
		return list
	}
	return append(list[:maxWarnings:maxWarnings], fmt.Sprintf("and %d more", len(list)-maxWarnings))
}

func orUnknown(s string) string {
	if s == "" {
		return "untyped"
	}
	return s
}
