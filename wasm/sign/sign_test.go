package sign

import (
	"strings"
	"testing"

	"github.com/verso-pdf/verso/wasm/cms"
	"github.com/verso-pdf/verso/wasm/verify"
)

// checkVerified asserts verso's verifier finds want signatures, all VALID.
func checkVerified(t *testing.T, data []byte, want int) *verify.Report {
	t.Helper()
	r := verify.Verify(data, verify.Options{})
	if r.Verdict != verify.VerdictValid || len(r.Signatures) != want {
		for _, s := range r.Signatures {
			t.Logf("signature %d (%s): %s %s; modifications %+v", s.Index, s.Field, s.Status, s.Integrity.Reason, s.Modifications)
		}
		t.Fatalf("verdict %s with %d signatures, want VALID with %d (%s %s)", r.Verdict, len(r.Signatures), want, r.Summary, r.Error)
	}
	// The verifier maps each letter of the signatures page back to its
	// signature, and finds the page truthful.
	for _, ref := range r.References {
		if ref.Status != verify.ReferenceConsistent || ref.Signature < 0 || ref.Entry == nil {
			t.Errorf("reference %s: %s, signature %d, warnings %q", ref.Letter, ref.Status, ref.Signature, ref.Warnings)
		}
	}
	return r
}

// people sign in turn: Estonian, Latvian and Belgian names.
var people = []struct{ kind, given, surname, id string }{
	{"pss", "MARI-LIIS", "MÄNNIK", "PNOEE-40504040001"},
	{"pkcs1", "JĀNIS", "BĒRZIŅŠ", "PNOLV-010190-12345"},
	{"ecdsa", "FRANÇOISE", "DE BRUYNE-ÉLOÏSE", "PNOBE-90010112345"},
}

// inputs are unsigned documents from different writers.
func inputs(t *testing.T) map[string][]byte {
	in := map[string][]byte{"hand-written xref table": minimalPDF(3)}
	if testing.Short() {
		return in
	}
	in["qpdf object streams"] = qpdfVariant(t, minimalPDF(3), "--object-streams=generate")
	in["qpdf linearized"] = qpdfVariant(t, minimalPDF(3), "--linearize")
	return in
}

func TestThreeSigners(t *testing.T) {
	for name, doc := range inputs(t) {
		t.Run(name, func(t *testing.T) {
			for i, p := range people {
				s := newSigner(t, p.kind, p.given, p.surname, p.id)
				marks := []Mark{{Page: 1, X: 60 + 170*float64(i), Y: 40}, {Page: 3, X: 60 + 170*float64(i), Y: 40}}
				if i == 1 {
					marks = append(marks, Mark{Page: 2, X: 400, Y: 700})
				}
				doc = signPDF(t, doc, s, marks, Options{})
				r := checkVerified(t, doc, i+1)
				got := r.Signatures[i]
				if got.Field != "Signature "+string(rune('A'+i)) || got.Signer == nil || got.Signer.SerialNumber != p.id {
					t.Fatalf("signature %d: field %q signer %+v", i, got.Field, got.Signer)
				}
				if len(r.References) != i+1 || got.Letter != r.References[i].Letter || len(r.References[i].Marks) != len(marks) {
					t.Errorf("signature %d: letter %q, references %+v, want %d marks", i, got.Letter, r.References, len(marks))
				}
				path := writeTemp(t, "signed.pdf", doc)
				checkPdfsig(t, path, i+1)
				checkQpdf(t, path)
			}
			path := writeTemp(t, "signed.pdf", doc)
			text := pdfText(t, path, 4)
			for _, p := range people {
				for _, want := range []string{p.given + " " + p.surname, "Identity number: " + p.id} {
					if !strings.Contains(text, want) {
						t.Errorf("the signatures page text lacks %q:\n%s", want, text)
					}
				}
			}
			if first := pdfText(t, path, 1); strings.Count(first, "Signature: see last page (") != 3 {
				t.Errorf("page 1 should show three marks:\n%s", first)
			}
		})
	}
}

func TestDigestAlgorithms(t *testing.T) {
	s := newSigner(t, "pss", "ŽANETA", "ŠIMKŪNIENĖ", "PNOLT-48901234567")
	for _, h := range []struct {
		name string
		opts Options
	}{{"SHA-384", Options{Hash: cms.SHA384}}, {"SHA-512", Options{Hash: cms.SHA512}}} {
		t.Run(h.name, func(t *testing.T) {
			checkVerified(t, signPDF(t, minimalPDF(1), s, nil, h.opts), 1)
		})
	}
}
