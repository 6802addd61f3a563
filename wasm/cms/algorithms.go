package cms

import (
	"crypto/ecdsa"
	"encoding/asn1"
	"fmt"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// scheme is a family of signature algorithms.
type scheme int

const (
	schemeRSAPKCS1 scheme = iota + 1
	schemeRSAPSS
	schemeECDSA      // signature is a DER Ecdsa-Sig-Value
	schemeECDSAPlain // signature is r||s (BSI TR-03111)
	schemeEd25519
	schemeEd448
)

type sigOID struct {
	oid    asn1.ObjectIdentifier
	scheme scheme
	hash   Hash // 0: the algorithm takes the digest algorithm's hash
	name   string
}

func rsaOID(n int) asn1.ObjectIdentifier { return asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, n} }
func nistSig(n int) asn1.ObjectIdentifier {
	return asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 3, n}
}
func ecdsaOID(n ...int) asn1.ObjectIdentifier {
	return append(asn1.ObjectIdentifier{1, 2, 840, 10045, 4}, n...)
}
func plainOID(n int) asn1.ObjectIdentifier {
	return asn1.ObjectIdentifier{0, 4, 0, 127, 0, 7, 1, 1, 4, 1, n}
}

// signatureTable lists the values accepted in SignerInfo.signatureAlgorithm.
var signatureTable = []sigOID{
	{rsaOID(1), schemeRSAPKCS1, 0, "rsaEncryption"},
	{rsaOID(5), schemeRSAPKCS1, SHA1, "sha1WithRSAEncryption"},
	{rsaOID(14), schemeRSAPKCS1, SHA224, "sha224WithRSAEncryption"},
	{rsaOID(11), schemeRSAPKCS1, SHA256, "sha256WithRSAEncryption"},
	{rsaOID(12), schemeRSAPKCS1, SHA384, "sha384WithRSAEncryption"},
	{rsaOID(13), schemeRSAPKCS1, SHA512, "sha512WithRSAEncryption"},
	{rsaOID(15), schemeRSAPKCS1, SHA512_224, "sha512-224WithRSAEncryption"},
	{rsaOID(16), schemeRSAPKCS1, SHA512_256, "sha512-256WithRSAEncryption"},
	{nistSig(13), schemeRSAPKCS1, SHA3_224, "id-rsassa-pkcs1-v1_5-with-sha3-224"},
	{nistSig(14), schemeRSAPKCS1, SHA3_256, "id-rsassa-pkcs1-v1_5-with-sha3-256"},
	{nistSig(15), schemeRSAPKCS1, SHA3_384, "id-rsassa-pkcs1-v1_5-with-sha3-384"},
	{nistSig(16), schemeRSAPKCS1, SHA3_512, "id-rsassa-pkcs1-v1_5-with-sha3-512"},
	{asn1.ObjectIdentifier{1, 3, 36, 3, 3, 1, 2}, schemeRSAPKCS1, RIPEMD160, "rsaSignatureWithripemd160"},
	{oidRSAPSS, schemeRSAPSS, 0, "id-RSASSA-PSS"},
	{ecdsaOID(1), schemeECDSA, SHA1, "ecdsa-with-SHA1"},
	{ecdsaOID(3, 1), schemeECDSA, SHA224, "ecdsa-with-SHA224"},
	{ecdsaOID(3, 2), schemeECDSA, SHA256, "ecdsa-with-SHA256"},
	{ecdsaOID(3, 3), schemeECDSA, SHA384, "ecdsa-with-SHA384"},
	{ecdsaOID(3, 4), schemeECDSA, SHA512, "ecdsa-with-SHA512"},
	{nistSig(9), schemeECDSA, SHA3_224, "id-ecdsa-with-sha3-224"},
	{nistSig(10), schemeECDSA, SHA3_256, "id-ecdsa-with-sha3-256"},
	{nistSig(11), schemeECDSA, SHA3_384, "id-ecdsa-with-sha3-384"},
	{nistSig(12), schemeECDSA, SHA3_512, "id-ecdsa-with-sha3-512"},
	{plainOID(1), schemeECDSAPlain, SHA1, "ecdsa-plain-SHA1"},
	{plainOID(2), schemeECDSAPlain, SHA224, "ecdsa-plain-SHA224"},
	{plainOID(3), schemeECDSAPlain, SHA256, "ecdsa-plain-SHA256"},
	{plainOID(4), schemeECDSAPlain, SHA384, "ecdsa-plain-SHA384"},
	{plainOID(5), schemeECDSAPlain, SHA512, "ecdsa-plain-SHA512"},
	{plainOID(6), schemeECDSAPlain, RIPEMD160, "ecdsa-plain-RIPEMD160"},
	{plainOID(8), schemeECDSAPlain, SHA3_224, "ecdsa-plain-SHA3-224"},
	{plainOID(9), schemeECDSAPlain, SHA3_256, "ecdsa-plain-SHA3-256"},
	{plainOID(10), schemeECDSAPlain, SHA3_384, "ecdsa-plain-SHA3-384"},
	{plainOID(11), schemeECDSAPlain, SHA3_512, "ecdsa-plain-SHA3-512"},
	{oidEd25519, schemeEd25519, 0, "Ed25519"},
	{oidEd448, schemeEd448, 0, "Ed448"},
}

