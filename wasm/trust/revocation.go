package trust

import (
	"bytes"
	"crypto/x509"
	"fmt"
	"slices"
	"time"
)

// Revocation statuses of a certificate.
const (
	RevocationGood    = "good"
	RevocationRevoked = "revoked"
	RevocationUnknown = "unknown"
	RevocationNoData  = "no data"
)

// CertRevocation is what the revocation data says about one certificate.
type CertRevocation struct {
	Status string `json:"status"`
	// RevokedAt and Reason are set when revoked (Reason: RFC 5280 code).
	RevokedAt time.Time `json:"revokedAt,omitzero"`
	Reason    int       `json:"reason,omitempty"`
	// Source says where the deciding evidence came from, e.g. "OCSP in the
	// CMS", "CRL in the DSS".
	Source     string    `json:"source,omitempty"`
	Responder  string    `json:"responder,omitempty"`
	ProducedAt time.Time `json:"producedAt,omitzero"`
	ThisUpdate time.Time `json:"thisUpdate,omitzero"`
	NextUpdate time.Time `json:"nextUpdate,omitzero"`
	// Fresh: the evidence speaks for the evaluation time (issued after it,
	// or valid at it).
	Fresh bool `json:"fresh"`
	// Problems are revocation data about this certificate that could not
	// be used, with why.
	Problems []string `json:"problems,omitempty"`
}

// revocationData is the parsed revocation data of one evaluation.
type revocationData struct {
	ocsp []originOCSP
	crls []originCRL
	// errors are items that could not be parsed at all.
	errors []string
}

type originOCSP struct {
	r      *ocspResponse
	origin string
}

type originCRL struct {
	l      *x509.RevocationList
	origin string
}

func parseRevocation(items []Revocation) *revocationData {
	d := &revocationData{}
	seen := map[string]bool{}
	n := 0
	// admit says whether der is new and within the limit; past the limit
	// nothing more is read.
	admit := func(der []byte) bool {
		if n > MaxRevocationItems || seen[string(der)] {
			return false
		}
		seen[string(der)] = true
		if n++; n > MaxRevocationItems {
			d.errors = append(d.errors, fmt.Sprintf("more than %d OCSP responses and CRLs; the rest were not read", MaxRevocationItems))
			return false
		}
		return true
	}
	for _, it := range items {
		for _, der := range it.OCSP {
			if !admit(der) {
				continue
			}
			r, err := parseOCSP(der)
			if err != nil {
				d.errors = append(d.errors, "an OCSP response in the "+it.Origin+" cannot be read: "+err.Error())
				continue
			}
			d.ocsp = append(d.ocsp, originOCSP{r, "OCSP in the " + it.Origin})
		}
		for _, der := range it.CRLs {
			if !admit(der) {
				continue
			}
			l, err := parseCRL(der)
			if err != nil {
				d.errors = append(d.errors, "a CRL in the "+it.Origin+" cannot be read: "+err.Error())
				continue
			}
			d.crls = append(d.crls, originCRL{l, "CRL in the " + it.Origin})
		}
	}
	return d
}

func parseCRL(der []byte) (*x509.RevocationList, error) {
	if len(der) > MaxRevocationSize {
		return nil, fmt.Errorf("larger than %d bytes", MaxRevocationSize)
	}
	return x509.ParseRevocationList(der)
}

// certificates returns the certificates the OCSP responses carry, which
// may complete chains (responder certificates).
func (d *revocationData) certificates() []*x509.Certificate {
	var out []*x509.Certificate
	for _, o := range d.ocsp {
		out = append(out, o.r.certs...)
	}
	return out
}

