package verify

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"testing"
)

// contentsPlaceholder is the hex digits reserved for the CMS in test PDFs.
const contentsPlaceholder = 16384

// testPDF writes a one-page PDF, one object at a time, keeping offsets for
// the xref table: the smallest honest writer the tests need.
type testPDF struct {
	buf     bytes.Buffer
	offsets map[int]int
}

func newTestPDF() *testPDF {
	p := &testPDF{offsets: map[int]int{}}
	p.buf.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	return p
}

func (p *testPDF) obj(num int, body string) {
	p.offsets[num] = p.buf.Len()
	fmt.Fprintf(&p.buf, "%d 0 obj\n%s\nendobj\n", num, body)
}

// finish writes the xref table and trailer; prev > 0 makes it an update.
func (p *testPDF) finish(size, prev int) []byte {
	xref := p.buf.Len()
	p.buf.WriteString("xref\n")
	if prev == 0 {
		p.buf.WriteString("0 1\n0000000000 65535 f\r\n")
	}
	for num := 1; num < size; num++ {
		if off, ok := p.offsets[num]; ok {
			fmt.Fprintf(&p.buf, "%d 1\n%010d 00000 n\r\n", num, off)
		}
	}
	fmt.Fprintf(&p.buf, "trailer\n<< /Size %d /Root 1 0 R", size)
	if prev > 0 {
		fmt.Fprintf(&p.buf, " /Prev %d", prev)
	}
	fmt.Fprintf(&p.buf, " >>\nstartxref\n%d\n%%%%EOF\n", xref)
	return p.buf.Bytes()
}

const pageContent = "BT /F1 24 Tf 72 720 Td (Hello, verso) Tj ET"

// unsignedPDF is a one-page document with no form.
func unsignedPDF() []byte {
	p := newTestPDF()
	p.obj(1, "<< /Type /Catalog /Pages 2 0 R >>")
	p.obj(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
	p.obj(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>")
	p.obj(4, fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(pageContent), pageContent))
	p.obj(5, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
	return p.finish(6, 0)
}

// signFunc makes the CMS for the signed bytes of a PDF.
type signFunc func(t *testing.T, signed []byte) []byte

// signedPDF appends to base an incremental update that adds a signature
// field on page 1 and signs the result with sign.
func signedPDF(t *testing.T, base []byte, field string, sign signFunc) []byte {
	t.Helper()
	prev := lastStartXRef(t, base)
	size := trailerSize(t, base)
	sigNum, fieldNum := size, size+1
	fields := ""
	for _, m := range sigFieldRe.FindAllSubmatch(base, -1) {
		fields += string(m[1]) + " 0 R "
	}
	fields += fmt.Sprintf("%d 0 R", fieldNum)
	p := &testPDF{offsets: map[int]int{}}
	p.buf.Write(base)
	p.obj(1, fmt.Sprintf("<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [%s] /SigFlags 3 >> >>", fields))
	p.obj(3, fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> /Annots [%s] >>", fields))
	p.obj(sigNum, "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /M (D:20261123101500+02'00') "+
		"/ByteRange [0 ********** ********** **********] /Contents <"+string(bytes.Repeat([]byte("0"), contentsPlaceholder))+"> >>")
	p.obj(fieldNum, fmt.Sprintf("<< /Type /Annot /Subtype /Widget /FT /Sig /T (%s) /V %d 0 R /F 132 /Rect [0 0 0 0] /P 3 0 R >>", field, sigNum))
	out := p.finish(size+2, prev)
	return fillSignature(t, out, sign)
}

// fillSignature writes the ByteRange and the CMS into the last placeholder.
func fillSignature(t *testing.T, pdf []byte, sign signFunc) []byte {
	t.Helper()
	br := bytes.LastIndex(pdf, []byte("/ByteRange [0 **********"))
	lt := bytes.Index(pdf[br:], []byte("/Contents <")) + br + len("/Contents ")
	gt := lt + 1 + contentsPlaceholder + 1
	ranges := fmt.Sprintf("/ByteRange [0 %d %d %d]", lt, gt, len(pdf)-gt)
	placeholder := len("/ByteRange [0 ********** ********** **********]")
	ranges += string(bytes.Repeat([]byte(" "), placeholder-len(ranges)))
	copy(pdf[br:], ranges)
	signed := append(append([]byte{}, pdf[:lt]...), pdf[gt:]...)
	der := sign(t, signed)
	hexDER := []byte(fmt.Sprintf("%X", der))
	if len(hexDER) > contentsPlaceholder {
		t.Fatalf("CMS of %d bytes does not fit the placeholder", len(der))
	}
	copy(pdf[lt+1:], hexDER)
	return pdf
}

var (
	startXRefRe = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)
	sizeRe      = regexp.MustCompile(`/Size (\d+)`)
	sigFieldRe  = regexp.MustCompile(`(\d+) 0 obj\n<< /Type /Annot /Subtype /Widget /FT /Sig`)
)

func lastStartXRef(t *testing.T, pdf []byte) int {
	m := startXRefRe.FindSubmatch(pdf)
	if m == nil {
		t.Fatal("test PDF has no startxref")
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

func trailerSize(t *testing.T, pdf []byte) int {
	all := sizeRe.FindAllSubmatch(pdf, -1)
	if all == nil {
		t.Fatal("test PDF has no /Size")
	}
	n, _ := strconv.Atoi(string(all[len(all)-1][1]))
	return n
}

// appendUpdate adds an incremental update that replaces or adds objects.
func appendUpdate(t *testing.T, base []byte, objs map[int]string) []byte {
	t.Helper()
	prev := lastStartXRef(t, base)
	size := trailerSize(t, base)
	p := &testPDF{offsets: map[int]int{}}
	p.buf.Write(base)
	for num := 1; num < size+len(objs)+1; num++ {
		if body, ok := objs[num]; ok {
			p.obj(num, body)
			size = max(size, num+1)
		}
	}
	return p.finish(size, prev)
}
