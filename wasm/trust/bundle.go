package trust

import (
	"bytes"
	"compress/gzip"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"
)

// BundleFormat names the layout of a trusted-list bundle.
const BundleFormat = "verso.eutl/v1"

// Service types of ETSI TS 119 612 kept in a bundle.
const (
	TypeCAQC    = "CA/QC"
	TypeTSAQTST = "TSA/QTST"
	// TypeOCSPQC is a qualified OCSP responder: trusted to answer for the
	// CA's certificates, never an anchor for signatures.
	TypeOCSPQC   = "OCSP/QC"
	typeURIPrefx = "http://uri.etsi.org/TrstSvc/Svctype/"
)

// Bundle is the compact, dated extract of the EU trusted lists that the
// verifier embeds: the qualified CA and TSA services with their status
// history. `verso trust build` writes it after checking every list's
// signature; the verifier trusts it as built.
type Bundle struct {
	Format string `json:"format"`
	// Built is when the bundle was written; Issued is the issue date of
	// the LOTL it was built from. The Report shows both.
	Built    time.Time  `json:"built"`
	Issued   time.Time  `json:"issued"`
	Lists    []ListInfo `json:"lists"`
	Services []Service  `json:"services"`

	bySubject map[string][]int
}

// ListInfo records one trusted list that went into the bundle.
type ListInfo struct {
	Territory  string    `json:"cc"`
	Sequence   int       `json:"seq"`
	Issued     time.Time `json:"issued"`
	NextUpdate time.Time `json:"next,omitzero"`
	Source     string    `json:"src,omitempty"`
}

// Service is one trust service of a national list.
type Service struct {
	Territory string `json:"cc"`
	TSP       string `json:"tsp"`
	Name      string `json:"name"`
	// Type is TypeCAQC or TypeTSAQTST.
	Type  string   `json:"type"`
	Certs [][]byte `json:"certs"`
	// History is the current status first, then earlier ones, each
	// holding from its From until the next newer entry's From.
	History []ServiceStatus `json:"history"`

	parsed []*x509.Certificate
}

// ServiceStatus is the service's status from a time on, with the
// extensions that applied then.
type ServiceStatus struct {
	// Status is the last segment of the status URI: granted, withdrawn,
	// undersupervision, accredited, ...
	Status string    `json:"status"`
	From   time.Time `json:"from"`
	// Info are the last segments of AdditionalServiceInformation URIs:
	// ForeSignatures, ForeSeals, ForWebSiteAuthentication.
	Info           []string               `json:"info,omitempty"`
	Qualifications []QualificationElement `json:"qual,omitempty"`
}

// QualificationElement is a Qualifications extension element: qualifiers
// that apply to the certificates meeting the criteria.
type QualificationElement struct {
	// Qualifiers are last URI segments: QCStatement, NotQualified,
	// QCWithSSCD, QCNoSSCD, QCQSCDManagedOnBehalf, QCForESig, QCForESeal,
	// QCForWSA, QCForLegalPerson...
	Qualifiers []string `json:"q"`
	Criteria   Criteria `json:"c"`
}

// Criteria is a CriteriaList (ETSI TS 119 612 5.5.9.2.1.4).
type Criteria struct {
	// Assert is all, atLeastOne or none.
	Assert string `json:"assert"`
	// KeyUsage are the required bits, each set or clear.
	KeyUsage []KeyUsageBit `json:"ku,omitempty"`
	// Policies are policy sets: a set matches when the certificate has
	// every OID of it.
	Policies [][]string `json:"pol,omitempty"`
	// Nested criteria lists.
	Sub []Criteria `json:"sub,omitempty"`
	// Unsupported is set when the list used criteria this code does not
	// evaluate (otherCriteriaList); such a criteria list never matches.
	Unsupported bool `json:"unsupported,omitempty"`
}

// KeyUsageBit is one KeyUsageBit criterion.
type KeyUsageBit struct {
	Name  string `json:"n"`
	Value bool   `json:"v"`
}

// Date is the bundle's date as the Report shows it: the LOTL's issue
// date.
func (b *Bundle) Date() string {
	if b == nil {
		return ""
	}
	return b.Issued.UTC().Format(time.RFC3339)
}

