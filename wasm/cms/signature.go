package cms

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/x509"
	"encoding/asn1"
	"errors"
	"math/big"

	"github.com/cloudflare/circl/sign/ed448"
	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

var errBadSignature = errors.New("signature does not verify")

// publicKey returns the certificate's key, including Ed448 keys, which
// crypto/x509 parses as unknown.
func publicKey(cert *x509.Certificate) any {
	if cert.PublicKey != nil {
		return cert.PublicKey
	}
	s := cryptobyte.String(cert.RawSubjectPublicKeyInfo)
	var spki, alg cryptobyte.String
	var oid asn1.ObjectIdentifier
	var key asn1.BitString
	if s.ReadASN1(&spki, cbasn1.SEQUENCE) && s.Empty() &&
		spki.ReadASN1(&alg, cbasn1.SEQUENCE) &&
		alg.ReadASN1ObjectIdentifier(&oid) && alg.Empty() && oid.Equal(oidEd448) &&
		spki.ReadASN1BitString(&key) && spki.Empty() &&
		key.BitLength == 8*ed448.PublicKeySize {
		return ed448.PublicKey(key.Bytes)
	}
	return nil
}

func keyName(pub any) string {
	switch pub.(type) {
	case *rsa.PublicKey:
		return "an RSA key"
	case *ecdsa.PublicKey:
		return "an ECDSA key"
	case ed25519.PublicKey:
		return "an Ed25519 key"
	case ed448.PublicKey:
		return "an Ed448 key"
	}
	return "a key of unsupported type"
}

// verify checks sig with pub. RSA and ECDSA sign digest (the
// digest of msg under a.hash); EdDSA signs msg itself, which must then be
// non-nil.
func (a signatureAlgorithm) verify(pub any, msg, digest, sig []byte) *VerifyError {
	mismatch := func(want string) *VerifyError {
		return verifyErr(ReasonSignatureAlgorithm, "%s needs %s; the certificate holds %s", a.name(nil), want, keyName(pub))
	}
	if k, ok := pub.(*rsa.PublicKey); ok && k.N.BitLen() > MaxRSAKeyBits {
		return &VerifyError{Reason: ReasonUnsupported, Detail: "RSA key too large", Err: overLimit("bits of RSA modulus", MaxRSAKeyBits)}
	}
	var err error
	switch a.scheme {
	case schemeRSAPKCS1:
		k, ok := pub.(*rsa.PublicKey)
		if !ok {
			return mismatch("an RSA key")
		}
		err = verifyPKCS1v15(k, a.hash, digest, sig)
	case schemeRSAPSS:
		k, ok := pub.(*rsa.PublicKey)
		if !ok {
			return mismatch("an RSA key")
		}
		// A salt length of 0 means "detect" to crypto/rsa; it then accepts
		// any salt length, which cannot make a forgery verify.
		err = rsa.VerifyPSS(k, a.hash.CryptoHash(), digest, sig, &rsa.PSSOptions{SaltLength: a.salt, Hash: a.hash.CryptoHash()})
	case schemeECDSA, schemeECDSAPlain:
		k, ok := pub.(*ecdsa.PublicKey)
		if !ok {
			return mismatch("an ECDSA key")
		}
		if a.curve != nil && !a.curve.Equal(curveOIDs[k.Curve.Params().Name]) {
			return verifyErr(ReasonSignatureAlgorithm, "signature algorithm names the curve %v, the key is on %s", a.curve, k.Curve.Params().Name)
		}
		if a.scheme == schemeECDSAPlain {
			if sig, ok = plainToDER(k, sig); !ok {
				return verifyErr(ReasonSignature, "plain ECDSA signature has the wrong length for %s", k.Curve.Params().Name)
			}
		}
		if !ecdsa.VerifyASN1(k, digest, sig) {
			err = errBadSignature
		}
	case schemeEd25519:
		k, ok := pub.(ed25519.PublicKey)
		if !ok {
			return mismatch("an Ed25519 key")
		}
		if msg == nil {
			return verifyErr(ReasonUnsupported, "Ed25519 without signed attributes signs the content itself, which is not available")
		}
		if !ed25519.Verify(k, msg, sig) {
			err = errBadSignature
		}
	case schemeEd448:
		k, ok := pub.(ed448.PublicKey)
		if !ok {
			return mismatch("an Ed448 key")
		}
		if msg == nil {
			return verifyErr(ReasonUnsupported, "Ed448 without signed attributes signs the content itself, which is not available")
		}
		if len(sig) != ed448.SignatureSize || !ed448.Verify(k, msg, sig, "") {
			err = errBadSignature
		}
	default:
		return verifyErr(ReasonSignatureAlgorithm, "unsupported signature algorithm")
	}
	if err != nil {
		ve := verifyErr(ReasonSignature, "%s signature does not verify", a.name(pub))
		// Keep errors that say more than "bad signature", such as a key
		// size crypto/rsa refuses.
		if err != errBadSignature && !errors.Is(err, rsa.ErrVerification) {
			ve.Err = err
		}
		return ve
	}
	return nil
}

// verifyPKCS1v15 checks an RSASSA-PKCS1-v1_5 signature over a DigestInfo
// for h: first with NULL parameters, as RFC 8017 prescribes, then with
// absent parameters, which older signers wrote and RFC 8017 tolerates.
func verifyPKCS1v15(k *rsa.PublicKey, h Hash, digest, sig []byte) error {
	err := rsa.VerifyPKCS1v15(k, 0, digestInfo(h, digest, true), sig)
	if err == nil || !errors.Is(err, rsa.ErrVerification) {
		return err
	}
	return rsa.VerifyPKCS1v15(k, 0, digestInfo(h, digest, false), sig)
}

// digestInfo encodes DigestInfo ::= SEQUENCE { AlgorithmIdentifier, OCTET STRING }.
func digestInfo(h Hash, digest []byte, withNull bool) []byte {
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
			b.AddASN1ObjectIdentifier(h.OID())
			if withNull {
				b.AddASN1NULL()
			}
		})
		b.AddASN1OctetString(digest)
	})
	out, _ := b.Bytes() // cannot fail for a known Hash
	return out
}

// plainToDER converts a BSI TR-03111 plain signature r||s, each half as
// long as the group order, into an Ecdsa-Sig-Value.
func plainToDER(k *ecdsa.PublicKey, sig []byte) ([]byte, bool) {
	n := (k.Curve.Params().N.BitLen() + 7) / 8
	if len(sig) != 2*n {
		return nil, false
	}
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddASN1BigInt(new(big.Int).SetBytes(sig[:n]))
		b.AddASN1BigInt(new(big.Int).SetBytes(sig[n:]))
	})
	der, err := b.Bytes()
	return der, err == nil
}
