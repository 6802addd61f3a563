package sign

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// maxSerializeDepth bounds the nesting of an object written back; the
// reader has its own, lower limit, so this only guards against cycles.
const maxSerializeDepth = 100

// serialize writes a parsed object back as PDF syntax. Strings keep the
// bytes the reader saw (escapes included), so an unchanged value reads back
// equal and a verifier comparing revisions sees no change. Dictionary keys
// are sorted for a stable output.
func serialize(o types.Object) ([]byte, error) {
	var b bytes.Buffer
	if err := writeObject(&b, o, 0); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func writeObject(b *bytes.Buffer, o types.Object, depth int) error {
	if depth > maxSerializeDepth {
		return fmt.Errorf("object nested deeper than %d levels", maxSerializeDepth)
	}
	switch v := o.(type) {
	case nil:
		b.WriteString("null")
	case types.Boolean:
		b.WriteString(strconv.FormatBool(bool(v)))
	case types.Integer:
		b.WriteString(strconv.Itoa(int(v)))
	case types.Float:
		b.WriteString(formatNumber(float64(v)))
	case types.Name:
		writeName(b, string(v))
	case types.StringLiteral:
		b.WriteByte('(')
		b.WriteString(string(v))
		b.WriteByte(')')
	case types.HexLiteral:
		b.WriteByte('<')
		b.WriteString(string(v))
		b.WriteByte('>')
	case types.IndirectRef:
		fmt.Fprintf(b, "%d %d R", v.ObjectNumber, v.GenerationNumber)
	case types.Array:
		b.WriteByte('[')
		for i, e := range v {
			if i > 0 {
				b.WriteByte(' ')
			}
			if err := writeObject(b, e, depth+1); err != nil {
				return err
			}
		}
		b.WriteByte(']')
	case types.Dict:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		b.WriteString("<<")
		for _, k := range keys {
			writeName(b, k)
			b.WriteByte(' ')
			if err := writeObject(b, v[k], depth+1); err != nil {
				return err
			}
		}
		b.WriteString(">>")
	default:
		return fmt.Errorf("cannot write a %T back", o)
	}
	return nil
}

// writeName writes /name with #xx for delimiters, white space, '#' and
// bytes outside the printable ASCII range (ISO 32000-2 7.3.5).
func writeName(b *bytes.Buffer, n string) {
	b.WriteByte('/')
	for i := 0; i < len(n); i++ {
		c := n[i]
		if c < '!' || c > '~' || bytes.IndexByte([]byte("#()<>[]{}/%"), c) >= 0 {
			fmt.Fprintf(b, "#%02X", c)
			continue
		}
		b.WriteByte(c)
	}
}

// formatNumber writes a real number without an exponent, which PDF syntax
// does not have.
func formatNumber(f float64) string {
	if f == float64(int64(f)) && f < 1e15 && f > -1e15 {
		return strconv.FormatInt(int64(f), 10)
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// literal encodes text as a PDF text string: PDFDocEncoding-compatible
// ASCII as a literal string, anything else as UTF-16BE with a BOM in hex.
func literal(s string) string {
	ascii := true
	for _, r := range s {
		if r < 0x20 || r > 0x7E {
			ascii = false
			break
		}
	}
	if ascii {
		var b bytes.Buffer
		b.WriteByte('(')
		for i := 0; i < len(s); i++ {
			if c := s[i]; c == '(' || c == ')' || c == '\\' {
				b.WriteByte('\\')
			}
			b.WriteByte(s[i])
		}
		b.WriteByte(')')
		return b.String()
	}
	var b bytes.Buffer
	b.WriteString("<FEFF")
	for _, r := range s {
		if r >= 0x10000 {
			r -= 0x10000
			fmt.Fprintf(&b, "%04X%04X", 0xD800+(r>>10), 0xDC00+(r&0x3FF))
			continue
		}
		fmt.Fprintf(&b, "%04X", r)
	}
	b.WriteByte('>')
	return b.String()
}
