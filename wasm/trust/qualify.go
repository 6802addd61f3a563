package trust

import (
	"bytes"
	"crypto/x509"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Qualified labels, in the spirit of EU DSS's signature qualification.
const (
	// LabelQES: qualified electronic signature — a qualified certificate
	// for electronic signatures, its key on a QSCD.
	LabelQES = "QES"
	// LabelAdESQC: advanced signature with a qualified certificate, the key
	// not shown to be on a QSCD (or a qualified seal certificate).
	LabelAdESQC = "ADES_QC"
	// LabelAdES: advanced signature, the certificate not qualified.
	LabelAdES = "ADES"
	// LabelNone: not an advanced signature by a trusted certificate.
	LabelNone = "NONE"
	// LabelIndeterminate: the evidence does not decide.
	LabelIndeterminate = "INDETERMINATE"
	// LabelQTST: a timestamp by a qualified TSA (document timestamps).
	LabelQTST = "QTST"
)

// Qualification is the qualified label of a signature and how it was
// reached.
type Qualification struct {
	Label  string `json:"label"`
	Reason string `json:"reason"`
	// Service is the trusted-list service that issued the certificate, as
	// "EE: EID-SK 2016 qualified certificates…", and its status then.
	Service       string `json:"service,omitempty"`
	ServiceStatus string `json:"serviceStatus,omitempty"`
}

// certProfile is what decides qualification: the certificate's own claims,
// overridden by trusted-list qualifiers.
type certProfile struct {
	qualified, qscd bool
	types           []string // esign, eseal, web
	why             []string
}

// qualify decides the label of a trusted chain's end certificate at t.
func qualify(path []*x509.Certificate, anchor *Anchor, qc *QCStatements, usage Usage, t time.Time, bundle *Bundle) Qualification {
	leaf := path[0]
	svc, svcName := issuingService(path, usage, bundle)
	if usage == UsageTimestamp {
		return qualifyTSA(svc, svcName, t)
	}
	p := certProfile{}
	if qc != nil {
		p.qualified, p.qscd, p.types = qc.Compliance, qc.SSCD, slices.Clone(qc.Types)
	}
	if hasPolicy(leaf, policyQCPnQSCD, policyQCPlQSCD) {
		p.qscd = true
	}
	out := Qualification{}
	switch {
	case svc != nil:
		st := svc.StatusAt(t)
		out.Service = svcName
		if st == nil {
			return Qualification{Label: LabelAdES, Reason: fmt.Sprintf("the trusted list has no status for %s at %s", svcName, day(t)), Service: svcName}
		}
		out.ServiceStatus = st.Status
		if !Granted(st.Status) {
			return Qualification{Label: LabelAdES, Reason: fmt.Sprintf("the issuing service was %q at %s, not granted: the certificate is not qualified", st.Status, day(t)), Service: svcName, ServiceStatus: st.Status}
		}
		p.applyQualifiers(leaf, st)
		p.why = append(p.why, "issuer granted on the "+svc.Territory+" trusted list at the signing time")
	case bundle != nil && anchor != nil && anchor.Source == SourceEmbedded && !anchor.Qualified && qc != nil && qc.Compliance:
		p.why = append(p.why, "claims to be qualified, but its issuer is neither on the trusted lists nor a qualified SK CA")
		p.qualified = false
	case anchorQualified(path, anchor):
		p.why = append(p.why, "issued by a qualified SK CA (embedded anchor; no trusted list lists it)")
	case anchor != nil && anchor.Source == SourceTest:
		p.why = append(p.why, "TEST hierarchy: not legally meaningful")
	default:
		if qc != nil && qc.Compliance {
			p.why = append(p.why, "claims to be qualified, but no trusted list confirms its issuer")
		}
		p.qualified = false
	}
	out.Label, out.Reason = p.label(leaf)
	return out
}

// issuingService finds the trusted-list service for the chain: the first
// CA on it (or the TSA certificate itself) that a service of the right
// type lists.
func issuingService(path []*x509.Certificate, usage Usage, b *Bundle) (*Service, string) {
	want := TypeCAQC
	start := 1
	if usage == UsageTimestamp {
		want, start = TypeTSAQTST, 0
	}
	for i := start; i < len(path); i++ {
		for _, s := range b.servicesFor(path[i]) {
			if s.Type == want {
				return s, s.Territory + ": " + s.Name
			}
		}
		if usage == UsageTimestamp {
			break // a QTST service lists the TSA unit itself
		}
	}
	return nil, ""
}

// anchorQualified: the leaf's issuer is an embedded SK CA known to issue
// qualified certificates.
func anchorQualified(path []*x509.Certificate, anchor *Anchor) bool {
	return anchor != nil && anchor.Source == SourceEmbedded && anchor.Qualified &&
		len(path) > 1 && bytes.Equal(anchor.Cert.RawSubjectPublicKeyInfo, path[1].RawSubjectPublicKeyInfo)
}

func qualifyTSA(svc *Service, svcName string, t time.Time) Qualification {
	if svc == nil {
		return Qualification{Label: LabelNone, Reason: "the TSA is not a qualified TSA on the trusted lists"}
	}
	st := svc.StatusAt(t)
	if st == nil || !Granted(st.Status) {
		status := "none"
		if st != nil {
			status = st.Status
		}
		return Qualification{Label: LabelNone, Reason: fmt.Sprintf("the TSA's qualified service was %q at %s", status, day(t)), Service: svcName, ServiceStatus: status}
	}
	return Qualification{Label: LabelQTST, Reason: "qualified timestamp: the TSA is granted on the " + svc.Territory + " trusted list", Service: svcName, ServiceStatus: st.Status}
}

// applyQualifiers lets the trusted list's qualifiers whose criteria the
// certificate meets override its own claims (ETSI TS 119 615).
func (p *certProfile) applyQualifiers(leaf *x509.Certificate, st *ServiceStatus) {
	for _, q := range st.Qualifications {
		if !q.Criteria.matches(leaf) {
			continue
		}
		for _, name := range q.Qualifiers {
			switch name {
			case "QCStatement":
				p.qualified = true
			case "NotQualified":
				p.qualified = false
			case "QCWithSSCD", "QCWithQSCD", "QCQSCDManagedOnBehalf", "QCQSCDStatusAsInCert":
				if name != "QCQSCDStatusAsInCert" {
					p.qscd = true
				}
			case "QCNoSSCD", "QCNoQSCD":
				p.qscd = false
			case "QCForESig":
				p.types = []string{"esign"}
			case "QCForESeal":
				p.types = []string{"eseal"}
			case "QCForWSA":
				p.types = []string{"web"}
			}
		}
		p.why = append(p.why, "trusted-list qualifiers "+strings.Join(q.Qualifiers, ", "))
	}
	if len(p.types) == 0 && slices.Contains(st.Info, "ForeSignatures") && !slices.Contains(st.Info, "ForeSeals") {
		p.types = []string{"esign"}
	}
}

// label turns a profile into the label and its reason.
func (p certProfile) label(leaf *x509.Certificate) (string, string) {
	why := strings.Join(p.why, "; ")
	if why != "" {
		why = " (" + why + ")"
	}
	nonRep := leaf.KeyUsage&x509.KeyUsageContentCommitment != 0
	switch {
	case !p.qualified:
		return LabelAdES, "the certificate is not qualified" + why
	case slices.Contains(p.types, "web") && len(p.types) == 1:
		return LabelAdES, "a qualified website certificate, not for signatures" + why
	case slices.Contains(p.types, "eseal") && !slices.Contains(p.types, "esign"):
		return LabelAdESQC, "a qualified certificate for electronic seals: a seal by an organisation, not a person's signature" + qscdNote(p.qscd) + why
	case !nonRep:
		return LabelAdESQC, "a qualified certificate without the nonRepudiation key usage, so not for qualified signatures" + why
	case !p.qscd:
		return LabelAdESQC, "a qualified certificate, but the key is not shown to be on a qualified signature creation device (QSCD)" + why
	}
	return LabelQES, "a qualified certificate for electronic signatures, the key on a QSCD" + why
}

func qscdNote(qscd bool) string {
	if qscd {
		return " (key on a QSCD)"
	}
	return ""
}

// matches evaluates a CriteriaList against a certificate.
func (c Criteria) matches(cert *x509.Certificate) bool {
	if c.Unsupported {
		return false
	}
	var results []bool
	for _, ku := range c.KeyUsage {
		bit, ok := keyUsageBits[ku.Name]
		results = append(results, ok && (cert.KeyUsage&bit != 0) == ku.Value)
	}
	for _, set := range c.Policies {
		all := len(set) > 0
		for _, oid := range set {
			all = all && hasPolicy(cert, oid)
		}
		results = append(results, all)
	}
	for _, sub := range c.Sub {
		results = append(results, sub.matches(cert))
	}
	switch c.Assert {
	case "atLeastOne":
		return slices.Contains(results, true)
	case "none":
		return !slices.Contains(results, true)
	default: // "all", the default of ETSI TS 119 612
		return !slices.Contains(results, false)
	}
}

var keyUsageBits = map[string]x509.KeyUsage{
	"digitalSignature": x509.KeyUsageDigitalSignature,
	"nonRepudiation":   x509.KeyUsageContentCommitment,
	"keyEncipherment":  x509.KeyUsageKeyEncipherment,
	"dataEncipherment": x509.KeyUsageDataEncipherment,
	"keyAgreement":     x509.KeyUsageKeyAgreement,
	"keyCertSign":      x509.KeyUsageCertSign,
	"crlSign":          x509.KeyUsageCRLSign,
	"encipherOnly":     x509.KeyUsageEncipherOnly,
	"decipherOnly":     x509.KeyUsageDecipherOnly,
}
