package sim

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha1"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"fmt"
	"math/big"
	"strings"
	"sync"
	"time"
)

// PKI is the simulator's test certificate tree. It mirrors SK's TEST tree
// for Smart-ID: an ECDSA P-521 root; under it a P-384 qualified issuer
// (like EID-Q 2024E), a P-384 non-qualified issuer (like EID-NQ 2021E) and
// a P-384 TSA CA (like SK TSA CA 2023E) whose P-256 timestamping unit
// signs tokens; a delegated OCSP responder under the qualified issuer.
// The names say "verso simulator", so nobody mistakes them for SK's.
type PKI struct {
	root, qualified, nonQualified, tsaCA, tsaUnit, ocspResponder *authority

	mu      sync.Mutex
	issued  map[string]*x509.Certificate // by issuerKey, see issuedKey
	revoked map[string]time.Time
}

// authority is a certificate with its private key.
type authority struct {
	cert *x509.Certificate
	key  crypto.Signer
}

// Root returns the self-signed root: the trust anchor for everything the
// simulator issues.
func (p *PKI) Root() *x509.Certificate { return p.root.cert }

// QualifiedIssuer returns the CA that issues qualified Smart-ID
// certificates (account suffix -Q).
func (p *PKI) QualifiedIssuer() *x509.Certificate { return p.qualified.cert }

// NonQualifiedIssuer returns the CA that issues non-qualified Smart-ID
// certificates (account suffix -NQ).
func (p *PKI) NonQualifiedIssuer() *x509.Certificate { return p.nonQualified.cert }

// TSACA returns the CA of the timestamping unit.
func (p *PKI) TSACA() *x509.Certificate { return p.tsaCA.cert }

// TSA returns the timestamping unit's certificate, the signer of tokens.
func (p *PKI) TSA() *x509.Certificate { return p.tsaUnit.cert }

// OCSPResponder returns the delegated responder certificate that signs
// OCSP responses about the qualified issuer's certificates.
func (p *PKI) OCSPResponder() *x509.Certificate { return p.ocspResponder.cert }

// Roots returns a pool holding the root only.
func (p *PKI) Roots() *x509.CertPool {
	pool := x509.NewCertPool()
	pool.AddCert(p.root.cert)
	return pool
}

// Intermediates returns a pool of the CAs under the root.
func (p *PKI) Intermediates() *x509.CertPool {
	pool := x509.NewCertPool()
	for _, a := range []*authority{p.qualified, p.nonQualified, p.tsaCA} {
		pool.AddCert(a.cert)
	}
	return pool
}

// Validity periods, close to SK's.
const (
	rootValidity      = 20 * 365 * 24 * time.Hour
	caValidity        = 15 * 365 * 24 * time.Hour
	tsuValidity       = 6 * 365 * 24 * time.Hour
	responderValidity = 2 * 365 * 24 * time.Hour
	userValidity      = 3 * 365 * 24 * time.Hour
	// backdate covers clocks a little behind ours.
	backdate = time.Hour
)

var (
	oidPolicyAny       = asn1.ObjectIdentifier{2, 5, 29, 32, 0}
	oidPolicyNCPPlus   = asn1.ObjectIdentifier{0, 4, 0, 2042, 1, 2}
	oidExtKeyUsage     = asn1.ObjectIdentifier{2, 5, 29, 37}
	oidEKUTimeStamping = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 3, 8}
	oidOCSPNoCheck     = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 48, 1, 5}
)

// CA certificate names.
const (
	nameRoot         = "VERSO SIM ROOT G1E"
	nameQualified    = "VERSO SIM EID-Q 2024E"
	nameNonQualified = "VERSO SIM EID-NQ 2021E"
	nameTSACA        = "VERSO SIM TSA CA 2023E"
	nameTSU          = "VERSO SIM TIMESTAMPING UNIT 2025E"
	nameResponder    = "VERSO SIM EID-Q 2024E AIA OCSP RESPONDER"
)

