package pdf

import (
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// unescapeString resolves the escapes of a literal string's raw bytes
// (between the parentheses), ISO 32000 7.3.4.2: \n \r \t \b \f \( \) \\,
// \ddd octal, a backslash before an EOL continues the line, an
// unescaped EOL (CR, LF or CRLF) reads as LF, and an unknown escape is
// the escaped byte.
func unescapeString(s []byte) []byte {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\r' {
			out = append(out, '\n')
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
			continue
		}
		if c != '\\' || i+1 >= len(s) {
			out = append(out, c)
			continue
		}
		i++
		c = s[i]
		switch c {
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
		case '\n':
		case '0', '1', '2', '3', '4', '5', '6', '7':
			v := int(c - '0')
			for k := 0; k < 2 && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '7'; k++ {
				i++
				v = v*8 + int(s[i]-'0')
			}
			out = append(out, byte(v))
		default:
			out = append(out, c)
		}
	}
	return out
}

// Text decodes a text string object of this file, as Resolve returned it:
// UTF-16BE, UTF-8 or PDFDocEncoding (ISO 32000-2 7.9.2.2). Anything that is
// not a string, or ciphertext that cannot be decrypted, yields "".
func (f *File) Text(o types.Object) string { return f.text(o) }

// text is textString, or "" when the string is ciphertext we cannot
// decrypt.
func (f *File) text(o types.Object) string {
	if f.encrypted && f.sec == nil {
		return ""
	}
	return textString(o)
}

// textString decodes a PDF text string (ISO 32000-2 7.9.2.2): UTF-16BE
// with a byte order mark, UTF-8 with a byte order mark (PDF 2.0), or
// PDFDocEncoding. Anything that is not a string yields "".
func textString(o types.Object) string {
	b := stringBytes(o)
	switch {
	case len(b) >= 2 && b[0] == 0xFE && b[1] == 0xFF:
		return decodeUTF16(b[2:])
	case len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF:
		return strings.ToValidUTF8(string(b[3:]), "\uFFFD")
	}
	var sb strings.Builder
	for _, c := range b {
		sb.WriteRune(pdfDocRune(c))
	}
	return sb.String()
}

// decodeUTF16 decodes UTF-16BE, dropping language-tag escapes (a 0x001B
// code unit, a language code, and another 0x001B).
func decodeUTF16(b []byte) string {
	u := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
	}
	out := make([]uint16, 0, len(u))
	for i := 0; i < len(u); i++ {
		if u[i] == 0x1B {
			j := i + 1
			for j < len(u) && u[j] != 0x1B {
				j++
			}
			i = j
			continue
		}
		out = append(out, u[i])
	}
	return string(utf16.Decode(out))
}

// pdfDocRune maps a PDFDocEncoding byte (ISO 32000-2 Annex D.2). It is
// Latin-1 except for 0x18-0x1F and 0x80-0xAD; undefined codes become
// U+FFFD.
func pdfDocRune(c byte) rune {
	switch {
	case c >= 0x18 && c <= 0x1F:
		return pdfDocLow[c-0x18]
	case c >= 0x80 && c <= 0xA0:
		return pdfDocHigh[c-0x80]
	case c == 0xAD, c == 0x7F:
		return utf8.RuneError
	}
	return rune(c)
}

var pdfDocLow = [8]rune{'\u02D8', '\u02C7', '\u02C6', '\u02D9', '\u02DD', '\u02DB', '\u02DA', '\u02DC'}

var pdfDocHigh = [33]rune{
	'\u2022', '\u2020', '\u2021', '\u2026', '\u2014', '\u2013', '\u0192', '\u2044',
	'\u2039', '\u203A', '\u2212', '\u2030', '\u201E', '\u201C', '\u201D', '\u2018',
	'\u2019', '\u201A', '\u2122', '\uFB01', '\uFB02', '\u0141', '\u0152', '\u0160',
	'\u0178', '\u017D', '\u0131', '\u0142', '\u0153', '\u0161', '\u017E', utf8.RuneError,
	'\u20AC',
}
