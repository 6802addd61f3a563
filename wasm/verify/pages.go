package verify

import (
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
	"github.com/verso-pdf/verso/wasm/pdf"
)

// pageIndex finds, per revision, the page an object is drawn on: a page
// object itself or an annotation in a page's /Annots. Built once per
// revision on first need.
type pageIndex struct {
	f    *pdf.File
	revs map[int]*revisionPages
}

type revisionPages struct {
	pageOf map[int]int // object number → 1-based page
	pages  []pageInfo
}

// pageInfo is what the overlay checks need of one page.
type pageInfo struct {
	box    pdf.Rect
	annots []types.IndirectRef
}

func newPageIndex(f *pdf.File) *pageIndex {
	return &pageIndex{f: f, revs: map[int]*revisionPages{}}
}

func (p *pageIndex) revision(r int) *revisionPages {
	if rp, ok := p.revs[r]; ok {
		return rp
	}
	rp := &revisionPages{pageOf: map[int]int{}}
	p.revs[r] = rp
	refs, err := p.f.Pages(r)
	if err != nil {
		return rp
	}
	for i, ref := range refs {
		rp.pageOf[int(ref.ObjectNumber)] = i + 1
		info := pageInfo{}
		if o, err := p.f.Object(r, int(ref.ObjectNumber)); err == nil {
			if page, ok := dictOf(o); ok {
				info.box, _ = rectIn(p.f, r, page["MediaBox"])
				if a, err := p.f.Resolve(r, page["Annots"]); err == nil {
					arr, _ := a.(types.Array)
					info.annots = refsIn(arr)
				}
			}
		}
		for _, a := range info.annots {
			if _, seen := rp.pageOf[int(a.ObjectNumber)]; !seen {
				rp.pageOf[int(a.ObjectNumber)] = i + 1
			}
		}
		rp.pages = append(rp.pages, info)
	}
	return rp
}

// first returns the page of the first object in objs that is on a page.
func (p *pageIndex) first(r int, objs []int) int {
	rp := p.revision(r)
	for _, n := range objs {
		if page, ok := rp.pageOf[n]; ok {
			return page
		}
	}
	return 0
}

// rectIn reads a rectangle (MediaBox, Rect) of revision r, normalised so
// that X0 ≤ X1 and Y0 ≤ Y1.
func rectIn(f *pdf.File, r int, o types.Object) (pdf.Rect, bool) {
	v, err := f.Resolve(r, o)
	a, ok := v.(types.Array)
	if err != nil || !ok || len(a) != 4 {
		return pdf.Rect{}, false
	}
	var n [4]float64
	for i, e := range a {
		e, err := f.Resolve(r, e)
		if err != nil {
			return pdf.Rect{}, false
		}
		switch x := e.(type) {
		case types.Integer:
			n[i] = float64(x)
		case types.Float:
			n[i] = float64(x)
		default:
			return pdf.Rect{}, false
		}
	}
	return rectOfSlice(n[:]), true
}

// area is the area a rectangle covers, 0 for an empty one.
func area(r pdf.Rect) float64 {
	if r.Empty() {
		return 0
	}
	return (r.X1 - r.X0) * (r.Y1 - r.Y0)
}
