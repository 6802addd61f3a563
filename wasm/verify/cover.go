package verify

import (
	"fmt"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
	"github.com/verso-pdf/verso/wasm/pdf"
)

// changeCover is an annotation or widget added after signing that is drawn
// over text the signature covers: evil annotations and sneaky signatures
// (attacks.md 1.3) put new words over signed ones. No certification level
// permits it.
const changeCover = "cover"

// commentLike annotations mark text without hiding it: a note icon, a
// link area, highlighting, underlining, striking out, an insertion caret.
var commentLike = map[string]bool{
	"Text": true, "Popup": true, "Link": true, "Highlight": true, "Underline": true,
	"Squiggly": true, "StrikeOut": true, "Caret": true,
}

// maxQuoted bounds the covered words quoted in a change's detail.
const maxQuoted = 60

// coverCheck records a change when the annotation num, added in this
// revision, is drawn over text of the page as the previous revision drew
// it.
func (d *differ) coverCheck(inc *increment, num int, annot types.Dict) {
	sub := nameOf(annot["Subtype"])
	if commentLike[sub] {
		return
	}
	if flags, ok := annot["F"].(types.Integer); ok && int(flags)&(flagHidden|flagNoView) != 0 {
		return
	}
	box, ok := rectIn(d.f, d.r, annot["Rect"])
	if !ok || box.Empty() {
		return
	}
	page, index := d.pageOfAnnotation(num)
	if page < 0 {
		return
	}
	covered := d.textUnder(page, box)
	if covered == "" {
		return
	}
	inc.add(changeCover, num, fmt.Sprintf("%s annotation on page %d is drawn over signed text %q", orUnknown(sub), index+1, covered))
}

// pageOfAnnotation finds the page whose /Annots lists num in this
// revision: its object number and 0-based index, or -1.
func (d *differ) pageOfAnnotation(num int) (page, index int) {
	if d.annotPages == nil {
		d.annotPages = map[int][2]int{}
		pages, _ := d.f.Pages(d.r)
		for i, ref := range pages {
			o, err := d.f.Object(d.r, int(ref.ObjectNumber))
			pd, ok := dictOf(o)
			if err != nil || !ok {
				continue
			}
			annots, _ := d.array(d.r, pd["Annots"])
			for _, a := range refsIn(annots) {
				if _, seen := d.annotPages[int(a.ObjectNumber)]; !seen {
					d.annotPages[int(a.ObjectNumber)] = [2]int{int(ref.ObjectNumber), i}
				}
			}
		}
	}
	p, ok := d.annotPages[num]
	if !ok {
		return -1, -1
	}
	return p[0], p[1]
}

// textUnder returns the visible text that page object pageNum showed in
// the previous revision inside box, or "".
func (d *differ) textUnder(pageNum int, box pdf.Rect) string {
	content, ok := d.before[pageNum]
	if !ok {
		content = d.contentBefore(pageNum)
		d.before[pageNum] = content
	}
	if content == nil {
		return ""
	}
	var words []string
	for _, run := range content.Runs {
		if !run.Invisible && run.Box.Intersects(box) && strings.TrimSpace(run.Text) != "" {
			words = append(words, strings.TrimSpace(run.Text))
		}
	}
	quoted := strings.Join(words, " ")
	if r := []rune(quoted); len(r) > maxQuoted {
		quoted = string(r[:maxQuoted]) + "…"
	}
	return quoted
}

// contentBefore interprets the page as the previous revision drew it; nil
// when it did not exist or cannot be read (other checks see to that).
func (d *differ) contentBefore(pageNum int) *pdf.PageContent {
	pages, err := d.f.Pages(d.r - 1)
	if err != nil {
		return nil
	}
	for i, ref := range pages {
		if int(ref.ObjectNumber) == pageNum {
			content, err := d.f.PageContent(d.r-1, i)
			if err != nil {
				return nil
			}
			return content
		}
	}
	return nil
}
