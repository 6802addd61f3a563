package pdf

import (
	"testing"
	"time"
)

// Fuzz targets for the content-stream interpreter and the CMap parser:
// nothing may panic, and hostile input must stay fast.

// FuzzPageContent interprets arbitrary content on a page that has a
// simple font, a Type0 font with a ToUnicode CMap, a form and an image,
// then groups the text into lines.
func FuzzPageContent(f *testing.F) {
	for _, s := range []string{
		"BT /F1 12 Tf 72 720 Td (Hello) Tj ET",
		"BT /F1 10 Tf 50 400 Td [(Sig) 20 (na) -280 (\\(A\\))] TJ T* (x) ' 1 2 (y) \" ET",
		"q 0 1 -1 0 300 100 cm BT /F2 10 Tf 3 Tr 2 Tc 5 Tw 50 Tz 14 TL 4 Ts <0001000A0020> Tj ET Q",
		"q 100 0 0 50 10 10 cm BI /W 4 /H 1 /CS /G /BPC 8 ID \x00EI\xff EI Q /Fm Do /Im Do",
		"0 0 10 10 re W n 1 w 0 0 m 10 10 l 5 5 1 1 2 2 c S 0 0 5 5 re f* sh",
		"BT /F3 10 Tf (abc) Tj ET /Fm Do",
	} {
		f.Add([]byte(s))
	}
	objs := type0Objects()
	objs[105] = balticFont
	objs[200] = "stream:/Subtype /Form /BBox [0 0 100 100] /Matrix [1 0 0 1 5 5] /Resources << /Font << /F1 100 0 R >> /XObject << /Fm 200 0 R >> >>|BT /F1 5 Tf (form) Tj ET /Fm Do"
	objs[201] = "stream:/Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8|\x80"
	res := "<< /Font << /F1 100 0 R /F2 104 0 R /F3 105 0 R >> /XObject << /Fm 200 0 R /Im 201 0 R >> >>"
	noCatch(f)
	f.Fuzz(func(t *testing.T, content []byte) {
		file, err := Open(textDoc(t, objs, tpage{res: res, content: string(content)}))
		if err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		pc, err := file.PageContent(0, 0)
		if err == nil {
			Lines(pc.Runs)
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("%d bytes of content took %v", len(content), d)
		}
	})
}

// FuzzCMap parses arbitrary CMaps and looks codes up in them.
func FuzzCMap(f *testing.F) {
	f.Add([]byte(toUnicode[len("stream:|"):]))
	f.Add([]byte("2 begincodespacerange <00> <7F> <8000> <FFFF> endcodespacerange 1 beginbfrange <8000> <80FF> [<0041> <0042>] endbfrange 1 begincidrange <00> <7F> 1 endcidrange /WMode 1 def"))
	f.Add([]byte("1 beginbfchar <41> /Scaron endbfchar 1 begincidchar <0102> 7 endcidchar"))
	noCatch(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		cm, err := parseCMap(data)
		if err != nil {
			return
		}
		for b := data[:min(len(data), 64)]; len(b) > 0; {
			code, n, ok := cm.nextCode(b)
			if !ok || n < 1 || n > len(b) {
				t.Fatalf("nextCode(%x) = %x, %d, %v", b, code, n, ok)
			}
			cm.unicode(code, n)
			cm.cid(code, n)
			b = b[n:]
		}
	})
}
