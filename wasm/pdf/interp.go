package pdf

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// The content-stream interpreter: the graphics state operators that
// move things (q Q cm), the text operators (ISO 32000-2 9.3, 9.4), path
// construction and painting (8.5), images and form XObjects (8.8-8.10).
// Colour, line style and marked content do not change where things are
// and are ignored. Glyph programs of Type3 fonts are not run: a Type3
// glyph occupies its advance width by the FontBBox height.

// gstate is the part of the graphics state that positions things.
type gstate struct {
	ctm       matrix
	font      *font
	fontSize  float64
	tc, tw    float64 // character and word spacing
	th        float64 // horizontal scaling, 1 = 100%
	tl, rise  float64 // leading, rise
	render    int
	lineWidth float64
	clip      Rect // bounding box of the clipping path in user space
}

type interp struct {
	f   *File
	rev int
	fl  *fontLoader
	out *PageContent

	gs       gstate
	stack    []gstate
	tm, tlm  matrix
	res      types.Dict
	resKey   string // identifies res for the font cache
	src      Source
	parts    []streamPart
	active   map[int]bool // form XObjects being drawn, for the cycle guard
	depth    int
	ops      int
	bytes    int
	glyphs   int
	path     Rect // bounding box of the current path in user space
	pathOpen bool
	clipNext bool // W or W* seen: the path also clips when it ends
	problems map[string]bool

	// maxOps and maxBytes are MaxContentOperators and MaxContentBytes;
	// the tests lower them rather than build gigabytes of content.
	maxOps, maxBytes int
}

func newInterp(f *File, rev int) *interp {
	return &interp{
		f:        f,
		rev:      rev,
		fl:       &fontLoader{f: f, rev: rev, fonts: map[string]*font{}, cmaps: map[int]*cmap{}},
		out:      &PageContent{},
		gs:       gstate{ctm: identity, th: 1, lineWidth: 1, clip: Rect{-math.MaxFloat64, -math.MaxFloat64, math.MaxFloat64, math.MaxFloat64}},
		active:   map[int]bool{},
		path:     emptyRect,
		problems: map[string]bool{},
		maxOps:   MaxContentOperators,
		maxBytes: MaxContentBytes,
	}
}

// problemf records a problem once.
func (in *interp) problemf(format string, a ...any) {
	p := fmt.Sprintf(format, a...)
	if !in.problems[p] && len(in.out.Problems) < MaxProblems {
		in.problems[p] = true
		in.out.Problems = append(in.out.Problems, p)
	}
}

// spend counts content bytes against MaxContentBytes.
func (in *interp) spend(n int) error {
	if in.bytes += n; in.bytes > in.maxBytes {
		return limitErrorf("more than MaxContentBytes (%d) of content for one page", MaxContentBytes)
	}
	return nil
}

// run interprets one content stream. A syntax error ends the stream and
// is recorded; limits and internal errors end the page.
func (in *interp) run(data []byte, parts []streamPart) error {
	sc := newContentScanner(data)
	savedParts := in.parts
	in.parts = parts
	defer func() { in.parts = savedParts }()
	base := in.src
	for {
		op, args, err := sc.next()
		if errors.Is(err, errContentSyntax) {
			in.problemf("%s content: %v", in.src.Kind, err)
			return nil
		}
		if err != nil {
			return err
		}
		if op == "" {
			return nil
		}
		if in.ops++; in.ops > in.maxOps {
			return limitErrorf("more than MaxContentOperators (%d) operators for one page", MaxContentOperators)
		}
		if len(parts) > 0 {
			in.src.Stream = partAt(parts, sc.lx.pos)
		}
		if err := in.do(op, args); err != nil {
			return err
		}
		in.src = base
	}
}

func partAt(parts []streamPart, off int) int {
	i := sort.Search(len(parts), func(i int) bool { return parts[i].start >= off }) - 1
	if i < 0 {
		i = 0
	}
	return parts[i].obj
}

// nums returns the operands as numbers if there are exactly n of them
// and all are finite numbers. Operators with wrong operands are skipped,
// as viewers skip them.
func nums(args []operand, n int) ([]float64, bool) {
	if len(args) != n {
		return nil, false
	}
	out := make([]float64, n)
	for i, a := range args {
		if a.kind != opndNumber || math.IsNaN(a.num) || math.IsInf(a.num, 0) {
			return nil, false
		}
		out[i] = a.num
	}
	return out, true
}

