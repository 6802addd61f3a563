package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"sort"
	"strings"
	"testing"
)

// A tiny PDF writer for tests: objects, classic xref tables, xref streams
// (with an object stream and a PNG predictor), incremental updates and
// signature placeholders whose ByteRange is filled in after the
// revision is complete, the way signers do it.

type pdfBuilder struct {
	buf     bytes.Buffer
	pending map[int]int // object number -> offset, since the last xref
	prev    int         // offset of the last xref section, -1 before the first
	size    int         // /Size so far
	eol     string
}

func newBuilder() *pdfBuilder {
	b := &pdfBuilder{pending: map[int]int{}, prev: -1, eol: "\n"}
	b.buf.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	return b
}

func (b *pdfBuilder) offset() int { return b.buf.Len() }

func (b *pdfBuilder) raw(s string) { b.buf.WriteString(s) }

// obj writes "num 0 obj body endobj".
func (b *pdfBuilder) obj(num int, body string) int {
	off := b.offset()
	b.pending[num] = off
	fmt.Fprintf(&b.buf, "%d 0 obj\n%s\nendobj\n", num, body)
	b.size = max(b.size, num+1)
	return off
}

// stream writes a stream object with the given dictionary entries.
func (b *pdfBuilder) stream(num int, dict string, data []byte) int {
	off := b.offset()
	b.pending[num] = off
	fmt.Fprintf(&b.buf, "%d 0 obj\n<< %s /Length %d >>\nstream\n", num, dict, len(data))
	b.buf.Write(data)
	b.buf.WriteString("\nendstream\nendobj\n")
	b.size = max(b.size, num+1)
	return off
}

func (b *pdfBuilder) sortedPending() []int {
	var nums []int
	for n := range b.pending {
		nums = append(nums, n)
	}
	sort.Ints(nums)
	return nums
}

// xref writes a classic xref table for the objects written since the
// last one, a trailer (with /Size and /Prev added), startxref and %%EOF.
func (b *pdfBuilder) xref(trailer string) int {
	off := b.offset()
	nums := b.sortedPending()
	b.buf.WriteString("xref\n")
	if b.prev < 0 {
		b.buf.WriteString("0 1\n0000000000 65535 f\r\n")
	}
	for i := 0; i < len(nums); {
		j := i
		for j+1 < len(nums) && nums[j+1] == nums[j]+1 {
			j++
		}
		fmt.Fprintf(&b.buf, "%d %d\n", nums[i], j-i+1)
		for k := i; k <= j; k++ {
			fmt.Fprintf(&b.buf, "%010d 00000 n\r\n", b.pending[nums[k]])
		}
		i = j + 1
	}
	b.buf.WriteString("trailer\n<< " + trailer + fmt.Sprintf(" /Size %d", b.size))
	if b.prev >= 0 {
		fmt.Fprintf(&b.buf, " /Prev %d", b.prev)
	}
	fmt.Fprintf(&b.buf, " >>\nstartxref\n%d\n%%%%EOF%s", off, b.eol)
	b.prev = off
	b.pending = map[int]int{}
	return off
}

