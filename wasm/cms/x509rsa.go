package cms

import (
	"bytes"
	"crypto/rsa"
	"crypto/x509"
	"math/big"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// VerifyX509RSASHA1 verifies a signature of the legacy SubFilter
// adbe.x509.rsa_sha1: /Contents is a DER OCTET STRING (zero padding
// allowed) holding a PKCS#1 v1.5 signature, and the certificate comes from
// the signature dictionary's /Cert. The DigestInfo inside the signature
// decides the digest algorithm (SHA-1 or another), which digest is asked
// for.
func VerifyX509RSASHA1(sigOctets []byte, cert *x509.Certificate, digest DigestFunc) (*Result, error) {
	res := &Result{Signer: cert}
	if len(sigOctets) > MaxInputSize {
		return res, overLimit("bytes of input", MaxInputSize)
	}
	r := newReader(sigOctets)
	var sig []byte
	if !r.ReadOctetString(&sig) {
		return res, malformed("adbe.x509.rsa_sha1 signature: not an OCTET STRING")
	}
	for _, b := range r.s {
		if b != 0 {
			return res, malformed("adbe.x509.rsa_sha1 signature: trailing data")
		}
	}
	if cert == nil {
		return res, verifyErr(ReasonSignerNotFound, "no certificate for the adbe.x509.rsa_sha1 signature")
	}
	pub, ok := cert.PublicKey.(*rsa.PublicKey)
	if !ok {
		return res, verifyErr(ReasonSignatureAlgorithm, "adbe.x509.rsa_sha1 needs an RSA key; the certificate holds %s", keyName(publicKey(cert)))
	}
	if pub.N.BitLen() > MaxRSAKeyBits {
		return res, &VerifyError{Reason: ReasonUnsupported, Detail: "RSA key too large", Err: overLimit("bits of RSA modulus", MaxRSAKeyBits)}
	}
	di, ok := recoverDigestInfo(pub, sig)
	if !ok {
		return res, verifyErr(ReasonSignature, "RSA PKCS#1 v1.5 signature does not verify")
	}
	h, d, verr := parseDigestInfo(di)
	if verr != nil {
		return res, verr
	}
	res.Hash, res.DigestAlgorithm = h, h.String()
	res.SignatureAlgorithm = "RSA PKCS#1 v1.5 with " + h.String()
	switch h {
	case SHA1:
		res.warn("SHA-1 is a weak digest")
	case RIPEMD160:
		res.warn("RIPEMD-160 is a legacy digest")
	}
	if pub.N.BitLen() < 2048 {
		res.warn("RSA key of %d bits is weak", pub.N.BitLen())
	}
	content, verr := callDigest(digest, h)
	if verr != nil {
		return res, verr
	}
	if !bytes.Equal(content, d) {
		return res, verifyErr(ReasonMessageDigest, "signed digest does not match the content")
	}
	// crypto/rsa has the last word on the signature over the DigestInfo.
	if err := rsa.VerifyPKCS1v15(pub, 0, di, sig); err != nil {
		return res, &VerifyError{Reason: ReasonSignature, Detail: "RSA PKCS#1 v1.5 signature does not verify", Err: err}
	}
	return res, nil
}

// recoverDigestInfo applies the public key and removes the EMSA-PKCS1-v1_5
// padding 00 01 FF..FF 00 (at least eight FF).
func recoverDigestInfo(pub *rsa.PublicKey, sig []byte) ([]byte, bool) {
	k := (pub.N.BitLen() + 7) / 8
	if len(sig) != k || pub.E < 2 {
		return nil, false
	}
	s := new(big.Int).SetBytes(sig)
	if s.Cmp(pub.N) >= 0 {
		return nil, false
	}
	em := s.Exp(s, big.NewInt(int64(pub.E)), pub.N).FillBytes(make([]byte, k))
	if em[0] != 0 || em[1] != 1 {
		return nil, false
	}
	i := 2
	for i < len(em) && em[i] == 0xff {
		i++
	}
	if i-2 < 8 || i == len(em) || em[i] != 0 {
		return nil, false
	}
	return em[i+1:], true
}

// parseDigestInfo reads DigestInfo ::= SEQUENCE { digestAlgorithm
// AlgorithmIdentifier, digest OCTET STRING } strictly.
func parseDigestInfo(di []byte) (Hash, []byte, *VerifyError) {
	s := cryptobyte.String(di)
	var seq, d cryptobyte.String
	if !s.ReadASN1(&seq, cbasn1.SEQUENCE) || !s.Empty() {
		return 0, nil, verifyErr(ReasonSignature, "malformed DigestInfo in the signature")
	}
	h, ok := readHashAlgorithm(&seq)
	if !ok || !seq.ReadASN1(&d, cbasn1.OCTET_STRING) || !seq.Empty() {
		return 0, nil, verifyErr(ReasonDigestAlgorithm, "DigestInfo in the signature names no supported digest")
	}
	if len(d) != h.Size() {
		return 0, nil, verifyErr(ReasonSignature, "DigestInfo digest has the wrong length for %v", h)
	}
	return h, d, nil
}
