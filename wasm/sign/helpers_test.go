package sign

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/verso-pdf/verso/wasm/cms"
)

// testSigner is a key and certificate made in the test: a stand-in for
// the Smart-ID service, which signs the same signed attributes.
type testSigner struct {
	key   crypto.Signer
	cert  *x509.Certificate
	chain []*x509.Certificate
	pss   bool
}

var (
	caOnce sync.Once
	caKey  *rsa.PrivateKey
	caCert *x509.Certificate
	keys   sync.Map // key kind -> crypto.Signer, generated once per run
)

func testCA(t testing.TB) (*rsa.PrivateKey, *x509.Certificate) {
	caOnce.Do(func() {
		k, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			panic(err)
		}
		tmpl := &x509.Certificate{
			SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "verso test qualified CA", Country: []string{"EE"}},
			NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
			IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign,
		}
		der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &k.PublicKey, k)
		if err != nil {
			panic(err)
		}
		caKey = k
		caCert, _ = x509.ParseCertificate(der)
	})
	return caKey, caCert
}

var (
	oidGivenName = asn1.ObjectIdentifier{2, 5, 4, 42}
	oidSurname   = asn1.ObjectIdentifier{2, 5, 4, 4}
)

// newSigner makes a signer whose certificate names a person the way
// Smart-ID certificates do (GN, SN, CN "SURNAME,GIVENNAME,PNO…",
// serialNumber PNOxx-…). kind is "pss", "pkcs1" or "ecdsa".
func newSigner(t testing.TB, kind, given, surname, id string) *testSigner {
	t.Helper()
	v, ok := keys.Load(kind)
	if !ok {
		var k crypto.Signer
		var err error
		if kind == "ecdsa" {
			k, err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		} else {
			k, err = rsa.GenerateKey(rand.Reader, 2048)
		}
		if err != nil {
			t.Fatal(err)
		}
		v, _ = keys.LoadOrStore(kind, k)
	}
	key := v.(crypto.Signer)
	ca, caC := testCA(t)
	serial, _ := rand.Int(rand.Reader, big.NewInt(1<<62))
	tmpl := &x509.Certificate{
		SerialNumber: serial,
		Subject: pkix.Name{
			CommonName: surname + "," + given + "," + id, SerialNumber: id, Country: []string{id[3:5]},
			ExtraNames: []pkix.AttributeTypeAndValue{{Type: oidGivenName, Value: given}, {Type: oidSurname, Value: surname}},
		},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		KeyUsage: x509.KeyUsageContentCommitment,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, caC, key.Public(), ca)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return &testSigner{key: key, cert: cert, chain: []*x509.Certificate{caC}, pss: kind == "pss"}
}

// sign signs the signed attributes as Smart-ID would and returns the value
// and its algorithm.
func (s *testSigner) sign(t testing.TB, attrs []byte, h cms.Hash) ([]byte, cms.AlgorithmIdentifier) {
	t.Helper()
	digest := h.Sum(attrs)
	var alg cms.AlgorithmIdentifier
	var opts crypto.SignerOpts = h.CryptoHash()
	var err error
	switch {
	case s.pss:
		alg, err = cms.PSSAlgorithm(h, h.Size())
		opts = &rsa.PSSOptions{SaltLength: h.Size(), Hash: h.CryptoHash()}
	case isRSA(s.key):
		alg, err = cms.PKCS1v15Algorithm(h)
	default:
		alg, err = cms.ECDSAAlgorithm(h)
	}
	if err != nil {
		t.Fatal(err)
	}
	sig, err := s.key.Sign(rand.Reader, digest, opts)
	if err != nil {
		t.Fatal(err)
	}
	return sig, alg
}

func isRSA(k crypto.Signer) bool { _, ok := k.(*rsa.PrivateKey); return ok }

// signPDF runs Prepare, the signer and Finish.
func signPDF(t testing.TB, in []byte, s *testSigner, marks []Mark, opts Options) []byte {
	t.Helper()
	p, err := Prepare(in, s.cert, marks, opts)
	if err != nil {
		t.Fatalf("Prepare: %v", err)
	}
	sig, alg := s.sign(t, p.SignedAttributes, p.Hash)
	out, err := Finish(p, sig, alg, s.chain, nil)
	if err != nil {
		t.Fatalf("Finish: %v", err)
	}
	return out
}

// tool returns the path of an external program, skipping the test when
// it is missing.
func tool(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Skipf("%s is not installed", name)
	}
	return p
}

// writeTemp writes data to a file in the test's temporary directory.
func writeTemp(t testing.TB, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}
