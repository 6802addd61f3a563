package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
)

// The content-stream tokenizer (ISO 32000-2 7.8.2): operands followed by
// an operator, with inline images (BI ... ID data EI) skipped as one
// operator. It reuses the object lexer, so numbers, strings and names
// read exactly as they do in objects.

type operandKind uint8

const (
	opndNull operandKind = iota
	opndNumber
	opndName
	opndString
	opndArray
	opndDict // arr holds keys (as names) and values alternately
	opndBool
)

// operand is one operand of a content-stream operator. Strings hold
// their decoded bytes, names their decoded value.
type operand struct {
	kind operandKind
	num  float64
	str  []byte
	arr  []operand
}

func (o operand) name() string { return string(o.str) }

// dictGet returns the value of key in a dictionary operand.
func (o operand) dictGet(keys ...string) (operand, bool) {
	if o.kind != opndDict {
		return operand{}, false
	}
	for i := 0; i+1 < len(o.arr); i += 2 {
		for _, k := range keys {
			if string(o.arr[i].str) == k {
				return o.arr[i+1], true
			}
		}
	}
	return operand{}, false
}

// errContentSyntax marks a content stream that cannot be tokenized
// further; the interpreter records it and skips the rest of the stream,
// as a viewer cannot draw it either.
var errContentSyntax = errors.New("content stream syntax error")

// contentScanner reads operators from one decoded content stream.
type contentScanner struct {
	lx   *lexer
	args []operand
	n    int // operands of the current operator, array elements included
}

func newContentScanner(b []byte) *contentScanner { return &contentScanner{lx: newLexer(b, 0)} }

func (s *contentScanner) syntaxErr(off int, format string, a ...any) error {
	return fmt.Errorf("%w at offset %d: %s", errContentSyntax, off, fmt.Sprintf(format, a...))
}

