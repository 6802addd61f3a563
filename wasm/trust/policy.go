package trust

import (
	"crypto/x509"
	"slices"
)

// Certificate policy OIDs that say something about qualification.
const (
	// PolicySmartIDQualified is SK's policy for qualified Smart-ID
	// certificates; PolicySmartIDNonQualified for Smart-ID Basic.
	PolicySmartIDQualified    = "1.3.6.1.4.1.10015.17.2"
	PolicySmartIDNonQualified = "1.3.6.1.4.1.10015.17.1"
	// ETSI EN 319 411-2 policies: qualified certificates for natural (n)
	// and legal (l) persons, with the key on a QSCD (-qscd) or not.
	policyQCPn     = "0.4.0.194112.1.0"
	policyQCPl     = "0.4.0.194112.1.1"
	policyQCPnQSCD = "0.4.0.194112.1.2"
	policyQCPlQSCD = "0.4.0.194112.1.3"
)

// Policy is one certificate policy with what verso knows of it.
type Policy struct {
	OID  string `json:"oid"`
	Name string `json:"name,omitempty"`
}

var policyNames = map[string]string{
	PolicySmartIDQualified:    "Smart-ID qualified",
	PolicySmartIDNonQualified: "Smart-ID non-qualified (Basic)",
	policyQCPn:                "QCP-n: qualified, natural person",
	policyQCPl:                "QCP-l: qualified, legal person",
	policyQCPnQSCD:            "QCP-n-qscd: qualified, natural person, key on a QSCD",
	policyQCPlQSCD:            "QCP-l-qscd: qualified, legal person, key on a QSCD",
}

// policiesOf lists cert's policies, named where known.
func policiesOf(cert *x509.Certificate) []Policy {
	var out []Policy
	for _, o := range cert.PolicyIdentifiers {
		s := o.String()
		out = append(out, Policy{OID: s, Name: policyNames[s]})
	}
	return out
}

func hasPolicy(cert *x509.Certificate, oids ...string) bool {
	for _, o := range cert.PolicyIdentifiers {
		if slices.Contains(oids, o.String()) {
			return true
		}
	}
	return false
}
