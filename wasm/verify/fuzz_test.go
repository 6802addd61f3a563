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
