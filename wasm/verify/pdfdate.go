package verify

import (
	"strconv"
	"strings"
	"time"
)

// parsePDFDate reads a PDF date string (ISO 32000 7.9.4,
// "D:YYYYMMDDHHmmSSOHH'mm'") and returns it as RFC 3339, or "" when it is
// not one. Only the year is mandatory.
func parsePDFDate(s string) string {
	s = strings.TrimPrefix(strings.TrimSpace(s), "D:")
	digits := 0
	for digits < len(s) && s[digits] >= '0' && s[digits] <= '9' {
		digits++
	}
	if digits < 4 || digits > 14 || digits%2 != 0 {
		return ""
	}
	field := [6]int{0, 1, 1, 0, 0, 0}
	for i := 0; 4+2*i <= digits; i++ {
		from, to := 0, 4
		if i > 0 {
			from, to = 2+2*i, 4+2*i
		}
		if to > digits {
			break
		}
		field[i], _ = strconv.Atoi(s[from:to])
	}
	loc, ok := pdfZone(s[digits:])
	if !ok {
		return ""
	}
	t := time.Date(field[0], time.Month(field[1]), field[2], field[3], field[4], field[5], 0, loc)
	if t.Month() != time.Month(field[1]) || t.Day() != field[2] || t.Hour() != field[3] || t.Minute() != field[4] {
		return ""
	}
	return t.Format(time.RFC3339)
}

// pdfZone reads the "Z", "+HH'mm'" or "-HH'mm" tail of a PDF date.
func pdfZone(z string) (*time.Location, bool) {
	if z == "" || z == "Z" || z == "Z00'00'" {
		return time.UTC, true
	}
	if z[0] != '+' && z[0] != '-' {
		return nil, false
	}
	rest := strings.ReplaceAll(z[1:], "'", "")
	if len(rest) != 2 && len(rest) != 4 {
		return nil, false
	}
	h, err1 := strconv.Atoi(rest[:2])
	m := 0
	var err2 error
	if len(rest) == 4 {
		m, err2 = strconv.Atoi(rest[2:])
	}
	if err1 != nil || err2 != nil || h > 23 || m > 59 {
		return nil, false
	}
	offset := h*3600 + m*60
	if z[0] == '-' {
		offset = -offset
	}
	return time.FixedZone("", offset), true
}
