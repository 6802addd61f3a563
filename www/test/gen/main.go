// Command gen writes the signed PDFs the browser tests verify: several
// visible signatures on several pages (VALID), a document changed after
// signing (MODIFIED), one whose signed bytes were altered (INVALID) and a
// large scanned-looking one for the privacy test.
//
//	go run ./www/test/gen -out DIR [-big-mb 20]
//
// Keys and content come from fixed seeds: every run writes the same files
// except for the ECDSA signature values.
package main

import (
	"bytes"
	"crypto/x509/pkix"
	"encoding/asn1"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/verso-pdf/verso/build/pdfgen"
)

const signingEpoch = 1795000000

func main() {
	out := flag.String("out", "", "output `dir`")
	bigMB := flag.Int("big-mb", 20, "size of big.pdf in `MB`")
	flag.Parse()
	if *out == "" {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*out, *bigMB); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

var signers = []struct{ given, surname, id string }{
	{"MARI", "JÕGI", "PNOEE-48103120014"},
	{"JAAN", "TAMM", "PNOEE-38002290277"},
	{"LIIS", "KASK", "PNOLV-120389-11111"},
}

func run(dir string, bigMB int) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	three, err := document("three", 3, 0, 3)
	if err != nil {
		return err
	}
	one, err := document("one", 2, 0, 1)
	if err != nil {
		return err
	}
	// A later update that rewrites the first page's text: not permitted.
	modified := appendUpdate(one, 10, pageDict(0, 11, 0, ""), map[int][]byte{11: []byte("BT /F1 18 Tf 72 760 Td (Contract page 1: the price is now 9 000 EUR) Tj ET")})
	// The same length, one letter changed inside the signed bytes.
	invalid := bytes.Clone(one)
	at := bytes.Index(invalid, []byte("Contract page 2"))
	invalid[at] = 'K'
	big, err := document("big", bigMB, 1<<20, 1)
	if err != nil {
		return err
	}
	for name, data := range map[string][]byte{
		"signed-3.pdf": three, "modified.pdf": modified, "invalid.pdf": invalid, "big.pdf": big,
	} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// document builds pages (each with a noise image of imageBytes when > 0)
// signed nsig times, signature n's widget on page n.
func document(seedName string, pages, imageBytes, nsig int) ([]byte, error) {
	var seed [32]byte
	copy(seed[:], seedName)
	rng := rand.NewChaCha8(seed)
	w := pdfgen.NewWriter()
	w.PageTree(pages, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
	img := make([]byte, imageBytes)
	for i := range pages {
		page, content, image := 10+3*i, 11+3*i, 12+3*i
		xobj := 0
		text := fmt.Sprintf("BT /F1 18 Tf 72 760 Td (Contract page %d of %d) Tj ET "+
			"BT /F1 11 Tf 72 730 Td (The parties agree to the terms set out on these pages.) Tj ET "+
			"0.6 G 72 150 200 60 re S BT /F1 9 Tf 72 216 Td (Signature) Tj ET", i+1, pages)
		if imageBytes > 0 {
			xobj = image
			text = "q 400 0 0 400 97 280 cm /Im1 Do Q " + text
			rng.Read(img)
			w.Stream(image, "/Type /XObject /Subtype /Image /Width 1024 /Height 1024 /ColorSpace /DeviceGray /BitsPerComponent 8", img)
		}
		w.Obj(page, pageDict(i, content, xobj, ""))
		w.Stream(content, "", []byte(text))
	}
	size := 10 + 3*pages
	out := w.Finish(size, 0)
	var widgets []int
	for n := range nsig {
		s, err := newSigner(rng, signers[n%len(signers)])
		if err != nil {
			return nil, err
		}
		page := min(n, pages-1)
		xobj := 0
		if imageBytes > 0 {
			xobj = 12 + 3*page
		}
		widgets = append(widgets, size+3*n+1)
		if out, err = s.sign(out, n, size, widgets, page, xobj); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func pageDict(i, content, xobj int, annots string) string {
	res := "/Font << /F1 3 0 R >>"
	if xobj > 0 {
		res += fmt.Sprintf(" /XObject << /Im1 %d 0 R >>", xobj)
	}
	if annots != "" {
		annots = " /Annots [" + annots + "]"
	}
	return fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R /Resources << %s >>%s >>", content, res, annots)
}

// appendUpdate adds an incremental update that replaces object num with
// dict and the streams given.
func appendUpdate(base []byte, num int, dict string, streams map[int][]byte) []byte {
	size := trailerSize(base)
	w := pdfgen.Update(base)
	w.Obj(num, dict)
	for n, data := range streams {
		w.Stream(n, "", data)
	}
	return w.Finish(size, pdfgen.LastXRef(base))
}

func trailerSize(pdf []byte) int {
	at := bytes.LastIndex(pdf, []byte("/Size "))
	var n int
	fmt.Sscanf(string(pdf[at+6:]), "%d", &n)
	return n
}

// signer makes PAdES signatures with a self-issued certificate, and
// knows how its appearance names the signer.
type signer struct {
	*pdfgen.Signer
	name  string
	ascii string // for the appearance, drawn in WinAnsi
}

var (
	oidGivenName = asn1.ObjectIdentifier{2, 5, 4, 42}
	oidSurname   = asn1.ObjectIdentifier{2, 5, 4, 4}
)

func newSigner(rng *rand.ChaCha8, who struct{ given, surname, id string }) (*signer, error) {
	subject := pkix.Name{CommonName: who.surname + "," + who.given + "," + who.id, Country: []string{who.id[3:5]},
		SerialNumber: who.id, ExtraNames: []pkix.AttributeTypeAndValue{
			{Type: oidGivenName, Value: who.given}, {Type: oidSurname, Value: who.surname}}}
	s, err := pdfgen.NewSigner(rng, subject, time.Unix(signingEpoch, 0))
	if err != nil {
		return nil, err
	}
	name := who.given + " " + who.surname
	return &signer{Signer: s, name: name, ascii: strings.NewReplacer("Õ", "O").Replace(name)}, nil
}

// sign appends an update with signature n (from 0) whose visible widget
// sits on page, over the box the page draws for it.
func (s *signer) sign(base []byte, n, unsignedSize int, widgets []int, page, xobj int) ([]byte, error) {
	size := unsignedSize + 3*n
	sigNum, fieldNum, apNum := size, size+1, size+2
	w := pdfgen.Update(base)
	fields := ""
	for _, f := range widgets {
		fields += fmt.Sprintf("%d 0 R ", f)
	}
	w.Obj(1, fmt.Sprintf("<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [%s] /SigFlags 3 >> >>", fields))
	// One signature per page: the page's /Annots holds this widget only.
	w.Obj(10+3*page, pageDict(page, 11+3*page, xobj, fmt.Sprintf("%d 0 R", widgets[n])))
	w.Obj(sigNum, fmt.Sprintf("<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached "+
		"%s /M (D:20261123120000Z) >>", pdfgen.SignatureEntries()))
	w.Obj(fieldNum, fmt.Sprintf("<< /Type /Annot /Subtype /Widget /FT /Sig /T (Signature%d) /V %d 0 R /F 132 "+
		"/Rect [72 150 272 210] /P %d 0 R /AP << /N %d 0 R >> >>", n+1, sigNum, 10+3*page, apNum))
	ap := fmt.Sprintf("0.93 0.96 1 rg 0 0 200 60 re f 0.1 0.3 0.7 RG 1 w 0.5 0.5 199 59 re S "+
		"BT 0.1 0.2 0.5 rg /F1 10 Tf 8 38 Td (Digitally signed by %s) Tj 0 -16 Td (%s) Tj ET", s.ascii, s.Cert.Subject.SerialNumber)
	w.Stream(apNum, "/Type /XObject /Subtype /Form /BBox [0 0 200 60] /Resources << /Font << /F1 3 0 R >> >>", []byte(ap))
	return s.Fill(w.Finish(size+3, pdfgen.LastXRef(base)))
}
