package pdf

import (
	"strings"
	"unicode"
)

// Widths of the standard 14 fonts (ISO 32000-2 9.6.2.2), which a PDF may
// use without /Widths. Only the printable ASCII widths of Helvetica,
// Times and their bold faces are tabulated (from the Adobe AFM files);
// the oblique and italic faces use the upright widths, Courier is 600
// throughout, and any other character is estimated from a letter of the
// same case ('n' or 'N'), Symbol and ZapfDingbats at 600. That keeps the
// table small and positions within a few percent, which is what finding
// text on a page needs.

var helveticaASCII = [95]uint16{
	278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
	556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
	1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
	667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
	333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
	556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
}

var helveticaBoldASCII = [95]uint16{
	278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
	556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
	975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
	667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
	333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
	611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
}

var timesASCII = [95]uint16{
	250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278,
	500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444,
	921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722,
	556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500,
	333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500,
	500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541,
}

var timesBoldASCII = [95]uint16{
	250, 333, 555, 500, 500, 1000, 833, 278, 333, 333, 500, 570, 250, 333, 250, 278,
	500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 333, 333, 570, 570, 570, 500,
	930, 722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944, 722, 778,
	611, 778, 722, 556, 667, 722, 722, 1000, 722, 722, 667, 333, 278, 333, 581, 500,
	333, 500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556, 278, 833, 556, 500,
	556, 556, 444, 389, 333, 556, 500, 722, 500, 500, 444, 394, 220, 394, 520,
}

// standardWidths returns a width function (in thousandths of text space)
// for a standard 14 font name, or nil when base is not one. Subset
// prefixes ("ABCDEF+") and the common aliases (Arial, TimesNewRoman)
// are recognised.
func standardWidths(base string) func(r rune) float64 {
	if len(base) > 7 && base[6] == '+' {
		base = base[7:]
	}
	b := strings.ToLower(strings.NewReplacer(" ", "", "-", "", ",", "").Replace(base))
	bold := strings.Contains(b, "bold")
	var table *[95]uint16
	switch {
	case strings.HasPrefix(b, "courier"):
		return func(rune) float64 { return 600 }
	case strings.HasPrefix(b, "symbol"), strings.HasPrefix(b, "zapfdingbats"):
		return func(rune) float64 { return 600 }
	case strings.HasPrefix(b, "helvetica"), strings.HasPrefix(b, "arial"):
		table = &helveticaASCII
		if bold {
			table = &helveticaBoldASCII
		}
	case strings.HasPrefix(b, "times"):
		table = &timesASCII
		if bold {
			table = &timesBoldASCII
		}
	default:
		return nil
	}
	return func(r rune) float64 {
		r = baseLetter(r)
		switch {
		case r >= 0x20 && r < 0x7F:
		case r == 0x2014, r == 0x2026, r == 0xC6, r == 0x152: // em dash, ellipsis, Æ, Œ
			return 1000
		case r == 0xA1:
			r = '!'
		case r == 0xBF:
			r = '?'
		case r == 0x2019, r == 0x2018:
			r = '\''
		case unicode.IsUpper(r):
			r = 'N'
		case r == 0xA0:
			r = ' '
		default:
			r = 'n'
		}
		return float64(table[r-0x20])
	}
}

// accentSuffixes are the AGL names of the accents that Latin letters
// carry; the standard fonts give such a letter the width of its base.
var accentSuffixes = map[string]bool{
	"acute": true, "grave": true, "circumflex": true, "dieresis": true, "tilde": true, "ring": true,
	"cedilla": true, "caron": true, "macron": true, "ogonek": true, "dotaccent": true,
	"commaaccent": true, "breve": true, "hungarumlaut": true,
}

// baseLetter returns the unaccented letter of a Latin-1 or Latin
// Extended-A letter, read off its glyph name (Scaron is S + caron).
func baseLetter(r rune) rune {
	var name string
	switch {
	case r >= 0xC0 && r <= 0xFF:
		name = latin1Names[r-0xA0]
	case r >= 0x100 && r < 0x180:
		name = latinExtANames[r-0x100]
	default:
		return r
	}
	if name == "dotlessi" {
		return 'i'
	}
	if len(name) > 1 && accentSuffixes[name[1:]] {
		return rune(name[0])
	}
	return r
}
