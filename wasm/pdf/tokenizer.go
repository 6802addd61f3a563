package pdf

import (
	"bytes"
	"fmt"
)

// The tokenizer reads PDF tokens straight from the file's bytes and keeps
// every token's byte span. Offsets matter: the ByteRange check compares
// them with the signature's ByteRange, and the revision checks compare
// them with xref entries. It is strict where the specification is clear
// (hex strings hold hex digits and white space only, names use valid #xx
// escapes, numbers have one form) because a lenient tokenizer that reads
// a signature dictionary differently from other readers is an attack
// surface.

func isWhite(b byte) bool {
	switch b {
	case 0, '\t', '\n', '\f', '\r', ' ':
		return true
	}
	return false
}

func isDelim(b byte) bool {
	switch b {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

func isRegular(b byte) bool { return !isWhite(b) && !isDelim(b) }

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

func isHex(b byte) bool {
	return isDigit(b) || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F')
}

type tokenKind uint8

const (
	tokEOF tokenKind = iota
	tokInt
	tokReal
	tokName
	tokString // literal string: (...)
	tokHex    // hex string: <...>
	tokArrayOpen
	tokArrayClose
	tokDictOpen
	tokDictClose
	tokKeyword // true, false, null, R, obj, endobj, stream, xref, ...
)

func (k tokenKind) String() string {
	switch k {
	case tokEOF:
		return "end of data"
	case tokInt:
		return "integer"
	case tokReal:
		return "real"
	case tokName:
		return "name"
	case tokString:
		return "literal string"
	case tokHex:
		return "hex string"
	case tokArrayOpen:
		return "'['"
	case tokArrayClose:
		return "']'"
	case tokDictOpen:
		return "'<<'"
	case tokDictClose:
		return "'>>'"
	case tokKeyword:
		return "keyword"
	}
	return "token"
}

// token is one lexical token and its span [start, end) in the data.
type token struct {
	kind       tokenKind
	start, end int
	n          int64 // value of a tokInt
}

// syntaxError is a tokenizer or parser failure at a byte offset.
type syntaxError struct {
	off int
	msg string
}

func (e *syntaxError) Error() string { return fmt.Sprintf("offset %d: %s", e.off, e.msg) }

// lexer tokenizes b[pos:end]. Offsets are indexes into b, so a lexer
// over the whole file reports file offsets.
type lexer struct {
	b   []byte
	pos int
	end int
}

func newLexer(b []byte, pos int) *lexer {
	if pos < 0 {
		pos = 0
	}
	if pos > len(b) {
		pos = len(b)
	}
	return &lexer{b: b, pos: pos, end: len(b)}
}

func (l *lexer) errorf(off int, format string, args ...any) error {
	return &syntaxError{off: off, msg: fmt.Sprintf(format, args...)}
}

// skipSpace skips white space and comments. A comment runs to the end of
// its line; "%%EOF" is a comment too, so callers that need to see it must
// not skip comments (see skipWhite).
func (l *lexer) skipSpace() {
	for l.pos < l.end {
		c := l.b[l.pos]
		switch {
		case isWhite(c):
			l.pos++
		case c == '%':
			for l.pos < l.end && l.b[l.pos] != '\n' && l.b[l.pos] != '\r' {
				l.pos++
			}
		default:
			return
		}
	}
}

// skipWhite skips white space only.
func (l *lexer) skipWhite() {
	for l.pos < l.end && isWhite(l.b[l.pos]) {
		l.pos++
	}
}

// next returns the next token.
func (l *lexer) next() (token, error) {
	l.skipSpace()
	if l.pos >= l.end {
		return token{kind: tokEOF, start: l.pos, end: l.pos}, nil
	}
	start := l.pos
	c := l.b[start]
	switch c {
	case '[':
		l.pos++
		return token{kind: tokArrayOpen, start: start, end: l.pos}, nil
	case ']':
		l.pos++
		return token{kind: tokArrayClose, start: start, end: l.pos}, nil
	case '<':
		if start+1 < l.end && l.b[start+1] == '<' {
			l.pos += 2
			return token{kind: tokDictOpen, start: start, end: l.pos}, nil
		}
		return l.hexString(start)
	case '>':
		if start+1 < l.end && l.b[start+1] == '>' {
			l.pos += 2
			return token{kind: tokDictClose, start: start, end: l.pos}, nil
		}
		return token{}, l.errorf(start, "unexpected '>'")
	case '(':
		return l.literalString(start)
	case '/':
		return l.name(start)
	case ')', '{', '}':
		return token{}, l.errorf(start, "unexpected %q", c)
	}
	for l.pos < l.end && isRegular(l.b[l.pos]) {
		l.pos++
	}
	t := token{kind: tokKeyword, start: start, end: l.pos}
	if kind, ok := numberKind(l.b[start:l.pos]); ok {
		t.kind = kind
		if kind == tokInt {
			n, ok := parseInt(l.b[start:l.pos])
			if !ok {
				return token{}, l.errorf(start, "integer out of range")
			}
			t.n = n
		}
	}
	return t, nil
}

// numberKind reports whether s is a PDF number: [+-]? digits, with at
// most one '.', and at least one digit. Exponents are not PDF syntax.
func numberKind(s []byte) (tokenKind, bool) {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits, dot := 0, false
	for ; i < len(s); i++ {
		switch {
		case isDigit(s[i]):
			digits++
		case s[i] == '.' && !dot:
			dot = true
		default:
			return 0, false
		}
	}
	if digits == 0 {
		return 0, false
	}
	if dot {
		return tokReal, true
	}
	return tokInt, true
}

// parseInt parses a signed decimal integer, refusing overflow (a lenient
// parser that turns 99999999999999999999 into 0 would let a ByteRange
// lie).
func parseInt(s []byte) (int64, bool) {
	neg := false
	if len(s) > 0 && (s[0] == '+' || s[0] == '-') {
		neg = s[0] == '-'
		s = s[1:]
	}
	if len(s) == 0 {
		return 0, false
	}
	var n int64
	for _, c := range s {
		if !isDigit(c) {
			return 0, false
		}
		if n > (1<<63-1-int64(c-'0'))/10 {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	if neg {
		n = -n
	}
	return n, true
}

func (l *lexer) hexString(start int) (token, error) {
	i := start + 1
	for ; i < l.end; i++ {
		c := l.b[i]
		if c == '>' {
			l.pos = i + 1
			return token{kind: tokHex, start: start, end: l.pos}, nil
		}
		if !isHex(c) && !isWhite(c) {
			return token{}, l.errorf(i, "invalid byte %q in hex string", c)
		}
	}
	return token{}, l.errorf(start, "unterminated hex string")
}

func (l *lexer) literalString(start int) (token, error) {
	depth := 0
	for i := start; i < l.end; i++ {
		switch l.b[i] {
		case '\\':
			i++ // the escaped byte never opens or closes
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				l.pos = i + 1
				return token{kind: tokString, start: start, end: l.pos}, nil
			}
		}
	}
	return token{}, l.errorf(start, "unterminated literal string")
}

func (l *lexer) name(start int) (token, error) {
	i := start + 1
	for i < l.end && isRegular(l.b[i]) {
		if l.b[i] == '#' {
			if i+2 >= l.end || !isHex(l.b[i+1]) || !isHex(l.b[i+2]) {
				return token{}, l.errorf(i, "invalid #xx escape in name")
			}
			i += 3
			continue
		}
		i++
	}
	l.pos = i
	return token{kind: tokName, start: start, end: i}, nil
}

// isKeyword reports whether t is the keyword kw.
func (l *lexer) isKeyword(t token, kw string) bool {
	return t.kind == tokKeyword && string(l.b[t.start:t.end]) == kw
}

// text returns the bytes of t.
func (l *lexer) text(t token) []byte { return l.b[t.start:t.end] }

// nameValue decodes a name token (without the slash, #xx resolved).
func nameValue(raw []byte) string {
	raw = raw[1:]
	if bytes.IndexByte(raw, '#') < 0 {
		return string(raw)
	}
	out := make([]byte, 0, len(raw))
	for i := 0; i < len(raw); i++ {
		if raw[i] == '#' && i+2 < len(raw) {
			out = append(out, unhex(raw[i+1])<<4|unhex(raw[i+2]))
			i += 2
			continue
		}
		out = append(out, raw[i])
	}
	return string(out)
}

func unhex(c byte) byte {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10
	}
	return 0
}

// hexDigits returns the hex digits of a hex string token's raw bytes
// (including the angle brackets), white space removed and an odd final
// digit completed with 0 as ISO 32000 7.3.4.3 says.
func hexDigits(raw []byte) string {
	raw = raw[1 : len(raw)-1]
	out := make([]byte, 0, len(raw)+1)
	for _, c := range raw {
		if isHex(c) {
			out = append(out, c)
		}
	}
	if len(out)%2 == 1 {
		out = append(out, '0')
	}
	return string(out)
}

// decodeHex decodes hex digits (as returned by hexDigits).
func decodeHex(s string) []byte {
	out := make([]byte, len(s)/2)
	for i := range out {
		out[i] = unhex(s[2*i])<<4 | unhex(s[2*i+1])
	}
	return out
}
