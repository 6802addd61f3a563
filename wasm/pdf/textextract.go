package pdf

import (
	"errors"
	"fmt"
	"math"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// Text and painted areas of a page, in default user space.
//
// Positions are in the page's default user space (ISO 32000-2 8.3.2.3):
// the coordinates of /MediaBox, before /Rotate is applied, in units of
// /UserUnit (1/72 inch unless the page says otherwise). PageContent
// reports Rotate and UserUnit so that a caller can map to what a viewer
// shows; the text itself is grouped by its own baseline direction
// (Lines), so a rotated page reads the same as an upright one.

// SourceKind says what drew a run or a painted box.
type SourceKind uint8

const (
	// FromPage is the page's own content streams.
	FromPage SourceKind = iota
	// FromForm is a form XObject drawn (Do) by the page's content.
	FromForm
	// FromAnnotation is an annotation's normal appearance (/AP /N),
	// including form XObjects that it draws.
	FromAnnotation
)

func (k SourceKind) String() string {
	switch k {
	case FromPage:
		return "page"
	case FromForm:
		return "form"
	case FromAnnotation:
		return "annotation"
	}
	return "unknown"
}

// Source identifies where an operator came from, so that a caller can
// ask in which revision that object appeared.
type Source struct {
	Kind SourceKind
	// Stream is the object number of the content stream, form XObject
	// or appearance stream that holds the operator (0 if direct).
	Stream int
	// Form is the resource name of the innermost form XObject ("" for
	// the page's content or an appearance stream itself).
	Form string
	// Annotation is the object number of the annotation, FromAnnotation
	// only (0 if the annotation is a direct object).
	Annotation int
}

// Glyph is one shown glyph.
type Glyph struct {
	// Text is the glyph's Unicode text: usually one character, several
	// for a ligature, "\uFFFD" when the font does not say.
	Text string
	// Origin is the glyph's origin on the baseline and End the baseline
	// point its advance reaches (without character or word spacing).
	Origin, End Point
	// Box holds the glyph: its advance by the font's ascent and descent,
	// transformed to user space.
	Box Rect
}

// TextRun is one shown string (a Tj, ', " operand or a string of a TJ
// array) with everything needed to place it.
type TextRun struct {
	Text   string
	Glyphs []Glyph
	// Font is the font's /BaseFont.
	Font string
	// Size is the font size in user space: the length of one text-space
	// unit upwards after the text matrix and the CTM.
	Size float64
	// Origin is where the first glyph starts on the baseline; End is
	// where the next glyph would start.
	Origin, End Point
	// Angle is the baseline direction in degrees, counter-clockwise from
	// the x axis of user space, in (-180, 180].
	Angle float64
	// Box is the union of the glyph boxes.
	Box Rect
	// Invisible is text render mode 3 or 7: neither filled nor stroked
	// (the text of OCR layers, or text meant to hide).
	Invisible bool
	Source    Source
}

// PaintKind says what a painted box is.
type PaintKind uint8

const (
	PaintText    PaintKind = iota // the boxes of a shown string (visible modes only)
	PaintPath                     // a filled and/or stroked path
	PaintImage                    // an image XObject or inline image
	PaintShading                  // sh: a shading filling the clip
)

// Paint is an area that content paints: the bounding box, in user space,
// of a path, image, shading or shown string, cut to the clip region as
// far as it is known (rectangular bounds of clipping paths).
type Paint struct {
	Kind   PaintKind
	Box    Rect
	Source Source
}

// PageContent is what one page's content (or one appearance stream)
// shows.
type PageContent struct {
	Runs  []TextRun
	Paint []Paint
	// MediaBox and CropBox of the page (CropBox defaults to MediaBox);
	// for an appearance, the annotation's /Rect.
	MediaBox, CropBox Rect
	// Rotate is the page's /Rotate, normalised to 0, 90, 180 or 270.
	Rotate int
	// UserUnit is the size of a user space unit in 1/72 inch (default 1).
	UserUnit float64
	// Problems lists content that could not be read completely: a
	// syntax error (the rest of that stream is skipped, as viewers
	// cannot draw it either), a missing font or XObject.
	Problems []string
}

// PageContent interprets page (a 0-based index into Pages(rev)) of
// revision rev: its content streams and the form XObjects they draw,
// not its annotations (see AnnotationContent). Exceeding a limit in
// textlimits.go is an error wrapping ErrLimit.
func (f *File) PageContent(rev, page int) (pc *PageContent, err error) {
	return f.pageContent(rev, page, nil)
}

// pageContent is PageContent with a hook that adjusts the interpreter
// (its limits) before it runs, for the tests.
func (f *File) pageContent(rev, page int, tune func(*interp)) (pc *PageContent, err error) {
	defer recoverError(&err)
	if err := f.checkRev(rev); err != nil {
		return nil, err
	}
	pages, err := f.pages(rev)
	if err != nil {
		return nil, err
	}
	if page < 0 || page >= len(pages) {
		return nil, fmt.Errorf("page %d: revision %d has %d pages", page, rev, len(pages))
	}
	ref := pages[page]
	pd, err := f.resolveDict(rev, ref)
	if err != nil || pd == nil {
		return nil, fmt.Errorf("page %d: not a dictionary (%v)", page, err)
	}
	in := newInterp(f, rev)
	if tune != nil {
		tune(in)
	}
	pc = in.out
	attrs, err := in.pageAttributes(pd)
	if err != nil {
		return nil, fmt.Errorf("page %d: %w", page, err)
	}
	pc.MediaBox, pc.CropBox, pc.Rotate, pc.UserUnit = attrs.media, attrs.crop, attrs.rotate, attrs.userUnit
	in.gs.clip = attrs.crop
	in.res, in.resKey = attrs.resources, fmt.Sprintf("page%d", ref.ObjectNumber)
	data, parts, err := in.pageStreams(pd["Contents"])
	if err != nil {
		return nil, fmt.Errorf("page %d: %w", page, err)
	}
	in.src = Source{Kind: FromPage}
	if err := in.run(data, parts); err != nil {
		return nil, fmt.Errorf("page %d: %w", page, err)
	}
	return pc, nil
}

// PageText is the text runs of PageContent.
func (f *File) PageText(rev, page int) ([]TextRun, error) {
	pc, err := f.PageContent(rev, page)
	if err != nil {
		return nil, err
	}
	return pc.Runs, nil
}

// PageContentBounds is the painted areas of PageContent: what an
// annotation placed on the page could cover.
func (f *File) PageContentBounds(rev, page int) ([]Paint, error) {
	pc, err := f.PageContent(rev, page)
	if err != nil {
		return nil, err
	}
	return pc.Paint, nil
}

// AnnotationContent interprets the normal appearance of an annotation
// (a dictionary or a reference to one): /AP /N, or the entry of /AP /N
// that /AS selects, drawn into /Rect as ISO 32000-2 12.5.5 says (the
// form's /BBox transformed by its /Matrix is mapped onto /Rect). The
// result is in the page's default user space, with MediaBox and CropBox
// set to the /Rect. An annotation without an appearance yields no runs.
func (f *File) AnnotationContent(rev int, annot types.Object) (pc *PageContent, err error) {
	defer recoverError(&err)
	if err := f.checkRev(rev); err != nil {
		return nil, err
	}
	in := newInterp(f, rev)
	pc = in.out
	pc.UserUnit = 1
	num := 0
	if r, ok := annot.(types.IndirectRef); ok {
		num = int(r.ObjectNumber)
	}
	ad, err := f.resolveDict(rev, annot)
	if err != nil {
		return nil, err
	}
	if ad == nil {
		return nil, errors.New("annotation is not a dictionary")
	}
	rect, ok := rectFrom(numbers(in.fl.array(ad["Rect"])))
	if !ok {
		return nil, errors.New("annotation without a valid /Rect")
	}
	pc.MediaBox, pc.CropBox = rect, rect
	apRef, err := in.normalAppearance(ad)
	if err != nil || apRef == nil {
		return pc, err
	}
	v, err := f.resolve(rev, apRef)
	if err != nil {
		return nil, err
	}
	sd, ok := v.(types.StreamDict)
	if !ok {
		return pc, nil
	}
	bbox, ok := rectFrom(numbers(in.fl.array(sd.Dict["BBox"])))
	if !ok {
		return pc, nil
	}
	fm := formMatrix(in.fl, sd.Dict)
	tb := fm.rect(bbox)
	if tb.Empty() || rect.Empty() {
		return pc, nil // nothing can be mapped onto a degenerate box
	}
	sx, sy := (rect.X1-rect.X0)/(tb.X1-tb.X0), (rect.Y1-rect.Y0)/(tb.Y1-tb.Y0)
	in.gs.ctm = matrix{sx, 0, 0, sy, rect.X0 - tb.X0*sx, rect.Y0 - tb.Y0*sy}
	in.gs.clip = rect
	in.src = Source{Kind: FromAnnotation, Annotation: num}
	in.resKey = fmt.Sprintf("annot%d", num)
	if err := in.drawForm(apRef, sd, ""); err != nil {
		return nil, err
	}
	return pc, nil
}

// AppearanceText is the text runs of AnnotationContent.
func (f *File) AppearanceText(rev int, annot types.Object) ([]TextRun, error) {
	pc, err := f.AnnotationContent(rev, annot)
	if err != nil {
		return nil, err
	}
	return pc.Runs, nil
}

// normalAppearance returns the normal appearance stream (usually a
// reference) of an annotation: /AP /N itself when it is a stream, else
// the entry named by /AS.
func (in *interp) normalAppearance(ad types.Dict) (types.Object, error) {
	ap, err := in.f.resolveDict(in.rev, ad["AP"])
	if err != nil || ap == nil {
		return nil, err
	}
	n, ok := ap["N"]
	if !ok {
		return nil, nil
	}
	v, err := in.f.resolve(in.rev, n)
	if err != nil {
		return nil, err
	}
	switch x := v.(type) {
	case types.StreamDict:
		return n, nil
	case types.Dict:
		as, _ := in.fl.nameOf(ad["AS"])
		if e, ok := x[as]; ok && as != "" {
			return e, nil
		}
	}
	return nil, nil
}

// formMatrix is a form's /Matrix, identity when absent or invalid.
func formMatrix(fl *fontLoader, d types.Dict) matrix {
	if a := numbers(fl.array(d["Matrix"])); len(a) == 6 {
		if m := (matrix{a[0], a[1], a[2], a[3], a[4], a[5]}); m.finite() {
			return m
		}
	}
	return identity
}

type pageAttrs struct {
	media, crop Rect
	rotate      int
	userUnit    float64
	resources   types.Dict
}

// pageAttributes reads a page's own and inherited attributes (ISO
// 32000-2 7.7.3.4): Resources, MediaBox, CropBox and Rotate come from
// the nearest ancestor that has them.
func (in *interp) pageAttributes(pd types.Dict) (pageAttrs, error) {
	a := pageAttrs{userUnit: 1}
	var media, crop, rotate, res types.Object
	d := pd
	for depth := 0; d != nil && depth <= MaxPageTreeDepth; depth++ {
		get := func(dst *types.Object, key string) {
			if *dst == nil {
				if v, ok := d[key]; ok {
					*dst = v
				}
			}
		}
		get(&media, "MediaBox")
		get(&crop, "CropBox")
		get(&rotate, "Rotate")
		get(&res, "Resources")
		p, err := in.f.resolveDict(in.rev, d["Parent"])
		if err != nil {
			return a, err
		}
		d = p
	}
	var ok bool
	if a.media, ok = rectFrom(numbers(in.fl.array(media))); !ok {
		a.media = Rect{0, 0, 612, 792} // the US Letter default viewers use
		in.problemf("page without a valid /MediaBox; US Letter assumed")
	}
	a.crop = a.media
	if c, ok := rectFrom(numbers(in.fl.array(crop))); ok {
		a.crop = c.Intersect(a.media)
	}
	if r, ok := in.fl.number(rotate); ok && r == math.Trunc(r) && math.Abs(r) < 1e9 {
		a.rotate = ((int(r)%360 + 360) % 360) / 90 * 90
	}
	if u, ok := in.fl.number(pd["UserUnit"]); ok && u > 0 {
		a.userUnit = u
	}
	var err error
	a.resources, err = in.f.resolveDict(in.rev, res)
	return a, err
}

// streamPart is where one content stream starts in the concatenated
// page content.
type streamPart struct {
	start, obj int
}

// pageStreams decodes /Contents (a stream or an array of streams) and
// joins the streams with white space: a page's content is one stream cut
// at token boundaries (ISO 32000-2 7.8.2).
func (in *interp) pageStreams(contents types.Object) ([]byte, []streamPart, error) {
	var refs []types.Object
	v, err := in.f.resolve(in.rev, contents)
	if err != nil {
		return nil, nil, err
	}
	switch x := v.(type) {
	case types.Array:
		refs = x
	case types.StreamDict:
		refs = []types.Object{contents}
	case nil:
		return nil, nil, nil // a page without content
	default:
		return nil, nil, errors.New("/Contents is neither a stream nor an array")
	}
	var data []byte
	var parts []streamPart
	for _, r := range refs {
		sv, err := in.f.resolve(in.rev, r)
		if err != nil {
			return nil, nil, err
		}
		sd, ok := sv.(types.StreamDict)
		if !ok {
			in.problemf("a /Contents entry is not a stream")
			continue
		}
		b, err := in.f.Stream(in.rev, sd)
		if err != nil {
			in.problemf("content stream %s: %v", refString(r), err)
			continue
		}
		if err := in.spend(len(b)); err != nil {
			return nil, nil, err
		}
		num := 0
		if ref, ok := r.(types.IndirectRef); ok {
			num = int(ref.ObjectNumber)
		}
		parts = append(parts, streamPart{start: len(data), obj: num})
		data = append(data, b...)
		data = append(data, '\n')
	}
	return data, parts, nil
}

func refString(o types.Object) string {
	if r, ok := o.(types.IndirectRef); ok {
		return fmt.Sprintf("%d %d R", r.ObjectNumber, r.GenerationNumber)
	}
	return "(direct)"
}
