package main

import (
	"crypto/x509/pkix"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/verso-pdf/verso/build/pdfgen"
)

// The generated documents look like scanned contracts: pages that each
// draw one noise image (incompressible, as scans are after compression),
// signed one to three times by incremental updates.
const (
	imageBytes   = 1 << 20 // one 1024×1024 grey image per page
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
	signer, err := pdfgen.NewSigner(rng, pkix.Name{CommonName: "BENCH,SIGNER", Country: []string{"EE"},
		SerialNumber: "PNOEE-30303039914"}, time.Unix(signingEpoch, 0))
	if err != nil {
		return nil, err
	}
	pages := max(1, doc.megabytes)
	w := pdfgen.NewWriter()
	w.PageTree(pages, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
	img := make([]byte, imageBytes)
	for i := range pages {
		page, content, image := 10+3*i, 11+3*i, 12+3*i
		w.Obj(page, pageDict(content, image, ""))
		text := fmt.Sprintf("q 495 0 0 495 50 250 cm /Im1 Do Q BT /F1 14 Tf 50 780 Td (Contract page %d of %d) Tj ET", i+1, pages)
		w.Stream(content, "", []byte(text))
		rng.Read(img)
		w.Stream(image, "/Type /XObject /Subtype /Image /Width 1024 /Height 1024 /ColorSpace /DeviceGray /BitsPerComponent 8", img)
	}
	size := 10 + 3*pages
	out := w.Finish(size, 0)
	for n := range doc.signatures {
		if out, err = sign(signer, out, n+1, size); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func pageDict(content, image int, annots string) string {
	return fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "+
		"/Resources << /Font << /F1 3 0 R >> /XObject << /Im1 %d 0 R >> >>%s >>", content, image, annots)
}

// sign appends an update with invisible signature field n (from 1) on
// page 1 and signs it. Signature n's objects follow the unsigned
// document's (unsignedSize) and the two objects of each earlier one.
func sign(s *pdfgen.Signer, base []byte, n, unsignedSize int) ([]byte, error) {
	size := unsignedSize + 2*(n-1)
	sigNum, fieldNum := size, size+1
	fields := ""
	for i := range n - 1 {
		fields += fmt.Sprintf("%d 0 R ", unsignedSize+2*i+1)
	}
	fields += fmt.Sprintf("%d 0 R", fieldNum)
	w := pdfgen.Update(base)
	w.Obj(1, fmt.Sprintf("<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [%s] /SigFlags 3 >> >>", fields))
	w.Obj(10, pageDict(11, 12, " /Annots ["+fields+"]"))
	w.Obj(sigNum, "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached "+pdfgen.SignatureEntries()+" >>")
	w.Obj(fieldNum, fmt.Sprintf("<< /Type /Annot /Subtype /Widget /FT /Sig /T (Signature%d) /V %d 0 R /F 132 /Rect [0 0 0 0] /P 10 0 R >>", n, sigNum))
	return s.Fill(w.Finish(size+2, pdfgen.LastXRef(base)))
}
