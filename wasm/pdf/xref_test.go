package pdf

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// xrefStreamPDF is the one-page document with an xref stream (Flate,
// PNG Up predictor) and the info dictionary in an object stream, then
// an incremental update, also through an xref stream.
func xrefStreamPDF(t testing.TB) []byte {
	b := newBuilder()
	b.obj(1, "<< /Type /Catalog /Pages 2 0 R >>")
	b.obj(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
	b.obj(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>")
	b.stream(4, "", []byte("BT (Hello) Tj ET"))
	comp := b.objectStream(6, map[int]string{5: "<< /Title (Compressed) >>", 7: "[1 2 (three)]"})
	b.xrefStream(8, "/Root 1 0 R /Info 5 0 R", comp)
	return b.bytes()
}

func TestXRefStream(t *testing.T) {
	data := xrefStreamPDF(t)
	f := mustOpen(t, data)
	noProblems(t, f)
	r := f.Revisions()[0]
	if r.End != int64(len(data)) || !slices.Equal(r.Objects, []int{1, 2, 3, 4, 5, 6, 7, 8}) {
		t.Errorf("End %d (file %d) Objects %v", r.End, len(data), r.Objects)
	}
	if r.Trailer["Type"] != types.Name("XRef") {
		t.Errorf("Trailer %v", r.Trailer)
	}
	o, err := f.Object(0, 5)
	if err != nil || textString(o.(types.Dict)["Title"]) != "Compressed" {
		t.Errorf("compressed object 5: %v, %v", o, err)
	}
	o, err = f.Object(0, 7)
	if a, ok := o.(types.Array); err != nil || !ok || len(a) != 3 {
		t.Errorf("compressed object 7: %v, %v", o, err)
	}
	if _, ok := f.ObjectOffset(0, 5); ok {
		t.Error("ObjectOffset of a compressed object")
	}
	if p, err := f.Pages(0); err != nil || len(p) != 1 {
		t.Errorf("Pages %v, %v", p, err)
	}
}

func TestXRefStreamSigned(t *testing.T) {
	b := newBuilder()
	b.obj(1, "<< /Type /Catalog /Pages 2 0 R >>")
	b.obj(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
	b.obj(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>")
	b.stream(4, "", []byte("BT (Hello) Tj ET"))
	b.obj(5, "<< /Title (x) >>")
	b.xrefStream(9, "/Root 1 0 R /Info 5 0 R", nil)
	sign(t, b, sigOptions{xrefStream: true})
	f := mustOpen(t, b.bytes())
	noProblems(t, f)
	sigs, err := f.Signatures(1)
	if err != nil || len(sigs) != 1 || sigs[0].ByteRangeProblem != "" || sigs[0].SignedRevision != 1 {
		t.Fatalf("signatures %+v, %v", sigs, err)
	}
}

func TestHybrid(t *testing.T) {
	b := newBuilder()
	onePage(b)
	b.xref("/Root 1 0 R /Info 5 0 R")
	b.obj(8, "<< /Type /ObjStm /N 1 /First 4 /Length 19 >>\nstream\n9 0 << /Hybrid 1 >>\nendstream")
	b.pending[8] = b.pending[8] // (written by obj; the stream is inline)
	stmOff := b.stream(10, "/Type /XRef /W [1 2 1] /Index [9 1] /Size 11", []byte{2, 0, 8, 0})
	b.xref(fmt.Sprintf("/Root 1 0 R /XRefStm %d", stmOff))
	data := b.bytes()
	f := mustOpen(t, data)
	noProblems(t, f)
	o, err := f.Object(1, 9)
	if d, ok := o.(types.Dict); err != nil || !ok || d["Hybrid"] != types.Integer(1) {
		t.Errorf("object 9 through /XRefStm: %v, %v", o, err)
	}
	if got := f.Revisions()[1].Objects; !slices.Equal(got, []int{8, 9, 10}) {
		t.Errorf("Objects %v", got)
	}

	// The table and the stream disagree about object 5.
	b = newBuilder()
	onePage(b)
	b.xref("/Root 1 0 R /Info 5 0 R")
	b.obj(8, "<< /Type /ObjStm /N 1 /First 4 /Length 19 >>\nstream\n5 0 << /Hybrid 1 >>\nendstream")
	b.obj(5, "<< /Title (table) >>")
	stmOff = b.stream(10, "/Type /XRef /W [1 2 1] /Index [5 1] /Size 11", []byte{2, 0, 8, 0})
	b.xref(fmt.Sprintf("/Root 1 0 R /XRefStm %d", stmOff))
	f = mustOpen(t, b.bytes())
	if !containsProblem(f.Revisions()[1], "conflicting entries") {
		t.Errorf("problems %q", f.Revisions()[1].Problems)
	}
}

// linearizedPDF writes a linearized layout by hand: the linearization
// dictionary and the first-page xref section (whose /Prev points
// forward) at the start, the main section at the end.
func linearizedPDF() []byte {
	header := "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
	lin := "1 0 obj\n<< /Linearized 1 /L LLLLLLLLLL /O 3 /E 0 /N 1 /T TTTTTTTTTT /H [0 0] >>\nendobj\n"
	objs := []string{
		"2 0 obj\n<< /Type /Catalog /Pages 5 0 R >>\nendobj\n",
		"3 0 obj\n<< /Type /Page /Parent 5 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>\nendobj\n",
		"4 0 obj\n<< /Length 5 >>\nstream\nBT ET\nendstream\nendobj\n",
		"5 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n",
		"6 0 obj\n<< /Title (Linearized) >>\nendobj\n",
	}
	fpXref := len(header) + len(lin)
	fp := "xref\n1 4\n" + strings.Repeat("0000000000 00000 n\r\n", 4) +
		"trailer\n<< /Size 7 /Prev PPPPPPPPPP /Root 2 0 R /Info 6 0 R >>\nstartxref\n0\n%%EOF\n"
	var buf bytes.Buffer
	buf.WriteString(header)
	buf.WriteString(lin)
	buf.WriteString(fp)
	offs := map[int]int{1: len(header)}
	for i, o := range objs {
		offs[i+2] = buf.Len()
		buf.WriteString(o)
	}
	mainXref := buf.Len()
	fmt.Fprintf(&buf, "xref\n0 1\n0000000000 65535 f\r\n5 2\n%010d 00000 n\r\n%010d 00000 n\r\ntrailer\n<< /Size 7 >>\nstartxref\n%d\n%%%%EOF\n",
		offs[5], offs[6], fpXref)
	out := buf.Bytes()
	entries := ""
	for n := 1; n <= 4; n++ {
		entries += fmt.Sprintf("%010d 00000 n\r\n", offs[n])
	}
	out = bytes.Replace(out, []byte(strings.Repeat("0000000000 00000 n\r\n", 4)), []byte(entries), 1)
	out = bytes.Replace(out, []byte("PPPPPPPPPP"), fmt.Appendf(nil, "%10d", mainXref), 1)
	out = bytes.Replace(out, []byte("TTTTTTTTTT"), fmt.Appendf(nil, "%10d", mainXref), 1)
	out = bytes.Replace(out, []byte("LLLLLLLLLL"), fmt.Appendf(nil, "%10d", len(out)), 1)
	return out
}

func TestLinearized(t *testing.T) {
	data := linearizedPDF()
	f := mustOpen(t, data)
	noProblems(t, f)
	revs := f.Revisions()
	if len(revs) != 1 || revs[0].End != int64(len(data)) || revs[0].XRef != int64(bytes.Index(data, []byte("xref"))) {
		t.Fatalf("revisions %+v (file %d)", revs, len(data))
	}
	if !slices.Equal(revs[0].Objects, []int{1, 2, 3, 4, 5, 6}) {
		t.Errorf("Objects %v", revs[0].Objects)
	}
	if p, err := f.Pages(0); err != nil || len(p) != 1 {
		t.Errorf("Pages %v, %v", p, err)
	}
	// An incremental update after a linearized file chains to the
	// first-page section.
	fpXref := bytes.Index(data, []byte("xref"))
	upd := len(data)
	data = append(data, "6 0 obj\n<< /Title (Updated) >>\nendobj\n"...)
	x := len(data)
	data = fmt.Appendf(data, "xref\n6 1\n%010d 00000 n\r\ntrailer\n<< /Size 7 /Root 2 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n", upd, fpXref, x)
	f = mustOpen(t, data)
	noProblems(t, f)
	if revs := f.Revisions(); len(revs) != 2 || revs[0].End != int64(upd) {
		t.Fatalf("revisions %+v", revs)
	}
	o, _ := f.Object(1, 6)
	if textString(o.(types.Dict)["Title"]) != "Updated" {
		t.Errorf("object 6 in revision 1: %v", o)
	}
}

func TestStreamLengthIndirectAndWrong(t *testing.T) {
	b := newBuilder()
	onePage(b)
	b.raw("6 0 obj\n<< /Length 7 0 R >>\nstream\nabc\nendstream\nendobj\n")
	b.pending[6] = bytes.Index(b.buf.Bytes(), []byte("6 0 obj"))
	b.obj(7, "3")
	b.raw("8 0 obj\n<< /Length 99 >>\nstream\nxyz\nendstream\nendobj\n")
	b.pending[8] = bytes.Index(b.buf.Bytes(), []byte("8 0 obj"))
	b.size = 9
	b.xref("/Root 1 0 R")
	f := mustOpen(t, b.bytes())
	for num, want := range map[int]string{6: "abc", 8: "xyz"} {
		o, err := f.Object(0, num)
		if err != nil {
			t.Fatal(err)
		}
		got, err := f.Stream(0, o.(types.StreamDict))
		if err != nil || string(got) != want {
			t.Errorf("stream %d: %q, %v", num, got, err)
		}
	}
	if !containsProblem(f.Revisions()[0], "/Length does not match") {
		t.Errorf("problems %q", f.Revisions()[0].Problems)
	}
}

func TestFilters(t *testing.T) {
	b := newBuilder()
	onePage(b)
	b.stream(6, "/Filter /ASCIIHexDecode", []byte("48656C6C6F>"))
	b.stream(7, "/Filter [/ASCIIHexDecode /ASCII85Decode]", []byte(fmt.Sprintf("%X>", "87cURDZ~>")))
	b.stream(8, "/Filter /DCTDecode", []byte{0xff, 0xd8})
	b.stream(9, "/Filter /Nonsense", []byte("x"))
	b.xref("/Root 1 0 R")
	f := mustOpen(t, b.bytes())
	for num, want := range map[int]string{6: "Hello", 7: "Hello"} {
		o, _ := f.Object(0, num)
		got, err := f.Stream(0, o.(types.StreamDict))
		if err != nil || string(got) != want {
			t.Errorf("stream %d: %q, %v", num, got, err)
		}
	}
	for _, num := range []int{8, 9} {
		o, _ := f.Object(0, num)
		if _, err := f.Stream(0, o.(types.StreamDict)); err == nil {
			t.Errorf("stream %d decoded", num)
		}
	}
}
