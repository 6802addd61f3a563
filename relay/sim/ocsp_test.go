package sim

import (
	"crypto"
	"encoding/pem"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"crypto/x509"
	"golang.org/x/crypto/ocsp"
)

func TestOCSP(t *testing.T) {
	s, h := newTestSim(t, Options{})
	doc := "PNOLV-040404-10003-DEMO-Q"
	der, err := s.Certificate(doc)
	if err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	issuer := s.PKI().QualifiedIssuer()
	ask := func(c, iss *x509.Certificate) *ocsp.Response {
		t.Helper()
		q, err := ocsp.CreateRequest(c, iss, &ocsp.RequestOptions{Hash: crypto.SHA256})
		if err != nil {
			t.Fatal(err)
		}
		rec := postBinary(h, "/ocsp", "application/ocsp-request", q)
		resp, err := ocsp.ParseResponseForCert(rec.Body.Bytes(), c, iss)
		if err != nil {
			t.Fatalf("%s: %v", c.Subject.CommonName, err)
		}
		return resp
	}
	if r := ask(cert, issuer); r.Status != ocsp.Good || r.Certificate == nil || !r.Certificate.Equal(s.PKI().OCSPResponder()) {
		t.Errorf("user certificate: status %d, responder %v", r.Status, r.Certificate)
	}
	if r := ask(issuer, s.PKI().Root()); r.Status != ocsp.Good {
		t.Errorf("issuer: status %d", r.Status)
	}
	if r := ask(s.PKI().TSA(), s.PKI().TSACA()); r.Status != ocsp.Good {
		t.Errorf("TSA: status %d", r.Status)
	}
	if err := s.Revoke(doc, time.Now().Add(-time.Minute)); err != nil {
		t.Fatal(err)
	}
	if r := ask(cert, issuer); r.Status != ocsp.Revoked {
		t.Errorf("revoked certificate: status %d", r.Status)
	}
	// A serial the CA never issued.
	fake := *cert
	fake.SerialNumber = fake.SerialNumber.Add(fake.SerialNumber, fake.SerialNumber)
	if r := ask(&fake, issuer); r.Status != ocsp.Unknown {
		t.Errorf("unknown serial: status %d", r.Status)
	}
	rec := postBinary(h, "/ocsp", "application/ocsp-request", []byte("garbage"))
	if _, err := ocsp.ParseResponse(rec.Body.Bytes(), nil); err == nil || !strings.Contains(err.Error(), "malformed") {
		t.Errorf("garbage: %v", err)
	}
}

func TestOCSPOpenSSL(t *testing.T) {
	openssl, err := exec.LookPath("openssl")
	if err != nil {
		t.Skip("openssl not installed")
	}
	s, h := newTestSim(t, Options{})
	srv := httptest.NewServer(h)
	defer srv.Close()
	der, err := s.Certificate("PNOEE-40404040009-MOCK-Q")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(name string, raw []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: raw}), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	out, err := exec.Command(openssl, "ocsp", "-issuer", write("issuer.pem", s.PKI().QualifiedIssuer().Raw),
		"-cert", write("cert.pem", der), "-url", srv.URL+"/ocsp", "-CAfile", write("root.pem", s.PKI().Root().Raw),
		"-verify_other", write("issuer2.pem", s.PKI().QualifiedIssuer().Raw)).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "Response verify OK") || !strings.Contains(string(out), ": good") {
		t.Fatalf("openssl ocsp: %v\n%s", err, out)
	}
	if strings.Contains(string(out), "WARNING") {
		t.Errorf("openssl warns: %s", out)
	}
}
