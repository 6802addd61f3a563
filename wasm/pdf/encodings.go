package pdf

import (
	"strconv"
	"strings"
	"sync"
)

// Simple-font encodings (ISO 32000-2 Annex D) and the glyph names that
// /Differences uses, mapped to Unicode through the part of the Adobe Glyph
// List that Latin-script documents need: ASCII, Latin-1, Latin
// Extended-A (Baltic, Central European), the Windows-1252 punctuation,
// ligatures, and the uniXXXX / uXXXX[XX] forms.

// latin1Names are the glyph names of U+00A0..U+00FF.
var latin1Names = strings.Fields(`space exclamdown cent sterling currency yen brokenbar section
dieresis copyright ordfeminine guillemotleft logicalnot hyphen registered macron degree plusminus
twosuperior threesuperior acute mu paragraph periodcentered cedilla onesuperior ordmasculine
guillemotright onequarter onehalf threequarters questiondown Agrave Aacute Acircumflex Atilde
Adieresis Aring AE Ccedilla Egrave Eacute Ecircumflex Edieresis Igrave Iacute Icircumflex
Idieresis Eth Ntilde Ograve Oacute Ocircumflex Otilde Odieresis multiply Oslash Ugrave Uacute
Ucircumflex Udieresis Yacute Thorn germandbls agrave aacute acircumflex atilde adieresis aring ae
ccedilla egrave eacute ecircumflex edieresis igrave iacute icircumflex idieresis eth ntilde ograve
oacute ocircumflex otilde odieresis divide oslash ugrave uacute ucircumflex udieresis yacute thorn
ydieresis`)

// latinExtANames are the glyph names of U+0100..U+017F.
var latinExtANames = strings.Fields(`Amacron amacron Abreve abreve Aogonek aogonek Cacute cacute
Ccircumflex ccircumflex Cdotaccent cdotaccent Ccaron ccaron Dcaron dcaron Dcroat dcroat Emacron
emacron Ebreve ebreve Edotaccent edotaccent Eogonek eogonek Ecaron ecaron Gcircumflex gcircumflex
Gbreve gbreve Gdotaccent gdotaccent Gcommaaccent gcommaaccent Hcircumflex hcircumflex Hbar hbar
Itilde itilde Imacron imacron Ibreve ibreve Iogonek iogonek Idotaccent dotlessi IJ ij Jcircumflex
jcircumflex Kcommaaccent kcommaaccent kgreenlandic Lacute lacute Lcommaaccent lcommaaccent Lcaron
lcaron Ldot ldot Lslash lslash Nacute nacute Ncommaaccent ncommaaccent Ncaron ncaron napostrophe
Eng eng Omacron omacron Obreve obreve Ohungarumlaut ohungarumlaut OE oe Racute racute Rcommaaccent
rcommaaccent Rcaron rcaron Sacute sacute Scircumflex scircumflex Scedilla scedilla Scaron scaron
Tcommaaccent tcommaaccent Tcaron tcaron Tbar tbar Utilde utilde Umacron umacron Ubreve ubreve Uring
uring Uhungarumlaut uhungarumlaut Uogonek uogonek Wcircumflex wcircumflex Ycircumflex ycircumflex
Ydieresis Zacute zacute Zdotaccent zdotaccent Zcaron zcaron longs`)

// asciiNames are the glyph names of U+0020..U+007E.
var asciiNames = strings.Fields(`space exclam quotedbl numbersign dollar percent ampersand
quotesingle parenleft parenright asterisk plus comma hyphen period slash zero one two three four
five six seven eight nine colon semicolon less equal greater question at A B C D E F G H I J K L M
N O P Q R S T U V W X Y Z bracketleft backslash bracketright asciicircum underscore grave a b c d e
f g h i j k l m n o p q r s t u v w x y z braceleft bar braceright asciitilde`)