// GeneratePKI makes a fresh tree valid from now. baseURL is where the
// simulator is served (for example http://localhost:8080/sim); AIA
// extensions point there.
func GeneratePKI(now time.Time, baseURL string) (*PKI, error) {
	baseURL = strings.TrimRight(baseURL, "/")
	p := &PKI{}
	var err error
	gen := func(c elliptic.Curve) *ecdsa.PrivateKey {
		if err != nil {
			return nil
		}
		var k *ecdsa.PrivateKey
		k, err = ecdsa.GenerateKey(c, rand.Reader)
		return k
	}
	rootKey, qKey, nqKey, tsaCAKey := gen(elliptic.P521()), gen(elliptic.P384()), gen(elliptic.P384()), gen(elliptic.P384())
	tsuKey, respKey := gen(elliptic.P256()), gen(elliptic.P384())
	if err != nil {
		return nil, fmt.Errorf("generating CA keys: %w", err)
	}

	rootTmpl, err := caTemplate(nameRoot, now, rootValidity, -1)
	if err != nil {
		return nil, err
	}
	if p.root, err = issue(rootTmpl, nil, rootKey); err != nil {
		return nil, fmt.Errorf("root: %w", err)
	}
	for _, ca := range []struct {
		dst  **authority
		name string
		key  *ecdsa.PrivateKey
	}{
		{&p.qualified, nameQualified, qKey},
		{&p.nonQualified, nameNonQualified, nqKey},
		{&p.tsaCA, nameTSACA, tsaCAKey},
	} {
		t, err := caTemplate(ca.name, now, caValidity, 0)
		if err != nil {
			return nil, err
		}
		t.SignatureAlgorithm = x509.ECDSAWithSHA384 // as SK's G1E signs its CAs
		t.Policies = []x509.OID{mustOID(oidPolicyAny)}
		t.OCSPServer = []string{baseURL + "/ocsp"}
		t.IssuingCertificateURL = []string{baseURL + "/ca/root.crt"}
		if *ca.dst, err = issue(t, p.root, ca.key); err != nil {
			return nil, fmt.Errorf("%s: %w", ca.name, err)
		}
	}

	tsu, err := endEntityTemplate(nameTSU, now, tsuValidity)
	if err != nil {
		return nil, err
	}
	tsu.SignatureAlgorithm = x509.ECDSAWithSHA256
	tsu.KeyUsage = x509.KeyUsageDigitalSignature | x509.KeyUsageContentCommitment
	tsu.Policies = []x509.OID{mustOID(oidPolicyNCPPlus)}
	tsu.OCSPServer = []string{baseURL + "/ocsp"}
	tsu.IssuingCertificateURL = []string{baseURL + "/ca/tsa-ca.crt"}
	// RFC 3161 2.3: the only extended key usage, and critical.
	ekuTS, err := asn1.Marshal([]asn1.ObjectIdentifier{oidEKUTimeStamping})
	if err != nil {
		return nil, err
	}
	tsu.ExtraExtensions = []pkix.Extension{{Id: oidExtKeyUsage, Critical: true, Value: ekuTS}}
	if p.tsaUnit, err = issue(tsu, p.tsaCA, tsuKey); err != nil {
		return nil, fmt.Errorf("timestamping unit: %w", err)
	}

	resp, err := endEntityTemplate(nameResponder, now, responderValidity)
	if err != nil {
		return nil, err
	}
	resp.SignatureAlgorithm = x509.ECDSAWithSHA384
	resp.KeyUsage = x509.KeyUsageDigitalSignature
	resp.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageOCSPSigning}
	// RFC 6960 4.2.2.2.1: clients need not check the responder itself.
	resp.ExtraExtensions = []pkix.Extension{{Id: oidOCSPNoCheck, Value: []byte{0x05, 0x00}}}
	if p.ocspResponder, err = issue(resp, p.qualified, respKey); err != nil {
		return nil, fmt.Errorf("OCSP responder: %w", err)
	}
	p.index()
	return p, nil
}

