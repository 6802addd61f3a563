package trust

// Limits on what input controls. Each has a test in limits_test.go.
const (
	// MaxChainLength is the most certificates a path may hold, anchor
	// included. Real qualified chains hold two to four.
	MaxChainLength = 8
	// MaxCandidates is the most certificates looked at while building a
	// chain (CMS, timestamp tokens, DSS, OCSP responses).
	MaxCandidates = 1000
	// MaxRevocationItems is the most OCSP responses plus CRLs read for one
	// signature.
	MaxRevocationItems = 200
	// MaxRevocationSize is the largest OCSP response or CRL read, in bytes.
	MaxRevocationSize = 8 << 20
	// MaxOCSPSingleResponses is the most SingleResponses one OCSP
	// response may hold.
	MaxOCSPSingleResponses = 100
	// MaxOCSPCertificates is the most certificates one OCSP response may
	// carry.
	MaxOCSPCertificates = 10
	// MaxBundleSize is the largest trusted-list bundle read, compressed.
	MaxBundleSize = 16 << 20
	// MaxBundleServices is the most services a bundle may hold.
	MaxBundleServices = 20000
	// MaxServiceHistory is the most status entries per service.
	MaxServiceHistory = 64
	// maxSignatureChecks bounds the signature verifications of one chain
	// search, so that many look-alike issuers cannot make it exponential.
	maxSignatureChecks = 200
)
