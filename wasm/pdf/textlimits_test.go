package pdf

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// One test per limit in textlimits.go: content just over the limit fails
// with ErrLimit, content at the limit (where cheap to build) does not.

func contentLimitErr(t *testing.T, data []byte, tune func(*interp)) error {
	t.Helper()
	f := mustOpen(t, data)
	_, err := f.pageContent(0, 0, tune)
	return err
}

func wantLimit(t *testing.T, err error, what string) {
	t.Helper()
	if !errors.Is(err, ErrLimit) || !strings.Contains(err.Error(), what) {
		t.Errorf("err = %v, want ErrLimit about %s", err, what)
	}
}

func TestLimitContentOperators(t *testing.T) {
	if in := newInterp(nil, 0); in.maxOps != MaxContentOperators || in.maxBytes != MaxContentBytes {
		t.Fatalf("interpreter limits %d, %d", in.maxOps, in.maxBytes)
	}
	// A form of 10 operators drawn 11 times: 121 operators with the Do's.
	objs := map[int]string{200: "stream:/Subtype /Form /BBox [0 0 1 1]|" + strings.Repeat("n ", 10)}
	res := "<< /XObject << /X 200 0 R >> >>"
	data := textDoc(t, objs, tpage{res: res, content: strings.Repeat("/X Do ", 11)})
	if err := contentLimitErr(t, data, func(in *interp) { in.maxOps = 121 }); err != nil {
		t.Errorf("at the limit: %v", err)
	}
	wantLimit(t, contentLimitErr(t, data, func(in *interp) { in.maxOps = 120 }), "MaxContentOperators")
}

func TestLimitContentBytes(t *testing.T) {
	objs := map[int]string{200: "stream:/Subtype /Form /BBox [0 0 1 1]|" + strings.Repeat(" ", 1000)}
	data := textDoc(t, objs, tpage{res: "<< /XObject << /X 200 0 R >> >>", content: "/X Do /X Do"})
	// The page's content (11 bytes) and the form twice.
	if err := contentLimitErr(t, data, func(in *interp) { in.maxBytes = 2011 }); err != nil {
		t.Errorf("at the limit: %v", err)
	}
	wantLimit(t, contentLimitErr(t, data, func(in *interp) { in.maxBytes = 2010 }), "MaxContentBytes")
}

func TestLimitOperands(t *testing.T) {
	ok := "[" + strings.Repeat("0 ", MaxOperands-1) + "] TJ"
	if err := contentLimitErr(t, textDoc(t, nil, tpage{content: ok}), nil); err != nil {
		t.Errorf("at the limit: %v", err)
	}
	over := "[" + strings.Repeat("0 ", MaxOperands) + "] TJ"
	wantLimit(t, contentLimitErr(t, textDoc(t, nil, tpage{content: over}), nil), "MaxOperands")
}

func TestLimitGraphicsStateDepth(t *testing.T) {
	ok := strings.Repeat("q ", MaxGraphicsStateDepth) + strings.Repeat("Q ", MaxGraphicsStateDepth)
	if err := contentLimitErr(t, textDoc(t, nil, tpage{content: ok}), nil); err != nil {
		t.Errorf("at the limit: %v", err)
	}
	over := strings.Repeat("q ", MaxGraphicsStateDepth+1)
	wantLimit(t, contentLimitErr(t, textDoc(t, nil, tpage{content: over}), nil), "MaxGraphicsStateDepth")
}

func TestLimitFormDepth(t *testing.T) {
	// Forms 200, 201, ... each drawing the next: depth forms in all.
	chain := func(depth int) []byte {
		objs := map[int]string{}
		for i := range depth {
			body := "n"
			if i+1 < depth {
				body = "/X Do"
			}
			objs[200+i] = fmt.Sprintf("stream:/Subtype /Form /BBox [0 0 1 1] /Resources << /XObject << /X %d 0 R >> >>|%s", 201+i, body)
		}
		return textDoc(t, objs, tpage{res: "<< /XObject << /X 200 0 R >> >>", content: "/X Do"})
	}
	if err := contentLimitErr(t, chain(MaxFormDepth), nil); err != nil {
		t.Errorf("at the limit: %v", err)
	}
	wantLimit(t, contentLimitErr(t, chain(MaxFormDepth+1), nil), "MaxFormDepth")
}

func TestLimitTextRuns(t *testing.T) {
	content := "BT /F1 1 Tf " + strings.Repeat("(a) Tj ", MaxTextRuns+1) + "ET"
	wantLimit(t, contentLimitErr(t, textDoc(t, nil, tpage{content: content}), nil), "MaxTextRuns")
}

func TestLimitGlyphs(t *testing.T) {
	ok := "BT /F1 1 Tf (" + strings.Repeat("a", MaxGlyphs) + ") Tj ET"
	if err := contentLimitErr(t, textDoc(t, nil, tpage{content: ok}), nil); err != nil {
		t.Errorf("at the limit: %v", err)
	}
	over := "BT /F1 1 Tf (" + strings.Repeat("a", MaxGlyphs) + ") Tj (a) Tj ET"
	wantLimit(t, contentLimitErr(t, textDoc(t, nil, tpage{content: over}), nil), "MaxGlyphs")
}

func TestLimitPaintBoxes(t *testing.T) {
	content := strings.Repeat("0 0 1 1 re f\n", MaxPaintBoxes+1)
	wantLimit(t, contentLimitErr(t, textDoc(t, nil, tpage{content: content}), nil), "MaxPaintBoxes")
}

func TestLimitFonts(t *testing.T) {
	var res, content strings.Builder
	res.WriteString("<< /Font <<")
	for i := range MaxFonts + 1 {
		fmt.Fprintf(&res, " /F%d << /Type /Font /Subtype /Type1 /BaseFont /Courier >>", i)
		fmt.Fprintf(&content, "BT /F%d 1 Tf (a) Tj ET\n", i)
	}
	res.WriteString(" >> >>")
	wantLimit(t, contentLimitErr(t, textDoc(t, nil, tpage{res: res.String(), content: content.String()}), nil), "MaxFonts")
}

func TestLimitCMapEntries(t *testing.T) {
	build := func(n int) []byte {
		var sb strings.Builder
		sb.WriteString("1 begincodespacerange <0000> <FFFF> endcodespacerange\n")
		fmt.Fprintf(&sb, "%d beginbfchar\n", n)
		for i := range n - 1 {
			fmt.Fprintf(&sb, "<%04X> <%04X>\n", i%0x10000, 0x41+i%26)
		}
		sb.WriteString("endbfchar\n")
		return []byte(sb.String())
	}
	// The code space range is an entry too.
	if _, err := parseCMap(build(MaxCMapEntries)); err != nil {
		t.Errorf("at the limit: %v", err)
	}
	_, err := parseCMap(build(MaxCMapEntries + 1))
	wantLimit(t, err, "MaxCMapEntries")
	// A CIDFont /W array counts its widths.
	ws := "[0 [" + strings.Repeat("500 ", MaxCMapEntries+1) + "]]"
	objs := type0Objects()
	objs[101] = strings.Replace(cidFont, "/W [1 [600 700] 10 20 500]", "/W "+ws, 1)
	data := textDoc(t, objs, tpage{res: "<< /Font << /F2 104 0 R >> >>", content: "BT /F2 1 Tf <0001> Tj ET"})
	wantLimit(t, contentLimitErr(t, data, nil), "MaxCMapEntries")
}
