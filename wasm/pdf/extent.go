package pdf

import (
	"fmt"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// extent is where an uncompressed object lies, found without building
// its value. The revision checks scan every object of every revision;
// building pdfcpu maps for each would allocate about a third of the
// file's size in garbage.
type extent struct {
	num, gen, hdr, end int
	lengthRepaired     bool
}

// objectExtent reads "N G obj value endobj" (or a stream) at off with
// the same syntax rules as readIndirect, keeping only the top-level
// /Length of a stream dictionary. rev resolves an indirect /Length.
func (f *File) objectExtent(off, rev int) (extent, error) {
	lx := newLexer(f.data, off)
	tn, err1 := lx.next()
	tg, err2 := lx.next()
	to, err3 := lx.next()
	if err1 != nil || err2 != nil || err3 != nil || tn.kind != tokInt || tg.kind != tokInt || !lx.isKeyword(to, "obj") ||
		tn.n < 0 || tn.n > MaxObjectNumber || tg.n < 0 || tg.n > 65535 {
		return extent{}, &syntaxError{off: off, msg: "no \"N G obj\" header"}
	}
	x := extent{num: int(tn.n), gen: int(tg.n), hdr: tn.start}
	isDict, length, err := skipValue(lx)
	if err != nil {
		return extent{}, fmt.Errorf("object %d %d: %w", x.num, x.gen, err)
	}
	t, err := lx.next()
	if err != nil {
		return extent{}, fmt.Errorf("object %d %d: %w", x.num, x.gen, err)
	}
	switch {
	case lx.isKeyword(t, "endobj"):
		x.end = t.end
		return x, nil
	case !lx.isKeyword(t, "stream"):
		return extent{}, &syntaxError{off: t.start, msg: fmt.Sprintf("object %d %d: missing endobj", x.num, x.gen)}
	case !isDict:
		return extent{}, &syntaxError{off: t.start, msg: fmt.Sprintf("object %d %d: stream without a dictionary", x.num, x.gen)}
	}
	_, _, x.lengthRepaired, lx.pos, err = f.streamExtent(t.end, f.streamLength(length, rev, 0))
	if err != nil {
		return extent{}, fmt.Errorf("object %d %d: %w", x.num, x.gen, err)
	}
	t, err = lx.next()
	if err != nil || !lx.isKeyword(t, "endobj") {
		return extent{}, &syntaxError{off: lx.pos, msg: fmt.Sprintf("object %d %d: missing endobj after endstream", x.num, x.gen)}
	}
	x.end = t.end
	return x, nil
}

// skipValue reads one value, checking what the parser checks (keys are
// names, containers balance, nesting is bounded, keywords are true,
// false, null or the R of a reference), and returns whether it is a
// dictionary and, if so, its top-level /Length (an Integer or an
// IndirectRef, else nil).
func skipValue(lx *lexer) (isDict bool, length types.Object, err error) {
	type level struct {
		dict, wantKey, lengthNext bool
	}
	var stack [MaxNestingDepth + 1]level
	depth := 0
	for {
		t, err := lx.next()
		if err != nil {
			return false, nil, err
		}
		top := &stack[depth]
		if depth > 0 && top.dict && top.wantKey {
			switch t.kind {
			case tokDictClose:
				depth--
				if depth == 0 {
					return true, length, nil
				}
				stack[depth].wantKey = true
				continue
			case tokName:
				top.wantKey = false
				top.lengthNext = depth == 1 && string(lx.text(t)) == "/Length"
				continue
			}
			return false, nil, lx.errorf(t.start, "dictionary key is a %s, not a name", t.kind)
		}
		// A value (or the end of an array).
		switch t.kind {
		case tokArrayOpen, tokDictOpen:
			if depth+1 > MaxNestingDepth {
				return false, nil, limitErrorf("nesting deeper than MaxNestingDepth (%d) at offset %d", MaxNestingDepth, t.start)
			}
			depth++
			stack[depth] = level{dict: t.kind == tokDictOpen, wantKey: t.kind == tokDictOpen}
			continue
		case tokArrayClose:
			if depth == 0 || top.dict {
				return false, nil, lx.errorf(t.start, "unexpected ']'")
			}
			depth--
			if depth == 0 {
				return false, nil, nil
			}
			stack[depth].wantKey = true
			continue
		case tokDictClose:
			return false, nil, lx.errorf(t.start, "unexpected '>>'")
		case tokEOF:
			return false, nil, lx.errorf(t.start, "unexpected end of data")
		case tokInt:
			if t.n >= 0 {
				save := lx.pos
				g, err1 := lx.next()
				r, err2 := lx.next()
				if err1 == nil && err2 == nil && g.kind == tokInt && g.n >= 0 && g.n <= 65535 && lx.isKeyword(r, "R") {
					if top.lengthNext {
						length = types.IndirectRef{ObjectNumber: types.Integer(t.n), GenerationNumber: types.Integer(g.n)}
					}
				} else {
					lx.pos = save
					if top.lengthNext {
						length = types.Integer(int(t.n))
					}
				}
			}
		case tokKeyword:
			switch string(lx.text(t)) {
			case "true", "false", "null":
			default:
				return false, nil, lx.errorf(t.start, "unexpected keyword %q", truncate(lx.text(t), 20))
			}
		}
		if depth == 0 {
			return false, nil, nil
		}
		top.lengthNext = false
		if top.dict {
			top.wantKey = true
		}
	}
}
