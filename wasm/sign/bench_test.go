package sign

import (
	"bytes"
	"fmt"
	"testing"
	"time"
)

// bigPDF is a one-page document of about size bytes: an incompressible
// stream (random-looking, as images are) that the signature must hash.
func bigPDF(size int) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n")
	o1 := b.Len()
	b.WriteString("1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n")
	o2 := b.Len()
	b.WriteString("2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n")
	o3 := b.Len()
	b.WriteString("3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >> /Contents 4 0 R >>\nendobj\n")
	o4 := b.Len()
	data := make([]byte, size)
	x := uint32(1)
	for i := range data {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		data[i] = byte(x)
	}
	fmt.Fprintf(&b, "4 0 obj\n<< /Length %d /Filter /FlateDecode >>\nstream\n", size)
	b.Write(data)
	b.WriteString("\nendstream\nendobj\n")
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 5\n0000000000 65535 f\r\n%010d 00000 n\r\n%010d 00000 n\r\n%010d 00000 n\r\n%010d 00000 n\r\n", o1, o2, o3, o4)
	fmt.Fprintf(&b, "trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", xref)
	return b.Bytes()
}

// BenchmarkPrepareFinish50MB measures the browser's part of signing a
// 50 MB document: go test -bench 50MB -benchtime 3x ./wasm/sign
func BenchmarkPrepareFinish50MB(b *testing.B) {
	doc := bigPDF(50 << 20)
	s := newSigner(b, "pss", "MARI-LIIS", "MÄNNIK", "PNOEE-40504040001")
	marks := []Mark{{Page: 1, X: 400, Y: 40}}
	b.ResetTimer()
	var prepare, finish time.Duration
	for range b.N {
		t := time.Now()
		p, err := Prepare(doc, s.cert, marks, Options{})
		if err != nil {
			b.Fatal(err)
		}
		prepare += time.Since(t)
		b.StopTimer()
		sig, alg := s.sign(b, p.SignedAttributes, p.Hash)
		b.StartTimer()
		t = time.Now()
		if _, err := Finish(p, sig, alg, s.chain, nil); err != nil {
			b.Fatal(err)
		}
		finish += time.Since(t)
	}
	// Separately too: Prepare hashes the document, Finish copies it.
	b.ReportMetric(float64(prepare.Milliseconds())/float64(b.N), "prepare-ms/op")
	b.ReportMetric(float64(finish.Milliseconds())/float64(b.N), "finish-ms/op")
}
