package pdf

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestPageTextPositions(t *testing.T) {
	// Helvetica "Hello" at 12 pt: H e l l o = 722+556+222+222+556.
	pc := pageContent(t, textDoc(t, nil, tpage{content: "BT /F1 12 Tf 72 720 Td (Hello) Tj ET"}), 0)
	if len(pc.Runs) != 1 {
		t.Fatalf("runs = %d, want 1", len(pc.Runs))
	}
	r := pc.Runs[0]
	if r.Text != "Hello" || r.Font != "Helvetica" || !near(r.Size, 12, 1e-9) || r.Angle != 0 {
		t.Fatalf("run = %q %s size %g angle %g", r.Text, r.Font, r.Size, r.Angle)
	}
	if !near(r.Origin.X, 72, 1e-9) || !near(r.Origin.Y, 720, 1e-9) || !near(r.End.X, 72+2.278*12, 1e-9) {
		t.Errorf("origin %v end %v", r.Origin, r.End)
	}
	if !near(r.Box.Y0, 720-0.25*12, 1e-9) || !near(r.Box.Y1, 720+0.75*12, 1e-9) {
		t.Errorf("box %v", r.Box)
	}
	if r.Source.Kind != FromPage || r.Source.Stream != 11 {
		t.Errorf("source %+v", r.Source)
	}
	if len(pc.Paint) != 1 || pc.Paint[0].Kind != PaintText || pc.Paint[0].Box != r.Box {
		t.Errorf("paint %+v", pc.Paint)
	}
	if pc.MediaBox != (Rect{0, 0, 612, 792}) || pc.CropBox != pc.MediaBox || pc.UserUnit != 1 {
		t.Errorf("boxes %v %v unit %g", pc.MediaBox, pc.CropBox, pc.UserUnit)
	}
}

func TestTextStateOperators(t *testing.T) {
	// Tc, Tw, Tz, TL, T*, ', ", Ts and cm: every glyph position is
	// computed by hand.
	content := `1 0 0 1 10 20 cm BT /F1 10 Tf 2 Tc 100 700 Td (AB) Tj ET
BT /F1 10 Tf 5 Tw 100 600 Td (A B) Tj ET
BT /F1 10 Tf 50 Tz 100 500 Td (AA) Tj ET
BT /F1 10 Tf 14 TL 100 400 Td (x) Tj T* (y) Tj (z) ' 3 1 (w) " ET
BT /F1 10 Tf 4 Ts 100 300 Td (s) Tj ET
BT /F1 10 Tf 100 200 Td 20 -3 TD (t) Tj T* (u) Tj ET`
	pc := pageContent(t, textDoc(t, nil, tpage{content: content}), 0)
	type want struct {
		text string
		x, y float64
	}
	// A = 667, B = 667, space = 278 (Helvetica).
	wants := []want{
		{"A", 110, 720}, {"B", 110 + 6.67 + 2, 720},
		// Tc stays 2 in the following text objects: it is graphics state.
		{"A", 110, 620}, {" ", 118.67, 620}, {"B", 118.67 + 2.78 + 2 + 5, 620},
		{"A", 110, 520}, {"A", 110 + (6.67+2)*0.5, 520},
		{"x", 110, 420}, {"y", 110, 406}, {"z", 110, 392}, {"w", 110, 378},
		{"s", 110, 324},
		// Ts 4 stays too; TD sets the leading to 3.
		{"t", 130, 221}, {"u", 130, 218},
	}
	var got []want
	for _, r := range pc.Runs {
		for _, g := range r.Glyphs {
			got = append(got, want{g.Text, g.Origin.X, g.Origin.Y})
		}
	}
	if len(got) != len(wants) {
		t.Fatalf("got %d glyphs %v, want %d", len(got), got, len(wants))
	}
	for i := range wants {
		if got[i].text != wants[i].text || !near(got[i].x, wants[i].x, 1e-6) || !near(got[i].y, wants[i].y, 1e-6) {
			t.Errorf("glyph %d = %+v, want %+v", i, got[i], wants[i])
		}
	}
	// " set Tc = 1 and Tw = 3 for the rest of the text object.
	if r := pc.Runs[6]; r.Text != "w" {
		t.Fatalf("run 6 = %q", r.Text)
	}
}

