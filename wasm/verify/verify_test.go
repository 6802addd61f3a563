package verify

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"errors"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/verso-pdf/verso/wasm/cms"
)

// testSigner is a key and certificate made for the test, with a subject in
// the shape of a Smart-ID qualified certificate.
type testSigner struct {
	key  crypto.Signer
	cert *x509.Certificate
	alg  func() (cms.AlgorithmIdentifier, error)
	sign func(digest []byte) ([]byte, error)
}

var (
	rsaKeyOnce sync.Once
	rsaKey     *rsa.PrivateKey
)

func testRSAKey(t *testing.T) *rsa.PrivateKey {
	rsaKeyOnce.Do(func() {
		var err error
		if rsaKey, err = rsa.GenerateKey(rand.Reader, 2048); err != nil {
			t.Fatal(err)
		}
	})
	return rsaKey
}

func newTestCert(t *testing.T, key crypto.Signer) *x509.Certificate {
	t.Helper()
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(4711),
		Subject: pkix.Name{
			Country:    []string{"EE"},
			CommonName: "TESTNUMBER,OK",
			ExtraNames: []pkix.AttributeTypeAndValue{
				{Type: asn1.ObjectIdentifier{2, 5, 4, 4}, Value: "TESTNUMBER"},
				{Type: asn1.ObjectIdentifier{2, 5, 4, 42}, Value: "OK"},
				{Type: asn1.ObjectIdentifier{2, 5, 4, 5}, Value: "PNOEE-30303039914"},
			},
		},
		NotBefore: time.Now().Add(-time.Hour),
		NotAfter:  time.Now().Add(time.Hour),
		KeyUsage:  x509.KeyUsageContentCommitment,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return cert
}

func rsaPKCS1Signer(t *testing.T) *testSigner {
	key := testRSAKey(t)
	return &testSigner{key: key, cert: newTestCert(t, key),
		alg: func() (cms.AlgorithmIdentifier, error) { return cms.PKCS1v15Algorithm(cms.SHA256) },
		sign: func(d []byte) ([]byte, error) {
			return rsa.SignPKCS1v15(rand.Reader, key, crypto.SHA256, d)
		}}
}

func rsaPSSSigner(t *testing.T) *testSigner {
	key := testRSAKey(t)
	return &testSigner{key: key, cert: newTestCert(t, key),
		alg: func() (cms.AlgorithmIdentifier, error) { return cms.PSSAlgorithm(cms.SHA256, 32) },
		sign: func(d []byte) ([]byte, error) {
			return rsa.SignPSS(rand.Reader, key, crypto.SHA256, d, &rsa.PSSOptions{SaltLength: 32})
		}}
}

func ecdsaSigner(t *testing.T) *testSigner {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return &testSigner{key: key, cert: newTestCert(t, key),
		alg:  func() (cms.AlgorithmIdentifier, error) { return cms.ECDSAAlgorithm(cms.SHA256) },
		sign: func(d []byte) ([]byte, error) { return ecdsa.SignASN1(rand.Reader, key, d) }}
}

// cmsSign returns a signFunc that makes a PAdES CMS with s.
func (s *testSigner) cmsSign() signFunc {
	return func(t *testing.T, signed []byte) []byte {
		t.Helper()
		digest := sha256.Sum256(signed)
		attrs, err := cms.BuildSignedAttributes(cms.SignedAttributes{MessageDigest: digest[:], SigningCertificate: s.cert})
		if err != nil {
			t.Fatal(err)
		}
		h := sha256.Sum256(attrs)
		value, err := s.sign(h[:])
		if err != nil {
			t.Fatal(err)
		}
		alg, err := s.alg()
		if err != nil {
			t.Fatal(err)
		}
		der, err := cms.AssembleSignedData(s.cert, nil, attrs, alg, value, nil)
		if err != nil {
			t.Fatal(err)
		}
		return der
	}
}

