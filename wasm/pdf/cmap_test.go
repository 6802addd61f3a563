package pdf

import "testing"

func TestCMapToUnicode(t *testing.T) {
	cm, err := parseCMap([]byte(`/CIDInit /ProcSet findresource begin 12 dict begin begincmap
2 begincodespacerange <00> <7F> <8000> <FFFF> endcodespacerange
2 beginbfchar <41> <0042> <8001> /Scaron endbfchar
% a comment (with a paren
2 beginbfrange <61> <63> <0161> <9000> <9002> [<0041> <D835DC00> <00660069>] endbfrange
1 begincidrange <8100> <81FF> 500 endcidrange
1 begincidchar <20> 3 endcidchar
/WMode 1 def
endcmap CMapName currentdict /CMap defineresource pop end end`))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		code uint32
		n    int
		want string
		ok   bool
	}{
		{0x41, 1, "B", true}, {0x8001, 2, "Š", true}, {0x61, 1, "š", true}, {0x63, 1, "ţ", true},
		{0x9000, 2, "A", true}, {0x9001, 2, "𝐀", true}, {0x9002, 2, "fi", true},
		{0x64, 1, "", false}, {0x0041, 2, "", false}, {0x9003, 2, "", false},
	} {
		got, ok := cm.unicode(c.code, c.n)
		if got != c.want || ok != c.ok {
			t.Errorf("unicode(%X/%d) = %q %v, want %q %v", c.code, c.n, got, ok, c.want, c.ok)
		}
	}
	if cid, ok := cm.cid(0x8142, 2); !ok || cid != 500+0x42 {
		t.Errorf("cid(8142) = %d %v", cid, ok)
	}
	if cid, ok := cm.cid(0x20, 1); !ok || cid != 3 {
		t.Errorf("cid(20) = %d %v", cid, ok)
	}
	if !cm.vertical {
		t.Error("WMode 1 not read")
	}
	// Code space: one byte below 0x80, two bytes from 0x80.
	var codes []uint32
	for b := []byte{0x41, 0x80, 0x01, 0x7F, 0x90}; len(b) > 0; {
		c, n, _ := cm.nextCode(b)
		codes = append(codes, c)
		b = b[n:]
	}
	if len(codes) != 4 || codes[0] != 0x41 || codes[1] != 0x8001 || codes[2] != 0x7F || codes[3] != 0x90 {
		t.Errorf("codes = %X", codes)
	}
}

func TestCMapFourByteCodes(t *testing.T) {
	cm, err := parseCMap([]byte(`1 begincodespacerange <00000000> <FFFFFFFF> endcodespacerange
1 beginbfrange <00010000> <000100FF> <0100> endbfrange`))
	if err != nil {
		t.Fatal(err)
	}
	c, n, _ := cm.nextCode([]byte{0, 1, 0, 0x13, 0xFF})
	if n != 4 || c != 0x10013 {
		t.Fatalf("code %X/%d", c, n)
	}
	if s, ok := cm.unicode(c, n); !ok || s != "ē" {
		t.Errorf("unicode = %q %v", s, ok)
	}
}

func TestCMapTolerant(t *testing.T) {
	// Garbage, a range running backwards, a destination of the wrong
	// type and a truncated section are skipped, not fatal.
	for _, src := range []string{
		"", "beginbfchar", "1 beginbfrange <10> <01> <0041> endbfrange", "1 beginbfchar <41> 12 endbfchar",
		"1 beginbfchar <41> <0041", "{ } ) >", "1 beginbfrange <00> <FF> [<0041> [<0042>] ] endbfrange",
		"1 beginbfrange [ <00> ] <01> <02> endbfrange", "1 begincodespacerange <0000000000> <FFFFFFFFFF> endcodespacerange",
	} {
		cm, err := parseCMap([]byte(src))
		if err != nil || cm == nil {
			t.Errorf("%q: %v", src, err)
			continue
		}
		cm.nextCode([]byte{0, 1, 2})
		cm.unicode(0x41, 1)
	}
}

func TestGlyphNames(t *testing.T) {
	for name, want := range map[string]string{
		"Amacron": "Ā", "amacron": "ā", "Ccaron": "Č", "Edotaccent": "Ė", "Gcommaaccent": "Ģ", "gcommaaccent": "ģ",
		"Iogonek": "Į", "Kcommaaccent": "Ķ", "lcommaaccent": "ļ", "Ncommaaccent": "Ņ", "scaron": "š", "Umacron": "Ū",
		"uogonek": "ų", "Zcaron": "Ž", "otilde": "õ", "Adieresis": "Ä", "udieresis": "ü", "edieresis": "ë",
		"eacute": "é", "egrave": "è", "ecircumflex": "ê", "ccedilla": "ç", "agrave": "à", "icircumflex": "î",
		"idieresis": "ï", "ocircumflex": "ô", "ugrave": "ù", "ydieresis": "ÿ", "oe": "œ", "ae": "æ",
		"germandbls": "ß", "Gcedilla": "Ģ", "kcedilla": "ķ", "quoteright": "’", "Euro": "€", "fi": "ﬁ",
		"uni0160": "Š", "uni00410042": "AB", "u1D400": "𝐀", "a.sc": "a", "f_f_i": "ffi", "afii10017": "А",
		"afii10023": "Ё", "afii10049": "Я", "afii10071": "ё", "afii10097": "я", "space": " ",
	} {
		if got, ok := glyphText(name); !ok || got != want {
			t.Errorf("%s = %q %v, want %q", name, got, ok, want)
		}
	}
	for _, bad := range []string{"", "g123", "uniD800", "uni004", "u110000", "uni00e9", "afii99999", ".notdef"} {
		if got, ok := glyphText(bad); ok {
			t.Errorf("%s = %q, want unknown", bad, got)
		}
	}
	// The tables are complete: every Latin Extended-A letter has a name.
	if len(latinExtANames) != 128 || len(latin1Names) != 96 || len(asciiNames) != 95 || len([]rune(macRomanHigh)) != 128 || len(standardHigh) != 0xFC-0xA1 {
		t.Errorf("table sizes %d %d %d %d %d", len(latinExtANames), len(latin1Names), len(asciiNames), len([]rune(macRomanHigh)), len(standardHigh))
	}
}

func TestEncodings(t *testing.T) {
	encodings()
	for _, c := range []struct {
		enc  *baseEncoding
		code byte
		want rune
	}{
		{&winAnsiEnc, 0x80, '€'}, {&winAnsiEnc, 0x8A, 'Š'}, {&winAnsiEnc, 0x9E, 'ž'}, {&winAnsiEnc, 0xE4, 'ä'},
		{&winAnsiEnc, 0x27, '\''}, {&standardEnc, 0x27, '’'}, {&standardEnc, 0xFB, 'ß'}, {&standardEnc, 0xE8, 'Ł'},
		{&standardEnc, 0xAE, 'ﬁ'}, {&macRomanEnc, 0x8A, 'ä'}, {&macRomanEnc, 0x9F, 'ü'}, {&macRomanEnc, 0xCD, 'Õ'},
		{&macRomanEnc, 0xFF, 'ˇ'},
	} {
		if got := c.enc[c.code]; got != c.want {
			t.Errorf("code %X = %q, want %q", c.code, got, c.want)
		}
	}
}
