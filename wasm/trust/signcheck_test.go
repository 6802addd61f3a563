package trust

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"testing"
	"time"
)

func selfSigned(t *testing.T, cn string) *x509.Certificate {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: cn}, NotBefore: time.Now(), NotAfter: time.Now().Add(time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	c, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// A remembered check must not vouch for anything else: another signature
// over the same bytes, another key, another algorithm.
func TestRememberedChecksAreExact(t *testing.T) {
	a, b := selfSigned(t, "A"), selfSigned(t, "B")
	for range 2 { // the second round answers from memory
		if !certificateSignedBy(a, a) {
			t.Fatal("A's own signature refused")
		}
		if certificateSignedBy(b, a) {
			t.Fatal("B's key accepted for A's signature")
		}
		forged := *a
		forged.Signature = b.Signature
		if certificateSignedBy(a, &forged) {
			t.Fatal("another signature over A's bytes accepted")
		}
		if signatureValid(a, x509.ECDSAWithSHA384, a.RawTBSCertificate, a.Signature) {
			t.Fatal("A's signature accepted under another algorithm")
		}
	}
}

func TestRememberedChecksAreBounded(t *testing.T) {
	a := selfSigned(t, "A")
	for i := range maxRememberedChecks + 10 {
		signatureValid(a, x509.ECDSAWithSHA256, []byte{byte(i), byte(i >> 8)}, a.Signature)
	}
	rememberedChecks.Lock()
	n := len(rememberedChecks.m)
	rememberedChecks.Unlock()
	if n > maxRememberedChecks {
		t.Fatalf("%d checks remembered, limit %d", n, maxRememberedChecks)
	}
}
