package sim

import "time"

// Limits on what clients control. Bodies beyond a limit are refused with
// 413 before they are parsed.
const (
	// MaxAPIBody bounds an RP API request body. The largest legitimate
	// body (three interactions of 200 characters, a 1800-character
	// callback URL) is under 4 KiB.
	MaxAPIBody = 16 << 10

	// MaxMockBody bounds a /mock or /phone request body.
	MaxMockBody = 8 << 10

	// MaxTimestampQuery bounds an RFC 3161 TimeStampReq; one with a
	// SHA-512 imprint, a policy and a nonce is about 120 bytes.
	MaxTimestampQuery = 8 << 10

	// MaxOCSPRequest bounds an OCSP request, POST body or decoded GET.
	MaxOCSPRequest = 8 << 10

	// MaxSessions bounds the sessions kept at once (running or retained).
	MaxSessions = 10000

	// MaxInteractions bounds the entries of an interactions array; there
	// are only three interaction types and duplicates are refused.
	MaxInteractions = 3
)

// Protocol constants from the RP API v3.
const (
	// idempotencyWindow is how long an identical session-creation request
	// returns the same session.
	idempotencyWindow = 15 * time.Second

	// minPollTimeout, maxPollTimeout and defaultPollTimeout bound the
	// timeoutMs query parameter of GET /v3/session/{id}.
	minPollTimeout     = 1000 * time.Millisecond
	maxPollTimeout     = 120000 * time.Millisecond
	defaultPollTimeout = 60500 * time.Millisecond
)
