package pdf

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// One test per limit in limits.go: just inside passes, just outside
// fails with ErrLimit.

func TestLimitFileSize(t *testing.T) {
	// Open looks at the length before anything else, so a slice header
	// that claims MaxFileSize+1 bytes over a small buffer tests the
	// limit without allocating a gigabyte.
	small := make([]byte, 64)
	big := unsafe.Slice(&small[0], MaxFileSize+1)
	if _, err := Open(big); !errors.Is(err, ErrLimit) {
		t.Errorf("err %v, want ErrLimit", err)
	}
}

func TestLimitRevisions(t *testing.T) {
	build := func(n int) []byte {
		b := newBuilder()
		onePage(b)
		b.xref("/Root 1 0 R")
		for i := 1; i < n; i++ {
			b.obj(5, fmt.Sprintf("<< /Title (%d) >>", i))
			b.xref("/Root 1 0 R")
		}
		return b.bytes()
	}
	f, err := Open(build(MaxRevisions))
	if err != nil || len(f.Revisions()) != MaxRevisions {
		t.Fatalf("%d revisions: %v", MaxRevisions, err)
	}
	if _, err := Open(build(MaxRevisions + 1)); !errors.Is(err, ErrLimit) {
		t.Errorf("%d revisions: err %v, want ErrLimit", MaxRevisions+1, err)
	}
}

func TestLimitXRefEntries(t *testing.T) {
	// A classic subsection header and an xref stream /Index that announce
	// more entries than allowed are refused before anything is read.
	table := fmt.Sprintf("%%PDF-1.7\nxref\n0 %d\n0000000000 65535 f\r\ntrailer\n<< /Size 1 >>\nstartxref\n9\n%%%%EOF\n", MaxXRefEntries+1)
	if _, err := Open([]byte(table)); !errors.Is(err, ErrLimit) {
		t.Errorf("table: err %v, want ErrLimit", err)
	}
	stm := fmt.Sprintf("%%PDF-1.7\n1 0 obj\n<< /Type /XRef /W [1 1 1] /Size %d /Length 3 >>\nstream\nabc\nendstream\nendobj\nstartxref\n9\n%%%%EOF\n", MaxXRefEntries+1)
	if _, err := Open([]byte(stm)); !errors.Is(err, ErrLimit) {
		t.Errorf("stream: err %v, want ErrLimit", err)
	}
}

func TestLimitObjectNumber(t *testing.T) {
	table := fmt.Sprintf("%%PDF-1.7\nxref\n%d 1\n0000000000 65535 f\r\ntrailer\n<< /Size 1 >>\nstartxref\n9\n%%%%EOF\n", MaxObjectNumber+1)
	if _, err := Open([]byte(table)); !errors.Is(err, ErrLimit) {
		t.Errorf("err %v, want ErrLimit", err)
	}
	ok := fmt.Sprintf("%%PDF-1.7\nxref\n%d 1\n0000000000 65535 f\r\ntrailer\n<< /Size %d >>\nstartxref\n9\n%%%%EOF\n", MaxObjectNumber, MaxObjectNumber+1)
	if _, err := Open([]byte(ok)); err != nil {
		t.Errorf("object %d: %v", MaxObjectNumber, err)
	}
	f := mustOpen(t, onePagePDF())
	if o, err := f.Object(0, MaxObjectNumber+1); o != nil || err != nil {
		t.Errorf("Object beyond the limit: %v, %v", o, err)
	}
}

func TestLimitNestingDepth(t *testing.T) {
	nested := func(n int) string { return strings.Repeat("[", n) + strings.Repeat("]", n) }
	b := newBuilder()
	onePage(b)
	b.obj(6, nested(MaxNestingDepth))
	b.obj(7, nested(MaxNestingDepth+1))
	b.obj(8, strings.Repeat("<< /A ", MaxNestingDepth+1)+strings.Repeat(">> ", MaxNestingDepth+1))
	b.xref("/Root 1 0 R")
	f := mustOpen(t, b.bytes())
	if _, err := f.Object(0, 6); err != nil {
		t.Errorf("depth %d: %v", MaxNestingDepth, err)
	}
	for _, n := range []int{7, 8} {
		if _, err := f.Object(0, n); !errors.Is(err, ErrLimit) {
			t.Errorf("object %d: err %v, want ErrLimit", n, err)
		}
	}
}

