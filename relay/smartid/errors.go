package smartid

import (
	"errors"
	"fmt"
)

// Kind classifies a failure so that callers can map it to an answer for
// people without parsing messages.
type Kind int

// The kinds of failure.
const (
	// KindUnavailable: Smart-ID could not be reached, answered 5xx or
	// timed out. Trying again later may work.
	KindUnavailable Kind = iota + 1
	// KindMaintenance: Smart-ID answered 580 (maintenance).
	KindMaintenance
	// KindClientTooOld: Smart-ID answered 480.
	KindClientTooOld
	// KindNotAuthorized: 401 or 403, the relying party's configuration
	// (UUID, name, source IP) is not accepted.
	KindNotAuthorized
	// KindNotFound: 404, no such account, or the session is unknown or
	// expired.
	KindNotFound
	// KindBadRequest: 400, Smart-ID refused the request as invalid.
	KindBadRequest
	// KindProtocol: the answer does not follow the API (malformed JSON,
	// missing fields, values out of range).
	KindProtocol
	// KindVerification: the answer is well-formed but fails verification
	// (signature, certificate chain, policy, level or identity).
	KindVerification
	// KindRevoked: the certificate is revoked (OCSP).
	KindRevoked
	// KindRevocationUnavailable: the OCSP responder gave no usable answer
	// (unreachable, too slow, HTTP error, tryLater); the certificate's
	// status is unknown, so it is not used. Trying again may work.
	KindRevocationUnavailable
)

var kindNames = map[Kind]string{
	KindUnavailable:           "Smart-ID is unavailable",
	KindMaintenance:           "Smart-ID is under maintenance",
	KindClientTooOld:          "Smart-ID refuses this client as too old",
	KindNotAuthorized:         "Smart-ID does not accept this relying party",
	KindNotFound:              "no such Smart-ID account or session",
	KindBadRequest:            "Smart-ID refused the request",
	KindProtocol:              "Smart-ID's answer is malformed",
	KindVerification:          "Smart-ID's answer failed verification",
	KindRevoked:               "the Smart-ID certificate is revoked",
	KindRevocationUnavailable: "the Smart-ID certificate's revocation status cannot be checked",
}

func (k Kind) String() string {
	if s, ok := kindNames[k]; ok {
		return s
	}
	return fmt.Sprintf("smartid.Kind(%d)", int(k))
}

// Error is a failure of a Smart-ID call. Its message never contains
// personal data, certificates or digests, so it may be logged.
type Error struct {
	Kind Kind
	// Op names the call, such as "certificate choice" or "session status".
	Op string
	// Detail says what went wrong, for people.
	Detail string
	// Status is the HTTP status Smart-ID answered, if any.
	Status int
	Err    error
}

func (e *Error) Error() string {
	msg := e.Op + ": " + e.Kind.String()
	if e.Detail != "" {
		msg += ": " + e.Detail
	}
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Err }

// KindOf returns the kind of err, or 0 when it is not an *Error.
func KindOf(err error) Kind {
	if e, ok := errors.AsType[*Error](err); ok {
		return e.Kind
	}
	return 0
}

func verifyErr(op, format string, args ...any) *Error {
	return &Error{Kind: KindVerification, Op: op, Detail: fmt.Sprintf(format, args...)}
}

func protocolErr(op, format string, args ...any) *Error {
	return &Error{Kind: KindProtocol, Op: op, Detail: fmt.Sprintf(format, args...)}
}
