package pdf

import (
	"strconv"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// parser turns tokens into pdfcpu objects. We build the pdfcpu object
// model from our own tokens rather than through model.ParseObject: that
// parser is lenient by design (it retries in a relaxed mode, turns an
// integer overflow into 0, drops malformed hex strings, fixes odd hex
// digits around white space differently from the specification), and any
// difference between the bytes we check and the values we report is a
// parser differential an attacker can use. One parser, strict, with byte
// offsets, serves both.
type parser struct {
	lx *lexer
	// dupKeys counts duplicate dictionary keys seen (the last one wins,
	// as in pdf.js and pdfcpu); callers that care report it.
	dupKeys int
}

func newParser(b []byte, pos int) *parser { return &parser{lx: newLexer(b, pos)} }

// value parses one object starting with the next token.
func (p *parser) value(depth int) (types.Object, error) {
	t, err := p.lx.next()
	if err != nil {
		return nil, err
	}
	return p.valueFrom(t, depth)
}

// valueFrom parses one object whose first token t has been read.
func (p *parser) valueFrom(t token, depth int) (types.Object, error) {
	lx := p.lx
	switch t.kind {
	case tokInt:
		if t.n >= 0 {
			if ref, ok := p.tryRef(t); ok {
				return ref, nil
			}
		}
		if t.n > int64(maxInt) || t.n < -int64(maxInt)-1 {
			return nil, lx.errorf(t.start, "integer out of range")
		}
		return types.Integer(int(t.n)), nil
	case tokReal:
		v, err := strconv.ParseFloat(string(lx.text(t)), 64)
		if err != nil {
			return nil, lx.errorf(t.start, "invalid real number")
		}
		return types.Float(v), nil
	case tokName:
		return types.Name(nameValue(lx.text(t))), nil
	case tokString:
		// pdfcpu keeps a literal string in its escaped form, between the
		// parentheses; text.go and the decryption undo the escapes.
		return types.StringLiteral(lx.b[t.start+1 : t.end-1]), nil
	case tokHex:
		return types.HexLiteral(hexDigits(lx.text(t))), nil
	case tokArrayOpen:
		return p.array(t, depth+1)
	case tokDictOpen:
		return p.dict(t, depth+1)
	case tokKeyword:
		switch string(lx.text(t)) {
		case "true":
			return types.Boolean(true), nil
		case "false":
			return types.Boolean(false), nil
		case "null":
			return nil, nil
		}
		return nil, lx.errorf(t.start, "unexpected keyword %q", truncate(lx.text(t), 20))
	case tokEOF:
		return nil, lx.errorf(t.start, "unexpected end of data")
	}
	return nil, lx.errorf(t.start, "unexpected %s", t.kind)
}

const maxInt = int(^uint(0) >> 1)

// tryRef reads "G R" after the object number t, or restores the position.
func (p *parser) tryRef(t token) (types.Object, bool) {
	lx := p.lx
	save := lx.pos
	g, err := lx.next()
	if err != nil || g.kind != tokInt || g.n < 0 || g.n > 65535 {
		lx.pos = save
		return nil, false
	}
	r, err := lx.next()
	if err != nil || !lx.isKeyword(r, "R") {
		lx.pos = save
		return nil, false
	}
	return types.IndirectRef{ObjectNumber: types.Integer(t.n), GenerationNumber: types.Integer(g.n)}, true
}

func (p *parser) array(open token, depth int) (types.Object, error) {
	if depth > MaxNestingDepth {
		return nil, limitErrorf("nesting deeper than MaxNestingDepth (%d) at offset %d", MaxNestingDepth, open.start)
	}
	a := types.Array{}
	for {
		t, err := p.lx.next()
		if err != nil {
			return nil, err
		}
		if t.kind == tokArrayClose {
			return a, nil
		}
		if t.kind == tokEOF {
			return nil, p.lx.errorf(open.start, "unterminated array")
		}
		v, err := p.valueFrom(t, depth)
		if err != nil {
			return nil, err
		}
		a = append(a, v)
	}
}

func (p *parser) dict(open token, depth int) (types.Object, error) {
	if depth > MaxNestingDepth {
		return nil, limitErrorf("nesting deeper than MaxNestingDepth (%d) at offset %d", MaxNestingDepth, open.start)
	}
	d := types.Dict{}
	seen := map[string]bool{}
	for {
		t, err := p.lx.next()
		if err != nil {
			return nil, err
		}
		if t.kind == tokDictClose {
			return d, nil
		}
		if t.kind == tokEOF {
			return nil, p.lx.errorf(open.start, "unterminated dictionary")
		}
		if t.kind != tokName {
			return nil, p.lx.errorf(t.start, "dictionary key is a %s, not a name", t.kind)
		}
		key := nameValue(p.lx.text(t))
		v, err := p.value(depth)
		if err != nil {
			return nil, err
		}
		if seen[key] {
			p.dupKeys++
		}
		seen[key] = true
		// A null value is the same as no entry (ISO 32000 7.3.7).
		if v == nil {
			delete(d, key)
			continue
		}
		d[key] = v
	}
}

func truncate(b []byte, n int) string {
	if len(b) > n {
		return string(b[:n]) + "..."
	}
	return string(b)
}
