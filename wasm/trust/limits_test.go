package trust

import (
	"crypto/x509"
	"crypto/x509/pkix"
	"fmt"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
	"golang.org/x/crypto/ocsp"
)

func TestLimitChainLength(t *testing.T) {
	p := newPKI(t)
	parent, parentKey := p.root, p.rootKey
	var certs []*x509.Certificate
	for i := 0; i < MaxChainLength; i++ {
		key := newKey(t)
		c := p.issue(parent, parentKey, key, &x509.Certificate{Subject: pkix.Name{CommonName: fmt.Sprintf("CA %d", i)},
			NotBefore: p.root.NotBefore, NotAfter: p.root.NotAfter, IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign})
		certs = append(certs, c)
		parent, parentKey = c, key
	}
	leaf := p.issue(parent, parentKey, newKey(t), &x509.Certificate{NotBefore: p.root.NotBefore, NotAfter: p.root.NotAfter, KeyUsage: x509.KeyUsageContentCommitment})
	res := Evaluate(Input{Cert: leaf, Certificates: certs}, p.options())
	if res.Status != StatusUntrusted || !strings.Contains(res.Reason, "longer than") {
		t.Errorf("%d CAs: %s: %s", MaxChainLength, res.Status, res.Reason)
	}
	// One CA fewer fits (leaf + CAs + root = MaxChainLength).
	res = Evaluate(Input{Cert: certs[MaxChainLength-2], Certificates: certs}, p.options())
	if strings.Contains(res.Reason, "longer than") {
		t.Errorf("at the limit: %s", res.Reason)
	}
}

func TestLimitCandidates(t *testing.T) {
	p := newPKI(t)
	// The issuing CA comes after MaxCandidates other certificates: it is
	// not looked at, and the chain stops at the signer.
	var certs []*x509.Certificate
	for i := 0; i < MaxCandidates; i++ {
		certs = append(certs, &x509.Certificate{Raw: []byte{byte(i), byte(i >> 8)}})
	}
	res := Evaluate(Input{Cert: p.goodSigner(), Certificates: append(certs, p.ca)}, p.options())
	if res.Status != StatusUntrusted || len(res.Chain) != 1 {
		t.Errorf("got %s with a chain of %d", res.Status, len(res.Chain))
	}
}

func TestLimitRevocationItems(t *testing.T) {
	var items Revocation
	for i := 0; i <= MaxRevocationItems; i++ {
		items.CRLs = append(items.CRLs, []byte{0x30, 0x01, byte(i)})
	}
	d := parseRevocation([]Revocation{items})
	if last := d.errors[len(d.errors)-1]; !strings.Contains(last, fmt.Sprint(MaxRevocationItems)) {
		t.Errorf("got %v", last)
	}
}

func TestLimitRevocationSize(t *testing.T) {
	big := make([]byte, MaxRevocationSize+1)
	if _, err := parseOCSP(big); err == nil || !strings.Contains(err.Error(), "larger") {
		t.Errorf("OCSP: %v", err)
	}
	if _, err := parseCRL(big); err == nil || !strings.Contains(err.Error(), "larger") {
		t.Errorf("CRL: %v", err)
	}
}

func TestLimitOCSPSingleResponses(t *testing.T) {
	p := newPKI(t)
	leaf := p.goodSigner()
	der := p.ocsp(leaf, ocsp.Good, time.Time{}, p.signedTime)
	r, err := parseOCSP(der)
	if err != nil {
		t.Fatal(err)
	}
	// Re-encode the ResponseData with too many copies of its one
	// SingleResponse; the limit trips before the signature matters.
	var rd, seq cryptobyte.String
	tbs := cryptobyte.String(r.tbs)
	tbs.ReadASN1(&rd, cbasn1.SEQUENCE)
	var responder, produced, responses cryptobyte.String
	rd.ReadAnyASN1Element(&responder, nil)
	rd.ReadASN1Element(&produced, cbasn1.GeneralizedTime)
	rd.ReadASN1(&responses, cbasn1.SEQUENCE)
	responses.ReadASN1Element(&seq, cbasn1.SEQUENCE)
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddBytes(responder)
		b.AddBytes(produced)
		b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
			for i := 0; i <= MaxOCSPSingleResponses; i++ {
				b.AddBytes(seq)
			}
		})
	})
	err = (&ocspResponse{}).readTBS(cryptobyte.String(b.BytesOrPanic()))
	if err == nil || !strings.Contains(err.Error(), "single responses") {
		t.Errorf("got %v", err)
	}
}

func TestLimitBundle(t *testing.T) {
	b := &Bundle{Services: make([]Service, MaxBundleServices+1)}
	data, err := b.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := LoadBundle(data); err == nil || !strings.Contains(err.Error(), "services") {
		t.Errorf("services: %v", err)
	}
	b = &Bundle{Services: []Service{{Name: "s", History: make([]ServiceStatus, MaxServiceHistory+1)}}}
	data, _ = b.Marshal()
	if _, err := LoadBundle(data); err == nil || !strings.Contains(err.Error(), "status entries") {
		t.Errorf("history: %v", err)
	}
	if _, err := LoadBundle(make([]byte, MaxBundleSize+1)); err == nil {
		t.Error("oversized bundle accepted")
	}
}

func TestEmbeddedAnchors(t *testing.T) {
	a := EmbeddedAnchors()
	if len(a) != 9 {
		t.Fatalf("%d embedded anchors, want 9", len(a))
	}
	q := 0
	for _, x := range a {
		if x.Qualified {
			q++
		}
	}
	if q != 3 {
		t.Errorf("%d qualified SK issuing CAs, want 3 (EID-SK 2016, EID-Q 2024E/R)", q)
	}
}
