package verify

import (
	"strings"
	"testing"
)

// FuzzVerify runs the whole pipeline on arbitrary bytes. Verify turns a
// panic into an "internal error" Report so that a page survives a bug; the
// fuzzer treats that Report as the failure it is.
func FuzzVerify(f *testing.F) {
	f.Add(unsignedPDF())
	f.Add([]byte("%PDF-1.7\n%%EOF"))
	f.Add([]byte("not a pdf"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r := Verify(data, Options{})
		if strings.HasPrefix(r.Error, "internal error") {
			t.Fatal(r.Error)
		}
		if r.Verdict == "" || r.Schema != SchemaVersion {
			t.Fatalf("incomplete report: %+v", r)
		}
	})
}

// FuzzUpdateAfterSigning appends arbitrary bytes, as a would-be incremental
// update, to a signed file: the revision scan and the diff must hold up to
// whatever an attacker writes after a signature.
func FuzzUpdateAfterSigning(f *testing.F) {
	// The PDF helpers take a *testing.T; the seeds are built before any
	// fuzz run exists, and a helper that fails here stops the run with it.
	seed := &testing.T{}
	signed := signedPDF(seed, unsignedPDF(), "Signature1", ecdsaSigner(seed).cmsSign())
	f.Add([]byte("\n4 0 obj\n<< /Length 5 >>\nstream\nBT ET\nendstream\nendobj\n"))
	f.Add(appendUpdate(seed, signed, map[int]string{9: "<< /Producer (x) >>"})[len(signed):])
	f.Add(appendUpdate(seed, signed, map[int]string{3: "<< /Type /Page /Parent 2 0 R /Annots [99 0 R] >>", 99: "<< /Type /Annot /Subtype /Text /Rect [0 0 612 792] /F 2 >>"})[len(signed):])
	f.Fuzz(func(t *testing.T, update []byte) {
		data := append(append([]byte{}, signed...), update...)
		r := Verify(data, Options{})
		if strings.HasPrefix(r.Error, "internal error") {
			t.Fatal(r.Error)
		}
		if r.Verdict == VerdictValid && !validUpdate(r) {
			t.Fatalf("VALID with changes that are not all permitted: %+v", r.Signatures[0].Modifications)
		}
	})
}

// validUpdate is the invariant behind a VALID verdict: every change listed
// for every signature is permitted.
func validUpdate(r *Report) bool {
	for _, s := range r.Signatures {
		for _, c := range s.Modifications.Changes {
			if !c.Permitted {
				return false
			}
		}
	}
	return true
}
