package trust

import (
	"crypto/x509"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/ocsp"
)

func TestTrustedTimestampedWithOCSP(t *testing.T) {
	p := newPKI(t)
	leaf := p.goodSigner()
	// The certificate expired in 2024; the timestamp proves 2022.
	res := Evaluate(p.input(leaf, Revocation{Origin: "CMS", OCSP: [][]byte{p.ocsp(leaf, ocsp.Good, time.Time{}, p.signedTime.Add(time.Minute))}}), p.options())
	if res.Status != StatusTrusted || res.TimeBasis != BasisTimestamp || !res.Time.Equal(p.signedTime) {
		t.Fatalf("got %s (%s) at %v by %s", res.Status, res.Reason, res.Time, res.TimeBasis)
	}
	if r := res.Revocation[0]; r.Status != RevocationGood || !r.Fresh || r.Source != "OCSP in the CMS" || r.Responder != "Test OCSP Responder" {
		t.Errorf("revocation %+v", r)
	}
	if res.Qualified.Label != LabelQES || !strings.Contains(res.Qualified.Reason, "TEST") {
		t.Errorf("qualified %+v", res.Qualified)
	}
	if len(res.Chain) != 3 || res.Anchor.Source != SourceTest {
		t.Errorf("chain of %d, anchor %+v", len(res.Chain), res.Anchor)
	}
}

func TestWithoutTestOptionTestAnchorsAreIgnored(t *testing.T) {
	p := newPKI(t)
	opts := p.options()
	opts.Test = false
	res := Evaluate(p.input(p.goodSigner(), Revocation{}), opts)
	if res.Status != StatusUntrusted || res.Qualified.Label != LabelNone {
		t.Fatalf("got %s %s: %s", res.Status, res.Qualified.Label, res.Reason)
	}
}

func TestExpired(t *testing.T) {
	p := newPKI(t)
	old := p.signer(time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC), qcStatements(true, true, "esign"), x509.KeyUsageContentCommitment)
	// Expired at the proven time: untrusted.
	res := Evaluate(p.input(old, Revocation{}), p.options())
	if res.Status != StatusUntrusted || !strings.Contains(res.Reason, "had expired at the proven time") {
		t.Errorf("proven: %s: %s", res.Status, res.Reason)
	}
	// No timestamp: expired now, nothing proves it was valid: indeterminate.
	in := p.input(old, Revocation{})
	in.Timestamp = nil
	res = Evaluate(in, p.options())
	if res.Status != StatusIndeterminate || res.TimeBasis != BasisCurrentTime || !strings.Contains(res.Reason, "no trusted timestamp") {
		t.Errorf("unproven: %s (%s): %s", res.Status, res.TimeBasis, res.Reason)
	}
}

func TestRevoked(t *testing.T) {
	p := newPKI(t)
	leaf := p.goodSigner()
	before, after := p.signedTime.Add(-time.Hour), p.signedTime.Add(time.Hour)
	res := Evaluate(p.input(leaf, Revocation{Origin: "DSS", OCSP: [][]byte{p.ocsp(leaf, ocsp.Revoked, before, after)}}), p.options())
	if res.Status != StatusUntrusted || res.Revocation[0].Status != RevocationRevoked || !res.Revocation[0].RevokedAt.Equal(before) {
		t.Errorf("revoked before: %s: %s %+v", res.Status, res.Reason, res.Revocation[0])
	}
	// Revoked after the proven time: the signature stands, with a warning;
	// a CRL says so here.
	crl := p.crl(after.Add(time.Hour), x509.RevocationListEntry{SerialNumber: leaf.SerialNumber, RevocationTime: after})
	res = Evaluate(p.input(leaf, Revocation{Origin: "DSS", CRLs: [][]byte{crl}}), p.options())
	if res.Status != StatusTrusted || res.Revocation[0].Source != "CRL in the DSS" || len(res.Warnings) == 0 {
		t.Errorf("revoked after: %s: %s %+v %v", res.Status, res.Reason, res.Revocation[0], res.Warnings)
	}
}

