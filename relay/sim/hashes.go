package sim

import (
	"crypto"
	_ "crypto/sha256" // register the hashes named below
	_ "crypto/sha3"
	_ "crypto/sha512"
)

// hashAlgorithms are the values of hashAlgorithm.
var hashAlgorithms = map[string]crypto.Hash{
	"SHA-256":  crypto.SHA256,
	"SHA-384":  crypto.SHA384,
	"SHA-512":  crypto.SHA512,
	"SHA3-256": crypto.SHA3_256,
	"SHA3-384": crypto.SHA3_384,
	"SHA3-512": crypto.SHA3_512,
}

// Signature algorithms of RAW_DIGEST_SIGNATURE and ACSP_V2.
const (
	algRSASSAPSS = "rsassa-pss"
)

// pkcs1Algorithms are the legacy RSASSA-PKCS1-v1_5 names restored in RP
// API 3.2.1, with the hash each implies.
var pkcs1Algorithms = map[string]string{
	"sha256WithRSAEncryption": "SHA-256",
	"sha384WithRSAEncryption": "SHA-384",
	"sha512WithRSAEncryption": "SHA-512",
}