// signatureOIDs indexes signatureTable by OID string.
var signatureOIDs = func() map[string]sigOID {
	m := make(map[string]sigOID, len(signatureTable))
	for _, s := range signatureTable {
		m[s.oid.String()] = s
	}
	return m
}()

// misplacedOIDs are OIDs that turn up where a signature algorithm belongs
// but are something else; they get a precise error.
var misplacedOIDs = map[string]string{
	"1.2.840.10045.3.1.7":   "the curve P-256",
	"1.3.132.0.34":          "the curve P-384",
	"1.3.132.0.35":          "the curve P-521",
	"1.3.132.0.33":          "the curve P-224",
	"1.3.36.3.3.2.8.1.1.7":  "the curve brainpoolP256r1",
	"1.3.36.3.3.2.8.1.1.11": "the curve brainpoolP384r1",
	"1.3.36.3.3.2.8.1.1.13": "the curve brainpoolP512r1",
	oidECPublicKey.String(): "the EC public key type id-ecPublicKey",
	rsaOID(4).String():      "md5WithRSAEncryption, which is not accepted",
}

// digestAlgorithm resolves SignerInfo.digestAlgorithm.
func digestAlgorithm(a AlgorithmIdentifier) (Hash, *VerifyError) {
	h, ok := hashByOID(a.Algorithm)
	if !ok {
		if s, ok := signatureOIDs[a.Algorithm.String()]; ok {
			return 0, verifyErr(ReasonDigestAlgorithm, "digest algorithm field holds the signature algorithm %s", s.name)
		}
		return 0, verifyErr(ReasonDigestAlgorithm, "unknown digest algorithm %v", a.Algorithm)
	}
	switch {
	case a.Algorithm.Equal(oidSHAKE256Len):
		// id-shake256-len with INTEGER 512 (RFC 8702).
		s := cryptobyte.String(a.Parameters)
		var bits int
		if !s.ReadASN1Integer(&bits) || !s.Empty() || bits != 512 {
			return 0, verifyErr(ReasonDigestAlgorithm, "SHAKE256 output length must be 512 bits")
		}
	case h == SHAKE256:
		if a.Parameters != nil {
			return 0, verifyErr(ReasonDigestAlgorithm, "id-shake256 takes no parameters")
		}
	case !a.paramsAbsentOrNull():
		return 0, verifyErr(ReasonDigestAlgorithm, "%v takes no parameters", h)
	}
	return h, nil
}

// signatureAlgorithm is a checked SignerInfo.signatureAlgorithm.
type signatureAlgorithm struct {
	scheme scheme
	hash   Hash // for RSA and ECDSA: the hash over the signed bytes
	salt   int  // RSASSA-PSS salt length
	// curve, if not nil, is the curve that plain ECDSA parameters name.
	curve asn1.ObjectIdentifier
}

