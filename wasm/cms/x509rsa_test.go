package cms

import (
	"crypto/rand"
	"crypto/rsa"
	"errors"
	"testing"

	"golang.org/x/crypto/cryptobyte"
)

func x509RSASignature(t testing.TB, h Hash, data []byte, withNull bool) []byte {
	t.Helper()
	sig := must(rsa.SignPKCS1v15(rand.Reader, getPKI(t).rsa, 0, digestInfo(h, h.Sum(data), withNull)))
	return encode(func(b *cryptobyte.Builder) { b.AddASN1OctetString(sig) })
}

func TestVerifyX509RSASHA1(t *testing.T) {
	cert := getPKI(t).certs["rsa"]
	for _, tc := range []struct {
		hash     Hash
		withNull bool
		warnings int
	}{{SHA1, true, 1}, {SHA1, false, 1}, {SHA256, true, 0}, {SHA512, true, 0}, {RIPEMD160, true, 1}} {
		sig := x509RSASignature(t, tc.hash, content, tc.withNull)
		res, err := VerifyX509RSASHA1(append(sig, 0, 0, 0), cert, DigestOf(content))
		if err != nil {
			t.Fatalf("%v: %v", tc.hash, err)
		}
		if res.DigestAlgorithm != tc.hash.String() || res.SignatureAlgorithm != "RSA PKCS#1 v1.5 with "+tc.hash.String() ||
			len(res.Warnings) != tc.warnings || !res.Signer.Equal(cert) {
			t.Errorf("%v: %+v", tc.hash, res)
		}
		_, err = VerifyX509RSASHA1(sig, cert, DigestOf([]byte("changed")))
		wantReason(t, err, ReasonMessageDigest)
	}
	sig := x509RSASignature(t, SHA1, content, true)
	flipped := append([]byte(nil), sig...)
	flipped[20] ^= 1
	_, err := VerifyX509RSASHA1(flipped, cert, DigestOf(content))
	wantReason(t, err, ReasonSignature)
	_, err = VerifyX509RSASHA1(sig, getPKI(t).certs["p256"], DigestOf(content))
	wantReason(t, err, ReasonSignatureAlgorithm)
	_, err = VerifyX509RSASHA1(sig, nil, DigestOf(content))
	wantReason(t, err, ReasonSignerNotFound)
	_, err = VerifyX509RSASHA1(append(sig, 1), cert, DigestOf(content))
	if !errors.Is(err, ErrMalformed) {
		t.Errorf("trailing data: %v", err)
	}
	_, err = VerifyX509RSASHA1([]byte{0x30, 0}, cert, DigestOf(content))
	if !errors.Is(err, ErrMalformed) {
		t.Errorf("not an OCTET STRING: %v", err)
	}
	// A signature over a DigestInfo naming a signature algorithm.
	bad := must(rsa.SignPKCS1v15(rand.Reader, getPKI(t).rsa, 0, encode(func(b *cryptobyte.Builder) {
		b.AddASN1(0x30, func(b *cryptobyte.Builder) {
			b.AddASN1(0x30, func(b *cryptobyte.Builder) { b.AddASN1ObjectIdentifier(rsaOID(11)) })
			b.AddASN1OctetString(SHA256.Sum(content))
		})
	})))
	_, err = VerifyX509RSASHA1(encode(func(b *cryptobyte.Builder) { b.AddASN1OctetString(bad) }), cert, DigestOf(content))
	wantReason(t, err, ReasonDigestAlgorithm)
}
