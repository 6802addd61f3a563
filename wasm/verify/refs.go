package verify

import (
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
	"github.com/verso-pdf/verso/wasm/pdf"
)

// maxReferences bounds the references indexed for one revision.
const maxReferences = 2000000

// reference is one place that refers to an object: the object holding the
// reference and the first dictionary key on the way to it.
type reference struct {
	holder int
	key    string
}

// referrers indexes, for one revision, who refers to each object: the
// reference counting that tells a field's own appearance from one shared
// with page content (pyHanko's "sneaky" appearance overrides).
type referrers struct {
	to       map[int][]reference
	complete bool
}

func indexReferences(f *pdf.File, rev int) *referrers {
	idx := &referrers{to: map[int][]reference{}, complete: true}
	seen := map[int]bool{}
	count := 0
	for r := 0; r <= rev; r++ {
		for _, num := range f.Revisions()[r].Objects {
			if seen[num] {
				continue
			}
			seen[num] = true
			o, err := f.Object(rev, num)
			if err != nil {
				idx.complete = false
				continue
			}
			var walk func(v types.Object, key string, depth int)
			walk = func(v types.Object, key string, depth int) {
				if depth > 32 || count > maxReferences {
					idx.complete = false
					return
				}
				switch x := v.(type) {
				case types.IndirectRef:
					count++
					idx.to[int(x.ObjectNumber)] = append(idx.to[int(x.ObjectNumber)], reference{holder: num, key: key})
				case types.Dict:
					for k, e := range x {
						if depth == 0 {
							key = k
						}
						walk(e, key, depth+1)
					}
				case types.StreamDict:
					walk(x.Dict, key, depth)
				case types.Array:
					for _, e := range x {
						walk(e, key, depth+1)
					}
				}
			}
			walk(o, "", 0)
		}
	}
	return idx
}

// exclusiveAppearance reports whether object num (in the previous revision)
// is reachable only through one widget's /AP, directly or through an
// appearance dictionary of its own; if so, it returns that widget.
func (d *differ) exclusiveAppearance(num int) (int, bool) {
	if d.refs == nil {
		d.refs = indexReferences(d.f, d.r-1)
	}
	if !d.refs.complete {
		return 0, false
	}
	for hops := 0; hops < 3; hops++ {
		refs := d.refs.to[num]
		if len(refs) != 1 {
			return 0, false
		}
		holder := refs[0].holder
		o, err := d.f.Object(d.r-1, holder)
		dict, ok := dictOf(o)
		if err != nil || !ok {
			return 0, false
		}
		if nameOf(dict["Subtype"]) == "Widget" {
			return holder, refs[0].key == "AP"
		}
		if _, isStream := o.(types.StreamDict); isStream || nameOf(dict["Type"]) != "" {
			return 0, false
		}
		num = holder // an appearance (sub)dictionary of its own: go up
	}
	return 0, false
}

// ownAppearance reports whether every object that a widget's old /AP refers
// to belongs to that widget alone, so that replacing it clobbers nothing else.
func (d *differ) ownAppearance(widget int, ap types.Object) bool {
	var refs []types.IndirectRef
	var collect func(o types.Object, depth int)
	collect = func(o types.Object, depth int) {
		switch v := o.(type) {
		case types.IndirectRef:
			refs = append(refs, v)
		case types.Dict:
			if depth < 2 {
				for _, e := range v {
					collect(e, depth+1)
				}
			}
		}
	}
	collect(ap, 0)
	for _, ref := range refs {
		if owner, ok := d.exclusiveAppearance(int(ref.ObjectNumber)); !ok || owner != widget {
			return false
		}
	}
	return true
}