func TestSingleGlyphPlacement(t *testing.T) {
	// Each glyph placed on its own, in reverse order, with spaces made
	// by position only: the line must still read left to right.
	text := "Signature: see last page (A)"
	var sb strings.Builder
	x := 100.0
	var xs []float64
	for _, c := range text {
		xs = append(xs, x)
		w := 0.556 * 10
		if c == ' ' {
			w = 0.278 * 10
		}
		x += w
	}
	runes := []rune(text)
	for i := len(runes) - 1; i >= 0; i-- {
		if runes[i] == ' ' {
			continue
		}
		fmt.Fprintf(&sb, "BT /F1 10 Tf 1 0 0 1 %.3f 500 Tm (%s) Tj ET\n", xs[i], escapePDF(string(runes[i])))
	}
	pc := pageContent(t, textDoc(t, map[int]string{100: "<< /Type /Font /Subtype /Type1 /BaseFont /Courier /FirstChar 32 /LastChar 126 /Widths [" + strings.Repeat("556 ", 95) + "] >>"}, tpage{content: sb.String()}), 0)
	if len(pc.Runs) != len(strings.ReplaceAll(text, " ", "")) {
		t.Fatalf("runs = %d", len(pc.Runs))
	}
	if got := lineTexts(pc.Runs); !slices.Equal(got, []string{text}) {
		t.Errorf("lines = %q", got)
	}
}