// xrefStream writes the pending objects' entries as an xref stream
// object num, Flate-compressed with the PNG Up predictor. compressed maps
// object numbers to their object stream and index.
func (b *pdfBuilder) xrefStream(num int, trailer string, compressed map[int][2]int) int {
	off := b.offset()
	b.pending[num] = off
	b.size = max(b.size, num+1)
	type row struct{ t, f2, f3 int }
	rows := map[int]row{}
	for n, o := range b.pending {
		rows[n] = row{1, o, 0}
	}
	for n, c := range compressed {
		rows[n] = row{2, c[0], c[1]}
	}
	if b.prev < 0 {
		rows[0] = row{0, 0, 65535}
	}
	var nums []int
	for n := range rows {
		nums = append(nums, n)
	}
	sort.Ints(nums)
	var index []string
	var data []byte
	prevRow := make([]byte, 7)
	for i := 0; i < len(nums); {
		j := i
		for j+1 < len(nums) && nums[j+1] == nums[j]+1 {
			j++
		}
		index = append(index, fmt.Sprintf("%d %d", nums[i], j-i+1))
		for k := i; k <= j; k++ {
			r := rows[nums[k]]
			cur := []byte{byte(r.t), byte(r.f2 >> 24), byte(r.f2 >> 16), byte(r.f2 >> 8), byte(r.f2), byte(r.f3 >> 8), byte(r.f3)}
			data = append(data, 2) // PNG Up
			for x := range cur {
				data = append(data, cur[x]-prevRow[x])
			}
			prevRow = cur
		}
		i = j + 1
	}
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write(data)
	zw.Close()
	dict := fmt.Sprintf("/Type /XRef /W [1 4 2] /Index [%s] /Size %d /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 7 >> %s",
		strings.Join(index, " "), b.size, trailer)
	if b.prev >= 0 {
		dict += fmt.Sprintf(" /Prev %d", b.prev)
	}
	fmt.Fprintf(&b.buf, "%d 0 obj\n<< %s /Length %d >>\nstream\n", num, dict, z.Len())
	b.buf.Write(z.Bytes())
	fmt.Fprintf(&b.buf, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF%s", off, b.eol)
	b.prev = off
	b.pending = map[int]int{}
	return off
}

// objectStream writes an uncompressed object stream num holding objs
// (number -> body) and returns their (stream, index) pairs for
// xrefStream.
func (b *pdfBuilder) objectStream(num int, objs map[int]string) map[int][2]int {
	var nums []int
	for n := range objs {
		nums = append(nums, n)
	}
	sort.Ints(nums)
	var head, body strings.Builder
	out := map[int][2]int{}
	for i, n := range nums {
		fmt.Fprintf(&head, "%d %d ", n, body.Len())
		body.WriteString(objs[n] + "\n")
		out[n] = [2]int{num, i}
		b.size = max(b.size, n+1)
	}
	data := head.String() + body.String()
	b.stream(num, fmt.Sprintf("/Type /ObjStm /N %d /First %d", len(nums), head.Len()), []byte(data))
	return out
}

func (b *pdfBuilder) bytes() []byte { return bytes.Clone(b.buf.Bytes()) }

// The one-page document used throughout: catalog 1, pages 2, page 3,
// content 4, info 5.
func onePage(b *pdfBuilder) {
	b.obj(1, "<< /Type /Catalog /Pages 2 0 R >>")
	b.obj(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
	b.obj(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>")
	b.stream(4, "", []byte("BT /F1 12 Tf 72 720 Td (Hello) Tj ET"))
	b.obj(5, "<< /Title (One page) /Producer (verso test) >>")
}

func onePagePDF() []byte {
	b := newBuilder()
	onePage(b)
	b.xref("/Root 1 0 R /Info 5 0 R")
	return b.bytes()
}

// sigOptions shape the signature dictionary written by sign.
type sigOptions struct {
	contents     string // the dictionary text from /Contents on; default a placeholder
	field        string // /T of the field; default Sig1
	docTimeStamp bool
	extra        string // more dictionary entries
	// adjust moves the ByteRange numbers after they are computed.
	adjust func(br *[4]int)
	// xrefStream writes the update's xref as stream object 8.
	xrefStream bool
}

const placeholderBR = "/ByteRange [0 0000000000 0000000000 0000000000]"

// sign appends an incremental update that adds signature field 6 (merged
// with its widget, on page 3) and signature dictionary 7, and fills in
// the ByteRange over the finished revision. It returns the ByteRange.
func sign(t testing.TB, b *pdfBuilder, o sigOptions) [4]int {
	t.Helper()
	if o.field == "" {
		o.field = "Sig1"
	}
	if o.contents == "" {
		o.contents = "/Contents <" + strings.Repeat("0", 64) + ">"
	}
	typ := "/Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached"
	if o.docTimeStamp {
		typ = "/Type /DocTimeStamp /Filter /Adobe.PPKLite /SubFilter /ETSI.RFC3161"
	}
	b.obj(1, "<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [6 0 R] /SigFlags 3 >> >>")
	b.obj(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Annots [6 0 R] >>")
	b.obj(6, fmt.Sprintf("<< /FT /Sig /T (%s) /V 7 0 R /Type /Annot /Subtype /Widget /Rect [10 20 110 70] /P 3 0 R /F 132 >>", o.field))
	sigOff := b.offset()
	b.obj(7, fmt.Sprintf("<< %s %s %s /M (D:20260101120000Z) /Reason (Testing) /Name (Tester) %s >>", typ, placeholderBR, o.contents, o.extra))
	if o.xrefStream {
		b.xrefStream(8, "/Root 1 0 R /Info 5 0 R", nil)
	} else {
		b.xref("/Root 1 0 R /Info 5 0 R")
	}
	return fillByteRange(t, b, sigOff, o.adjust)
}

// fillByteRange writes [0 a c d] into the placeholder of the dictionary
// at off: a at the first '<' after /Contents, c after its '>', d to the
// end of the file.
func fillByteRange(t testing.TB, b *pdfBuilder, off int, adjust func(*[4]int)) [4]int {
	t.Helper()
	data := b.buf.Bytes()
	ci := bytes.Index(data[off:], []byte("/Contents")) + off
	lt := bytes.IndexByte(data[ci:], '<') + ci
	gt := bytes.IndexByte(data[lt:], '>') + lt
	br := [4]int{0, lt, gt + 1, len(data) - gt - 1}
	if adjust != nil {
		adjust(&br)
	}
	pi := bytes.Index(data[off:], []byte(placeholderBR)) + off
	repl := fmt.Sprintf("/ByteRange [%d %d %d %d]", br[0], br[1], br[2], br[3])
	if len(repl) > len(placeholderBR) {
		t.Fatalf("ByteRange %s does not fit the placeholder", repl)
	}
	repl += strings.Repeat(" ", len(placeholderBR)-len(repl))
	copy(data[pi:], repl)
	return br
}

// signedPDF is the one-page document with one signature.
func signedPDF(t testing.TB) []byte {
	b := newBuilder()
	onePage(b)
	b.xref("/Root 1 0 R /Info 5 0 R")
	sign(t, b, sigOptions{})
	return b.bytes()
}