func TestRevocationMissingOrStale(t *testing.T) {
	p := newPKI(t)
	leaf := p.goodSigner()
	res := Evaluate(p.input(leaf, Revocation{}), p.options())
	if res.Status != StatusIndeterminate || res.Revocation[0].Status != RevocationNoData {
		t.Errorf("no data: %s: %s", res.Status, res.Reason)
	}
	stale := p.ocsp(leaf, ocsp.Good, time.Time{}, p.signedTime.Add(-72*time.Hour))
	res = Evaluate(p.input(leaf, Revocation{Origin: "CMS", OCSP: [][]byte{stale}}), p.options())
	if res.Status != StatusIndeterminate || !strings.Contains(res.Reason, "predates") {
		t.Errorf("stale: %s: %s", res.Status, res.Reason)
	}
}

func TestOCSPResponderMustBeAuthorised(t *testing.T) {
	p := newPKI(t)
	leaf := p.goodSigner()
	key := newKey(t)
	rogue := p.issue(p.ca, p.caKey, key, &x509.Certificate{NotBefore: p.ca.NotBefore, NotAfter: p.ca.NotAfter, KeyUsage: x509.KeyUsageDigitalSignature})
	resp := p.ocspBy(leaf, ocsp.Good, time.Time{}, p.signedTime.Add(time.Minute), rogue, key)
	res := Evaluate(p.input(leaf, Revocation{Origin: "CMS", OCSP: [][]byte{resp}}), p.options())
	r := res.Revocation[0]
	if r.Status != RevocationNoData || len(r.Problems) == 0 || !strings.Contains(r.Problems[0], "OCSPSigning") {
		t.Fatalf("rogue responder accepted: %+v", r)
	}
	// A response about another issuer's certificate with the same serial
	// number does not count.
	other := newPKI(t)
	twin := other.goodSigner()
	resp = other.ocsp(twin, ocsp.Revoked, other.signedTime.Add(-time.Hour), other.signedTime)
	res = Evaluate(p.input(leaf, Revocation{Origin: "CMS", OCSP: [][]byte{resp}}), p.options())
	if res.Revocation[0].Status != RevocationNoData {
		t.Errorf("foreign response used: %+v", res.Revocation[0])
	}
}

func TestUntrustedAndStructural(t *testing.T) {
	p := newPKI(t)
	// A signer whose issuer is missing.
	res := Evaluate(Input{Cert: p.goodSigner()}, p.options())
	if res.Status != StatusUntrusted || !strings.Contains(res.Reason, "Test Issuing CA") {
		t.Errorf("no issuer: %s", res.Reason)
	}
	// A "CA" that is not a CA.
	key := newKey(t)
	notCA := p.issue(p.ca, p.caKey, key, &x509.Certificate{Subject: x509.Certificate{}.Subject, NotBefore: p.ca.NotBefore, NotAfter: p.ca.NotAfter})
	notCA.Subject.CommonName = "not a CA"
	leaf := p.issue(notCA, key, newKey(t), &x509.Certificate{NotBefore: p.ca.NotBefore, NotAfter: p.ca.NotAfter, KeyUsage: x509.KeyUsageContentCommitment})
	in := p.input(leaf, Revocation{})
	in.Certificates = append(in.Certificates, notCA)
	res = Evaluate(in, p.options())
	if res.Status != StatusUntrusted || !strings.Contains(res.Reason, "not a CA") {
		t.Errorf("non-CA issuer: %s: %s", res.Status, res.Reason)
	}
	// Key usage that allows no signing.
	enc := p.signer(p.ca.NotBefore, p.ca.NotAfter, nil, x509.KeyUsageKeyEncipherment)
	res = Evaluate(p.input(enc, Revocation{}), p.options())
	if res.Status != StatusUntrusted || !strings.Contains(res.Reason, "key usage") {
		t.Errorf("key usage: %s: %s", res.Status, res.Reason)
	}
	if res := Evaluate(Input{}, p.options()); res.Status != StatusIndeterminate {
		t.Errorf("no certificate: %s", res.Status)
	}
}