// otherGlyphs are further names: punctuation, ligatures, spacing accents,
// the older cedilla/dot spellings of Baltic letters, and the Romanian
// comma-below letters.
var otherGlyphs = map[string]rune{
	"Euro": 0x20AC, "bullet": 0x2022, "endash": 0x2013, "emdash": 0x2014, "quoteleft": 0x2018,
	"quoteright": 0x2019, "quotesinglbase": 0x201A, "quotedblleft": 0x201C, "quotedblright": 0x201D,
	"quotedblbase": 0x201E, "dagger": 0x2020, "daggerdbl": 0x2021, "ellipsis": 0x2026,
	"perthousand": 0x2030, "guilsinglleft": 0x2039, "guilsinglright": 0x203A, "trademark": 0x2122,
	"fraction": 0x2044, "minus": 0x2212, "florin": 0x0192, "circumflex": 0x02C6, "tilde": 0x02DC,
	"caron": 0x02C7, "breve": 0x02D8, "dotaccent": 0x02D9, "ring": 0x02DA, "ogonek": 0x02DB,
	"hungarumlaut": 0x02DD, "ff": 0xFB00, "fi": 0xFB01, "fl": 0xFB02, "ffi": 0xFB03, "ffl": 0xFB04,
	"nbspace": 0xA0, "sfthyphen": 0xAD, "middot": 0xB7, "Gcedilla": 0x122, "gcedilla": 0x123,
	"Kcedilla": 0x136, "kcedilla": 0x137, "Lcedilla": 0x13B, "lcedilla": 0x13C, "Ncedilla": 0x145,
	"ncedilla": 0x146, "Rcedilla": 0x156, "rcedilla": 0x157, "Tcedilla": 0x162, "tcedilla": 0x163,
	"Edot": 0x116, "edot": 0x117, "Gdot": 0x120, "gdot": 0x121, "Cdot": 0x10A, "cdot": 0x10B,
	"Zdot": 0x17B, "zdot": 0x17C, "Idot": 0x130, "Dslash": 0x110, "dslash": 0x111,
	"Odblacute": 0x150, "odblacute": 0x151, "Udblacute": 0x170, "udblacute": 0x171,
	"Scommaaccent": 0x218, "scommaaccent": 0x219,
	"Omega": 0x3A9, "Delta": 0x2206, "pi": 0x3C0, "notequal": 0x2260, "infinity": 0x221E,
	"lessequal": 0x2264, "greaterequal": 0x2265, "partialdiff": 0x2202, "summation": 0x2211,
	"product": 0x220F, "integral": 0x222B, "radical": 0x221A, "approxequal": 0x2248,
	"lozenge": 0x25CA, "dotlessj": 0x237, "commaaccent": 0xF6C3, "apple": 0xF8FF,
	"checkmark": 0x2713,
}

var (
	glyphOnce sync.Once
	glyphMap  map[string]rune
)

func glyphNames() map[string]rune {
	glyphOnce.Do(func() {
		m := make(map[string]rune, 512)
		for i, n := range asciiNames {
			m[n] = rune(0x20 + i)
		}
		for i, n := range latin1Names[1:] { // "space" at U+00A0 would shadow U+0020
			m[n] = rune(0xA1 + i)
		}
		for i, n := range latinExtANames {
			m[n] = rune(0x100 + i)
		}
		for n, r := range otherGlyphs {
			m[n] = r
		}
		glyphMap = m
	})
	return glyphMap
}

// glyphText maps a glyph name to Unicode text following the AGL
// specification: a suffix after '.' is dropped, '_' joins ligature
// components, and uniXXXX(XXXX...) and uXXXX[XX] name code points
// directly. ok is false for a name it does not know.
func glyphText(name string) (string, bool) {
	if i := strings.IndexByte(name, '.'); i >= 0 {
		name = name[:i]
	}
	if name == "" {
		return "", false
	}
	if strings.Contains(name, "_") {
		var sb strings.Builder
		for _, part := range strings.Split(name, "_") {
			s, ok := glyphText(part)
			if !ok {
				return "", false
			}
			sb.WriteString(s)
		}
		return sb.String(), true
	}
	if r, ok := glyphNames()[name]; ok {
		return string(r), true
	}
	if s, ok := uniName(name); ok {
		return s, true
	}
	return cyrillicName(name)
}

// cyrillicName maps the AGL's afii names of the Russian alphabet, which
// office producers still write: afii10017-10049 are А-Я with Ё at 10023,
// afii10065-10097 а-я with ё at 10071.
func cyrillicName(name string) (string, bool) {
	n, err := strconv.Atoi(strings.TrimPrefix(name, "afii"))
	if err != nil || !strings.HasPrefix(name, "afii") {
		return "", false
	}
	for _, c := range [2]struct {
		first int
		base  rune
		yo    rune
	}{{10017, 0x410, 0x401}, {10065, 0x430, 0x451}} {
		switch off := n - c.first; {
		case off < 0 || off > 32:
		case off < 6:
			return string(c.base + rune(off)), true
		case off == 6:
			return string(c.yo), true
		default:
			return string(c.base + rune(off-1)), true
		}
	}
	return "", false
}

