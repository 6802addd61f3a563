package verify

import (
	"errors"
	"fmt"

	"github.com/verso-pdf/verso/wasm/pdf"
)

// ErrNoSuchSignature is returned by SignedRevision for an index that names
// no signature of the Report.
var ErrNoSuchSignature = errors.New("no such signature")

// SignedRevision returns the bytes that signature index (as numbered in the
// Report, from 0) signs: the file up to the end of its ByteRange, which is
// the document exactly as the signer saw it. Opening it in any viewer shows
// what was signed, whatever was added later.
func SignedRevision(data []byte, index int) ([]byte, error) {
	f, err := pdf.Open(data)
	if err != nil {
		return nil, err
	}
	sigs, err := f.Signatures(len(f.Revisions()) - 1)
	if err != nil {
		return nil, err
	}
	sigs = distinctValues(sigs)
	if index < 0 || index >= len(sigs) {
		return nil, fmt.Errorf("%w (the file has %d)", ErrNoSuchSignature, len(sigs))
	}
	s := sigs[index]
	if s.SignedRevision < 0 {
		return nil, errors.New("the signature does not sign a revision of this file")
	}
	end := f.Revisions()[s.SignedRevision].End
	return data[:end:end], nil
}
