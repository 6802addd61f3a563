package sign

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzPrepare feeds hostile PDFs to Prepare (and what it makes to a
// second Prepare): it must fail with an error, never panic. Prepare turns
// panics into "internal error" messages, so those count as failures too.
func FuzzPrepare(f *testing.F) {
	f.Add(minimalPDF(1))
	f.Add(minimalPDF(2)[:500])
	if b, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "corpus", "files", "dss", "hello_signed_INCSAVE_signed.pdf")); err == nil {
		f.Add(b)
	}
	s := newSigner(f, "ecdsa", "MARI-LIIS", "MÄNNIK", "PNOEE-40504040001")
	marks := []Mark{{Page: 1, X: 10, Y: 10}}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Prepare(data, s.cert, marks, Options{TimestampReserve: -1})
		if err != nil {
			if strings.Contains(err.Error(), "internal error") {
				t.Fatal(err)
			}
			return
		}
		if _, err := Prepare(p.PDF, s.cert, nil, Options{TimestampReserve: -1}); err != nil && strings.Contains(err.Error(), "internal error") {
			t.Fatal(err)
		}
	})
}
