package sign

import (
	"bytes"
	"errors"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/verso-pdf/verso/wasm/cms"
	"github.com/verso-pdf/verso/wasm/verify"
)

// TestAlreadySigned co-signs documents signed by other tools: no page can
// be added, so the signature is invisible and the earlier ones stay valid.
func TestAlreadySigned(t *testing.T) {
	for _, name := range []string{"digidoc4j/EE_AS-P-BpLT-V-009.pdf", "dss/hello_signed_INCSAVE_signed.pdf"} {
		t.Run(name, func(t *testing.T) {
			in, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "corpus", "files", name))
			if err != nil {
				t.Skipf("corpus file missing: %v", err)
			}
			before := checkVerified(t, in, len(verify.Verify(in, verify.Options{}).Signatures))
			s := newSigner(t, "pss", "MARI-LIIS", "MÄNNIK", "PNOEE-40504040001")
			if _, err := Prepare(in, s.cert, []Mark{{Page: 1, X: 10, Y: 10}}, Options{}); !errors.Is(err, ErrNoSignaturesPage) {
				t.Fatalf("marks on a document signed without a signatures page: %v, want ErrNoSignaturesPage", err)
			}
			out := signPDF(t, in, s, nil, Options{})
			if !bytes.HasPrefix(out, in) {
				t.Fatal("the earlier revisions were rewritten")
			}
			checkVerified(t, out, len(before.Signatures)+1)
			path := writeTemp(t, "signed.pdf", out)
			checkQpdf(t, path)
			if exec.Command(tool(t, "pdfsig"), writeTemp(t, "in.pdf", in)).Run() == nil {
				out, _ := exec.Command("pdfsig", path).CombinedOutput()
				if !bytes.Contains(out, []byte("Signature Field Name: Signature 1")) {
					t.Fatalf("pdfsig does not list the new signature:\n%s", out)
				}
			}
		})
	}
}

// TestRender draws the signatures page with pdftoppm and keeps the image
// (in $VERSO_ARTIFACTS when set) for a person to look at.
func TestRender(t *testing.T) {
	doc := minimalPDF(1)
	for i, p := range people {
		doc = signPDF(t, doc, newSigner(t, p.kind, p.given, p.surname, p.id), []Mark{{Page: 1, X: 60 + 170*float64(i), Y: 40}}, Options{})
	}
	dir := os.Getenv("VERSO_ARTIFACTS")
	if dir == "" {
		dir = t.TempDir()
	}
	path := filepath.Join(dir, "signatures-page.pdf")
	if err := os.WriteFile(path, doc, 0o644); err != nil {
		t.Fatal(err)
	}
	prefix := filepath.Join(dir, "signatures-page")
	if out, err := exec.Command(tool(t, "pdftoppm"), "-png", "-r", "100", "-f", "2", "-singlefile", path, prefix).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	f, err := os.Open(prefix + ".png")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	// Each entry must have drawn something: dark pixels in its letter disc.
	for slot := range people {
		r := entryRect(slot)
		x := int((r[0] + 32) * 100 / 72)
		y := int((pageHeight - (r[1] + entryHeight/2 + 10)) * 100 / 72)
		if c, _, _, _ := img.At(x, y).RGBA(); c > 0x8000 {
			t.Errorf("entry %d: no letter disc at (%d, %d)", slot, x, y)
		}
	}
	t.Logf("rendered to %s.png", prefix)
}

func TestDSS(t *testing.T) {
	s := newSigner(t, "pss", "MARI-LIIS", "MÄNNIK", "PNOEE-40504040001")
	doc := signPDF(t, minimalPDF(1), s, nil, Options{})
	out, err := AddDSS(doc, ValidationData{Certs: [][]byte{s.chain[0].Raw, s.cert.Raw}, OCSPs: [][]byte{{0x30, 0x03, 0x0a, 0x01, 0x00}}})
	if err != nil {
		t.Fatal(err)
	}
	checkVerified(t, out, 1)
	// A second signer after the DSS, and a second DSS that keeps the first.
	out = signPDF(t, out, newSigner(t, "ecdsa", "JĀNIS", "BĒRZIŅŠ", "PNOLV-010190-12345"), nil, Options{})
	if out, err = AddDSS(out, ValidationData{Certs: [][]byte{s.chain[0].Raw}}); err != nil {
		t.Fatal(err)
	}
	checkVerified(t, out, 2)
	if n := bytes.Count(out, []byte("/Type /DSS")) + bytes.Count(out, []byte("/Type/DSS")); n != 2 {
		t.Errorf("%d DSS dictionaries, want 2", n)
	}
	path := writeTemp(t, "lt.pdf", out)
	checkPdfsig(t, path, 2)
	checkQpdf(t, path)
}

func TestFinishRejects(t *testing.T) {
	s := newSigner(t, "pss", "MARI-LIIS", "MÄNNIK", "PNOEE-40504040001")
	p, err := Prepare(minimalPDF(1), s.cert, nil, Options{TimestampReserve: -1})
	if err != nil {
		t.Fatal(err)
	}
	sig, alg := s.sign(t, p.SignedAttributes, p.Hash)
	bad := bytes.Clone(sig)
	bad[10] ^= 1
	if _, err := Finish(p, bad, alg, s.chain, nil); err == nil {
		t.Error("Finish accepted a wrong signature value")
	}
	other := newSigner(t, "ecdsa", "X", "Y", "PNOEE-2")
	osig, oalg := other.sign(t, p.SignedAttributes, p.Hash)
	if _, err := Finish(p, osig, oalg, nil, nil); err == nil {
		t.Error("Finish accepted a signature by another key")
	}
	if _, err := Finish(p, sig, alg, s.chain, []byte{0x30, 0x00}); err == nil {
		t.Error("Finish accepted a malformed timestamp token")
	}
	alg384, _ := cms.PSSAlgorithm(cms.SHA384, 48)
	if _, err := Finish(p, sig, alg384, s.chain, nil); err == nil {
		t.Error("Finish accepted an algorithm whose hash differs from the prepared digest")
	}
	// A good value still works after the failures: p is unchanged.
	out, err := Finish(p, sig, alg, s.chain, nil)
	if err != nil {
		t.Fatal(err)
	}
	checkVerified(t, out, 1)
}
