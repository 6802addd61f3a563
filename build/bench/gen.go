package main

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

// The generated documents look like scanned contracts: pages that each
// draw one noise image (incompressible, as scans are after compression),
// signed one to three times by incremental updates.
const (
	imageBytes   = 1 << 20 // one 1024×1024 grey image per page
	placeholder  = 8192    // hex digits reserved for each CMS
	signingEpoch = 1795000000
)

// benchDoc describes one generated file.
type benchDoc struct {
	name       string
	megabytes  int
	signatures int
}

// generate builds a signed PDF of about doc.megabytes MB. The content
// comes from a ChaCha8 stream seeded by the name, so every run writes the
// same pages; the signer key is fixed too (ECDSA P-256 from the seed).
func generate(doc benchDoc) ([]byte, error) {
	var seed [32]byte
	copy(seed[:], doc.name)
	rng := rand.NewChaCha8(seed)
	signer, err := newSigner(rng)
	if err != nil {
		return nil, err
	}
	pages := max(1, doc.megabytes)
	w := newWriter()
	w.obj(1, "<< /Type /Catalog /Pages 2 0 R >>")
	kids := ""
	for i := range pages {
		kids += fmt.Sprintf("%d 0 R ", 10+3*i)
	}
	w.obj(2, fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", kids, pages))
	w.obj(3, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
	img := make([]byte, imageBytes)
	for i := range pages {
		page, content, image := 10+3*i, 11+3*i, 12+3*i
		w.obj(page, fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "+
			"/Resources << /Font << /F1 3 0 R >> /XObject << /Im1 %d 0 R >> >> >>", content, image))
		text := fmt.Sprintf("q 495 0 0 495 50 250 cm /Im1 Do Q BT /F1 14 Tf 50 780 Td (Contract page %d of %d) Tj ET", i+1, pages)
		w.stream(content, "", []byte(text))
		rng.Read(img)
		w.stream(image, "/Type /XObject /Subtype /Image /Width 1024 /Height 1024 /ColorSpace /DeviceGray /BitsPerComponent 8", img)
	}
	size := 10 + 3*pages
	out := w.finish(size, 0)
	for n := range doc.signatures {
		if out, err = signer.sign(out, n+1, size); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// writer writes PDF objects and a classic xref table.
type writer struct {
	buf     bytes.Buffer
	offsets map[int]int
}

func newWriter() *writer {
	w := &writer{offsets: map[int]int{}}
	w.buf.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	return w
}

func (w *writer) obj(num int, body string) {
	w.offsets[num] = w.buf.Len()
	fmt.Fprintf(&w.buf, "%d 0 obj\n%s\nendobj\n", num, body)
}

func (w *writer) stream(num int, dict string, data []byte) {
	w.offsets[num] = w.buf.Len()
	fmt.Fprintf(&w.buf, "%d 0 obj\n<< %s /Length %d >>\nstream\n", num, dict, len(data))
	w.buf.Write(data)
	w.buf.WriteString("\nendstream\nendobj\n")
}

// finish writes the xref table and trailer; prev > 0 makes an update.
func (w *writer) finish(size, prev int) []byte {
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

// signer makes PAdES signatures with a fixed key and certificate.
type signer struct {
	key  *ecdsa.PrivateKey
	cert *x509.Certificate
}

func newSigner(rng *rand.ChaCha8) (*signer, error) {
	raw := make([]byte, 32)
	rng.Read(raw)
	raw[0] &= 0x7f // below the group order
	key, err := ecdsa.ParseRawPrivateKey(elliptic.P256(), raw)
	if err != nil {
		return nil, err
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject: pkix.Name{CommonName: "BENCH,SIGNER", Country: []string{"EE"},
			SerialNumber: "PNOEE-30303039914"},
		NotBefore: time.Unix(signingEpoch, 0).Add(-24 * time.Hour),
		NotAfter:  time.Unix(signingEpoch, 0).Add(365 * 24 * time.Hour),
		KeyUsage:  x509.KeyUsageContentCommitment,
	}
	der, err := x509.CreateCertificate(rng, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, err
	}
	cert, err := x509.ParseCertificate(der)
	return &signer{key: key, cert: cert}, err
}

// sign appends an update with signature field n (from 1) on page 1 and
// signs it. Signature n's objects follow the unsigned document's
// (unsignedSize) and the two objects of each earlier signature.
func (s *signer) sign(base []byte, n, unsignedSize int) ([]byte, error) {
	size := unsignedSize + 2*(n-1)
	prev := bytes.LastIndex(base, []byte("\nxref\n")) + 1
	sigNum, fieldNum := size, size+1
	w := &writer{offsets: map[int]int{}}
	w.buf.Write(base)
	fields := ""
	for i := range n - 1 {
		fields += fmt.Sprintf("%d 0 R ", unsignedSize+2*i+1)
	}
	fields += fmt.Sprintf("%d 0 R", fieldNum)
	w.obj(1, fmt.Sprintf("<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [%s] /SigFlags 3 >> >>", fields))
	w.obj(10, fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 11 0 R "+
		"/Resources << /Font << /F1 3 0 R >> /XObject << /Im1 12 0 R >> >> /Annots [%s] >>", fields))
	w.obj(sigNum, fmt.Sprintf("<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached "+
		"/ByteRange [0 ********** ********** **********] /Contents <%s> >>", bytes.Repeat([]byte("0"), placeholder)))
	w.obj(fieldNum, fmt.Sprintf("<< /Type /Annot /Subtype /Widget /FT /Sig /T (Signature%d) /V %d 0 R /F 132 /Rect [0 0 0 0] /P 10 0 R >>", n, sigNum))
	out := w.finish(size+2, prev)

	brAt := bytes.LastIndex(out, []byte("/ByteRange [0 *"))
	lt := bytes.Index(out[brAt:], []byte("/Contents <")) + brAt + len("/Contents ")
	gt := lt + placeholder + 2
	ranges := fmt.Sprintf("/ByteRange [0 %d %d %d]", lt, gt, len(out)-gt)
	copy(out[brAt:], fmt.Sprintf("%-*s", len("/ByteRange [0 ********** ********** **********]"), ranges))
	h := sha256.New()
	h.Write(out[:lt])
	h.Write(out[gt:])
	der, err := s.cms(h.Sum(nil))
	if err != nil {
		return nil, err
	}
	if 2*len(der) > placeholder {
		return nil, fmt.Errorf("CMS of %d bytes does not fit", len(der))
	}
	copy(out[lt+1:], fmt.Sprintf("%X", der))
	return out, nil
}

func (s *signer) cms(digest []byte) ([]byte, error) {
	attrs, err := cms.BuildSignedAttributes(cms.SignedAttributes{MessageDigest: digest, SigningCertificate: s.cert,
		SigningTime: time.Unix(signingEpoch, 0)})
	if err != nil {
		return nil, err
	}
	h := sha256.Sum256(attrs)
	value, err := ecdsa.SignASN1(crand.Reader, s.key, h[:])
	if err != nil {
		return nil, err
	}
	alg, err := cms.ECDSAAlgorithm(cms.SHA256)
	if err != nil {
		return nil, err
	}
	return cms.AssembleSignedData(s.cert, nil, attrs, alg, value, nil)
}