// Marshal writes the bundle as gzip-compressed JSON.
func (b *Bundle) Marshal() ([]byte, error) {
	b.Format = BundleFormat
	js, err := json.Marshal(b)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(js)
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// LoadBundle reads a bundle written by Marshal.
func LoadBundle(data []byte) (*Bundle, error) {
	if len(data) > MaxBundleSize {
		return nil, fmt.Errorf("trusted-list bundle larger than %d bytes", MaxBundleSize)
	}
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("trusted-list bundle: %w", err)
	}
	js, err := io.ReadAll(io.LimitReader(zr, 8*MaxBundleSize+1))
	if err != nil {
		return nil, fmt.Errorf("trusted-list bundle: %w", err)
	}
	if len(js) > 8*MaxBundleSize {
		return nil, errors.New("trusted-list bundle expands beyond the limit")
	}
	var b Bundle
	if err := json.Unmarshal(js, &b); err != nil {
		return nil, fmt.Errorf("trusted-list bundle: %w", err)
	}
	if b.Format != BundleFormat {
		return nil, fmt.Errorf("trusted-list bundle format %q, want %q", b.Format, BundleFormat)
	}
	if len(b.Services) > MaxBundleServices {
		return nil, fmt.Errorf("trusted-list bundle holds more than %d services", MaxBundleServices)
	}
	b.bySubject = map[string][]int{}
	for i := range b.Services {
		s := &b.Services[i]
		if len(s.History) == 0 || len(s.History) > MaxServiceHistory {
			return nil, fmt.Errorf("trusted-list bundle: service %q has %d status entries", s.Name, len(s.History))
		}
		for _, der := range s.Certs {
			c, err := x509.ParseCertificate(der)
			if err != nil {
				continue // a list may name a certificate Go cannot read; the others still count
			}
			s.parsed = append(s.parsed, c)
			b.bySubject[string(c.RawSubject)] = append(b.bySubject[string(c.RawSubject)], i)
		}
	}
	return &b, nil
}

// anchors returns the certificates of the bundle's services.
func (b *Bundle) anchors() []Anchor {
	if b == nil {
		return nil
	}
	var out []Anchor
	for i := range b.Services {
		s := &b.Services[i]
		if s.Type == TypeOCSPQC {
			continue
		}
		for _, c := range s.parsed {
			out = append(out, Anchor{Cert: c, Source: SourceTrustedList + " " + s.Territory, Service: s})
		}
	}
	return out
}

// responders returns the certificates of the qualified OCSP responders
// the lists name.
func (b *Bundle) responders() []*x509.Certificate {
	if b == nil {
		return nil
	}
	var out []*x509.Certificate
	for i := range b.Services {
		if s := &b.Services[i]; s.Type == TypeOCSPQC {
			out = append(out, s.parsed...)
		}
	}
	return out
}

// servicesFor returns the services whose certificate has c's subject and
// public key: the services a certificate on a chain stands for.
func (b *Bundle) servicesFor(c *x509.Certificate) []*Service {
	if b == nil {
		return nil
	}
	var out []*Service
	for _, i := range b.bySubject[string(c.RawSubject)] {
		s := &b.Services[i]
		for _, sc := range s.parsed {
			if bytes.Equal(sc.RawSubjectPublicKeyInfo, c.RawSubjectPublicKeyInfo) {
				out = append(out, s)
				break
			}
		}
	}
	return out
}

// StatusAt returns the status entry in force at t, or nil before the
// first.
func (s *Service) StatusAt(t time.Time) *ServiceStatus {
	for i := range s.History {
		if !t.Before(s.History[i].From) {
			return &s.History[i]
		}
	}
	return nil
}

// Granted reports whether a status means the service was qualified:
// granted under eIDAS, and before it undersupervision, accredited,
// supervisionincessation and setbynationallaw.
func Granted(status string) bool {
	switch status {
	case "granted", "undersupervision", "accredited", "supervisionincessation", "setbynationallaw":
		return true
	}
	return false
}