// curveOIDs are the named curves of ECDSA keys, by crypto/elliptic name.
var curveOIDs = map[string]asn1.ObjectIdentifier{
	"P-224":           {1, 3, 132, 0, 33},
	"P-256":           {1, 2, 840, 10045, 3, 1, 7},
	"P-384":           {1, 3, 132, 0, 34},
	"P-521":           {1, 3, 132, 0, 35},
	"brainpoolP256r1": {1, 3, 36, 3, 3, 2, 8, 1, 1, 7},
	"brainpoolP384r1": {1, 3, 36, 3, 3, 2, 8, 1, 1, 11},
	"brainpoolP512r1": {1, 3, 36, 3, 3, 2, 8, 1, 1, 13},
}

// resolveSignature checks the signature algorithm and its agreement with
// the digest algorithm.
func resolveSignature(a AlgorithmIdentifier, digest Hash) (signatureAlgorithm, *VerifyError) {
	info, ok := signatureOIDs[a.Algorithm.String()]
	if !ok {
		if what, ok := misplacedOIDs[a.Algorithm.String()]; ok {
			return signatureAlgorithm{}, verifyErr(ReasonSignatureAlgorithm, "signature algorithm field holds %s, not a signature algorithm", what)
		}
		if _, ok := hashByOID(a.Algorithm); ok {
			return signatureAlgorithm{}, verifyErr(ReasonSignatureAlgorithm, "signature algorithm field holds a digest algorithm")
		}
		return signatureAlgorithm{}, verifyErr(ReasonSignatureAlgorithm, "unknown signature algorithm %v", a.Algorithm)
	}
	alg := signatureAlgorithm{scheme: info.scheme, hash: info.hash}
	if alg.hash == 0 {
		alg.hash = digest
	}
	switch info.scheme {
	case schemeRSAPKCS1:
		if !a.paramsAbsentOrNull() {
			return alg, verifyErr(ReasonSignatureAlgorithm, "%s takes no parameters", info.name)
		}
	case schemeRSAPSS:
		p, err := parsePSSParams(a.Parameters)
		if err != nil {
			return alg, err
		}
		if p.hash != digest {
			return alg, verifyErr(ReasonAlgorithmMismatch, "RSASSA-PSS uses %v but the digest algorithm is %v", p.hash, digest)
		}
		alg.hash, alg.salt = p.hash, p.salt
	case schemeECDSA, schemeEd25519, schemeEd448:
		if a.Parameters != nil {
			return alg, verifyErr(ReasonSignatureAlgorithm, "%s takes no parameters", info.name)
		}
	case schemeECDSAPlain:
		// Absent or NULL; some signers name the key's curve, which must
		// then be right.
		if !a.paramsAbsentOrNull() {
			s := cryptobyte.String(a.Parameters)
			if !s.ReadASN1ObjectIdentifier(&alg.curve) || !s.Empty() {
				return alg, verifyErr(ReasonSignatureAlgorithm, "%s: parameters are neither absent, NULL nor a curve", info.name)
			}
		}
	}
	switch {
	case info.scheme == schemeEd25519 && digest != SHA512:
		return alg, verifyErr(ReasonAlgorithmMismatch, "Ed25519 requires SHA-512 as digest algorithm (RFC 8419), not %v", digest)
	case info.scheme == schemeEd448 && digest != SHAKE256:
		return alg, verifyErr(ReasonAlgorithmMismatch, "Ed448 requires SHAKE256 as digest algorithm (RFC 8419), not %v", digest)
	case info.hash != 0 && info.hash != digest:
		return alg, verifyErr(ReasonAlgorithmMismatch, "signature algorithm %s does not match the digest algorithm %v", info.name, digest)
	case alg.hash.CryptoHash() == 0 && info.scheme != schemeEd448:
		return alg, verifyErr(ReasonAlgorithmMismatch, "%s cannot be used with %v", info.name, alg.hash)
	}
	return alg, nil
}

// name describes the algorithm for a report, e.g. "ECDSA P-256 with
// SHA-256"; pub, when known, supplies the curve.
func (a signatureAlgorithm) name(pub any) string {
	curve := ""
	if k, ok := pub.(*ecdsa.PublicKey); ok && k.Curve != nil {
		curve = k.Curve.Params().Name + " "
	}
	switch a.scheme {
	case schemeRSAPKCS1:
		return "RSA PKCS#1 v1.5 with " + a.hash.String()
	case schemeRSAPSS:
		return "RSASSA-PSS with " + a.hash.String()
	case schemeECDSA:
		return "ECDSA " + curve + "with " + a.hash.String()
	case schemeECDSAPlain:
		return "plain ECDSA " + curve + "with " + a.hash.String()
	case schemeEd25519:
		return "Ed25519"
	case schemeEd448:
		return "Ed448"
	}
	return "unknown"
}

