package sign

import (
	"os"
	"testing"

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
	return r
}

func TestSignOnce(t *testing.T) {
	s := newSigner(t, "pss", "MARI-LIIS", "MÄNNIK", "PNOEE-40504040001")
	out := signPDF(t, minimalPDF(2), s, []Mark{{Page: 1, X: 380, Y: 60}, {Page: 2, X: 380, Y: 60}}, Options{})
	checkVerified(t, out, 1)
	os.WriteFile("/tmp/sign1.pdf", out, 0o644)
}
