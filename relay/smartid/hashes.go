package smartid

import (
	"crypto"
	_ "crypto/sha256" // the hashes named below
	_ "crypto/sha512"
)

// AlgorithmPSS is the signature algorithm the client asks for.
const AlgorithmPSS = "rsassa-pss"

// hashNames are the hashAlgorithm values the client uses. SK also lists
// SHA-3, which PAdES validators rarely support.
var hashNames = map[crypto.Hash]string{
	crypto.SHA256: "SHA-256",
	crypto.SHA384: "SHA-384",
	crypto.SHA512: "SHA-512",
}

// HashName returns SK's name of h (SHA-256, …), or "" if unsupported.
func HashName(h crypto.Hash) string { return hashNames[h] }
