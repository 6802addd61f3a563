package pdf

import (
	"bytes"
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

func mustOpen(t testing.TB, data []byte) *File {
	t.Helper()
	f, err := Open(data)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	return f
}

func noProblems(t testing.TB, f *File) {
	t.Helper()
	for _, r := range f.Revisions() {
		if len(r.Problems) > 0 {
			t.Errorf("revision %d problems: %q", r.Index, r.Problems)
		}
	}
}

func TestOpenOnePage(t *testing.T) {
	data := onePagePDF()
	f := mustOpen(t, data)
	noProblems(t, f)
	revs := f.Revisions()
	if len(revs) != 1 {
		t.Fatalf("%d revisions, want 1", len(revs))
	}
	r := revs[0]
	if r.End != int64(len(data)) || r.EOF != int64(len(data)-6) {
		t.Errorf("EOF %d End %d, file %d bytes", r.EOF, r.End, len(data))
	}
	if want := int64(bytes.LastIndex(data, []byte("\nxref\n")) + 1); r.XRef != want {
		t.Errorf("XRef %d, want %d", r.XRef, want)
	}
	if !slices.Equal(r.Objects, []int{1, 2, 3, 4, 5}) {
		t.Errorf("Objects %v", r.Objects)
	}
	if len(f.Trailing()) != 0 || f.Size() != int64(len(data)) || f.Encrypted() {
		t.Errorf("Trailing %q Size %d Encrypted %v", f.Trailing(), f.Size(), f.Encrypted())
	}
	info, err := f.Object(0, 5)
	if err != nil {
		t.Fatal(err)
	}
	if got := textString(info.(types.Dict)["Title"]); got != "One page" {
		t.Errorf("Title %q", got)
	}
	o, err := f.Object(0, 4)
	if err != nil {
		t.Fatal(err)
	}
	content, err := f.Stream(0, o.(types.StreamDict))
	if err != nil || string(content) != "BT /F1 12 Tf 72 720 Td (Hello) Tj ET" {
		t.Errorf("content %q, %v", content, err)
	}
	if o, err := f.Object(0, 99); o != nil || err != nil {
		t.Errorf("missing object: %v, %v", o, err)
	}
	if off, ok := f.ObjectOffset(0, 3); !ok || !bytes.HasPrefix(data[off:], []byte("3 0 obj")) {
		t.Errorf("ObjectOffset(3) = %d, %v", off, ok)
	}
	pages, err := f.Pages(0)
	if err != nil || len(pages) != 1 || pages[0].ObjectNumber != 3 {
		t.Errorf("Pages %v, %v", pages, err)
	}
	cat, err := f.Catalog(0)
	if err != nil || cat["Type"] != types.Name("Catalog") {
		t.Errorf("Catalog %v, %v", cat, err)
	}
	if sigs, err := f.Signatures(0); err != nil || len(sigs) != 0 {
		t.Errorf("Signatures %v, %v", sigs, err)
	}
}

func TestNotPDF(t *testing.T) {
	for name, data := range map[string][]byte{
		"empty":             nil,
		"text":              []byte("hello world"),
		"header only":       []byte("%PDF-1.7\n1 0 obj\n<< >>\nendobj\n"),
		"no header or xref": []byte("garbage startxref 0 %%EOF"),
		"startxref nowhere": []byte("%PDF-1.4\nstartxref\n9999\n%%EOF\n"),
	} {
		if _, err := Open(data); !errors.Is(err, ErrNotPDF) {
			t.Errorf("%s: err %v, want ErrNotPDF", name, err)
		}
	}
}

func TestIncrementalUpdate(t *testing.T) {
	b := newBuilder()
	onePage(b)
	end0 := b.xref("/Root 1 0 R /Info 5 0 R")
	_ = end0
	rev0End := b.offset()
	b.obj(5, "<< /Title (Changed) >>")
	b.obj(8, "<< /Extra true >>")
	b.xref("/Root 1 0 R /Info 5 0 R")
	data := b.bytes()
	f := mustOpen(t, data)
	noProblems(t, f)
	revs := f.Revisions()
	if len(revs) != 2 || revs[0].End != int64(rev0End) || revs[1].End != int64(len(data)) {
		t.Fatalf("revisions %+v", revs)
	}
	if !slices.Equal(revs[1].Objects, []int{5, 8}) {
		t.Errorf("rev 1 Objects %v", revs[1].Objects)
	}
	for rev, want := range []string{"One page", "Changed"} {
		o, err := f.Object(rev, 5)
		if err != nil {
			t.Fatal(err)
		}
		if got := textString(o.(types.Dict)["Title"]); got != want {
			t.Errorf("revision %d sees Title %q, want %q", rev, got, want)
		}
	}
	if o, _ := f.Object(0, 8); o != nil {
		t.Errorf("revision 0 sees object 8: %v", o)
	}
	if o, _ := f.Object(1, 8); o == nil {
		t.Error("revision 1 does not see object 8")
	}
	// Objects unchanged by the update resolve through /Prev.
	if o, _ := f.Object(1, 2); o == nil {
		t.Error("revision 1 does not see object 2")
	}
	if _, err := f.Object(2, 1); err == nil {
		t.Error("Object on a revision that does not exist")
	}
}

func TestResolve(t *testing.T) {
	b := newBuilder()
	onePage(b)
	b.obj(6, "7 0 R")
	b.obj(7, "(end)")
	b.obj(8, "9 0 R")
	b.obj(9, "8 0 R")
	b.xref("/Root 1 0 R")
	f := mustOpen(t, b.bytes())
	v, err := f.Resolve(0, types.IndirectRef{ObjectNumber: 6})
	if err != nil || textString(v) != "end" {
		t.Errorf("Resolve chain: %v, %v", v, err)
	}
	if _, err := f.Resolve(0, types.IndirectRef{ObjectNumber: 8}); !errors.Is(err, ErrLimit) {
		t.Errorf("reference cycle: %v", err)
	}
	if _, err := f.Resolve(0, types.IndirectRef{ObjectNumber: 7, GenerationNumber: 3}); err == nil {
		t.Error("generation mismatch not reported")
	}
	if v, err := f.Resolve(0, types.Integer(3)); v != types.Integer(3) || err != nil {
		t.Errorf("direct value: %v, %v", v, err)
	}
}

func TestTrailingAndIncompleteUpdates(t *testing.T) {
	base := onePagePDF()
	// Objects appended without xref (ISA without its trailer).
	data := append(bytes.Clone(base), "6 0 obj\n<< /Evil true >>\nendobj\n"...)
	f := mustOpen(t, data)
	if len(f.Revisions()) != 1 || !bytes.Contains(f.Trailing(), []byte("/Evil")) {
		t.Errorf("Trailing %q", f.Trailing())
	}
	// An update whose startxref has no %%EOF (itext isa-3): not a revision.
	xoff := len(data)
	data = append(data, "xref\ntrailer\n<< /Root 6 0 R >>\nstartxref\n"...)
	data = append(data, strconv.Itoa(xoff)+" %comment\n"...)
	f = mustOpen(t, data)
	revs := f.Revisions()
	if len(revs) != 1 || len(revs[0].Problems) == 0 || !bytes.Contains(f.Trailing(), []byte("startxref")) {
		t.Errorf("revisions %+v, trailing %q", revs, f.Trailing())
	}
	// White space after the last %%EOF is fine.
	f = mustOpen(t, append(bytes.Clone(base), "\r\n\n  "...))
	if !allWhite(f.Trailing()) || len(f.Trailing()) != 5 {
		t.Errorf("Trailing %q", f.Trailing())
	}
}

func TestGarbageBetweenRevisions(t *testing.T) {
	b := newBuilder()
	onePage(b)
	b.xref("/Root 1 0 R")
	b.raw("this is not PDF\n")
	b.obj(5, "<< /Title (Two) >>")
	b.xref("/Root 1 0 R")
	f := mustOpen(t, b.bytes())
	revs := f.Revisions()
	if len(revs) != 2 {
		t.Fatalf("%d revisions", len(revs))
	}
	if !containsProblem(revs[1], "unexpected bytes") {
		t.Errorf("revision 1 problems %q", revs[1].Problems)
	}
}

func containsProblem(r Revision, s string) bool {
	for _, p := range r.Problems {
		if strings.Contains(p, s) {
			return true
		}
	}
	return false
}

func TestXRefEntryProblems(t *testing.T) {
	b := newBuilder()
	onePage(b)
	b.xref("/Root 1 0 R")
	off5 := b.obj(5, "<< /Title (Two) >>")
	b.obj(6, "<< /Other true >>")
	b.pending[6] = off5 // two entries, one offset: 6 points at object 5
	b.xref("/Root 1 0 R")
	f := mustOpen(t, b.bytes())
	r := f.Revisions()[1]
	if !containsProblem(r, "share offset") {
		t.Errorf("problems %q", r.Problems)
	}
	if !containsProblem(r, "not referenced by this revision's xref") {
		t.Errorf("problems %q", r.Problems)
	}
	if _, err := f.Object(1, 6); err == nil {
		t.Error("Object 6 read through an entry that points at object 5")
	}
}

func TestXRefEntryPointingAtWrongObject(t *testing.T) {
	b := newBuilder()
	onePage(b)
	b.xref("/Root 1 0 R")
	b.obj(5, "<< /Title (Two) >>")
	b.pending[5] = b.pending[5] + 1 // off by one, into "5 0 obj"
	b.xref("/Root 1 0 R")
	f := mustOpen(t, b.bytes())
	if r := f.Revisions()[1]; len(r.Problems) == 0 {
		t.Error("no problem for an entry pointing into a header")
	}
}

func TestRepointToOlderBody(t *testing.T) {
	// Shadow hide-and-replace variant 1: an xref-only update re-points an
	// object to a second body already present in the signed bytes.
	b := newBuilder()
	onePage(b)
	hidden := b.offset()
	b.raw("5 0 obj\n<< /Title (Hidden) >>\nendobj\n")
	b.xref("/Root 1 0 R")
	b.pending[5] = hidden
	b.xref("/Root 1 0 R")
	f := mustOpen(t, b.bytes())
	revs := f.Revisions()
	if !containsProblem(revs[0], "defined twice") {
		t.Errorf("revision 0 problems %q", revs[0].Problems)
	}
	if !containsProblem(revs[1], "re-pointed") {
		t.Errorf("revision 1 problems %q", revs[1].Problems)
	}
	o, _ := f.Object(1, 5)
	if textString(o.(types.Dict)["Title"]) != "Hidden" {
		t.Errorf("revision 1 object 5: %v", o)
	}
}

func TestPrevNotChaining(t *testing.T) {
	data := signedPDF(t)
	// Break the /Prev of the update: the revisions stay visible through
	// the preceding startxref, and the problem is reported.
	i := bytes.LastIndex(data, []byte("/Prev "))
	copy(data[i:], "/Prev 1")
	for j := i + 7; data[j] != ' '; j++ {
		data[j] = ' '
	}
	f := mustOpen(t, data)
	revs := f.Revisions()
	if len(revs) != 2 || !containsProblem(revs[1], "/Prev 1") {
		t.Fatalf("revisions %+v", revs)
	}
	sigs, err := f.Signatures(1)
	if err != nil || len(sigs) != 1 || sigs[0].ByteRangeProblem != "" {
		t.Errorf("signatures %+v, %v", sigs, err)
	}
}

func TestXRefEntryVariants(t *testing.T) {
	for name, eol := range map[string]string{"space LF": " \n", "space CR": " \r", "CRLF": "\r\n", "LF (19 bytes)": "\n", "CR (19 bytes)": "\r"} {
		data := onePagePDF()
		data = bytes.ReplaceAll(data, []byte(" n\r\n"), []byte(" n"+eol))
		data = bytes.ReplaceAll(data, []byte(" f\r\n"), []byte(" f"+eol))
		// Shift startxref if the table shrank.
		f, err := Open(data)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if o, err := f.Object(0, 5); err != nil || o == nil {
			t.Errorf("%s: object 5: %v %v", name, o, err)
		}
	}
}

func TestHeaderProblems(t *testing.T) {
	data := signedPDF(t)
	copy(data, "#PDF-")
	f := mustOpen(t, data)
	if !containsProblem(f.Revisions()[0], "no %PDF- header") {
		t.Errorf("problems %q", f.Revisions()[0].Problems)
	}
}

func TestRestatedEntries(t *testing.T) {
	// Some writers restate the whole xref table in each update: entries
	// equal to the previous revision's are not re-pointings.
	b := newBuilder()
	onePage(b)
	b.xref("/Root 1 0 R /Info 5 0 R")
	f := mustOpen(t, b.bytes())
	for n := 1; n <= 5; n++ {
		off, _ := f.ObjectOffset(0, n)
		b.pending[n] = int(off)
	}
	b.obj(6, "<< /New true >>")
	b.xref("/Root 1 0 R /Info 5 0 R")
	f = mustOpen(t, b.bytes())
	noProblems(t, f)
	if got := f.Revisions()[1].Objects; !slices.Equal(got, []int{1, 2, 3, 4, 5, 6}) {
		t.Errorf("Objects %v", got)
	}
}

func TestLastStartxrefPointsBack(t *testing.T) {
	b := newBuilder()
	onePage(b)
	x0 := b.xref("/Root 1 0 R /Info 5 0 R")
	b.obj(5, "<< /Title (Two) >>")
	b.xref("/Root 1 0 R /Info 5 0 R")
	data := append(b.bytes(), "startxref\n"+strconv.Itoa(x0)+"\n%%EOF\n"...)
	f := mustOpen(t, data)
	revs := f.Revisions()
	if len(revs) != 1 || !containsProblem(revs[0], "the last startxref") || !bytes.Contains(f.Trailing(), []byte("(Two)")) {
		t.Errorf("revisions %+v trailing %q", revs, f.Trailing())
	}
}
