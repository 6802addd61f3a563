package sim

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"encoding/asn1"
	"errors"
	"time"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// OCSP response status values (RFC 6960 4.2.1).
const (
	ocspMalformedRequest = 1
	ocspInternalError    = 2
	ocspUnauthorized     = 6
)

// ocspError is an OCSPResponse without responseBytes.
func ocspError(status int) []byte {
	return []byte{0x30, 0x03, 0x0a, 0x01, byte(status)}
}

var (
	oidOCSPBasic     = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 48, 1, 1}
	oidECDSAWithSHA  = map[int]asn1.ObjectIdentifier{256: {1, 2, 840, 10045, 4, 3, 2}, 384: {1, 2, 840, 10045, 4, 3, 3}, 521: {1, 2, 840, 10045, 4, 3, 4}}
	ocspHashForCurve = map[int]crypto.Hash{256: crypto.SHA256, 384: crypto.SHA384, 521: crypto.SHA512}
	ocspHashOIDs     = map[crypto.Hash]asn1.ObjectIdentifier{
		crypto.SHA1:   {1, 3, 14, 3, 2, 26},
		crypto.SHA256: {2, 16, 840, 1, 101, 3, 4, 2, 1},
		crypto.SHA384: {2, 16, 840, 1, 101, 3, 4, 2, 2},
		crypto.SHA512: {2, 16, 840, 1, 101, 3, 4, 2, 3},
	}
)

// certStatus is what a response says about one certificate.
type certStatus struct {
	known     bool
	revokedAt time.Time // zero when not revoked
}

// basicOCSPResponse builds a signed successful OCSPResponse (RFC 6960
// 4.2.1) about the certificate req names: responder ID by key, the
// request's CertID echoed, the nonce echoed in responseExtensions, and
// the responder certificate when it is not the issuer. crypto/x/ocsp can
// put neither a nonce where RFC 8954 wants it nor a producedAt of our
// clock, hence this builder.
func basicOCSPResponse(req *ocspRequest, st certStatus, responder *authority, includeCert bool, now time.Time) ([]byte, error) {
	key, ok := responder.key.(*ecdsa.PrivateKey)
	if !ok {
		return nil, errors.New("the OCSP responder's key is not ECDSA")
	}
	bits := key.Curve.Params().BitSize
	if key.Curve == elliptic.P521() {
		bits = 521
	}
	sigOID, h := oidECDSAWithSHA[bits], ocspHashForCurve[bits]
	if sigOID == nil {
		return nil, errors.New("unsupported OCSP responder curve")
	}
	now = now.UTC().Truncate(time.Second)
	var tb cryptobyte.Builder
	tb.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddASN1(cbasn1.Tag(2).Constructed().ContextSpecific(), func(b *cryptobyte.Builder) { // byKey
			b.AddASN1OctetString(hashOf(crypto.SHA1, subjectKeyBits(responder.cert)))
		})
		b.AddASN1GeneralizedTime(now)
		b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
			b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
				b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { // CertID, as asked
					addAlgorithm(b, ocspHashOIDs[req.hash], true)
					b.AddASN1OctetString(req.issuerNameHash)
					b.AddASN1OctetString(req.issuerKeyHash)
					b.AddASN1BigInt(req.serial)
				})
				switch {
				case !st.known:
					b.AddASN1(cbasn1.Tag(2).ContextSpecific(), func(*cryptobyte.Builder) {})
				case !st.revokedAt.IsZero() && !now.Before(st.revokedAt):
					b.AddASN1(cbasn1.Tag(1).Constructed().ContextSpecific(), func(b *cryptobyte.Builder) {
						b.AddASN1GeneralizedTime(st.revokedAt.UTC().Truncate(time.Second))
					})
				default:
					b.AddASN1(cbasn1.Tag(0).ContextSpecific(), func(*cryptobyte.Builder) {})
				}
				b.AddASN1GeneralizedTime(now)
			})
		})
		if req.nonce != nil {
			b.AddASN1(cbasn1.Tag(1).Constructed().ContextSpecific(), func(b *cryptobyte.Builder) {
				b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
					b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
						b.AddASN1ObjectIdentifier(oidOCSPNonce)
						b.AddASN1OctetString(req.nonce)
					})
				})
			})
		}
	})
	tbs, err := tb.Bytes()
	if err != nil {
		return nil, err
	}
	sig, err := ecdsa.SignASN1(rand.Reader, key, hashOf(h, tbs))
	if err != nil {
		return nil, err
	}
	var bb cryptobyte.Builder
	bb.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddBytes(tbs)
		addAlgorithm(b, sigOID, false)
		b.AddASN1BitString(sig)
		if includeCert {
			b.AddASN1(cbasn1.Tag(0).Constructed().ContextSpecific(), func(b *cryptobyte.Builder) {
				b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { b.AddBytes(responder.cert.Raw) })
			})
		}
	})
	basic, err := bb.Bytes()
	if err != nil {
		return nil, err
	}
	var rb cryptobyte.Builder
	rb.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddASN1Enum(0) // successful
		b.AddASN1(cbasn1.Tag(0).Constructed().ContextSpecific(), func(b *cryptobyte.Builder) {
			b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
				b.AddASN1ObjectIdentifier(oidOCSPBasic)
				b.AddASN1OctetString(basic)
			})
		})
	})
	return rb.Bytes()
}
