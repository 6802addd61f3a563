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
	box    rect
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
				info.box, _ = p.rectOf(r, page["MediaBox"])
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

// rectOf reads a rectangle (MediaBox, Rect), normalised so that x0 ≤ x1
// and y0 ≤ y1.
func (p *pageIndex) rectOf(r int, o types.Object) (rect, bool) {
	v, err := p.f.Resolve(r, o)
	if err != nil {
		return rect{}, false
	}
	a, ok := v.(types.Array)
	if !ok || len(a) != 4 {
		return rect{}, false
	}
	var n [4]float64
	for i, e := range a {
		e, err := p.f.Resolve(r, e)
		if err != nil {
			return rect{}, false
		}
		switch x := e.(type) {
		case types.Integer:
			n[i] = float64(x)
		case types.Float:
			n[i] = float64(x)
		default:
			return rect{}, false
		}
	}
	return rect{min(n[0], n[2]), min(n[1], n[3]), max(n[0], n[2]), max(n[1], n[3])}, true
}

// rect is an axis-aligned rectangle in default user space.
type rect struct{ x0, y0, x1, y1 float64 }

func (a rect) area() float64 { return (a.x1 - a.x0) * (a.y1 - a.y0) }

// overlap is the area both rectangles cover.
func (a rect) overlap(b rect) float64 {
	w := min(a.x1, b.x1) - max(a.x0, b.x0)
	h := min(a.y1, b.y1) - max(a.y0, b.y0)
	if w <= 0 || h <= 0 {
		return 0
	}
	return w * h
}
