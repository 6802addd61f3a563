package verify

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"testing"
	"time"

	"github.com/verso-pdf/verso/wasm/cms"
	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// testTSA is a time-stamping authority made for the test, for the PAdES
// document timestamp that is the benign twin of the LTV workflows: wasm/cms
// only assembles detached signatures, so the token is encoded here.
type testTSA struct {
	key  *ecdsa.PrivateKey
	cert *x509.Certificate
}

func newTestTSA(t *testing.T) *testTSA {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(3161),
		Subject:      pkix.Name{Country: []string{"EE"}, Organization: []string{"verso test"}, CommonName: "verso test TSA"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageTimeStamping},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return &testTSA{key: key, cert: cert}
}

// stamp is a signFunc: an RFC 3161 token whose imprint is the SHA-256 of
// the signed bytes.
func (a *testTSA) stamp(t *testing.T, signed []byte) []byte {
	t.Helper()
	imprint := sha256.Sum256(signed)
	info := build(t, func(b *cryptobyte.Builder) {
		b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
			b.AddASN1Int64(1)
			b.AddASN1ObjectIdentifier([]int{1, 2, 3, 4, 5}) // policy
			b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
				b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { b.AddASN1ObjectIdentifier(cms.SHA256.OID()) })
				b.AddASN1OctetString(imprint[:])
			})
			b.AddASN1BigInt(big.NewInt(time.Now().UnixNano()))
			b.AddASN1GeneralizedTime(time.Now().UTC().Truncate(time.Second))
		})
	})
	infoDigest := sha256.Sum256(info)
	attrs, err := cms.BuildSignedAttributes(cms.SignedAttributes{ContentType: cms.OIDTSTInfo, MessageDigest: infoDigest[:], SigningCertificate: a.cert})
	if err != nil {
		t.Fatal(err)
	}
	h := sha256.Sum256(attrs)
	value, err := ecdsa.SignASN1(rand.Reader, a.key, h[:])
	if err != nil {
		t.Fatal(err)
	}
	alg, err := cms.ECDSAAlgorithm(cms.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	algorithm := func(b *cryptobyte.Builder, a cms.AlgorithmIdentifier) {
		b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
			b.AddASN1ObjectIdentifier(a.Algorithm)
			b.AddBytes(a.Parameters)
		})
	}
	sha := cms.AlgorithmIdentifier{Algorithm: cms.SHA256.OID()}
	return build(t, func(b *cryptobyte.Builder) {
		b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
			b.AddASN1ObjectIdentifier(cms.OIDSignedData)
			b.AddASN1(cbasn1.Tag(0).Constructed().ContextSpecific(), func(b *cryptobyte.Builder) {
				b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
					b.AddASN1Int64(3)
					b.AddASN1(cbasn1.SET, func(b *cryptobyte.Builder) { algorithm(b, sha) })
					b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
						b.AddASN1ObjectIdentifier(cms.OIDTSTInfo)
						b.AddASN1(cbasn1.Tag(0).Constructed().ContextSpecific(), func(b *cryptobyte.Builder) {
							b.AddASN1OctetString(info)
						})
					})
					b.AddASN1(cbasn1.Tag(0).Constructed().ContextSpecific(), func(b *cryptobyte.Builder) { b.AddBytes(a.cert.Raw) })
					b.AddASN1(cbasn1.SET, func(b *cryptobyte.Builder) {
						b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
							b.AddASN1Int64(1)
							b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
								b.AddBytes(a.cert.RawIssuer)
								b.AddASN1BigInt(a.cert.SerialNumber)
							})
							algorithm(b, sha)
							// [0] IMPLICIT SET OF: the DER SET with its tag changed.
							b.AddBytes(append([]byte{0xA0}, attrs[1:]...))
							algorithm(b, alg)
							b.AddASN1OctetString(value)
						})
					})
				})
			})
		})
	})
}

func build(t *testing.T, f func(*cryptobyte.Builder)) []byte {
	t.Helper()
	var b cryptobyte.Builder
	f(&b)
	out, err := b.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	return out
}