// caTemplate is a CA certificate template; maxPathLen -1 means none.
func caTemplate(cn string, now time.Time, validity time.Duration, maxPathLen int) (*x509.Certificate, error) {
	t, err := endEntityTemplate(cn, now, validity)
	if err != nil {
		return nil, err
	}
	t.IsCA = true
	t.BasicConstraintsValid = true
	t.KeyUsage = x509.KeyUsageCertSign | x509.KeyUsageCRLSign
	if maxPathLen >= 0 {
		t.MaxPathLen, t.MaxPathLenZero = maxPathLen, maxPathLen == 0
	}
	return t, nil
}

func endEntityTemplate(cn string, now time.Time, validity time.Duration) (*x509.Certificate, error) {
	name, err := caName(cn)
	if err != nil {
		return nil, err
	}
	serial, err := newSerial()
	if err != nil {
		return nil, err
	}
	return &x509.Certificate{
		SerialNumber:          serial,
		RawSubject:            name,
		NotBefore:             now.Add(-backdate).UTC().Truncate(time.Second),
		NotAfter:              now.Add(validity).UTC().Truncate(time.Second),
		BasicConstraintsValid: true,
	}, nil
}

// newSerial returns a positive 128-bit serial number, as SK's are.
func newSerial() (*big.Int, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return nil, err
	}
	b[0] &= 0x7f
	b[0] |= 0x40 // always 16 bytes
	return new(big.Int).SetBytes(b), nil
}

// issue signs t with parent (t itself when parent is nil) and returns the
// certificate with key.
func issue(t *x509.Certificate, parent *authority, key crypto.Signer) (*authority, error) {
	t.SubjectKeyId = keyID(key.Public())
	parentCert, parentKey := t, key
	if parent != nil {
		parentCert, parentKey = parent.cert, parent.key
	}
	der, err := x509.CreateCertificate(rand.Reader, t, parentCert, key.Public(), parentKey)
	if err != nil {
		return nil, err
	}
	c, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, err
	}
	return &authority{cert: c, key: key}, nil
}

// keyID is the RFC 5280 4.2.1.2 method (1) key identifier.
func keyID(pub crypto.PublicKey) []byte {
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return nil
	}
	var spki struct {
		Algorithm pkix.AlgorithmIdentifier
		Key       asn1.BitString
	}
	if _, err := asn1.Unmarshal(der, &spki); err != nil {
		return nil
	}
	h := sha1.Sum(spki.Key.Bytes)
	return h[:]
}

// authorities lists the PKI's certificates with keys, in a fixed order.
func (p *PKI) authorities() []*authority {
	return []*authority{p.root, p.qualified, p.nonQualified, p.tsaCA, p.tsaUnit, p.ocspResponder}
}

// index records every CA-level certificate as issued, for OCSP.
func (p *PKI) index() {
	for _, a := range p.authorities() {
		p.record(a.cert)
	}
}

// record remembers c as issued, so that OCSP answers "good" for it.
func (p *PKI) record(c *x509.Certificate) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.issued == nil {
		p.issued = map[string]*x509.Certificate{}
	}
	p.issued[issuedKey(c.RawIssuer, c.SerialNumber)] = c
}

// revoke marks c revoked from at on.
func (p *PKI) revoke(c *x509.Certificate, at time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.revoked == nil {
		p.revoked = map[string]time.Time{}
	}
	p.revoked[issuedKey(c.RawIssuer, c.SerialNumber)] = at
}

// lookup reports whether the issuer with that name issued serial, and
// when it was revoked (zero if not).
func (p *PKI) lookup(rawIssuer []byte, serial *big.Int) (known bool, revokedAt time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	k := issuedKey(rawIssuer, serial)
	_, known = p.issued[k]
	return known, p.revoked[k]
}

func issuedKey(rawIssuer []byte, serial *big.Int) string {
	return string(rawIssuer) + "\x00" + serial.String()
}

// mustOID converts one of the fixed OIDs above.
func mustOID(o asn1.ObjectIdentifier) x509.OID {
	ints := make([]uint64, len(o))
	for i, v := range o {
		ints[i] = uint64(v)
	}
	oid, err := x509.OIDFromInts(ints)
	if err != nil {
		panic("sim: bad fixed OID " + o.String()) // a constant in this file
	}
	return oid
}