func TestLabels(t *testing.T) {
	p := newPKI(t)
	from, to := time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name  string
		qc    []byte
		ku    x509.KeyUsage
		label string
	}{
		{"qualified on a QSCD", qcStatements(true, true, "esign"), x509.KeyUsageContentCommitment, LabelQES},
		{"qualified, no QSCD", qcStatements(true, false, "esign"), x509.KeyUsageContentCommitment, LabelAdESQC},
		{"qualified seal", qcStatements(true, true, "eseal"), x509.KeyUsageContentCommitment, LabelAdESQC},
		{"qualified, authentication key", qcStatements(true, true, "esign"), x509.KeyUsageDigitalSignature, LabelAdESQC},
		{"not qualified", nil, x509.KeyUsageContentCommitment, LabelAdES},
	} {
		leaf := p.signer(from, to, c.qc, c.ku)
		res := Evaluate(p.input(leaf, Revocation{Origin: "CMS", OCSP: [][]byte{p.ocsp(leaf, ocsp.Good, time.Time{}, p.signedTime)}}), p.options())
		if res.Qualified.Label != c.label {
			t.Errorf("%s: %s (%s), want %s", c.name, res.Qualified.Label, res.Qualified.Reason, c.label)
		}
	}
}

// TestTrustedListDecides builds a bundle that lists the issuing CA and
// checks that its status at the signing time and its qualifiers decide.
func TestTrustedListDecides(t *testing.T) {
	p := newPKI(t)
	leaf := p.signer(time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), qcStatements(true, false, "esign"), x509.KeyUsageContentCommitment)
	rev := Revocation{Origin: "CMS", OCSP: [][]byte{p.ocsp(leaf, ocsp.Good, time.Time{}, p.signedTime)}}
	withSSCD := QualificationElement{Qualifiers: []string{"QCStatement", "QCWithSSCD"},
		Criteria: Criteria{Assert: "all", KeyUsage: []KeyUsageBit{{"nonRepudiation", true}}}}
	bundle := func(history ...ServiceStatus) *Bundle {
		b := &Bundle{Issued: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), Services: []Service{{
			Territory: "XX", Name: "Test CA/QC", Type: TypeCAQC, Certs: [][]byte{p.ca.Raw}, History: history}, {
			Territory: "XX", Name: "Test QTST", Type: TypeTSAQTST, Certs: [][]byte{p.tsa.Raw}, History: []ServiceStatus{{Status: "granted", From: p.tsa.NotBefore}}}}}
		data, err := b.Marshal()
		if err != nil {
			t.Fatal(err)
		}
		b, err = LoadBundle(data)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	granted := ServiceStatus{Status: "granted", From: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), Qualifications: []QualificationElement{withSSCD}}
	withdrawn := ServiceStatus{Status: "withdrawn", From: time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)}

	opts := Options{Bundle: bundle(granted), Now: p.options().Now}
	res := Evaluate(p.input(leaf, rev), opts)
	if res.Status != StatusTrusted || res.Qualified.Label != LabelQES || res.Qualified.ServiceStatus != "granted" || res.BundleDate != "2025-01-01T00:00:00Z" {
		t.Errorf("granted with QCWithSSCD: %s %+v", res.Status, res.Qualified)
	}
	opts.Bundle = bundle(withdrawn, granted)
	res = Evaluate(p.input(leaf, rev), opts)
	if res.Qualified.Label != LabelAdES || !strings.Contains(res.Qualified.Reason, "withdrawn") {
		t.Errorf("withdrawn before signing: %+v", res.Qualified)
	}
}
