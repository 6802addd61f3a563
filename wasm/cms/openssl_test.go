package cms

import (
	"crypto/x509"
	"encoding/pem"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Cross-checks with OpenSSL, skipped where it is not installed.

func openssl(t *testing.T, dir string, args ...string) []byte {
	t.Helper()
	cmd := exec.Command("openssl", args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("openssl %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

func needOpenSSL(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("openssl"); err != nil {
		t.Skip("openssl is not installed")
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "content"), content, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func writePEM(t *testing.T, path, typ string, der []byte) {
	t.Helper()
	if err := os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// OpenSSL signs, we verify.
func TestOpenSSLSignsWeVerify(t *testing.T) {
	dir := needOpenSSL(t)
	p := getPKI(t)
	for _, tc := range []struct {
		key  string
		args []string
		alg  string
	}{
		{"rsa", []string{"-md", "sha256"}, "RSA PKCS#1 v1.5 with SHA-256"},
		{"rsa", []string{"-md", "sha384", "-keyopt", "rsa_padding_mode:pss", "-keyopt", "rsa_pss_saltlen:48"}, "RSASSA-PSS with SHA-384"},
		{"p384", []string{"-md", "sha384"}, "ECDSA P-384 with SHA-384"},
		{"p521", []string{"-md", "sha512"}, "ECDSA P-521 with SHA-512"},
		// OpenSSL 3.0 does not do ECDSA with SHA-3 or EdDSA in CMS.
	} {
		t.Run(tc.alg, func(t *testing.T) {
			keys := map[string]any{"rsa": p.rsa, "p384": p.p384, "p521": p.p521}
			writePEM(t, filepath.Join(dir, "key.pem"), "PRIVATE KEY", must(x509.MarshalPKCS8PrivateKey(keys[tc.key])))
			writePEM(t, filepath.Join(dir, "cert.pem"), "CERTIFICATE", p.certs[tc.key].Raw)
			args := append([]string{"cms", "-sign", "-binary", "-cades", "-in", "content", "-signer", "cert.pem",
				"-inkey", "key.pem", "-outform", "DER", "-out", "sig.der"}, tc.args...)
			openssl(t, dir, args...)
			res, err := verifyDetached(t, readFile(t, filepath.Join(dir, "sig.der")), content)
			if err != nil {
				t.Fatal(err)
			}
			if res.SignatureAlgorithm != tc.alg || !res.SigningCertificateV2 || res.SigningTime.IsZero() {
				t.Errorf("result %+v", res)
			}
		})
	}
}

// We assemble, OpenSSL verifies.
func TestWeSignOpenSSLVerifies(t *testing.T) {
	dir := needOpenSSL(t)
	for _, f := range []fixture{
		rsaFixture(t),
		newFixture(t, "rsa", must(PSSAlgorithm(SHA256, 32)), SHA256),
		newFixture(t, "p521", must(ECDSAAlgorithm(SHA512)), SHA512),
		newFixture(t, "p256", AlgorithmIdentifier{Algorithm: ecdsaOID(3, 2)}, SHA256),
	} {
		attrs := f.attrs(t, content)
		sig := sign(t, f.key, f.alg, f.hash, attrs, f.hash.Sum(attrs))
		der := must(AssembleSignedData(f.cert, nil, attrs, f.alg, sig, nil))
		if err := os.WriteFile(filepath.Join(dir, "ours.der"), der, 0o644); err != nil {
			t.Fatal(err)
		}
		openssl(t, dir, "cms", "-verify", "-binary", "-inform", "DER", "-in", "ours.der", "-content", "content", "-noverify", "-out", os.DevNull)
	}
}

// An OpenSSL TSA makes a token over our content.
func TestOpenSSLTimestamp(t *testing.T) {
	dir := needOpenSSL(t)
	openssl(t, dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
		"-keyout", "tsa.key", "-out", "tsa.pem", "-subj", "/CN=OpenSSL TSA", "-days", "2",
		"-addext", "extendedKeyUsage=critical,timeStamping")
	cnf := `[ tsa ]
default_tsa = tsa_config
[ tsa_config ]
serial = serial
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = sha256, sha512
accuracy = secs:1, millisecs:500
ordering = yes
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
`
	if err := os.WriteFile(filepath.Join(dir, "ts.cnf"), []byte(cnf), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "serial"), []byte("01\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	openssl(t, dir, "ts", "-query", "-data", "content", "-sha512", "-cert", "-out", "req.tsq")
	openssl(t, dir, "ts", "-reply", "-config", "ts.cnf", "-queryfile", "req.tsq", "-signer", "tsa.pem",
		"-inkey", "tsa.key", "-token_out", "-out", "token.der")
	tok, err := ParseTimestampToken(readFile(t, filepath.Join(dir, "token.der")))
	if err != nil {
		t.Fatal(err)
	}
	res, err := tok.Verify()
	if err != nil {
		t.Fatal(err)
	}
	if err := tok.CheckImprint(content); err != nil {
		t.Fatal(err)
	}
	if tok.Info.HashAlgorithm != SHA512 || !tok.Info.Ordering || tok.Info.Accuracy.Millis != 500 ||
		!strings.Contains(tok.Info.TSA, "OpenSSL TSA") || len(res.Warnings) != 0 {
		t.Errorf("TSTInfo %+v, warnings %q", tok.Info, res.Warnings)
	}
}

// Brainpool keys, which crypto/x509 does not read: OpenSSL signs, our
// curve arithmetic verifies.
func TestOpenSSLBrainpool(t *testing.T) {
	dir := needOpenSSL(t)
	for _, curve := range []string{"brainpoolP256r1", "brainpoolP384r1", "brainpoolP512r1"} {
		openssl(t, dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:"+curve, "-nodes",
			"-keyout", "bp.key", "-out", "bp.pem", "-subj", "/CN=brainpool", "-days", "2")
		openssl(t, dir, "cms", "-sign", "-binary", "-in", "content", "-signer", "bp.pem", "-inkey", "bp.key",
			"-md", "sha256", "-outform", "DER", "-out", "bp.der")
		res, err := verifyDetached(t, readFile(t, filepath.Join(dir, "bp.der")), content)
		if err != nil {
			t.Fatalf("%s: %v", curve, err)
		}
		if !res.SignerLenient || res.SignatureAlgorithm != "ECDSA "+curve+" with SHA-256" {
			t.Errorf("%s: %+v", curve, res)
		}
	}
}
