package trust

import (
	"crypto/sha256"
	"crypto/x509"
	"encoding/binary"
	"sync"
)

// maxRememberedChecks bounds the memory of signature checks (about 40
// bytes each); when full it starts over.
const maxRememberedChecks = 4096

// rememberedChecks holds the outcome of signature checks by a digest of
// everything the outcome depends on. Chains repeat, within a document
// (every signature and timestamp climbs to the same CAs, every DSS
// response is checked for each) and between documents, and one ECDSA
// P-521 check, which SK's roots need, takes about 6 ms natively and ten
// times that compiled to wasm.
var rememberedChecks = struct {
	sync.Mutex
	m map[[32]byte]bool
}{m: map[[32]byte]bool{}}

// signatureValid reports whether signer's key made signature over signed
// with alg, as signer.CheckSignature does, remembering the answer.
func signatureValid(signer *x509.Certificate, alg x509.SignatureAlgorithm, signed, signature []byte) bool {
	key := checkKey(signer.RawSubjectPublicKeyInfo, alg, signed, signature)
	rememberedChecks.Lock()
	ok, seen := rememberedChecks.m[key]
	rememberedChecks.Unlock()
	if seen {
		return ok
	}
	ok = signer.CheckSignature(alg, signed, signature) == nil
	rememberedChecks.Lock()
	if len(rememberedChecks.m) >= maxRememberedChecks {
		clear(rememberedChecks.m)
	}
	rememberedChecks.m[key] = ok
	rememberedChecks.Unlock()
	return ok
}

// checkKey is SHA-256 over the length-prefixed inputs, so that no two
// different checks share a key.
func checkKey(spki []byte, alg x509.SignatureAlgorithm, signed, signature []byte) [32]byte {
	h := sha256.New()
	var n [8]byte
	for _, part := range [][]byte{spki, signed, signature} {
		binary.BigEndian.PutUint64(n[:], uint64(len(part)))
		h.Write(n[:])
		h.Write(part)
	}
	binary.BigEndian.PutUint64(n[:], uint64(alg))
	h.Write(n[:])
	var key [32]byte
	h.Sum(key[:0])
	return key
}

// certificateSignedBy reports whether parent's key signed c.
func certificateSignedBy(parent, c *x509.Certificate) bool {
	return signatureValid(parent, c.SignatureAlgorithm, c.RawTBSCertificate, c.Signature)
}