type pssParams struct {
	hash, mgfHash Hash
	salt, trailer int
}

// parsePSSParams reads RSASSA-PSS-params (RFC 4055 3.1), which must be
// present for a signature, and checks them: a digest the PSS code can use,
// MGF1 with the same hash, trailer field 1.
func parsePSSParams(b []byte) (pssParams, *VerifyError) {
	p := pssParams{hash: SHA1, mgfHash: SHA1, salt: 20, trailer: 1}
	bad := func(what string) (pssParams, *VerifyError) {
		return p, verifyErr(ReasonSignatureAlgorithm, "RSASSA-PSS parameters: %s", what)
	}
	if b == nil {
		return bad("missing")
	}
	s := cryptobyte.String(b)
	var seq, hashAlg, mgf, mgfAlg cryptobyte.String
	var hasHash, hasMGF bool
	if !s.ReadASN1(&seq, cbasn1.SEQUENCE) || !s.Empty() ||
		!seq.ReadOptionalASN1(&hashAlg, &hasHash, cbasn1.Tag(0).Constructed().ContextSpecific()) ||
		!seq.ReadOptionalASN1(&mgf, &hasMGF, cbasn1.Tag(1).Constructed().ContextSpecific()) ||
		!seq.ReadOptionalASN1Integer(&p.salt, cbasn1.Tag(2).Constructed().ContextSpecific(), 20) ||
		!seq.ReadOptionalASN1Integer(&p.trailer, cbasn1.Tag(3).Constructed().ContextSpecific(), 1) ||
		!seq.Empty() {
		return bad("malformed")
	}
	if hasHash {
		h, ok := readHashAlgorithm(&hashAlg)
		if !ok || !hashAlg.Empty() {
			return bad("unknown hash algorithm")
		}
		p.hash = h
	}
	if hasMGF {
		var oid asn1.ObjectIdentifier
		if !mgf.ReadASN1(&mgfAlg, cbasn1.SEQUENCE) || !mgf.Empty() ||
			!mgfAlg.ReadASN1ObjectIdentifier(&oid) {
			return bad("malformed mask generation function")
		}
		if !oid.Equal(oidMGF1) {
			return bad(fmt.Sprintf("mask generation function %v is not MGF1", oid))
		}
		h, ok := readHashAlgorithm(&mgfAlg)
		if !ok || !mgfAlg.Empty() {
			return bad("unknown MGF1 hash algorithm")
		}
		p.mgfHash = h
	}
	switch {
	case p.hash.CryptoHash() == 0:
		return bad(p.hash.String() + " cannot be used with RSASSA-PSS")
	case p.mgfHash != p.hash:
		return bad(fmt.Sprintf("MGF1 uses %v but the hash is %v", p.mgfHash, p.hash))
	case p.salt < 0:
		return bad("negative salt length")
	case p.trailer != 1:
		return bad(fmt.Sprintf("trailer field %d, must be 1", p.trailer))
	}
	return p, nil
}

// readHashAlgorithm reads an AlgorithmIdentifier naming a fixed-length
// digest, with absent or NULL parameters.
func readHashAlgorithm(s *cryptobyte.String) (Hash, bool) {
	var alg cryptobyte.String
	var oid asn1.ObjectIdentifier
	if !s.ReadASN1(&alg, cbasn1.SEQUENCE) || !alg.ReadASN1ObjectIdentifier(&oid) {
		return 0, false
	}
	var null cryptobyte.String
	if !alg.Empty() && (!alg.ReadASN1(&null, cbasn1.NULL) || len(null) != 0 || !alg.Empty()) {
		return 0, false
	}
	h, ok := hashByOID(oid)
	if !ok || h == SHAKE256 {
		return 0, false
	}
	return h, true
}