func TestVerifySelfSigned(t *testing.T) {
	for name, signer := range map[string]func(*testing.T) *testSigner{
		"rsa-pkcs1": rsaPKCS1Signer, "rsa-pss": rsaPSSSigner, "ecdsa-p256": ecdsaSigner,
	} {
		t.Run(name, func(t *testing.T) {
			s := signer(t)
			pdf := signedPDF(t, unsignedPDF(), "Signature1", s.cmsSign())
			r := Verify(pdf, Options{})
			if r.Verdict != VerdictValid {
				t.Fatalf("verdict %s (%s), want VALID", r.Verdict, firstReason(r))
			}
			sig := r.Signatures[0]
			if sig.Signer == nil || sig.Signer.IdentityNumber != "30303039914" || sig.Signer.IdentityCountry != "EE" {
				t.Errorf("signer %+v, want the certificate's PNOEE identity", sig.Signer)
			}
			if !sig.Revision.WholeFile || sig.Page != 1 {
				t.Errorf("revision %+v page %d, want the whole file on page 1", sig.Revision, sig.Page)
			}
			checkWithPdfsig(t, pdf, "Signature is Valid")
		})
	}
}

func TestVerifyTampering(t *testing.T) {
	s := rsaPKCS1Signer(t)
	signed := signedPDF(t, unsignedPDF(), "Signature1", s.cmsSign())
	inside := bytes.Index(signed, []byte("Hello, verso"))
	contents := bytes.LastIndex(signed, []byte("/Contents <")) + len("/Contents <") + 4

	for name, tc := range map[string]struct {
		mutate func([]byte) []byte
		want   Verdict
	}{
		"byte flipped inside the signed range": {func(b []byte) []byte { b[inside] ^= 0x20; return b }, VerdictInvalid},
		"byte flipped in the signature value":  {func(b []byte) []byte { b[contents] = flipHex(b[contents]); return b }, VerdictInvalid},
		"truncated":                            {func(b []byte) []byte { return b[:len(b)-40] }, VerdictError},
		"update appended that changes the page": {func(b []byte) []byte {
			return appendUpdate(t, b, map[int]string{4: "<< /Length 44 >>\nstream\nBT /F1 24 Tf 72 720 Td (Pay 1000 EUR) Tj ET\nendstream"})
		}, VerdictModified},
		"garbage appended after %%EOF": {func(b []byte) []byte { return append(b, "trailing bytes"...) }, VerdictModified},
		"update that only re-saves the info": {func(b []byte) []byte {
			return appendUpdate(t, b, map[int]string{9: "<< /Producer (verso test) >>"})
		}, VerdictValid},
	} {
		t.Run(name, func(t *testing.T) {
			pdf := tc.mutate(append([]byte{}, signed...))
			r := Verify(pdf, Options{})
			if r.Verdict != tc.want {
				t.Fatalf("verdict %s (%s), want %s", r.Verdict, firstReason(r), tc.want)
			}
		})
	}
}

func TestVerifySecondSignatureIsPermitted(t *testing.T) {
	s := ecdsaSigner(t)
	once := signedPDF(t, unsignedPDF(), "Signature1", s.cmsSign())
	twice := signedPDF(t, once, "Signature2", s.cmsSign())
	r := Verify(twice, Options{})
	if r.Verdict != VerdictValid || len(r.Signatures) != 2 {
		t.Fatalf("verdict %s with %d signatures (%s), want VALID with 2", r.Verdict, len(r.Signatures), firstReason(r))
	}
	if r.Signatures[0].Revision.WholeFile || r.Signatures[0].Modifications.Status != ModificationsPermitted {
		t.Errorf("first signature: %+v %+v", r.Signatures[0].Revision, r.Signatures[0].Modifications)
	}
}

func TestVerifyNotPDF(t *testing.T) {
	if r := Verify([]byte("hello, this is not a PDF"), Options{}); r.Verdict != VerdictError || r.Error == "" {
		t.Fatalf("got %s %q, want ERROR with a reason", r.Verdict, r.Error)
	}
	if r := Verify(unsignedPDF(), Options{}); r.Verdict != VerdictNoSignatures {
		t.Fatalf("got %s %q, want NO_SIGNATURES", r.Verdict, r.Error)
	}
}

func flipHex(c byte) byte {
	if c == '0' {
		return '1'
	}
	return '0'
}