func TestLimitStreamSize(t *testing.T) {
	// The mechanism, cheaply: one stage of each kind at a small limit.
	for _, fl := range []string{"FlateDecode", "ASCIIHexDecode"} {
		raw := []byte("4142434445>")
		if fl == "FlateDecode" {
			var z bytes.Buffer
			w := zlib.NewWriter(&z)
			w.Write([]byte("ABCDE"))
			w.Close()
			raw = z.Bytes()
		}
		p := []types.PDFFilter{{Name: fl}}
		if out, err := decodePipeline(raw, p, 5); err != nil || string(out) != "ABCDE" {
			t.Errorf("%s within the limit: %q, %v", fl, out, err)
		}
		if _, err := decodePipeline(raw, p, 4); !errors.Is(err, ErrLimit) {
			t.Errorf("%s beyond the limit: err %v, want ErrLimit", fl, err)
		}
	}
	if testing.Short() {
		t.Skip("decoding MaxStreamSize bytes is slow")
	}
	// A zlib stream of n zero bytes, assembled from one sync-flushed
	// block of 1 MiB repeated (compressing 128 MiB each time is slow).
	var block []byte
	{
		var z bytes.Buffer
		w, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
		w.Write(make([]byte, 1<<20))
		w.Flush()
		block = bytes.Clone(z.Bytes()[2:]) // without the zlib header
	}
	bomb := func(n int) []byte {
		if n%(1<<20) != 0 && n%(1<<20) != 1 {
			panic("bomb size")
		}
		out := []byte{0x78, 0xda}
		for i := 0; i < n>>20; i++ {
			out = append(out, block...)
		}
		if n%(1<<20) == 1 {
			out = append(out, 0x01, 0x01, 0x00, 0xfe, 0xff, 0x00) // stored block: one zero, final
		} else {
			out = append(out, 0x03, 0x00) // empty final fixed block
		}
		a, b := uint32(1), uint32(n%65521)
		return append(out, byte(b>>8), byte(b), byte(a>>8), byte(a))
	}
	b := newBuilder()
	onePage(b)
	b.stream(6, "/Filter /FlateDecode", bomb(MaxStreamSize))
	b.stream(7, "/Filter /FlateDecode", bomb(MaxStreamSize+1))
	b.xref("/Root 1 0 R")
	f := mustOpen(t, b.bytes())
	o, _ := f.Object(0, 6)
	if got, err := f.Stream(0, o.(types.StreamDict)); err != nil || len(got) != MaxStreamSize {
		t.Errorf("%d bytes: %d, %v", MaxStreamSize, len(got), err)
	}
	o, _ = f.Object(0, 7)
	if _, err := f.Stream(0, o.(types.StreamDict)); !errors.Is(err, ErrLimit) {
		t.Errorf("err %v, want ErrLimit", err)
	}
}

// pageTree writes a chain of depth /Pages nodes above one page.
func pageTree(depth int) []byte {
	b := newBuilder()
	b.obj(1, "<< /Type /Catalog /Pages 10 0 R >>")
	for i := 0; i < depth; i++ {
		b.obj(10+i, fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R] /Count 1 >>", 11+i))
	}
	b.obj(10+depth, "<< /Type /Page /MediaBox [0 0 10 10] >>")
	b.xref("/Root 1 0 R")
	return b.bytes()
}

func TestLimitPageTreeDepth(t *testing.T) {
	// The root is at depth 0, the page at depth `depth`.
	if p, err := mustOpen(t, pageTree(MaxPageTreeDepth)).Pages(0); err != nil || len(p) != 1 {
		t.Errorf("depth %d: %v, %v", MaxPageTreeDepth, p, err)
	}
	if _, err := mustOpen(t, pageTree(MaxPageTreeDepth+1)).Pages(0); !errors.Is(err, ErrLimit) {
		t.Errorf("err %v, want ErrLimit", err)
	}
}

func TestLimitPages(t *testing.T) {
	// A tree with MaxPages+1 distinct leaves would be tens of megabytes;
	// the walker takes the limit as a parameter, and Pages passes
	// MaxPages.
	b := newBuilder()
	b.obj(1, "<< /Type /Catalog /Pages 2 0 R >>")
	b.obj(2, "<< /Type /Pages /Kids [3 0 R 4 0 R 5 0 R] /Count 3 >>")
	for n := 3; n <= 5; n++ {
		b.obj(n, "<< /Type /Page /Parent 2 0 R >>")
	}
	b.xref("/Root 1 0 R")
	f := mustOpen(t, b.bytes())
	if p, err := f.pagesUpTo(0, 3); err != nil || len(p) != 3 {
		t.Errorf("3 pages within 3: %v, %v", p, err)
	}
	if _, err := f.pagesUpTo(0, 2); !errors.Is(err, ErrLimit) {
		t.Errorf("err %v, want ErrLimit", err)
	}
}

