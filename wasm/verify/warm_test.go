package verify

import "testing"

// The warm-up document must keep walking the whole path: signatures that
// verify, and references on the last page.
func TestWarmupDocumentVerifies(t *testing.T) {
	r := Verify(warmupPDF, Options{})
	if r.Verdict != VerdictValid || len(r.Signatures) != 3 {
		t.Fatalf("warm-up document: %s with %d signatures, want VALID with 3", r.Verdict, len(r.Signatures))
	}
	if len(r.References) != 3 {
		t.Errorf("warm-up document: %d references, want 3", len(r.References))
	}
	Warm() // and it must not panic
}
