package sim

import (
	"bytes"
	"crypto/rsa"
	"crypto/x509"
	"encoding/asn1"
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func extension(c *x509.Certificate, id asn1.ObjectIdentifier) []byte {
	for _, e := range c.Extensions {
		if e.Id.Equal(id) {
			return e.Value
		}
	}
	return nil
}

func TestCertificateProfile(t *testing.T) {
	s, _ := newTestSim(t, Options{UserKeyBits: 3072})
	der, err := s.Certificate("PNOEE-40504040001-DEM0-Q")
	if err != nil {
		t.Fatal(err)
	}
	c, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	var rdns []string
	for _, rdn := range c.Subject.Names {
		rdns = append(rdns, rdn.Type.String()+"="+rdn.Value.(string))
	}
	want := []string{"2.5.4.6=EE", "2.5.4.3=TESTNUMBER,OK", "2.5.4.4=TESTNUMBER", "2.5.4.42=OK", "2.5.4.5=PNOEE-40504040001"}
	if !slices.Equal(rdns, want) {
		t.Errorf("subject %v, want %v", rdns, want)
	}
	if pub := c.PublicKey.(*rsa.PublicKey); pub.N.BitLen() != 3072 {
		t.Errorf("key of %d bits", pub.N.BitLen())
	}
	if c.KeyUsage != x509.KeyUsageContentCommitment || len(c.ExtKeyUsage) != 0 || c.IsCA {
		t.Errorf("key usage %v, EKU %v, CA %v", c.KeyUsage, c.ExtKeyUsage, c.IsCA)
	}
	var policies []string
	for _, p := range c.Policies {
		policies = append(policies, p.String())
	}
	if !slices.Equal(policies, []string{"1.3.6.1.4.1.10015.17.2", "0.4.0.194112.1.2"}) {
		t.Errorf("policies %v", policies)
	}
	if !slices.Equal(c.OCSPServer, []string{"http://sim.test/ocsp"}) || !slices.Equal(c.IssuingCertificateURL, []string{"http://sim.test/ca/qualified.crt"}) {
		t.Errorf("AIA %v %v", c.OCSPServer, c.IssuingCertificateURL)
	}
	san, _ := asn1.Marshal([]asn1.RawValue{{Class: 2, Tag: 4, IsCompound: true, Bytes: mustName(t, "PNOEE-40504040001-DEM0-Q")}})
	if !bytes.Equal(extension(c, oidExtSubjectAltName), san) {
		t.Errorf("SAN %x", extension(c, oidExtSubjectAltName))
	}
	if extension(c, oidExtSubjectDirAttrs) == nil {
		t.Error("no date of birth")
	}
	if _, err := c.Verify(verifyOptions(s)); err != nil {
		t.Error(err)
	}

	// The QC statements and policies are SK's, byte for byte.
	t.Run("as SK's", func(t *testing.T) {
		sk := skLeaf(t)
		for _, id := range []asn1.ObjectIdentifier{oidExtQCStatements, oidExtCertificatePolicies, oidExtSubjectDirAttrs} {
			if got, want := extension(c, id), extension(sk, id); !bytes.Equal(got, want) {
				t.Errorf("extension %v differs from SK's:\n%x\n%x", id, got, want)
			}
		}
	})

	nq, err := s.Certificate("PNOLT-40504049999-MOCK-NQ")
	if err != nil {
		t.Fatal(err)
	}
	n, _ := x509.ParseCertificate(nq)
	if extension(n, oidExtQCStatements) != nil || !bytes.Equal(n.RawIssuer, s.PKI().NonQualifiedIssuer().RawSubject) {
		t.Error("a non-qualified certificate with QC statements or from the qualified issuer")
	}
}

func mustName(t *testing.T, cn string) []byte {
	n, err := encodeName(attr{oid: oidCommonName, value: cn})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// skLeaf is SK's TEST EID-Q 2024E certificate from the fixtures.
func skLeaf(t *testing.T) *x509.Certificate {
	data, err := os.ReadFile(filepath.Join(sharedDir(t), "fixtures", "smart-id", "certificate-by-document-number-response.json"))
	if err != nil {
		t.Fatal(err)
	}
	var cr CertificateResponse
	if err := json.Unmarshal(data, &cr); err != nil {
		t.Fatal(err)
	}
	der, _ := base64.StdEncoding.DecodeString(cr.Cert.Value)
	c, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestBirthDate(t *testing.T) {
	for doc, want := range map[string]string{
		"PNOEE-40504040001-DEM0-Q":  "1905-04-04",
		"PNOLT-61101019999-MOCK-Q":  "2011-01-01",
		"PNOLV-050405-10009-DEM0-Q": "1905-04-05",
		"PNOLV-320000-10003-DEMO-Q": "",
		"PNOBE-05040400032-DEMO-Q":  "",
	} {
		d, ok := birthDate(Account{DocumentNumber: doc})
		got := ""
		if ok {
			got = d.Format("2006-01-02")
		}
		if got != want {
			t.Errorf("%s: %q, want %q", doc, got, want)
		}
	}
}

func TestPKIDirectory(t *testing.T) {
	dir := t.TempDir()
	s1, err := New(Options{PKIDir: dir, UserKeyBits: 2048})
	if err != nil {
		t.Fatal(err)
	}
	c1, err := s1.Certificate("PNOEE-40404040009-MOCK-Q")
	if err != nil {
		t.Fatal(err)
	}
	s2, err := New(Options{PKIDir: dir, UserKeyBits: 2048})
	if err != nil {
		t.Fatal(err)
	}
	c2, err := s2.Certificate("PNOEE-40404040009-MOCK-Q")
	if err != nil {
		t.Fatal(err)
	}
	if !s1.PKI().Root().Equal(s2.PKI().Root()) || !bytes.Equal(c1, c2) {
		t.Error("a second run with the same directory made a new PKI or user")
	}
	if fi, err := os.Stat(filepath.Join(dir, "root.pem")); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("root.pem: %v %v", fi, err)
	}
	// A tampered file is an error, not a silent new PKI.
	if err := os.WriteFile(filepath.Join(dir, "qualified.pem"), []byte("junk"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := New(Options{PKIDir: dir}); err == nil {
		t.Error("a broken PKI directory was accepted")
	}
}

func TestAccountsByConfiguration(t *testing.T) {
	s, h := newTestSim(t, Options{NoDemoAccounts: true, Accounts: []Account{
		{DocumentNumber: "PNOEE-38001085718-ABCD-Q", GivenName: "MARI", Surname: "MAASIKAS"},
		{DocumentNumber: "PNOEE-38001085718-EFGH-NQ", Result: ResultUserRefused},
	}})
	if len(s.Accounts()) != 2 {
		t.Fatalf("%d accounts", len(s.Accounts()))
	}
	st := notify(t, h, "PNOEE-38001085718-ABCD-Q", signBody(t, "configured"))
	der, _ := base64.StdEncoding.DecodeString(st.Cert.Value)
	c, _ := x509.ParseCertificate(der)
	if c.Subject.CommonName != "MAASIKAS,MARI" || c.Subject.SerialNumber != "PNOEE-38001085718" {
		t.Errorf("subject %v", c.Subject)
	}
	if call(t, h, "POST", "/v3/signature/certificate/PNOEE-40504040001-DEM0-Q", rpBody()).Code != 404 {
		t.Error("a demo account exists without demo accounts")
	}
	for _, bad := range []Account{
		{DocumentNumber: "40504040001"},
		{DocumentNumber: "PNOEE-40504040001-DEM0-Q", Result: "MAYBE"},
		{DocumentNumber: "PNOEE-40504040001-DEM0-Q", Result: ResultUserRefusedInteraction},
	} {
		if _, err := New(Options{PKI: s.PKI(), Accounts: []Account{bad}}); err == nil {
			t.Errorf("account %+v accepted", bad)
		}
	}
}
