package smartid

import (
	"crypto/x509"
	"encoding/asn1"
	"slices"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// Policies and QC statements of Smart-ID signing certificates (RP API v3,
// response verification; SK's Java client's purpose validators).
var (
	policySmartIDQualified    = mustOID("1.3.6.1.4.1.10015.17.2")
	policySmartIDNonQualified = mustOID("1.3.6.1.4.1.10015.17.1")
	policyQCPnQSCD            = mustOID("0.4.0.194112.1.2")
	policyNCP                 = mustOID("0.4.0.2042.1.1")

	oidQCStatements = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 1, 3}
	oidQcCompliance = asn1.ObjectIdentifier{0, 4, 0, 1862, 1, 1}
	oidQcType       = asn1.ObjectIdentifier{0, 4, 0, 1862, 1, 6}
	oidQcTypeESign  = asn1.ObjectIdentifier{0, 4, 0, 1862, 1, 6, 1}
)

func mustOID(s string) x509.OID {
	o, err := x509.ParseOID(s)
	if err != nil {
		panic("smartid: bad fixed OID " + s)
	}
	return o
}

// maxChain bounds the certificate path: leaf, issuing CA, root.
const maxChain = 4

// checkCertificate verifies a Smart-ID signing certificate (steps 4 to
// 7): a path to the configured SK CAs only, valid now; the Smart-ID and
// ETSI policies of its level; nonRepudiation; for qualified certificates
// the QC statements of a qualified electronic signature. It returns the
// issuing path above the certificate.
func (c *Client) checkCertificate(op string, cert *x509.Certificate, level string) ([]*x509.Certificate, error) {
	if chain, ok := c.cache.chain(cert, level, c.cfg.Now()); ok {
		return chain, nil
	}
	chain, err := c.verifyCertificate(op, cert, level)
	if err != nil {
		return nil, err
	}
	c.cache.addChain(cert, level, chain)
	return chain, nil
}

// verifyCertificate does the work of checkCertificate.
func (c *Client) verifyCertificate(op string, cert *x509.Certificate, level string) ([]*x509.Certificate, error) {
	chains, err := cert.Verify(x509.VerifyOptions{
		Roots:         c.cfg.Trust.roots,
		Intermediates: c.cfg.Trust.intermediates,
		CurrentTime:   c.cfg.Now(),
		// Smart-ID signing certificates carry no extended key usage.
		KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny},
	})
	if err != nil || len(chains) == 0 {
		return nil, verifyErr(op, "the certificate does not chain to a configured SK CA or is not valid now")
	}
	chain := chains[0]
	if len(chain) > maxChain {
		return nil, verifyErr(op, "the certificate path is longer than %d", maxChain)
	}
	if cert.IsCA {
		return nil, verifyErr(op, "the certificate is a CA certificate")
	}
	if cert.KeyUsage&x509.KeyUsageContentCommitment == 0 {
		return nil, verifyErr(op, "the certificate is not for signing (no nonRepudiation)")
	}
	want := []x509.OID{policySmartIDNonQualified, policyNCP}
	if level != LevelAdvanced {
		want = []x509.OID{policySmartIDQualified, policyQCPnQSCD}
	}
	for _, p := range want {
		if !slices.ContainsFunc(cert.Policies, p.Equal) {
			return nil, verifyErr(op, "the certificate lacks the Smart-ID %s policy %s", level, p)
		}
	}
	if level != LevelAdvanced && !qualifiedESign(cert) {
		return nil, verifyErr(op, "the qualified certificate lacks the QC statements of an electronic signature")
	}
	return chain[1:], nil
}

// qualifiedESign reports whether the QC statements say QcCompliance and
// QcType esign.
func qualifiedESign(cert *x509.Certificate) bool {
	var value []byte
	for _, e := range cert.Extensions {
		if e.Id.Equal(oidQCStatements) {
			value = e.Value
		}
	}
	s := cryptobyte.String(value)
	var stmts cryptobyte.String
	if !s.ReadASN1(&stmts, cbasn1.SEQUENCE) || !s.Empty() {
		return false
	}
	var compliance, esign bool
	for !stmts.Empty() {
		var st cryptobyte.String
		var id asn1.ObjectIdentifier
		if !stmts.ReadASN1(&st, cbasn1.SEQUENCE) || !st.ReadASN1ObjectIdentifier(&id) {
			return false
		}
		switch {
		case id.Equal(oidQcCompliance):
			compliance = true
		case id.Equal(oidQcType):
			var types cryptobyte.String
			if !st.ReadASN1(&types, cbasn1.SEQUENCE) {
				return false
			}
			for !types.Empty() {
				var t asn1.ObjectIdentifier
				if !types.ReadASN1ObjectIdentifier(&t) {
					return false
				}
				esign = esign || t.Equal(oidQcTypeESign)
			}
		}
	}
	return compliance && esign
}
