// Package pdfgen writes the synthetic signed PDFs that benchmarks and
// browser tests use: objects and xref tables by hand, and PAdES
// signatures with a key and certificate derived from a seed. It is test
// tooling, not the product's signer (that is wasm/sign).
package pdfgen

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	crand "crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"fmt"
	"math/big"
	"math/rand/v2"
	"time"

	"github.com/verso-pdf/verso/wasm/cms"
)

// Writer writes PDF objects and a classic xref table.
type Writer struct {
	buf     bytes.Buffer
	offsets map[int]int
}

// NewWriter starts a document with its header.
func NewWriter() *Writer {
	w := &Writer{offsets: map[int]int{}}
	w.buf.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	return w
}

// Update starts an incremental update of base.
func Update(base []byte) *Writer {
	w := &Writer{offsets: map[int]int{}}
	w.buf.Write(base)
	return w
}

// Obj writes object num.
func (w *Writer) Obj(num int, body string) {
	w.offsets[num] = w.buf.Len()
	fmt.Fprintf(&w.buf, "%d 0 obj\n%s\nendobj\n", num, body)
}

// Stream writes stream object num with the dictionary entries dict.
func (w *Writer) Stream(num int, dict string, data []byte) {
	w.offsets[num] = w.buf.Len()
	fmt.Fprintf(&w.buf, "%d 0 obj\n<< %s /Length %d >>\nstream\n", num, dict, len(data))
	w.buf.Write(data)
	w.buf.WriteString("\nendstream\nendobj\n")
}

// PageTree writes the catalog (1), the page tree (2) and font /F1 (3)
// for pages pages whose dictionaries are objects 10, 13, 16…: page i is
// 10+3i, leaving 11+3i and 12+3i for its content and an image.
func (w *Writer) PageTree(pages int, font string) {
	w.Obj(1, "<< /Type /Catalog /Pages 2 0 R >>")
	kids := ""
	for i := range pages {
		kids += fmt.Sprintf("%d 0 R ", 10+3*i)
	}
	w.Obj(2, fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", kids, pages))
	w.Obj(3, font)
}

// Finish writes the xref table and trailer; prev > 0 (the offset of the
// previous xref) makes it an update.
func (w *Writer) Finish(size, prev int) []byte {
	xref := w.buf.Len()
	w.buf.WriteString("xref\n")
	if prev == 0 {
		w.buf.WriteString("0 1\n0000000000 65535 f\r\n")
	}
	for num := 1; num < size; num++ {
		if off, ok := w.offsets[num]; ok {
			fmt.Fprintf(&w.buf, "%d 1\n%010d 00000 n\r\n", num, off)
		}
	}
	fmt.Fprintf(&w.buf, "trailer\n<< /Size %d /Root 1 0 R", size)
	if prev > 0 {
		fmt.Fprintf(&w.buf, " /Prev %d", prev)
	}
	fmt.Fprintf(&w.buf, " >>\nstartxref\n%d\n%%%%EOF\n", xref)
	return w.buf.Bytes()
}

// LastXRef is the offset of base's last xref table, the /Prev of an update.
func LastXRef(base []byte) int { return bytes.LastIndex(base, []byte("\nxref\n")) + 1 }

// Placeholder is the size in hex digits reserved for each CMS.
const Placeholder = 8192

const byteRangeSlot = "/ByteRange [0 ********** ********** **********]"

// SignatureEntries are the /ByteRange and /Contents placeholders of a
// signature dictionary, for Signer.Fill.
func SignatureEntries() string {
	return byteRangeSlot + " /Contents <" + string(bytes.Repeat([]byte("0"), Placeholder)) + ">"
}

// Signer makes PAdES signatures with a fixed key and certificate.
type Signer struct {
	Key  *ecdsa.PrivateKey
	Cert *x509.Certificate
	// Time is the signing-time attribute.
	Time time.Time
}

// NewSigner derives an ECDSA P-256 key from rng and issues a self-signed
// certificate for subject, valid around at.
func NewSigner(rng *rand.ChaCha8, subject pkix.Name, at time.Time) (*Signer, error) {
	raw := make([]byte, 32)
	rng.Read(raw)
	raw[0] &= 0x7f // below the group order
	key, err := ecdsa.ParseRawPrivateKey(elliptic.P256(), raw)
	if err != nil {
		return nil, err
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(int64(rng.Uint64() >> 33)),
		Subject:      subject,
		NotBefore:    at.Add(-24 * time.Hour),
		NotAfter:     at.Add(3 * 365 * 24 * time.Hour),
		KeyUsage:     x509.KeyUsageContentCommitment,
	}
	der, err := x509.CreateCertificate(rng, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, err
	}
	cert, err := x509.ParseCertificate(der)
	return &Signer{Key: key, Cert: cert, Time: at}, err
}

// Fill writes the ByteRange and the CMS into the last placeholder of out.
func (s *Signer) Fill(out []byte) ([]byte, error) {
	brAt := bytes.LastIndex(out, []byte("/ByteRange [0 *"))
	if brAt < 0 {
		return nil, fmt.Errorf("no signature placeholder")
	}
	lt := bytes.Index(out[brAt:], []byte("/Contents <")) + brAt + len("/Contents ")
	gt := lt + Placeholder + 2
	ranges := fmt.Sprintf("/ByteRange [0 %d %d %d]", lt, gt, len(out)-gt)
	copy(out[brAt:], fmt.Sprintf("%-*s", len(byteRangeSlot), ranges))
	h := sha256.New()
	h.Write(out[:lt])
	h.Write(out[gt:])
	der, err := s.cms(h.Sum(nil))
	if err != nil {
		return nil, err
	}
	if 2*len(der) > Placeholder {
		return nil, fmt.Errorf("CMS of %d bytes does not fit", len(der))
	}
	copy(out[lt+1:], fmt.Sprintf("%X", der))
	return out, nil
}

func (s *Signer) cms(digest []byte) ([]byte, error) {
	attrs, err := cms.BuildSignedAttributes(cms.SignedAttributes{MessageDigest: digest, SigningCertificate: s.Cert, SigningTime: s.Time})
	if err != nil {
		return nil, err
	}
	h := sha256.Sum256(attrs)
	value, err := ecdsa.SignASN1(crand.Reader, s.Key, h[:])
	if err != nil {
		return nil, err
	}
	alg, err := cms.ECDSAAlgorithm(cms.SHA256)
	if err != nil {
		return nil, err
	}
	return cms.AssembleSignedData(s.Cert, nil, attrs, alg, value, nil)
}
