package cms

// Limits on what input controls. A structure beyond a limit is rejected
// with an error wrapping [ErrLimit].
const (
	// MaxInputSize bounds the bytes Parse accepts, zero padding included.
	// /Contents placeholders are rarely above 64 KiB; CMS carrying
	// revocation data can be larger.
	MaxInputSize = 16 << 20

	// MaxCertificates bounds the entries of the certificates field.
	MaxCertificates = 64

	// MaxCRLs bounds the entries of the crls field.
	MaxCRLs = 64

	// MaxSignerInfos bounds the SignerInfos that Parse accepts. Verify
	// then requires exactly one.
	MaxSignerInfos = 8

	// MaxDigestAlgorithms bounds the digestAlgorithms SET.
	MaxDigestAlgorithms = 16

	// MaxAttributes bounds the attributes of one signed or unsigned
	// attribute set.
	MaxAttributes = 64

	// MaxAttributeValues bounds the values of one attribute.
	MaxAttributeValues = 16

	// MaxNestingDepth bounds how deep BER indefinite-length and
	// constructed-string encodings, and the DER check of attribute values,
	// may nest.
	MaxNestingDepth = 32

	// MaxSignatureTimestamps bounds the signature timestamp tokens that
	// Verify checks for one SignerInfo; more are reported as an error entry.
	MaxSignatureTimestamps = 8

	// MaxRSAKeyBits bounds the RSA modulus this package computes with:
	// crypto/rsa sets no upper bound, and a huge key in a hostile
	// certificate costs seconds of CPU per signature.
	MaxRSAKeyBits = 16384

	// MaxTSTInfoExtensions bounds the extensions of a TSTInfo.
	MaxTSTInfoExtensions = 16
)