// uniName decodes "uni" + groups of four hex digits, or "u" + four to six
// hex digits, refusing surrogates (AGL specification).
func uniName(name string) (string, bool) {
	valid := func(v uint64) bool { return v <= 0x10FFFF && (v < 0xD800 || v > 0xDFFF) }
	switch {
	case strings.HasPrefix(name, "uni") && len(name) >= 7 && (len(name)-3)%4 == 0:
		var sb strings.Builder
		for i := 3; i < len(name); i += 4 {
			v, err := strconv.ParseUint(name[i:i+4], 16, 32)
			if err != nil || !valid(v) || strings.ToUpper(name[i:i+4]) != name[i:i+4] {
				return "", false
			}
			sb.WriteRune(rune(v))
		}
		return sb.String(), true
	case strings.HasPrefix(name, "u") && len(name) >= 5 && len(name) <= 7:
		v, err := strconv.ParseUint(name[1:], 16, 32)
		if err != nil || !valid(v) || strings.ToUpper(name[1:]) != name[1:] {
			return "", false
		}
		return string(rune(v)), true
	}
	return "", false
}

// baseEncoding is a simple font's code-to-Unicode table; 0 is no glyph.
type baseEncoding [256]rune

var (
	encOnce                              sync.Once
	standardEnc, winAnsiEnc, macRomanEnc baseEncoding
)

func encodings() {
	encOnce.Do(func() {
		for c := 0x20; c < 0x7F; c++ {
			standardEnc[c], winAnsiEnc[c], macRomanEnc[c] = rune(c), rune(c), rune(c)
		}
		standardEnc['\''], standardEnc['`'] = 0x2019, 0x2018
		for i, r := range standardHigh {
			standardEnc[0xA1+i] = r
		}
		copy(winAnsiEnc[0x80:0xA0], winAnsiHigh[:])
		for c := 0xA0; c <= 0xFF; c++ {
			winAnsiEnc[c] = rune(c)
		}
		copy(macRomanEnc[0x80:], []rune(macRomanHigh))
	})
}

// standardHigh is StandardEncoding from 0xA1 on.
var standardHigh = []rune{
	0xA1, 0xA2, 0xA3, 0x2044, 0xA5, 0x192, 0xA7, 0xA4, 0x27, 0x201C, 0xAB, 0x2039, 0x203A, 0xFB01, 0xFB02, // A1-AF
	0, 0x2013, 0x2020, 0x2021, 0xB7, 0, 0xB6, 0x2022, 0x201A, 0x201E, 0x201D, 0xBB, 0x2026, 0x2030, 0, 0xBF, // B0-BF
	0, 0x60, 0xB4, 0x2C6, 0x2DC, 0xAF, 0x2D8, 0x2D9, 0xA8, 0, 0x2DA, 0xB8, 0, 0x2DD, 0x2DB, 0x2C7, // C0-CF
	0x2014, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // D0-DF
	0, 0xC6, 0, 0xAA, 0, 0, 0, 0, 0x141, 0xD8, 0x152, 0xBA, 0, 0, 0, 0, // E0-EF
	0, 0xE6, 0, 0, 0, 0x131, 0, 0, 0x142, 0xF8, 0x153, 0xDF, // F0-FB
}

// winAnsiHigh is WinAnsiEncoding 0x80-0x9F (Windows-1252); the codes it
// leaves undefined show a bullet (ISO 32000-2 Annex D, note 5).
var winAnsiHigh = [32]rune{
	0x20AC, 0x2022, 0x201A, 0x192, 0x201E, 0x2026, 0x2020, 0x2021, 0x2C6, 0x2030, 0x160, 0x2039, 0x152, 0x2022, 0x17D, 0x2022,
	0x2022, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x2DC, 0x2122, 0x161, 0x203A, 0x153, 0x2022, 0x17E, 0x178,
}

// macRomanHigh is MacRomanEncoding 0x80-0xFF, with the Mac OS Roman
// mathematical symbols that the PDF table leaves out.
const macRomanHigh = "ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü" +
	"†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø" +
	"¿¡¬√ƒ≈∆«»…\u00A0ÀÃÕŒœ–—“”‘’÷◊ÿŸ⁄¤‹›ﬁﬂ" +
	"‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔ\uF8FFÒÚÛÙıˆ˜¯˘˙˚¸˝˛ˇ"
