package sign

import (
	"errors"
	"testing"
)

func TestLimits(t *testing.T) {
	s := newSigner(t, "pss", "MARI-LIIS", "MÄNNIK", "PNOEE-40504040001")
	doc := minimalPDF(1)
	t.Run("MaxInputSize", func(t *testing.T) {
		big := make([]byte, MaxInputSize+1)
		if _, err := Prepare(big, s.cert, nil, Options{}); !errors.Is(err, ErrLimit) {
			t.Fatalf("got %v, want ErrLimit", err)
		}
	})
	t.Run("MaxMarks", func(t *testing.T) {
		marks := make([]Mark, MaxMarks+1)
		for i := range marks {
			marks[i] = Mark{Page: 1, X: 10, Y: 10}
		}
		if _, err := Prepare(doc, s.cert, marks, Options{}); !errors.Is(err, ErrLimit) {
			t.Fatalf("got %v, want ErrLimit", err)
		}
		if _, err := Prepare(doc, s.cert, marks[:MaxMarks], Options{}); err != nil {
			t.Fatalf("MaxMarks marks: %v", err)
		}
	})
	t.Run("MaxSignaturePages", func(t *testing.T) {
		if _, err := Prepare(doc, s.cert, nil, Options{Signers: MaxSigners + 1}); !errors.Is(err, ErrLimit) {
			t.Fatalf("got %v, want ErrLimit", err)
		}
		if _, err := Prepare(doc, s.cert, nil, Options{Signers: EntriesPerPage*MaxSignaturePages + 1}); !errors.Is(err, ErrLimit) {
			t.Fatalf("got %v, want ErrLimit", err)
		}
	})
	t.Run("MaxValidationItems", func(t *testing.T) {
		signed := signPDF(t, doc, s, nil, Options{TimestampReserve: -1})
		if _, err := AddDSS(signed, ValidationData{Certs: make([][]byte, MaxValidationItems+1)}); !errors.Is(err, ErrLimit) {
			t.Fatalf("got %v, want ErrLimit", err)
		}
	})
	t.Run("mark outside the page", func(t *testing.T) {
		for _, m := range []Mark{{Page: 2, X: 10, Y: 10}, {Page: 1, X: 600, Y: 10}, {Page: 1, X: -1, Y: 10}, {Page: 1, X: 10, Y: 790}} {
			if _, err := Prepare(doc, s.cert, []Mark{m}, Options{}); err == nil {
				t.Errorf("mark %+v accepted", m)
			}
		}
	})
}

// TestPageFull fills one signatures page (EntriesPerPage signers), then
// shows that a further signer is refused, and that a first signer who asks
// for room gets a second page.
func TestPageFull(t *testing.T) {
	if testing.Short() {
		t.Skip("signs the document many times")
	}
	s := newSigner(t, "ecdsa", "ŽANETA", "ŠIMKŪNIENĖ", "PNOLT-48901234567")
	for _, tc := range []struct {
		signers, capacity int
	}{{0, EntriesPerPage}, {EntriesPerPage + 1, 2 * EntriesPerPage}} {
		doc := minimalPDF(1)
		for i := range tc.capacity {
			doc = signPDF(t, doc, s, []Mark{{Page: 1, X: 20, Y: 20 + 20*float64(i)}}, Options{Signers: tc.signers, TimestampReserve: -1})
		}
		checkVerified(t, doc, tc.capacity)
		if _, err := Prepare(doc, s.cert, nil, Options{}); !errors.Is(err, ErrPageFull) {
			t.Fatalf("signer %d of %d: got %v, want ErrPageFull", tc.capacity+1, tc.capacity, err)
		}
		path := writeTemp(t, "full.pdf", doc)
		checkPdfsig(t, path, tc.capacity)
		checkQpdf(t, path)
	}
}