// checkWithPdfsig asks poppler's pdfsig for a second opinion, when present.
func checkWithPdfsig(t *testing.T, pdf []byte, want string) {
	t.Helper()
	bin, err := exec.LookPath("pdfsig")
	if err != nil {
		t.Log("pdfsig not installed: no second opinion")
		return
	}
	path := filepath.Join(t.TempDir(), "signed.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, _ := exec.Command(bin, "-nocert", path).CombinedOutput()
	if !strings.Contains(string(out), want) {
		t.Errorf("pdfsig does not say %q:\n%s", want, out)
	}
}

// Bytes after the CMS inside /Contents lie in the ByteRange's gap: they
// change nothing that is signed, so the signature stays valid, with a note.
func TestVerifyBytesAfterCMSInContents(t *testing.T) {
	s := rsaPKCS1Signer(t)
	withTail := func(t *testing.T, signed []byte) []byte {
		return append(s.cmsSign()(t, signed), 0x05, 0x00, 0xAB)
	}
	r := Verify(signedPDF(t, unsignedPDF(), "Signature1", withTail), Options{})
	if r.Verdict != VerdictValid {
		t.Fatalf("verdict %s (%s), want VALID", r.Verdict, firstReason(r))
	}
	if w := r.Signatures[0].Integrity.Warnings; len(w) != 1 || !strings.Contains(w[0], "3 bytes after the signature") {
		t.Errorf("warnings %q, want one about the 3 trailing bytes", w)
	}
}

func TestSignedRevision(t *testing.T) {
	s := rsaPKCS1Signer(t)
	once := signedPDF(t, unsignedPDF(), "Signature1", s.cmsSign())
	twice := signedPDF(t, once, "Signature2", s.cmsSign())
	first, err := SignedRevision(twice, 0)
	if err != nil || !bytes.Equal(first, once) {
		t.Fatalf("SignedRevision(0) = %d bytes, %v; want the %d bytes signed first", len(first), err, len(once))
	}
	if r := Verify(first, Options{}); r.Verdict != VerdictValid || len(r.Signatures) != 1 {
		t.Errorf("the first signed revision verifies as %s with %d signatures", r.Verdict, len(r.Signatures))
	}
	if whole, err := SignedRevision(twice, 1); err != nil || len(whole) != len(twice) {
		t.Errorf("SignedRevision(1) = %d bytes, %v; want the whole file", len(whole), err)
	}
	if _, err := SignedRevision(twice, 2); !errors.Is(err, ErrNoSuchSignature) {
		t.Errorf("SignedRevision(2) error %v, want ErrNoSuchSignature", err)
	}
}

// A RangeDigest stands in for Go's hashing where it offers the algorithm,
// and a wrong one cannot make a signature pass.
func TestRangeDigest(t *testing.T) {
	pdf := signedPDF(t, unsignedPDF(), "Signature1", rsaPKCS1Signer(t).cmsSign())
	var asked []string
	honest := func(alg string, ranges [][2]int64) ([]byte, error) {
		asked = append(asked, alg)
		if alg != "SHA-256" {
			return nil, nil
		}
		h := sha256.New()
		for _, r := range ranges {
			h.Write(pdf[r[0] : r[0]+r[1]])
		}
		return h.Sum(nil), nil
	}
	if r := Verify(pdf, Options{RangeDigest: honest}); r.Verdict != VerdictValid || len(asked) == 0 {
		t.Fatalf("verdict %s (%s), RangeDigest asked for %v", r.Verdict, firstReason(r), asked)
	}
	lying := func(string, [][2]int64) ([]byte, error) { return make([]byte, 32), nil }
	if r := Verify(pdf, Options{RangeDigest: lying}); r.Verdict != VerdictInvalid {
		t.Errorf("a wrong digest gave %s, want INVALID", r.Verdict)
	}
	failing := func(string, [][2]int64) ([]byte, error) { return nil, errors.New("worker gone") }
	if r := Verify(pdf, Options{RangeDigest: failing}); r.Verdict != VerdictValid {
		t.Errorf("a failing RangeDigest gave %s, want VALID from Go's own hashing", r.Verdict)
	}
}