// next returns the next operator and its operands (valid until the next
// call); op is "" at the end of the stream. Operands left without an
// operator at the end are dropped, as viewers do.
func (s *contentScanner) next() (op string, args []operand, err error) {
	s.args, s.n = s.args[:0], 0
	for {
		t, err := s.lx.next()
		if err != nil {
			return "", nil, fmt.Errorf("%w: %v", errContentSyntax, err)
		}
		switch t.kind {
		case tokEOF:
			return "", nil, nil
		case tokKeyword:
			kw := string(s.lx.text(t))
			switch kw {
			case "true", "false":
				s.args = append(s.args, operand{kind: opndBool, num: b2f(kw == "true")})
				continue
			case "null":
				s.args = append(s.args, operand{kind: opndNull})
				continue
			case "BI":
				if err := s.inlineImage(); err != nil {
					return "", nil, err
				}
			}
			return kw, s.args, nil
		}
		v, err := s.value(t, 0)
		if err != nil {
			return "", nil, err
		}
		s.args = append(s.args, v)
	}
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// value reads one operand whose first token is t.
func (s *contentScanner) value(t token, depth int) (operand, error) {
	if s.n++; s.n > MaxOperands {
		return operand{}, limitErrorf("more than MaxOperands (%d) operands for one operator at offset %d", MaxOperands, t.start)
	}
	lx := s.lx
	switch t.kind {
	case tokInt:
		return operand{kind: opndNumber, num: float64(t.n)}, nil
	case tokReal:
		v, err := strconv.ParseFloat(string(lx.text(t)), 64)
		if err != nil {
			return operand{}, s.syntaxErr(t.start, "invalid number")
		}
		return operand{kind: opndNumber, num: v}, nil
	case tokName:
		return operand{kind: opndName, str: []byte(nameValue(lx.text(t)))}, nil
	case tokString:
		return operand{kind: opndString, str: unescapeString(lx.b[t.start+1 : t.end-1])}, nil
	case tokHex:
		return operand{kind: opndString, str: decodeHex(hexDigits(lx.text(t)))}, nil
	case tokKeyword:
		switch string(lx.text(t)) {
		case "true", "false":
			return operand{kind: opndBool, num: b2f(string(lx.text(t)) == "true")}, nil
		case "null":
			return operand{kind: opndNull}, nil
		}
		return operand{}, s.syntaxErr(t.start, "operator %q inside an array or dictionary", truncate(lx.text(t), 20))
	case tokArrayOpen, tokDictOpen:
		if depth >= MaxNestingDepth {
			return operand{}, limitErrorf("operand nesting deeper than MaxNestingDepth (%d) at offset %d", MaxNestingDepth, t.start)
		}
		closer, kind := tokArrayClose, opndArray
		if t.kind == tokDictOpen {
			closer, kind = tokDictClose, opndDict
		}
		o := operand{kind: kind}
		for {
			e, err := lx.next()
			if err != nil {
				return operand{}, fmt.Errorf("%w: %v", errContentSyntax, err)
			}
			if e.kind == closer {
				if kind == opndDict && len(o.arr)%2 != 0 {
					return operand{}, s.syntaxErr(t.start, "dictionary without a value for its last key")
				}
				return o, nil
			}
			if e.kind == tokEOF {
				return operand{}, s.syntaxErr(t.start, "unterminated array or dictionary")
			}
			if kind == opndDict && len(o.arr)%2 == 0 && e.kind != tokName {
				return operand{}, s.syntaxErr(e.start, "dictionary key is a %s", e.kind)
			}
			v, err := s.value(e, depth+1)
			if err != nil {
				return operand{}, err
			}
			o.arr = append(o.arr, v)
		}
	}
	return operand{}, s.syntaxErr(t.start, "unexpected %s", t.kind)
}

// inlineImage reads "key value ... ID data EI" after BI (ISO 32000-2
// 8.9.7), leaving the parameters as one dictionary operand.
func (s *contentScanner) inlineImage() error {
	lx := s.lx
	dict := operand{kind: opndDict}
	for {
		t, err := lx.next()
		if err != nil {
			return fmt.Errorf("%w: inline image: %v", errContentSyntax, err)
		}
		if lx.isKeyword(t, "ID") {
			break
		}
		if t.kind != tokName {
			return s.syntaxErr(t.start, "inline image: expected a key or ID, found a %s", t.kind)
		}
		k, err := s.value(t, 0)
		if err != nil {
			return err
		}
		vt, err := lx.next()
		if err != nil {
			return fmt.Errorf("%w: inline image: %v", errContentSyntax, err)
		}
		v, err := s.value(vt, 0)
		if err != nil {
			return err
		}
		dict.arr = append(dict.arr, k, v)
	}
	// One white-space byte separates ID from the data.
	start := lx.pos + 1
	if start > lx.end {
		return s.syntaxErr(lx.pos, "inline image: no data after ID")
	}
	end := inlineImageEnd(lx.b[:lx.end], start, dict)
	if end < 0 {
		return s.syntaxErr(start, "inline image: no EI")
	}
	lx.pos = end + 2
	s.args = append(s.args[:0], dict)
	return nil
}

// inlineImageEnd returns the offset of the EI that ends inline image data
// starting at start, or -1. The data length is known when the dictionary
// gives /L (PDF 2.0) or the image is unfiltered; otherwise the data ends
// at the first "EI" between white space that is followed by text that
// looks like content (filtered data may contain "EI" by chance).
func inlineImageEnd(b []byte, start int, dict operand) int {
	// ASCII filters end their data with an EOD marker.
	if f, ok := dict.dictGet("F", "Filter"); ok && f.kind == opndName {
		eod := map[string]string{"AHx": ">", "ASCIIHexDecode": ">", "A85": "~>", "ASCII85Decode": "~>"}[f.name()]
		if i := bytes.Index(b[start:], []byte(eod)); eod != "" && i >= 0 {
			start += i + len(eod)
		}
	}
	if n, ok := inlineImageLength(dict); ok && start+n <= len(b) && n >= 0 {
		i := start + n
		for i < len(b) && isWhite(b[i]) {
			i++
		}
		if bytes.HasPrefix(b[i:], []byte("EI")) && (i+2 == len(b) || !isRegular(b[i+2])) {
			return i
		}
	}
	for i := start; ; {
		j := bytes.Index(b[i:], []byte("EI"))
		if j < 0 {
			return -1
		}
		j += i
		if (j == start || isWhite(b[j-1])) && (j+2 == len(b) || isWhite(b[j+2])) && looksLikeContent(b[j+2:]) {
			return j
		}
		i = j + 1
	}
}

// looksLikeContent reports whether the bytes after a candidate EI are
// plausible content-stream text: no control or high bytes in the next
// few dozen.
func looksLikeContent(b []byte) bool {
	for _, c := range b[:min(len(b), 64)] {
		if c >= 0x7F || (c < 0x20 && !isWhite(c)) {
			return false
		}
	}
	return true
}

// inlineImageLength is the data length from /L, or for an unfiltered
// image from its size and colour space.
func inlineImageLength(d operand) (int, bool) {
	if l, ok := d.dictGet("L", "Length"); ok && l.kind == opndNumber {
		return int(l.num), true
	}
	if _, ok := d.dictGet("F", "Filter"); ok {
		return 0, false
	}
	w, okw := d.dictGet("W", "Width")
	h, okh := d.dictGet("H", "Height")
	if !okw || !okh || w.kind != opndNumber || h.kind != opndNumber || w.num <= 0 || h.num <= 0 || w.num > 1e5 || h.num > 1e5 {
		return 0, false
	}
	bpc, comps := 8.0, 0.0
	if v, ok := d.dictGet("BPC", "BitsPerComponent"); ok && v.kind == opndNumber {
		bpc = v.num
	}
	if v, ok := d.dictGet("IM", "ImageMask"); ok && v.kind == opndBool && v.num == 1 {
		bpc, comps = 1, 1
	} else if cs, ok := d.dictGet("CS", "ColorSpace"); ok && cs.kind == opndName {
		switch cs.name() {
		case "G", "DeviceGray", "I", "Indexed":
			comps = 1
		case "RGB", "DeviceRGB":
			comps = 3
		case "CMYK", "DeviceCMYK":
			comps = 4
		}
	}
	if comps == 0 || bpc <= 0 || bpc > 16 {
		return 0, false
	}
	rowBytes := (int(w.num)*int(bpc)*int(comps) + 7) / 8
	return rowBytes * int(h.num), true
}