func escapePDF(s string) string {
	return strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`).Replace(s)
}

func TestTJKerning(t *testing.T) {
	// Kerning inside words, word spaces as large negative numbers.
	content := "BT /F1 10 Tf 50 400 Td [(Sig) 20 (na) -15 (ture:) -280 (see) -300 (last) -250 (page) -250 (\\(A\\))] TJ ET"
	pc := pageContent(t, textDoc(t, nil, tpage{content: content}), 0)
	lines := Lines(pc.Runs)
	if len(lines) != 1 || lines[0].Text != "Signature: see last page (A)" {
		t.Fatalf("lines = %+v", lines)
	}
	if n := len(lines[0].Words); n != 5 {
		t.Errorf("words = %d", n)
	}
	// "na" starts after "Sig" (667+222+556) and 20/1000 em back.
	na := pc.Runs[1]
	if want := 50 + (1.445-0.020)*10; !near(na.Origin.X, want, 1e-6) {
		t.Errorf("na at %g, want %g", na.Origin.X, want)
	}
}

func TestRotatedPage(t *testing.T) {
	// A page shown rotated by 90 degrees, with text drawn to read upright
	// on screen (baseline pointing up in user space), and one line of
	// text in the page's own upright direction.
	content := "BT /F1 12 Tf 0 1 -1 0 300 100 Tm (zie laatste pagina) Tj 0 -14 Td (\\(B\\)) Tj ET BT /F1 8 Tf 20 20 Td (upright) Tj ET"
	pc := pageContent(t, textDoc(t, nil, tpage{extra: "/Rotate 90", content: content}), 0)
	if pc.Rotate != 90 {
		t.Errorf("rotate = %d", pc.Rotate)
	}
	lines := Lines(pc.Runs)
	var got []string
	for _, l := range lines {
		got = append(got, fmt.Sprintf("%s@%g", l.Text, l.Angle))
	}
	if !slices.Equal(got, []string{"upright@0", "zie laatste pagina@90", "(B)@90"}) {
		t.Errorf("lines = %q", got)
	}
	r := pc.Runs[0]
	if !near(r.Origin.X, 300, 1e-9) || !near(r.Origin.Y, 100, 1e-9) || !near(r.Box.X0, 300-9, 1e-9) || !near(r.Box.X1, 303, 1e-9) {
		t.Errorf("rotated run origin %v box %v", r.Origin, r.Box)
	}
}

// balticFont is Helvetica with Baltic letters in /Differences at 128-159.
const balticFont = `<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding
/Differences [128 /Amacron /amacron /Ccaron /ccaron /Emacron /emacron /Edotaccent /edotaccent /Gcommaaccent /gcommaaccent
/Imacron /imacron /Iogonek /iogonek /Kcommaaccent /kcommaaccent /Lcommaaccent /lcommaaccent /Ncommaaccent /ncommaaccent
/Scaron /scaron /Umacron /umacron /Uogonek /uogonek /Zcaron /zcaron /Otilde /otilde /uni0160 /g123] >> >>`

func TestDifferencesBaltic(t *testing.T) {
	content := `BT /F1 11 Tf 72 700 Td (Paraksts: skat\x8bt p\x85d\x85jo lapu \(A\)) Tj
0 -20 Td (\x80\x81\x82\x83\x84\x85\x86\x87\x88\x89\x8a\x8b\x8c\x8d\x8e\x8f\x90\x91\x92\x93\x94\x95\x96\x97\x98\x99\x9a\x9b\x9c\x9d\x9e\x9f) Tj
0 -20 Td (Allkiri: vaata viimast lehek\xfclge \(A\) \xe9 \xe7 \xdf) Tj ET`
	content = decodeEscapes(content)
	pc := pageContent(t, textDoc(t, map[int]string{100: balticFont}, tpage{content: content}), 0)
	want := []string{
		"Paraksts: skatīt pēdējo lapu (A)",
		"ĀāČčĒēĖėĢģĪīĮįĶķĻļŅņŠšŪūŲųŽžÕõŠ\uFFFD",
		"Allkiri: vaata viimast lehekülge (A) é ç ß",
	}
	if got := lineTexts(pc.Runs); !slices.Equal(got, want) {
		t.Errorf("lines =\n%q\nwant\n%q", got, want)
	}
}

// decodeEscapes turns \xHH in a Go raw string into bytes, for content
// with 8-bit codes.
func decodeEscapes(s string) string {
	var sb strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+3 < len(s) && s[i+1] == 'x' {
			var v byte
			fmt.Sscanf(s[i+2:i+4], "%02x", &v)
			sb.WriteByte(v)
			i += 3
			continue
		}
		sb.WriteByte(s[i])
	}
	return sb.String()
}

// Type0 font, Identity-H, with a ToUnicode CMap that uses bfchar, both
// forms of bfrange and a two-byte code space; widths from /W.
const (
	type0Font = "<< /Type /Font /Subtype /Type0 /BaseFont /DejaVuSans /Encoding /Identity-H /DescendantFonts [101 0 R] /ToUnicode 103 0 R >>"
	cidFont   = "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /DejaVuSans /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 102 0 R /DW 1000 /W [1 [600 700] 10 20 500] /CIDToGIDMap /Identity >>"
	cidFD     = "<< /Type /FontDescriptor /FontName /DejaVuSans /Flags 32 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 900 /Descent -200 /CapHeight 700 /StemV 80 >>"
	toUnicode = `stream:|/CIDInit /ProcSet findresource begin 12 dict begin begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def /CMapName /Adobe-Identity-UCS def /CMapType 2 def
1 begincodespacerange <0000> <FFFF> endcodespacerange
3 beginbfchar <0001> <0160> <0002> <0161> <0003> <0066006C> endbfchar
2 beginbfrange <000A> <0014> <0041> <0020> <0022> [<0020> <0109> <D835DC00>] endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end`
)

func type0Objects() map[int]string {
	return map[int]string{101: cidFont, 102: cidFD, 103: toUnicode,
		104: type0Font}
}

func TestType0ToUnicode(t *testing.T) {
	objs := type0Objects()
	content := "BT /F2 10 Tf 100 100 Td <0001000200030020000A000B00140021002200230099> Tj ET"
	pc := pageContent(t, textDoc(t, objs, tpage{res: "<< /Font << /F2 104 0 R >> >>", content: content}), 0)
	if len(pc.Runs) != 1 {
		t.Fatalf("runs = %d", len(pc.Runs))
	}
	r := pc.Runs[0]
	if want := "Ššfl ABKĉ𝐀\uFFFD\uFFFD"; r.Text != want {
		t.Errorf("text = %q, want %q", r.Text, want)
	}
	// Widths: 600, 700, DW 1000 (CID 3), 1000 (CID 0x20), 500 x 4 (10..20),
	// 1000 for the rest.
	wantX := []float64{100, 106, 113, 123, 133, 138, 143, 148, 158, 168}
	for i, x := range wantX {
		if !near(r.Glyphs[i].Origin.X, x, 1e-9) {
			t.Errorf("glyph %d at %g, want %g", i, r.Glyphs[i].Origin.X, x)
		}
	}
	if !near(r.Box.Y1, 109, 1e-9) || !near(r.Box.Y0, 98, 1e-9) {
		t.Errorf("box %v: ascent and descent from the descriptor", r.Box)
	}
}

func TestType0Vertical(t *testing.T) {
	objs := type0Objects()
	objs[104] = strings.Replace(type0Font, "Identity-H", "Identity-V", 1)
	content := "BT /F2 10 Tf 300 500 Td <000A000B000C> Tj ET"
	pc := pageContent(t, textDoc(t, objs, tpage{res: "<< /Font << /F2 104 0 R >> >>", content: content}), 0)
	r := pc.Runs[0]
	if r.Text != "ABC" || r.Angle != -90 || !near(r.Glyphs[2].Origin.Y, 480, 1e-9) || !near(r.Glyphs[2].Origin.X, 300, 1e-9) {
		t.Errorf("vertical run %q angle %g glyph 2 at %v", r.Text, r.Angle, r.Glyphs[2].Origin)
	}
}

func TestType3Font(t *testing.T) {
	objs := map[int]string{
		105: `<< /Type /Font /Subtype /Type3 /FontBBox [0 -10 100 90] /FontMatrix [0.01 0 0 0.01 0 0]
/CharProcs << /square 106 0 R /circle 106 0 R >> /Encoding << /Type /Encoding /Differences [65 /square /circle /Scaron] >>
/FirstChar 65 /LastChar 67 /Widths [50 100 80] /Resources << >> >>`,
		106: "stream:|50 0 0 0 50 50 d1 0 0 50 50 re f",
	}
	content := "BT /F3 20 Tf 10 10 Td (ABC) Tj ET"
	pc := pageContent(t, textDoc(t, objs, tpage{res: "<< /Font << /F3 105 0 R >> >>", content: content}), 0)
	r := pc.Runs[0]
	if r.Text != "\uFFFD\uFFFDŠ" {
		t.Errorf("text %q", r.Text)
	}
	if !near(r.Glyphs[1].Origin.X, 20, 1e-9) || !near(r.Glyphs[2].Origin.X, 40, 1e-9) || !near(r.End.X, 56, 1e-9) {
		t.Errorf("glyphs %+v end %v", r.Glyphs, r.End)
	}
	if !near(r.Box.Y1, 10+0.9*20, 1e-9) || !near(r.Box.Y0, 10-0.1*20, 1e-9) {
		t.Errorf("box %v: from FontBBox through FontMatrix", r.Box)
	}
}

func TestFormXObject(t *testing.T) {
	objs := map[int]string{
		200: "stream:/Type /XObject /Subtype /Form /BBox [0 0 100 50] /Matrix [2 0 0 2 0 0] /Resources << /Font << /F1 100 0 R >> /XObject << /Inner 201 0 R /Self 200 0 R >> >>|BT /F1 10 Tf 5 5 Td (Outer) Tj ET /Inner Do /Self Do",
		201: "stream:/Type /XObject /Subtype /Form /BBox [0 0 50 20] |BT /F1 5 Tf 0 10 Td (Inner) Tj ET",
	}
	content := "BT /F1 10 Tf 10 10 Td (Page) Tj ET q 1 0 0 1 100 200 cm /Fm1 Do Q BT /F1 10 Tf 10 30 Td (After) Tj ET"
	pc := pageContent(t, textDoc(t, objs, tpage{res: "<< /Font << /F1 100 0 R >> /XObject << /Fm1 200 0 R >> >>", content: content}), 0)
	var got []string
	for _, r := range pc.Runs {
		got = append(got, fmt.Sprintf("%s %s/%d/%s %.0f,%.0f %.0f", r.Text, r.Source.Kind, r.Source.Stream, r.Source.Form, r.Origin.X, r.Origin.Y, r.Size))
	}
	want := []string{"Page page/11/ 10,10 10", "Outer form/200/Fm1 110,210 20", "Inner form/201/Inner 100,220 10", "After page/11/ 10,30 10"}
	if !slices.Equal(got, want) {
		t.Errorf("runs =\n%q\nwant\n%q", got, want)
	}
	if !slices.ContainsFunc(pc.Problems, func(p string) bool { return strings.Contains(p, "draws itself") }) {
		t.Errorf("problems = %q", pc.Problems)
	}
}

func TestAnnotationAppearance(t *testing.T) {
	// A signature widget whose appearance is drawn in a 200 x 50 box
	// rotated by 90 degrees (/Matrix), mapped onto a /Rect of 50 x 200
	// (ISO 32000-2 12.5.5).
	objs := map[int]string{
		300: "<< /Type /Annot /Subtype /Widget /FT /Sig /Rect [400 100 450 300] /AP << /N 301 0 R >> /P 10 0 R >>",
		301: "stream:/Type /XObject /Subtype /Form /BBox [0 0 200 50] /Matrix [0 1 -1 0 0 0] /Resources << /Font << /F1 100 0 R >> >>|BT /F1 20 Tf 10 20 Td (A) Tj /F1 10 Tf 30 0 Td (Jane Doe) Tj ET",
		302: "<< /Type /Annot /Subtype /Widget /Rect [0 0 10 10] /AS /On /AP << /N << /On 303 0 R /Off 304 0 R >> >> >>",
		303: "stream:/Subtype /Form /BBox [0 0 10 10] /Resources << /Font << /F1 100 0 R >> >>|BT /F1 8 Tf 1 1 Td (on) Tj ET",
		304: "stream:/Subtype /Form /BBox [0 0 10 10] /Resources << /Font << /F1 100 0 R >> >>|BT /F1 8 Tf 1 1 Td (off) Tj ET",
	}
	f := mustOpen(t, textDoc(t, objs, tpage{extra: "/Annots [300 0 R 302 0 R]", content: "BT /F1 10 Tf 72 72 Td (Signature: see last page \\(A\\)) Tj ET"}))
	runs, err := f.AppearanceText(0, mustRef(300))
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 2 || runs[0].Text != "A" || runs[1].Text != "Jane Doe" {
		t.Fatalf("runs = %+v", runs)
	}
	// BBox [0 0 200 50] rotated is [-50 0 0 200]; it maps onto the Rect
	// by a translation of (450, 100): the point (10, 20) lands at
	// (450-20, 100+10).
	a := runs[0]
	if !near(a.Origin.X, 430, 1e-9) || !near(a.Origin.Y, 110, 1e-9) || a.Angle != 90 || a.Source.Kind != FromAnnotation || a.Source.Annotation != 300 || a.Source.Stream != 301 {
		t.Errorf("A at %v angle %g source %+v", a.Origin, a.Angle, a.Source)
	}
	for _, r := range runs {
		if !(Rect{400, 100, 450, 300}).Contains(Point{(r.Box.X0 + r.Box.X1) / 2, (r.Box.Y0 + r.Box.Y1) / 2}) {
			t.Errorf("%q box %v outside the annotation", r.Text, r.Box)
		}
	}
	runs, err = f.AppearanceText(0, mustRef(302))
	if err != nil || len(runs) != 1 || runs[0].Text != "on" {
		t.Errorf("appearance state: %v %+v", err, runs)
	}
}

func mustRef(num int) typesRef { return typesRef{ObjectNumber: typesInt(num)} }

func TestInlineImageAndPaint(t *testing.T) {
	// An inline image whose data contains "EI" and binary bytes, then
	// text, paths and an image XObject.
	content := "q 100 0 0 50 10 10 cm BI /W 4 /H 1 /CS /G /BPC 8 ID \x00EI\xff EI Q\n" +
		"q 200 0 0 100 300 300 cm BI /W 2 /H 2 /CS /RGB /F /AHx ID 00 EI ff\n>\nEI Q\n" +
		"BT /F1 10 Tf 10 700 Td (after image) Tj ET\n" +
		"2 w 50 50 m 150 60 l S 0 0 10 10 re f q 0 0 100 100 re W n 50 50 200 200 re f Q /Im1 Do"
	objs := map[int]string{400: "stream:/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8|\x80"}
	pc := pageContent(t, textDoc(t, objs, tpage{res: "<< /Font << /F1 100 0 R >> /XObject << /Im1 400 0 R >> >>", content: content}), 0)
	if got := lineTexts(pc.Runs); !slices.Equal(got, []string{"after image"}) {
		t.Errorf("lines = %q, problems %q", got, pc.Problems)
	}
	var got []string
	for _, p := range pc.Paint {
		got = append(got, fmt.Sprintf("%d %.0f %.0f %.0f %.0f", p.Kind, p.Box.X0, p.Box.Y0, p.Box.X1, p.Box.Y1))
	}
	want := []string{
		"2 10 10 110 60", "2 300 300 500 400", "0 10 698 60 708",
		"1 49 49 151 61", "1 0 0 10 10", "1 50 50 100 100", "2 0 0 1 1",
	}
	if !slices.Equal(got, want) {
		t.Errorf("paint =\n%q\nwant\n%q", got, want)
	}
}

func TestInvisibleAndProblems(t *testing.T) {
	content := "BT /F1 10 Tf 3 Tr 10 10 Td (hidden) Tj 0 Tr /F9 10 Tf (nofont) Tj ET BT /F1 10 Tf 10 50 Td (ok) Tj ET (unterminated"
	pc := pageContent(t, textDoc(t, nil, tpage{content: content}), 0)
	if len(pc.Runs) != 2 || !pc.Runs[0].Invisible || pc.Runs[1].Invisible || len(pc.Paint) != 1 {
		t.Errorf("runs %+v paint %+v", pc.Runs, pc.Paint)
	}
	if len(pc.Problems) != 3 {
		t.Errorf("problems = %q", pc.Problems)
	}
}

func TestPageAttributesInherited(t *testing.T) {
	b := newBuilder()
	b.obj(1, "<< /Type /Catalog /Pages 2 0 R >>")
	b.obj(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 500 500] /CropBox [10 10 400 400] /Rotate -90 /Resources << /Font << /F1 100 0 R >> >> >>")
	b.obj(3, "<< /Type /Page /Parent 2 0 R /Contents [4 0 R 5 0 R] /UserUnit 2 >>")
	// Streams divide the content at token boundaries only, here between
	// an operand and its operator.
	b.stream(4, "", []byte("BT /F1 10 Tf 20 20 Td (two streams)"))
	b.stream(5, "", []byte("Tj ET"))
	b.obj(100, helvetica)
	b.xref("/Root 1 0 R")
	pc := pageContent(t, b.bytes(), 0)
	if pc.Rotate != 270 || pc.UserUnit != 2 || pc.CropBox != (Rect{10, 10, 400, 400}) || pc.MediaBox != (Rect{0, 0, 500, 500}) {
		t.Errorf("attributes %+v", pc)
	}
	if len(pc.Runs) != 1 || pc.Runs[0].Text != "two streams" || pc.Runs[0].Source.Stream != 5 {
		t.Errorf("runs %+v", pc.Runs)
	}
}
