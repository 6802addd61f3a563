package sign

import (
	"crypto/x509"
	"errors"
	"fmt"

	"github.com/verso-pdf/verso/wasm/cms"
)

// SignatureFunc makes the signature value over the DER signed attributes
// with digest algorithm h: a Smart-ID session through the relay in the
// browser and the CLI, a local key in tests. It returns the value, its
// algorithm and the issuing certificates to embed.
type SignatureFunc func(signedAttrs []byte, h cms.Hash) (value []byte, alg cms.AlgorithmIdentifier, chain []*x509.Certificate, err error)

// TimestampFunc returns an RFC 3161 token over digest (computed with h)
// from a TSA.
type TimestampFunc func(digest []byte, h cms.Hash) ([]byte, error)

// Sign runs the whole flow for a caller that can reach the signer and the
// TSA directly (the CLI): Prepare, signature, optional timestamp (B-T when
// timestamp is not nil), Finish, and a DSS increment when validation data
// is given (B-LT).
func Sign(pdfBytes []byte, cert *x509.Certificate, marks []Mark, opts Options, signature SignatureFunc, timestamp TimestampFunc, validation *ValidationData) ([]byte, error) {
	if signature == nil {
		return nil, errors.New("no signature function")
	}
	if timestamp == nil && opts.TimestampReserve == 0 {
		opts.TimestampReserve = -1
	}
	p, err := Prepare(pdfBytes, cert, marks, opts)
	if err != nil {
		return nil, err
	}
	value, alg, chain, err := signature(p.SignedAttributes, p.Hash)
	if err != nil {
		return nil, fmt.Errorf("signing: %w", err)
	}
	var token []byte
	if timestamp != nil {
		if token, err = timestamp(SignatureTimestampDigest(value, cms.SHA256), cms.SHA256); err != nil {
			return nil, fmt.Errorf("timestamping the signature: %w", err)
		}
	}
	out, err := Finish(p, value, alg, chain, token)
	if err != nil {
		return nil, err
	}
	if validation != nil {
		return AddDSS(out, *validation)
	}
	return out, nil
}
