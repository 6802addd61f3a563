package cms

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"math/big"
	"time"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// Real signer certificates that crypto/x509 rejects: Estonian ID-card
// certificates whose RSA modulus is encoded as a negative INTEGER, serial
// numbers that are negative, keys on Brainpool curves. The signature over
// the document can still be checked with the key they carry, so Verify
// falls back to this lenient reading for the signer certificate alone and
// says so in a warning.

var oidSubjectKeyID = asn1.ObjectIdentifier{2, 5, 29, 14}

// parseLenient reads the fields of a certificate that signature
// verification and a report need. The result has Raw, RawTBSCertificate,
// RawSubjectPublicKeyInfo, RawSubject, RawIssuer, Version, SerialNumber,
// Subject, Issuer, NotBefore, NotAfter, PublicKeyAlgorithm, PublicKey,
// Extensions, SubjectKeyId and Signature set; SignatureAlgorithm is
// Unknown, so the result cannot be used to check other signatures.
func parseLenient(raw []byte) (*x509.Certificate, bool) {
	c := &x509.Certificate{Raw: raw}
	s := cryptobyte.String(raw)
	var cert, tbs, validity, spki cryptobyte.String
	var sigAlg, serial cryptobyte.String
	var issuer, subject []byte
	var sig asn1.BitString
	if !s.ReadASN1(&cert, cbasn1.SEQUENCE) || !s.Empty() ||
		!cert.ReadASN1Element((*cryptobyte.String)(&c.RawTBSCertificate), cbasn1.SEQUENCE) ||
		!cert.ReadASN1(&sigAlg, cbasn1.SEQUENCE) ||
		!cert.ReadASN1BitString(&sig) || !cert.Empty() {
		return nil, false
	}
	c.Signature = sig.RightAlign()
	tbs = cryptobyte.String(c.RawTBSCertificate)
	if !tbs.ReadASN1(&tbs, cbasn1.SEQUENCE) ||
		!tbs.ReadOptionalASN1Integer(&c.Version, cbasn1.Tag(0).Constructed().ContextSpecific(), 0) ||
		!tbs.ReadASN1(&serial, cbasn1.INTEGER) || len(serial) == 0 ||
		!tbs.SkipASN1(cbasn1.SEQUENCE) ||
		!tbs.ReadASN1Element((*cryptobyte.String)(&issuer), cbasn1.SEQUENCE) ||
		!tbs.ReadASN1(&validity, cbasn1.SEQUENCE) ||
		!tbs.ReadASN1Element((*cryptobyte.String)(&subject), cbasn1.SEQUENCE) ||
		!tbs.ReadASN1Element(&spki, cbasn1.SEQUENCE) {
		return nil, false
	}
	c.Version++
	c.SerialNumber = signedInt(serial)
	c.RawIssuer, c.RawSubject, c.RawSubjectPublicKeyInfo = issuer, subject, spki
	c.Issuer, c.Subject = lenientName(issuer), lenientName(subject)
	if t, ok := readTime(&validity); ok {
		c.NotBefore = t
	}
	if t, ok := readTime(&validity); ok {
		c.NotAfter = t
	}
	var pub any
	if pub, c.PublicKeyAlgorithm = lenientPublicKey(spki); pub == nil {
		return nil, false
	}
	c.PublicKey = pub
	// Skip issuerUniqueID [1] and subjectUniqueID [2]; read extensions [3].
	tbs.SkipOptionalASN1(cbasn1.Tag(1).ContextSpecific())
	tbs.SkipOptionalASN1(cbasn1.Tag(2).ContextSpecific())
	var exts cryptobyte.String
	var hasExts bool
	if !tbs.ReadOptionalASN1(&exts, &hasExts, cbasn1.Tag(3).Constructed().ContextSpecific()) {
		return nil, false
	}
	if hasExts && !exts.ReadASN1(&exts, cbasn1.SEQUENCE) {
		return nil, false
	}
	for !exts.Empty() {
		var ext cryptobyte.String
		var e pkix.Extension
		if !exts.ReadASN1(&ext, cbasn1.SEQUENCE) ||
			!ext.ReadASN1ObjectIdentifier(&e.Id) ||
			!readOptionalBool(&ext, &e.Critical) ||
			!ext.ReadASN1((*cryptobyte.String)(&e.Value), cbasn1.OCTET_STRING) {
			return nil, false
		}
		c.Extensions = append(c.Extensions, e)
		if e.Id.Equal(oidSubjectKeyID) {
			v := cryptobyte.String(e.Value)
			var ski cryptobyte.String
			if v.ReadASN1(&ski, cbasn1.OCTET_STRING) && v.Empty() {
				c.SubjectKeyId = ski
			}
		}
	}
	return c, true
}

