package cms

import (
	"errors"
	"fmt"
)

// Parse errors wrap one of these.
var (
	// ErrMalformed marks input that is not the structure it claims to be.
	ErrMalformed = errors.New("cms: malformed")
	// ErrLimit marks input beyond one of the limits in limits.go.
	ErrLimit = errors.New("cms: limit exceeded")
)

func malformed(what string) error {
	return fmt.Errorf("%w %s", ErrMalformed, what)
}

func overLimit(what string, max int) error {
	return fmt.Errorf("%w: more than %d %s", ErrLimit, max, what)
}

// Reason says why a verification failed.
type Reason int

// Reasons for a failed verification.
const (
	// ReasonSignerCount: not exactly one SignerInfo.
	ReasonSignerCount Reason = iota + 1
	// ReasonDigestAlgorithm: the digest algorithm is unknown, has bad
	// parameters, or is not a digest algorithm at all.
	ReasonDigestAlgorithm
	// ReasonSignatureAlgorithm: the signature algorithm is unknown, has bad
	// parameters, or does not fit the signer's key.
	ReasonSignatureAlgorithm
	// ReasonAlgorithmMismatch: the digest and signature algorithms disagree.
	ReasonAlgorithmMismatch
	// ReasonContent: encapsulated content is present where it must be
	// absent, or absent where it must be present.
	ReasonContent
	// ReasonContentUnavailable: the caller could not supply the content
	// digest.
	ReasonContentUnavailable
	// ReasonNoCertificates: the SignedData carries no certificates.
	ReasonNoCertificates
	// ReasonSignerNotFound: no certificate matches the signer identifier.
	ReasonSignerNotFound
	// ReasonSignedAttributes: signed attributes are not DER, malformed, or
	// repeat an attribute that must be single.
	ReasonSignedAttributes
	// ReasonContentType: the content-type attribute is missing or differs
	// from the encapsulated content type.
	ReasonContentType
	// ReasonMessageDigest: the signed digest of the content does not match
	// the content.
	ReasonMessageDigest
	// ReasonSigningCertificate: an ESS signing-certificate attribute names
	// another certificate, or a required one is missing.
	ReasonSigningCertificate
	// ReasonSignature: the signature value does not verify.
	ReasonSignature
	// ReasonUnsupported: a valid construction this package cannot check.
	ReasonUnsupported
	// ReasonImprint: a timestamp's message imprint does not match the data
	// it should cover.
	ReasonImprint
)

var reasonNames = map[Reason]string{
	ReasonSignerCount:        "signer-count",
	ReasonDigestAlgorithm:    "digest-algorithm",
	ReasonSignatureAlgorithm: "signature-algorithm",
	ReasonAlgorithmMismatch:  "algorithm-mismatch",
	ReasonContent:            "content",
	ReasonContentUnavailable: "content-unavailable",
	ReasonNoCertificates:     "no-certificates",
	ReasonSignerNotFound:     "signer-not-found",
	ReasonSignedAttributes:   "signed-attributes",
	ReasonContentType:        "content-type",
	ReasonMessageDigest:      "message-digest",
	ReasonSigningCertificate: "signing-certificate",
	ReasonSignature:          "signature",
	ReasonUnsupported:        "unsupported",
	ReasonImprint:            "imprint",
}

// String returns a short stable name for the reason, e.g. "message-digest".
func (r Reason) String() string {
	if s, ok := reasonNames[r]; ok {
		return s
	}
	return fmt.Sprintf("reason(%d)", int(r))
}

// VerifyError is a failed verification: why, and what exactly was wrong.
type VerifyError struct {
	Reason Reason
	// Detail is a sentence for a person, e.g. "message digest does not
	// match the content".
	Detail string
	// Err is the underlying error, if any.
	Err error
}

func (e *VerifyError) Error() string {
	if e.Err != nil {
		return "cms: " + e.Detail + ": " + e.Err.Error()
	}
	return "cms: " + e.Detail
}

// Unwrap returns the underlying error.
func (e *VerifyError) Unwrap() error { return e.Err }

func verifyErr(r Reason, format string, args ...any) *VerifyError {
	return &VerifyError{Reason: r, Detail: fmt.Sprintf(format, args...)}
}

// ReasonOf returns the Reason of a *VerifyError in err's chain, or 0.
func ReasonOf(err error) Reason {
	var ve *VerifyError
	if errors.As(err, &ve) {
		return ve.Reason
	}
	return 0
}