func (in *interp) do(op string, args []operand) error {
	gs := &in.gs
	switch op {
	case "q":
		if len(in.stack) >= MaxGraphicsStateDepth {
			return limitErrorf("q nested deeper than MaxGraphicsStateDepth (%d)", MaxGraphicsStateDepth)
		}
		in.stack = append(in.stack, in.gs)
	case "Q":
		if len(in.stack) > 0 { // an unbalanced Q is ignored, as viewers do
			in.gs = in.stack[len(in.stack)-1]
			in.stack = in.stack[:len(in.stack)-1]
		}
	case "cm":
		if v, ok := nums(args, 6); ok {
			if m := (matrix{v[0], v[1], v[2], v[3], v[4], v[5]}).mul(gs.ctm); m.finite() {
				gs.ctm = m
			}
		}
	case "w":
		if v, ok := nums(args, 1); ok {
			gs.lineWidth = math.Abs(v[0])
		}
	case "BT":
		in.tm, in.tlm = identity, identity
	case "Tc", "Tw", "Tz", "TL", "Ts", "Tr":
		v, ok := nums(args, 1)
		if !ok {
			return nil
		}
		switch op {
		case "Tc":
			gs.tc = v[0]
		case "Tw":
			gs.tw = v[0]
		case "Tz":
			gs.th = v[0] / 100
		case "TL":
			gs.tl = v[0]
		case "Ts":
			gs.rise = v[0]
		case "Tr":
			gs.render = int(v[0])
		}
	case "Tf":
		return in.setFont(args)
	case "Td", "TD":
		if v, ok := nums(args, 2); ok {
			if op == "TD" {
				gs.tl = -v[1]
			}
			in.newLine(v[0], v[1])
		}
	case "Tm":
		if v, ok := nums(args, 6); ok {
			in.tm = matrix{v[0], v[1], v[2], v[3], v[4], v[5]}
			in.tlm = in.tm
		}
	case "T*":
		in.newLine(0, -gs.tl)
	case "Tj":
		if len(args) == 1 && args[0].kind == opndString {
			return in.show(args[0].str)
		}
	case "'":
		if len(args) == 1 && args[0].kind == opndString {
			in.newLine(0, -gs.tl)
			return in.show(args[0].str)
		}
	case "\"":
		if len(args) == 3 && args[0].kind == opndNumber && args[1].kind == opndNumber && args[2].kind == opndString {
			gs.tw, gs.tc = args[0].num, args[1].num
			in.newLine(0, -gs.tl)
			return in.show(args[2].str)
		}
	case "TJ":
		if len(args) == 1 && args[0].kind == opndArray {
			return in.showArray(args[0].arr)
		}
	case "m", "l", "c", "v", "y", "re", "h":
		in.pathOp(op, args)
	case "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "n":
		return in.paintPath(op)
	case "W", "W*":
		in.clipNext = true
	case "sh":
		return in.paint(PaintShading, gs.clip)
	case "Do":
		if len(args) == 1 && args[0].kind == opndName {
			return in.doXObject(args[0].name())
		}
	case "BI":
		return in.paint(PaintImage, gs.ctm.rect(Rect{0, 0, 1, 1}))
	}
	return nil
}

// newLine is Td: a new line at an offset from the start of the current
// one.
func (in *interp) newLine(tx, ty float64) {
	if m := (matrix{1, 0, 0, 1, tx, ty}).mul(in.tlm); m.finite() {
		in.tlm = m
	}
	in.tm = in.tlm
}

func (in *interp) setFont(args []operand) error {
	if len(args) != 2 || args[0].kind != opndName || args[1].kind != opndNumber {
		return nil
	}
	in.gs.fontSize = args[1].num
	in.gs.font = nil
	name := args[0].name()
	fonts, err := in.f.resolveDict(in.rev, in.res["Font"])
	if err != nil {
		return err
	}
	o, ok := fonts[name]
	if !ok {
		in.problemf("font /%s is not in the resources", name)
		return nil
	}
	key := in.resKey + "/" + name
	if r, ok := o.(types.IndirectRef); ok {
		key = fmt.Sprintf("%d", r.ObjectNumber)
	}
	ft, err := in.fl.load(key, o)
	if errors.Is(err, ErrLimit) {
		return err
	}
	if err != nil {
		in.problemf("font /%s: %v", name, err)
		return nil
	}
	in.gs.font = ft
	return nil
}

// showArray is TJ: strings and position adjustments in thousandths of
// text space (ISO 32000-2 9.4.3).
func (in *interp) showArray(a []operand) error {
	for _, e := range a {
		switch e.kind {
		case opndString:
			if err := in.show(e.str); err != nil {
				return err
			}
		case opndNumber:
			if math.IsNaN(e.num) || math.IsInf(e.num, 0) {
				continue
			}
			adj := -e.num / 1000 * in.gs.fontSize
			if in.gs.font != nil && in.gs.font.vertical {
				in.advance(0, adj)
			} else {
				in.advance(adj*in.gs.th, 0)
			}
		}
	}
	return nil
}