// signedInt decodes a two's complement INTEGER, minimal or not.
func signedInt(b []byte) *big.Int {
	n := new(big.Int).SetBytes(b)
	if len(b) > 0 && b[0]&0x80 != 0 {
		n.Sub(n, new(big.Int).Lsh(big.NewInt(1), uint(len(b))*8))
	}
	return n
}

func lenientName(raw []byte) pkix.Name {
	var rdns pkix.RDNSequence
	var name pkix.Name
	if rest, err := asn1.Unmarshal(raw, &rdns); err == nil && len(rest) == 0 {
		name.FillFromRDNSequence(&rdns)
	}
	return name
}

func readTime(s *cryptobyte.String) (t time.Time, ok bool) {
	var e cryptobyte.String
	if !s.ReadAnyASN1Element(&e, nil) {
		return t, false
	}
	return decodeTime(e)
}

// lenientPublicKey reads a key that x509.ParsePKIXPublicKey reads, an RSA
// key whose modulus lacks its leading zero, or a Brainpool key.
func lenientPublicKey(spki []byte) (any, x509.PublicKeyAlgorithm) {
	if pub, err := x509.ParsePKIXPublicKey(spki); err == nil {
		switch pub.(type) {
		case *rsa.PublicKey:
			return pub, x509.RSA
		case *ecdsa.PublicKey:
			return pub, x509.ECDSA
		case ed25519.PublicKey:
			return pub, x509.Ed25519
		}
		return nil, 0
	}
	s := cryptobyte.String(spki)
	var alg cryptobyte.String
	var oid asn1.ObjectIdentifier
	var key asn1.BitString
	if !s.ReadASN1(&s, cbasn1.SEQUENCE) ||
		!s.ReadASN1(&alg, cbasn1.SEQUENCE) ||
		!alg.ReadASN1ObjectIdentifier(&oid) ||
		!s.ReadASN1BitString(&key) || !s.Empty() || key.BitLength%8 != 0 {
		return nil, 0
	}
	switch {
	case oid.Equal(oidRSAEncryption):
		k := cryptobyte.String(key.Bytes)
		var seq, n cryptobyte.String
		var e int
		if !k.ReadASN1(&seq, cbasn1.SEQUENCE) || !k.Empty() ||
			!seq.ReadASN1(&n, cbasn1.INTEGER) ||
			!seq.ReadASN1Integer(&e) || !seq.Empty() || e < 3 || e&1 == 0 {
			return nil, 0
		}
		// The modulus as unsigned: the "negative" ones lack the 0x00 that
		// two's complement needs.
		mod := new(big.Int).SetBytes(n)
		if mod.Sign() == 0 || mod.Bit(0) == 0 {
			return nil, 0
		}
		return &rsa.PublicKey{N: mod, E: e}, x509.RSA
	case oid.Equal(oidECPublicKey):
		var curveOID asn1.ObjectIdentifier
		if !alg.ReadASN1ObjectIdentifier(&curveOID) || !alg.Empty() {
			return nil, 0
		}
		curve, ok := brainpoolCurve(curveOID)
		if !ok {
			return nil, 0
		}
		size := (curve.params.BitSize + 7) / 8
		if len(key.Bytes) != 1+2*size || key.Bytes[0] != 4 {
			return nil, 0
		}
		x := new(big.Int).SetBytes(key.Bytes[1 : 1+size])
		y := new(big.Int).SetBytes(key.Bytes[1+size:])
		if !curve.IsOnCurve(x, y) {
			return nil, 0
		}
		return &ecdsa.PublicKey{Curve: curve, X: x, Y: y}, x509.ECDSA
	}
	return nil, 0
}

// ParseCertificateLenient parses a certificate as crypto/x509 does and,
// when crypto/x509 rejects it, falls back to the lenient reading described
// at UnparsedCertificate, with lenient true. For the /Cert of an
// adbe.x509.rsa_sha1 signature, which old signers issued with negative
// serial numbers. err is crypto/x509's when neither reading succeeds.
func ParseCertificateLenient(der []byte) (cert *x509.Certificate, lenient bool, err error) {
	cert, err = x509.ParseCertificate(der)
	if err == nil {
		return cert, false, nil
	}
	if c, ok := parseLenient(der); ok {
		return c, true, nil
	}
	return nil, false, err
}
