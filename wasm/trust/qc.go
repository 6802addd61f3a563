package trust

import (
	"crypto/x509"
	"encoding/asn1"
	"errors"
	"slices"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// OIDs of ETSI EN 319 412-5 (QC statements) and RFC 3739.
var (
	oidQCStatements   = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 1, 3}
	oidQcCompliance   = asn1.ObjectIdentifier{0, 4, 0, 1862, 1, 1}
	oidQcLimitValue   = asn1.ObjectIdentifier{0, 4, 0, 1862, 1, 2}
	oidQcRetention    = asn1.ObjectIdentifier{0, 4, 0, 1862, 1, 3}
	oidQcSSCD         = asn1.ObjectIdentifier{0, 4, 0, 1862, 1, 4}
	oidQcPDS          = asn1.ObjectIdentifier{0, 4, 0, 1862, 1, 5}
	oidQcType         = asn1.ObjectIdentifier{0, 4, 0, 1862, 1, 6}
	oidQcTypeESign    = asn1.ObjectIdentifier{0, 4, 0, 1862, 1, 6, 1}
	oidQcTypeESeal    = asn1.ObjectIdentifier{0, 4, 0, 1862, 1, 6, 2}
	oidQcTypeWeb      = asn1.ObjectIdentifier{0, 4, 0, 1862, 1, 6, 3}
	oidQcCClegislatn  = asn1.ObjectIdentifier{0, 4, 0, 1862, 1, 7}
	oidQCSyntaxV1     = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 11, 1}
	oidQCSyntaxV2     = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 11, 2}
	errQCStatements   = errors.New("the QC statements extension is malformed")
	maxQCStatements   = 32
	maxQCListElements = 16
)

// QCStatements is what a certificate's qcStatements extension (ETSI EN 319
// 412-5) says.
type QCStatements struct {
	// Compliance: the certificate claims to be an EU qualified
	// certificate (QcCompliance).
	Compliance bool `json:"compliance"`
	// SSCD: the private key is in a qualified signature creation device
	// (QcSSCD).
	SSCD bool `json:"sscd"`
	// Types are the QcType values: "esign", "eseal", "web" or an OID.
	Types []string `json:"types,omitempty"`
	// PDS are the PKI disclosure statement URLs (QcPDS).
	PDS []string `json:"pds,omitempty"`
	// Semantics is the semantics identifier of the subject's serial number
	// (RFC 3739 qcStatement-2), e.g. 0.4.0.194121.1.1 for a natural person.
	Semantics string `json:"semantics,omitempty"`
	// Legislation are the QcCClegislation country codes: a certificate
	// qualified under a non-EU law.
	Legislation []string `json:"legislation,omitempty"`
	// Other are statement OIDs not interpreted here.
	Other []string `json:"other,omitempty"`
}

// ParseQCStatements reads cert's qcStatements extension. It returns nil,
// nil when there is none.
func ParseQCStatements(cert *x509.Certificate) (*QCStatements, error) {
	for _, e := range cert.Extensions {
		if e.Id.Equal(oidQCStatements) {
			return parseQCStatements(e.Value)
		}
	}
	return nil, nil
}

func parseQCStatements(der []byte) (*QCStatements, error) {
	in := cryptobyte.String(der)
	var seq cryptobyte.String
	if !in.ReadASN1(&seq, cbasn1.SEQUENCE) || !in.Empty() {
		return nil, errQCStatements
	}
	qc := &QCStatements{}
	for n := 0; !seq.Empty(); n++ {
		if n == maxQCStatements {
			return nil, errQCStatements
		}
		var st cryptobyte.String
		var id asn1.ObjectIdentifier
		if !seq.ReadASN1(&st, cbasn1.SEQUENCE) || !st.ReadASN1ObjectIdentifier(&id) {
			return nil, errQCStatements
		}
		if !qc.read(id, st) {
			return nil, errQCStatements
		}
	}
	return qc, nil
}