// advance moves the text matrix by (tx, ty) in text space.
func (in *interp) advance(tx, ty float64) {
	if m := (matrix{1, 0, 0, 1, tx, ty}).mul(in.tm); m.finite() {
		in.tm = m
	}
}

// show draws one string: each glyph at the current text position, which
// then advances by the glyph's width and the spacing (ISO 32000-2
// 9.4.4).
func (in *interp) show(s []byte) error {
	gs := &in.gs
	ft := gs.font
	if ft == nil {
		in.problemf("text shown without a font")
		return nil
	}
	if len(in.out.Runs) >= MaxTextRuns {
		return limitErrorf("more than MaxTextRuns (%d) text runs on one page", MaxTextRuns)
	}
	run := TextRun{Font: ft.name, Box: emptyRect, Invisible: gs.render == 3 || gs.render == 7, Source: in.src}
	var sb strings.Builder
	first := true
	err := ft.decode(s, func(g glyphCode) error {
		if in.glyphs++; in.glyphs > MaxGlyphs {
			return limitErrorf("more than MaxGlyphs (%d) glyphs on one page", MaxGlyphs)
		}
		trm := matrix{gs.fontSize * gs.th, 0, 0, gs.fontSize, 0, gs.rise}.mul(in.tm).mul(gs.ctm)
		var gl Glyph
		var box Rect
		if ft.vertical {
			// The position is the glyph's vertical origin, half a width
			// right of and 0.88 em above its horizontal origin (the
			// default /DW2).
			box = Rect{-g.w / 2, -0.88 + ft.descent, g.w / 2, -0.88 + ft.ascent}
			gl = Glyph{Text: g.text, Origin: trm.apply(0, 0), End: trm.apply(0, -1)}
		} else {
			box = Rect{0, ft.descent, g.w, ft.ascent}
			gl = Glyph{Text: g.text, Origin: trm.apply(0, 0), End: trm.apply(g.w, 0)}
		}
		gl.Box = trm.rect(box)
		if trm.finite() {
			if first {
				run.Origin = gl.Origin
				// One em is 1000 glyph units: for Type3 fonts the
				// FontMatrix says how large that is in text space.
				em := ft.fontMatrix.vector(0, 1000)
				run.Size = hypot(trm.vector(em.X, em.Y))
				d := trm.vector(1, 0)
				if ft.vertical {
					d = trm.vector(0, -1)
				}
				run.Angle = math.Atan2(d.Y, d.X) * 180 / math.Pi
				if run.Angle == -180 {
					run.Angle = 180
				}
				first = false
			}
			run.Glyphs = append(run.Glyphs, gl)
			run.Box = run.Box.Union(gl.Box)
			sb.WriteString(g.text)
		}
		spacing := gs.tc
		if g.n == 1 && g.code == 32 {
			spacing += gs.tw
		}
		if ft.vertical {
			in.advance(0, -gs.fontSize+spacing)
		} else {
			in.advance((g.w*gs.fontSize+spacing)*gs.th, 0)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if len(run.Glyphs) == 0 {
		return nil
	}
	run.Text = sb.String()
	run.End = matrix{gs.fontSize * gs.th, 0, 0, gs.fontSize, 0, gs.rise}.mul(in.tm).mul(gs.ctm).apply(0, 0)
	in.out.Runs = append(in.out.Runs, run)
	if !run.Invisible {
		return in.paint(PaintText, run.Box)
	}
	return nil
}

// pathOp adds to the current path's bounding box. Curves lie within
// their control points' hull, so the points bound them.
func (in *interp) pathOp(op string, args []operand) {
	n := 0
	switch op {
	case "m", "l":
		n = 2
	case "c":
		n = 6
	case "v", "y", "re":
		n = 4
	}
	v, ok := nums(args, n)
	if !ok {
		return
	}
	ctm := in.gs.ctm
	if op == "re" {
		in.path = in.path.Union(ctm.rect(Rect{min(v[0], v[0]+v[2]), min(v[1], v[1]+v[3]), max(v[0], v[0]+v[2]), max(v[1], v[1]+v[3])}))
		in.pathOpen = true
		return
	}
	for i := 0; i+1 < len(v); i += 2 {
		in.path = in.path.addPoint(ctm.apply(v[i], v[i+1]))
		in.pathOpen = true
	}
}

// paintPath ends the path: painting it (unless n), and clipping by it
// after W or W*.
func (in *interp) paintPath(op string) error {
	box := in.path
	open := in.pathOpen
	in.path, in.pathOpen = emptyRect, false
	if in.clipNext {
		in.clipNext = false
		if open {
			in.gs.clip = in.gs.clip.Intersect(box)
		}
	}
	if op == "n" || !open {
		return nil
	}
	if op != "f" && op != "F" && op != "f*" {
		// Stroking paints half the line width beyond the path; the
		// width scales with the CTM.
		hw := in.gs.lineWidth / 2 * math.Sqrt(math.Abs(in.gs.ctm[0]*in.gs.ctm[3]-in.gs.ctm[1]*in.gs.ctm[2]))
		box = Rect{box.X0 - hw, box.Y0 - hw, box.X1 + hw, box.Y1 + hw}
	}
	return in.paint(PaintPath, box)
}

// paint records a painted box, cut to the clip.
func (in *interp) paint(kind PaintKind, box Rect) error {
	box = box.Intersect(in.gs.clip)
	if !box.valid() || math.IsNaN(box.X0+box.X1+box.Y0+box.Y1) {
		return nil
	}
	if len(in.out.Paint) >= MaxPaintBoxes {
		return limitErrorf("more than MaxPaintBoxes (%d) painted boxes on one page", MaxPaintBoxes)
	}
	in.out.Paint = append(in.out.Paint, Paint{Kind: kind, Box: box, Source: in.src})
	return nil
}

// doXObject is Do: a form is interpreted, an image paints the unit
// square.
func (in *interp) doXObject(name string) error {
	xobjs, err := in.f.resolveDict(in.rev, in.res["XObject"])
	if err != nil {
		return err
	}
	ref, ok := xobjs[name]
	if !ok {
		in.problemf("XObject /%s is not in the resources", name)
		return nil
	}
	v, err := in.f.resolve(in.rev, ref)
	if err != nil {
		in.problemf("XObject /%s: %v", name, err)
		return nil
	}
	sd, ok := v.(types.StreamDict)
	if !ok {
		in.problemf("XObject /%s is not a stream", name)
		return nil
	}
	switch st, _ := in.fl.nameOf(sd.Dict["Subtype"]); st {
	case "Image":
		return in.paint(PaintImage, in.gs.ctm.rect(Rect{0, 0, 1, 1}))
	case "Form":
		return in.drawForm(ref, sd, name)
	}
	return nil
}

// drawForm interprets a form XObject (ISO 32000-2 8.10): in a saved
// graphics state, with its /Matrix, clipped to its /BBox, with its own
// resources (or, as old files do, those of the page).
func (in *interp) drawForm(ref types.Object, sd types.StreamDict, name string) error {
	num := -1
	if r, ok := ref.(types.IndirectRef); ok {
		num = int(r.ObjectNumber)
	}
	if in.active[num] {
		in.problemf("form XObject %d draws itself", num)
		return nil
	}
	if in.depth >= MaxFormDepth {
		return limitErrorf("form XObjects nested deeper than MaxFormDepth (%d)", MaxFormDepth)
	}
	data, err := in.f.Stream(in.rev, sd)
	if err != nil {
		in.problemf("form XObject %s: %v", refString(ref), err)
		return nil
	}
	if err := in.spend(len(data)); err != nil {
		return err
	}
	saved := *in
	in.active[num] = true
	in.depth++
	m := formMatrix(in.fl, sd.Dict).mul(in.gs.ctm)
	if m.finite() {
		in.gs.ctm = m
	}
	if bb, ok := rectFrom(numbers(in.fl.array(sd.Dict["BBox"]))); ok {
		in.gs.clip = in.gs.clip.Intersect(in.gs.ctm.rect(bb))
	}
	if r, err := in.f.resolveDict(in.rev, sd.Dict["Resources"]); err == nil && r != nil {
		in.res = r
		in.resKey = fmt.Sprintf("form%d", num)
	}
	in.stack = nil
	in.path, in.pathOpen, in.clipNext = emptyRect, false, false
	if in.src.Kind == FromPage {
		in.src.Kind = FromForm
	}
	if num >= 0 {
		in.src.Stream = num
	}
	if name != "" {
		in.src.Form = name
	}
	err = in.run(data, nil)
	// Restore what the form may not change; counters and output stay.
	in.gs, in.stack, in.tm, in.tlm = saved.gs, saved.stack, saved.tm, saved.tlm
	in.res, in.resKey, in.src = saved.res, saved.resKey, saved.src
	in.path, in.pathOpen, in.clipNext = saved.path, saved.pathOpen, saved.clipNext
	in.depth--
	delete(in.active, num)
	return err
}
