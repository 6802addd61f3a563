package sign

import (
	"crypto"
	"crypto/x509"
	"errors"
	"fmt"

	"golang.org/x/crypto/ocsp"
)

// maxOCSPResponse bounds a responder's answer.
const maxOCSPResponse = 64 << 10

// OCSPRequest builds an RFC 6960 request for the status of cert, issued
// by issuer, to send (through the relay) as application/ocsp-request.
func OCSPRequest(cert, issuer *x509.Certificate) ([]byte, error) {
	if cert == nil || issuer == nil {
		return nil, errors.New("an OCSP request needs the certificate and its issuer")
	}
	return ocsp.CreateRequest(cert, issuer, &ocsp.RequestOptions{Hash: crypto.SHA256})
}

// CheckOCSPResponse checks that response is a signed answer by issuer (or
// its delegated responder) saying cert is good, before it goes into the
// DSS: validation data that says "revoked", or about another certificate,
// would only make the document fail later.
func CheckOCSPResponse(response []byte, cert, issuer *x509.Certificate) error {
	if len(response) > maxOCSPResponse {
		return fmt.Errorf("%w: the OCSP answer has %d bytes, at most %d", ErrLimit, len(response), maxOCSPResponse)
	}
	r, err := ocsp.ParseResponseForCert(response, cert, issuer)
	if err != nil {
		return fmt.Errorf("the OCSP answer cannot be used: %w", err)
	}
	switch r.Status {
	case ocsp.Good:
		return nil
	case ocsp.Revoked:
		return fmt.Errorf("the OCSP responder says the certificate %q was revoked at %s", cert.Subject.CommonName, r.RevokedAt.UTC().Format("2006-01-02 15:04:05 UTC"))
	default:
		return fmt.Errorf("the OCSP responder does not know the certificate %q", cert.Subject.CommonName)
	}
}