// read interprets one statement; info is what follows its OID.
func (qc *QCStatements) read(id asn1.ObjectIdentifier, info cryptobyte.String) bool {
	switch {
	case id.Equal(oidQcCompliance):
		qc.Compliance = true
		return info.Empty()
	case id.Equal(oidQcSSCD):
		qc.SSCD = true
		return info.Empty()
	case id.Equal(oidQcType):
		return readOIDs(info, func(o asn1.ObjectIdentifier) { qc.Types = append(qc.Types, qcTypeName(o)) })
	case id.Equal(oidQcPDS):
		return readPDS(info, qc)
	case id.Equal(oidQCSyntaxV1), id.Equal(oidQCSyntaxV2):
		return readSemantics(info, qc)
	case id.Equal(oidQcCClegislatn):
		var seq cryptobyte.String
		if !info.ReadASN1(&seq, cbasn1.SEQUENCE) || !info.Empty() {
			return false
		}
		for i := 0; !seq.Empty(); i++ {
			var cc cryptobyte.String
			if i == maxQCListElements || !seq.ReadASN1(&cc, cbasn1.PrintableString) {
				return false
			}
			qc.Legislation = append(qc.Legislation, string(cc))
		}
		return true
	case id.Equal(oidQcLimitValue), id.Equal(oidQcRetention):
		qc.Other = append(qc.Other, id.String())
		return true
	}
	qc.Other = append(qc.Other, id.String())
	return true
}

func readOIDs(info cryptobyte.String, add func(asn1.ObjectIdentifier)) bool {
	var seq cryptobyte.String
	if !info.ReadASN1(&seq, cbasn1.SEQUENCE) || !info.Empty() {
		return false
	}
	for i := 0; !seq.Empty(); i++ {
		var o asn1.ObjectIdentifier
		if i == maxQCListElements || !seq.ReadASN1ObjectIdentifier(&o) {
			return false
		}
		add(o)
	}
	return true
}

func readPDS(info cryptobyte.String, qc *QCStatements) bool {
	var seq cryptobyte.String
	if !info.ReadASN1(&seq, cbasn1.SEQUENCE) || !info.Empty() {
		return false
	}
	for i := 0; !seq.Empty(); i++ {
		var loc, url, lang cryptobyte.String
		if i == maxQCListElements || !seq.ReadASN1(&loc, cbasn1.SEQUENCE) ||
			!loc.ReadASN1(&url, cbasn1.IA5String) || !loc.ReadASN1(&lang, cbasn1.PrintableString) || !loc.Empty() {
			return false
		}
		qc.PDS = append(qc.PDS, string(url))
	}
	return true
}

// readSemantics reads SemanticsInformation: an optional OID, then optional
// name registration authorities, at least one of the two.
func readSemantics(info cryptobyte.String, qc *QCStatements) bool {
	if info.Empty() {
		return true // statementInfo is OPTIONAL in qcStatement-2
	}
	var seq cryptobyte.String
	if !info.ReadASN1(&seq, cbasn1.SEQUENCE) || !info.Empty() {
		return false
	}
	if seq.PeekASN1Tag(cbasn1.OBJECT_IDENTIFIER) {
		var o asn1.ObjectIdentifier
		if !seq.ReadASN1ObjectIdentifier(&o) {
			return false
		}
		qc.Semantics = o.String()
	}
	if !seq.Empty() && !seq.SkipASN1(cbasn1.SEQUENCE) {
		return false
	}
	return seq.Empty()
}

func qcTypeName(o asn1.ObjectIdentifier) string {
	switch {
	case o.Equal(oidQcTypeESign):
		return "esign"
	case o.Equal(oidQcTypeESeal):
		return "eseal"
	case o.Equal(oidQcTypeWeb):
		return "web"
	}
	return o.String()
}

// hasType reports whether the QcType statement lists t.
func (qc *QCStatements) hasType(t string) bool { return qc != nil && slices.Contains(qc.Types, t) }
