package trust

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"math/big"
	"testing"
	"time"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
	"golang.org/x/crypto/ocsp"
)

// A generated PKI for the expired, revoked and untrusted cases: a root, an
// issuing CA, a TSA, an OCSP responder and signers made to order.
type pki struct {
	t          testing.TB
	root, ca   *x509.Certificate
	rootKey    crypto.Signer
	caKey      crypto.Signer
	tsa        *x509.Certificate
	responder  *x509.Certificate
	respKey    crypto.Signer
	serial     int64
	signedTime time.Time // the "proven" signing time of the tests
}

func newKey(t testing.TB) crypto.Signer {
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func newPKI(t testing.TB) *pki {
	p := &pki{t: t, signedTime: time.Date(2022, 6, 1, 12, 0, 0, 0, time.UTC)}
	p.rootKey, p.caKey, p.respKey = newKey(t), newKey(t), newKey(t)
	from, to := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2040, 1, 1, 0, 0, 0, 0, time.UTC)
	p.root = p.issue(nil, p.rootKey, p.rootKey, &x509.Certificate{Subject: pkix.Name{CommonName: "Test Root"}, NotBefore: from, NotAfter: to,
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageCRLSign})
	p.ca = p.issue(p.root, p.rootKey, p.caKey, &x509.Certificate{Subject: pkix.Name{CommonName: "Test Issuing CA"}, NotBefore: from, NotAfter: to,
		IsCA: true, BasicConstraintsValid: true, MaxPathLenZero: true, KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageCRLSign})
	p.tsa = p.issue(p.root, p.rootKey, newKey(t), &x509.Certificate{Subject: pkix.Name{CommonName: "Test TSA"}, NotBefore: from, NotAfter: to,
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageTimeStamping}})
	p.responder = p.issue(p.ca, p.caKey, p.respKey, &x509.Certificate{Subject: pkix.Name{CommonName: "Test OCSP Responder"}, NotBefore: from, NotAfter: to,
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageOCSPSigning}})
	return p
}

func (p *pki) issue(parent *x509.Certificate, parentKey, key crypto.Signer, tmpl *x509.Certificate) *x509.Certificate {
	p.serial++
	tmpl.SerialNumber = big.NewInt(p.serial)
	if parent == nil {
		parent = tmpl
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, key.Public(), parentKey)
	if err != nil {
		p.t.Fatal(err)
	}
	c, err := x509.ParseCertificate(der)
	if err != nil {
		p.t.Fatal(err)
	}
	return c
}

// signer issues an end-entity certificate valid from..to with the given
// QC statements (nil for none) and key usage.
func (p *pki) signer(from, to time.Time, qc []byte, ku x509.KeyUsage) *x509.Certificate {
	tmpl := &x509.Certificate{Subject: pkix.Name{CommonName: "Test Signer", SerialNumber: "PNOEE-30303039914"}, NotBefore: from, NotAfter: to, KeyUsage: ku}
	if qc != nil {
		tmpl.ExtraExtensions = []pkix.Extension{{Id: oidQCStatements, Value: qc}}
	}
	return p.issue(p.ca, p.caKey, newKey(p.t), tmpl)
}

func (p *pki) goodSigner() *x509.Certificate {
	return p.signer(time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), qcStatements(true, true, "esign"), x509.KeyUsageContentCommitment)
}

// qcStatements encodes QcCompliance, QcSSCD and a QcType as asked.
func qcStatements(compliance, sscd bool, typ string) []byte {
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		if compliance {
			b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { b.AddASN1ObjectIdentifier(oidQcCompliance) })
		}
		if sscd {
			b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { b.AddASN1ObjectIdentifier(oidQcSSCD) })
		}
		if typ != "" {
			t := oidQcTypeESign
			if typ == "eseal" {
				t = oidQcTypeESeal
			}
			b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
				b.AddASN1ObjectIdentifier(oidQcType)
				b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { b.AddASN1ObjectIdentifier(t) })
			})
		}
		b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
			b.AddASN1ObjectIdentifier(oidQCSyntaxV2)
			b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { b.AddASN1ObjectIdentifier(asn1.ObjectIdentifier{0, 4, 0, 194121, 1, 1}) })
		})
	})
	return b.BytesOrPanic()
}

// ocsp returns an OCSP response about cert from the delegated responder
// (or from key/responder given), produced at the given time.
func (p *pki) ocsp(cert *x509.Certificate, status int, revokedAt, at time.Time) []byte {
	return p.ocspBy(cert, status, revokedAt, at, p.responder, p.respKey)
}

func (p *pki) ocspBy(cert *x509.Certificate, status int, revokedAt, at time.Time, responder *x509.Certificate, key crypto.Signer) []byte {
	der, err := ocsp.CreateResponse(p.ca, responder, ocsp.Response{
		Status: status, SerialNumber: cert.SerialNumber, ThisUpdate: at, NextUpdate: at.Add(24 * time.Hour),
		RevokedAt: revokedAt, Certificate: responder,
	}, key)
	if err != nil {
		p.t.Fatal(err)
	}
	return der
}

func (p *pki) crl(at time.Time, revoked ...x509.RevocationListEntry) []byte {
	der, err := x509.CreateRevocationList(rand.Reader, &x509.RevocationList{
		Number: big.NewInt(1), ThisUpdate: at, NextUpdate: at.Add(7 * 24 * time.Hour), RevokedCertificateEntries: revoked,
	}, p.ca, p.caKey)
	if err != nil {
		p.t.Fatal(err)
	}
	return der
}

// input is the evidence of a timestamped signature by cert.
func (p *pki) input(cert *x509.Certificate, rev Revocation) Input {
	return Input{Cert: cert, Certificates: []*x509.Certificate{cert, p.ca}, Revocation: []Revocation{rev},
		Timestamp: &TimestampEvidence{Time: p.signedTime, TSA: p.tsa}}
}

func (p *pki) options() Options {
	return Options{Test: true, TestAnchors: []*x509.Certificate{p.root}, Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
}