func TestLimitFields(t *testing.T) {
	b := newBuilder()
	onePage(b)
	b.xref("/Root 1 0 R /Info 5 0 R")
	sign(t, b, sigOptions{})
	b.obj(1, "<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [20 0 R 21 0 R 6 0 R] >> >>")
	b.obj(20, "<< /T (a) /FT /Tx >>")
	b.obj(21, "<< /T (b) /FT /Tx >>")
	b.xref("/Root 1 0 R")
	f := mustOpen(t, b.bytes())
	if s, err := f.signatures(2, 3); err != nil || len(s) != 1 {
		t.Errorf("3 fields within 3: %v, %v", s, err)
	}
	if _, err := f.signatures(2, 2); !errors.Is(err, ErrLimit) {
		t.Errorf("err %v, want ErrLimit", err)
	}
}

func TestLimitFieldDepth(t *testing.T) {
	build := func(depth int) []byte {
		b := newBuilder()
		onePage(b)
		b.obj(1, "<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [20 0 R] >> >>")
		for i := 0; i < depth; i++ {
			b.obj(20+i, fmt.Sprintf("<< /T (f%d) /Kids [%d 0 R] >>", i, 21+i))
		}
		b.obj(20+depth, "<< /T (leaf) /FT /Tx >>")
		b.xref("/Root 1 0 R")
		return b.bytes()
	}
	if _, err := mustOpen(t, build(MaxFieldDepth)).Signatures(0); err != nil {
		t.Errorf("depth %d: %v", MaxFieldDepth, err)
	}
	if _, err := mustOpen(t, build(MaxFieldDepth+1)).Signatures(0); !errors.Is(err, ErrLimit) {
		t.Errorf("err %v, want ErrLimit", err)
	}
}

func TestLimitObjectStreamObjects(t *testing.T) {
	b := newBuilder()
	b.obj(1, "<< /Type /Catalog /Pages 2 0 R >>")
	b.obj(2, "<< /Type /Pages /Kids [] /Count 0 >>")
	b.stream(3, fmt.Sprintf("/Type /ObjStm /N %d /First 4", MaxObjectStreamObjects+1), []byte("4 0 1"))
	b.xrefStream(5, "/Root 1 0 R", map[int][2]int{4: {3, 0}})
	f := mustOpen(t, b.bytes())
	if _, err := f.Object(0, 4); !errors.Is(err, ErrLimit) {
		t.Errorf("err %v, want ErrLimit", err)
	}
}

func TestLimitProblems(t *testing.T) {
	b := newBuilder()
	onePage(b)
	for n := 10; n < 10+MaxProblems+50; n++ {
		b.pending[n] = 1 // into the header comment: no "N G obj" there
		b.size = n + 1
	}
	b.xref("/Root 1 0 R")
	f := mustOpen(t, b.bytes())
	p := f.Revisions()[0].Problems
	if len(p) != MaxProblems+1 || !strings.Contains(p[MaxProblems], "MaxProblems") {
		t.Errorf("%d problems, last %q", len(p), p[len(p)-1])
	}
}

// TestHostileSearchCost: xref sections without their startxref make the
// reader search forward; with many such sections and much padding, the
// searches must not each cost the rest of the file.
func TestHostileSearchCost(t *testing.T) {
	var buf bytes.Buffer
	buf.WriteString("%PDF-1.7\n")
	pad := bytes.Repeat([]byte(" "), 100<<10)
	prev := -1
	for i := 0; i < 500; i++ {
		buf.Write(pad)
		off := buf.Len()
		fmt.Fprintf(&buf, "xref\n0 1\n0000000000 65535 f\r\ntrailer\n<< /Size 1")
		if prev >= 0 {
			fmt.Fprintf(&buf, " /Prev %d", prev)
		}
		buf.WriteString(" >>\n% no startxref here\n")
		prev = off
	}
	fmt.Fprintf(&buf, "startxref\n%d\n%%%%EOF\n", prev)
	start := time.Now()
	if _, err := Open(buf.Bytes()); err != nil {
		t.Logf("Open: %v", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("Open took %v", d)
	}
}