// status decides cert's revocation status at t from the data, cert being
// issued by issuer. b finds chains for responders that the issuer did not
// authorise directly.
func (d *revocationData) status(cert, issuer *x509.Certificate, t time.Time, b *builder) CertRevocation {
	var found []CertRevocation
	var problems []string
	for _, o := range d.ocsp {
		s, ok := o.r.single(cert, issuer)
		if !ok {
			continue
		}
		responder, why := o.r.responder(issuer, b)
		if responder == nil {
			problems = append(problems, o.origin+": "+why)
			continue
		}
		cr := CertRevocation{Source: o.origin, Responder: name(responder), ProducedAt: o.r.producedAt, ThisUpdate: s.thisUpdate, NextUpdate: s.nextUpd}
		switch s.status {
		case statusGood:
			cr.Status = RevocationGood
		case statusRevoked:
			cr.Status, cr.RevokedAt, cr.Reason = RevocationRevoked, s.revokedAt, s.reason
		default:
			cr.Status = RevocationUnknown
		}
		cr.Fresh = fresh(t, s.thisUpdate, s.nextUpd)
		found = append(found, cr)
	}
	for _, c := range d.crls {
		l := c.l
		if !bytes.Equal(l.RawIssuer, cert.RawIssuer) {
			continue
		}
		if err := l.CheckSignatureFrom(issuer); err != nil {
			problems = append(problems, c.origin+": not signed by "+name(issuer)+": "+err.Error())
			continue
		}
		cr := CertRevocation{Status: RevocationGood, Source: c.origin, Responder: name(issuer), ThisUpdate: l.ThisUpdate, NextUpdate: l.NextUpdate}
		for _, e := range l.RevokedCertificateEntries {
			if e.SerialNumber.Cmp(cert.SerialNumber) == 0 {
				cr.Status, cr.RevokedAt, cr.Reason = RevocationRevoked, e.RevocationTime, e.ReasonCode
				break
			}
		}
		cr.Fresh = fresh(t, l.ThisUpdate, l.NextUpdate)
		found = append(found, cr)
	}
	if len(found) == 0 {
		return CertRevocation{Status: RevocationNoData, Problems: problems}
	}
	best := slices.MinFunc(found, func(a, b CertRevocation) int { return rank(a) - rank(b) })
	best.Problems = problems
	return best
}

// rank orders evidence: a revocation first, then fresh good answers, the
// newest first, then the rest.
func rank(c CertRevocation) int {
	switch {
	case c.Status == RevocationRevoked:
		return 0
	case c.Status == RevocationGood && c.Fresh:
		return 1
	case c.Status == RevocationGood:
		return 2
	}
	return 3
}

// fresh: evidence issued at or after t proves the status at t (revocation
// is not retroactive); evidence issued before t does while still current.
func fresh(t, thisUpdate, nextUpdate time.Time) bool {
	return !thisUpdate.Before(t) || (!nextUpdate.IsZero() && t.Before(nextUpdate))
}

// responder returns the certificate that signed the response if it may
// speak for issuer's certificates (RFC 6960 4.2.2.2): the issuer itself, a
// delegate it certified with id-kp-OCSPSigning, or a responder that chains
// to an anchor with id-kp-OCSPSigning (SK's older responders are certified
// by the root, not by the issuing CA).
func (r *ocspResponse) responder(issuer *x509.Certificate, b *builder) (*x509.Certificate, string) {
	if r.signedBy(issuer) {
		return issuer, ""
	}
	for _, c := range b.responders {
		if r.signedBy(c) && !r.producedAt.Before(c.NotBefore) && !r.producedAt.After(c.NotAfter) {
			return c, "" // a qualified OCSP responder on a trusted list
		}
	}
	candidates := append(slices.Clone(r.certs), b.pool...)
	for _, c := range candidates {
		if !r.signedBy(c) {
			continue
		}
		if !slices.Contains(c.ExtKeyUsage, x509.ExtKeyUsageOCSPSigning) {
			return nil, fmt.Sprintf("the responder %q lacks the OCSPSigning extended key usage", name(c))
		}
		if r.producedAt.Before(c.NotBefore) || r.producedAt.After(c.NotAfter) {
			return nil, fmt.Sprintf("the responder certificate %q was not valid when the response was produced (%s)", name(c), day(r.producedAt))
		}
		if bytes.Equal(c.RawIssuer, issuer.RawSubject) && certificateSignedBy(issuer, c) {
			return c, ""
		}
		if _, a, _ := b.build(c); a != nil {
			return c, ""
		}
		return nil, fmt.Sprintf("the responder %q is neither authorised by %q nor trusted", name(c), name(issuer))
	}
	return nil, "no certificate at hand made the response's signature"
}
