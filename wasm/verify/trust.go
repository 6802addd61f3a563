package verify

import (
	"crypto/sha1"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"strings"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
	"github.com/verso-pdf/verso/wasm/cms"
	"github.com/verso-pdf/verso/wasm/pdf"
	"github.com/verso-pdf/verso/wasm/trust"
)

// Trust is whether a signature's certificate is trusted, qualified and not
// revoked, at the time the Report names. It never changes the verdict.
type Trust struct {
	// Status is TRUSTED, UNTRUSTED or INDETERMINATE; NOT_CHECKED when the
	// signature is not intact (its certificate proves nothing then).
	Status string `json:"status"`
	Reason string `json:"reason,omitempty"`
	// Summary is one sentence for people: "qualified signature by …".
	Summary string `json:"summary,omitempty"`
	// Time is when the chain was evaluated, TimeBasis what that time is:
	// "timestamp" (a trusted timestamp's genTime) or "current-time".
	Time      string `json:"time,omitempty"`
	TimeBasis string `json:"timeBasis,omitempty"`
	// Anchor says what the chain ends at: an embedded SK anchor, an EU
	// trusted list, a test anchor.
	Anchor string `json:"anchor,omitempty"`
	// Chain is the path, signer first, each with its revocation status.
	Chain        []ChainCert         `json:"chain,omitempty"`
	Qualified    trust.Qualification `json:"qualified"`
	QCStatements *trust.QCStatements `json:"qcStatements,omitempty"`
	Policies     []trust.Policy      `json:"policies,omitempty"`
	Warnings     []string            `json:"warnings,omitempty"`
	Revocation   []string            `json:"revocationProblems,omitempty"`
	Bundle       string              `json:"trustedListBundle,omitempty"` // the bundle's date, "" without one
	revocation   []trust.CertRevocation
}

// ChainCert is one certificate of a chain.
type ChainCert struct {
	Subject    string               `json:"subject"`
	Issuer     string               `json:"issuer"`
	Serial     string               `json:"serial"`
	NotBefore  string               `json:"notBefore"`
	NotAfter   string               `json:"notAfter"`
	SHA256     string               `json:"sha256"`
	SHA1       string               `json:"sha1"`
	Revocation trust.CertRevocation `json:"revocation"`
}

// Trust statuses beyond trust.Status: a signature that is not intact.
const trustNotChecked = "NOT_CHECKED"

// TrustOptions choose the trust material. The zero value uses the
// embedded SK anchors and the embedded EU trusted-list bundle, if the build
// has one, at the current time.
type TrustOptions struct {
	// Test accepts TestAnchors (SK's demo CAs, the simulator's PKI).
	Test        bool
	TestAnchors []*x509.Certificate
	// Bundle replaces the embedded bundle; NoBundle evaluates without any.
	Bundle   *trust.Bundle
	NoBundle bool
	// Now is the current time; zero means time.Now().
	Now time.Time
}

func (o TrustOptions) evaluation() (trust.Options, string) {
	opts := trust.Options{Test: o.Test, TestAnchors: o.TestAnchors, Now: o.Now, Bundle: o.Bundle}
	if opts.Bundle == nil && !o.NoBundle {
		b, err := trust.DefaultBundle()
		if err != nil {
			return opts, "the built-in trusted-list bundle cannot be read: " + err.Error()
		}
		opts.Bundle = b
	}
	return opts, ""
}

// assessTrust fills in the trust of every intact signature. It reads the
// CMS again rather than threading it through the integrity checks: parsing
// is cheap next to hashing, which is not repeated.
func assessTrust(f *pdf.File, sigs []pdf.Signature, out []Signature, o TrustOptions) {
	opts, problem := o.evaluation()
	dss := readDSS(f)
	for i := range out {
		out[i].Trust = trustOf(sigs[i], out[i], dss, opts)
		if problem != "" {
			out[i].Trust.Warnings = append(out[i].Trust.Warnings, problem)
		}
	}
}

func trustOf(s pdf.Signature, sig Signature, dss dssData, opts trust.Options) Trust {
	if sig.Integrity.Status != StatusPassed {
		return Trust{Status: trustNotChecked, Reason: "the signature is not intact, so its certificate proves nothing",
			Qualified: trust.Qualification{Label: trust.LabelNone, Reason: "the signature is not intact"}}
	}
	in := trust.Input{Certificates: dss.certs, Revocation: []trust.Revocation{dss.revocation}}
	switch {
	case sig.SubFilter == subX509RSASHA1:
		if len(s.Cert) > 0 {
			in.Cert, _, _ = cms.ParseCertificateLenient(s.Cert[0])
		}
	case sig.Kind == kindDocTimestamp:
		tok, err := cms.ParseTimestampToken(s.Contents)
		if err != nil {
			break
		}
		in.Usage = trust.UsageTimestamp
		in.Cert = signerOfData(tok.SignedData, dss.certs)
		in.Certificates = append(in.Certificates, tok.SignedData.Certificates...)
		in.Revocation = append(in.Revocation, trust.ParseRevocationInfoChoices(tok.SignedData.CRLs))
		// A document timestamp vouches for its own time: its TSA is
		// judged when the token says it signed.
		in.Timestamp = &trust.TimestampEvidence{Time: tok.Info.GenTime, TSA: in.Cert}
	default:
		cmsEvidence(s, &in, dss.certs)
	}
	return trustReport(trust.Evaluate(in, opts), sig)
}

// cmsEvidence gathers what a CMS signature carries: its certificates, its
// signature timestamp's, and the revocation data in the signed
// adbe-revocationInfoArchival attribute and in the CRLs field.
func cmsEvidence(s pdf.Signature, in *trust.Input, dssCerts []*x509.Certificate) {
	sd, _, err := cms.ParseTrailing(s.Contents)
	if err != nil || len(sd.SignerInfos) != 1 {
		return
	}
	si := sd.SignerInfos[0]
	in.Cert = signerOfData(sd, nil)
	in.Certificates = append(in.Certificates, sd.Certificates...)
	cmsRev := trust.ParseRevocationInfoChoices(sd.CRLs)
	cmsRev.Origin = "CMS"
	for _, a := range si.SignedAttrs {
		if !a.Type.Equal(trust.OIDAdbeRevocationInfoArchival) || len(a.Values) != 1 {
			continue
		}
		if r, err := trust.ParseRevocationInfoArchival(a.Values[0]); err == nil {
			cmsRev.Add(r)
		}
	}
	in.Revocation = append(in.Revocation, cmsRev)
	for _, a := range si.UnsignedAttrs {
		if !a.Type.Equal(cms.OIDAttrTimestampToken) || len(a.Values) == 0 {
			continue
		}
		tok, err := cms.ParseTimestampToken(a.Values[0])
		if err != nil {
			return
		}
		res, err := tok.Verify(append(append([]*x509.Certificate{}, sd.Certificates...), dssCerts...)...)
		if err != nil || tok.CheckImprint(si.Signature) != nil {
			return // a bad timestamp proves no time
		}
		in.Certificates = append(in.Certificates, tok.SignedData.Certificates...)
		tsRev := trust.ParseRevocationInfoChoices(tok.SignedData.CRLs)
		tsRev.Origin = "timestamp token"
		in.Revocation = append(in.Revocation, tsRev)
		in.Timestamp = &trust.TimestampEvidence{Time: tok.Info.GenTime, TSA: res.Signer}
		return
	}
}

// signerOfData returns the certificate the only SignerInfo names.
func signerOfData(sd *cms.SignedData, extra []*x509.Certificate) *x509.Certificate {
	if len(sd.SignerInfos) != 1 {
		return nil
	}
	sid := sd.SignerInfos[0].SID
	for _, c := range append(append([]*x509.Certificate{}, sd.Certificates...), extra...) {
		if sid.Matches(c) {
			return c
		}
	}
	for _, u := range sd.UnparsedCertificates {
		if u.Lenient != nil && sid.Matches(u.Lenient) {
			return u.Lenient
		}
	}
	return nil
}

func trustReport(r *trust.Result, sig Signature) Trust {
	t := Trust{
		Status:       string(r.Status),
		Reason:       r.Reason,
		TimeBasis:    r.TimeBasis,
		Qualified:    r.Qualified,
		QCStatements: r.QC,
		Policies:     r.Policies,
		Warnings:     r.Warnings,
		Revocation:   r.RevocationIO,
		Bundle:       r.BundleDate,
	}
	if !r.Time.IsZero() {
		t.Time = r.Time.UTC().Format(time.RFC3339)
	}
	if r.Anchor != nil {
		t.Anchor = r.Anchor.Source
	}
	for i, c := range r.Chain {
		cc := chainCert(c)
		if i < len(r.Revocation) {
			cc.Revocation = r.Revocation[i]
		}
		t.Chain = append(t.Chain, cc)
	}
	t.Summary = trustSentence(t, sig)
	return t
}

func chainCert(c *x509.Certificate) ChainCert {
	s256, s1 := sha256.Sum256(c.Raw), sha1.Sum(c.Raw)
	return ChainCert{
		Subject:   c.Subject.String(),
		Issuer:    c.Issuer.String(),
		Serial:    strings.ToUpper(c.SerialNumber.Text(16)),
		NotBefore: c.NotBefore.UTC().Format(time.RFC3339),
		NotAfter:  c.NotAfter.UTC().Format(time.RFC3339),
		SHA256:    strings.ToUpper(hex.EncodeToString(s256[:])),
		SHA1:      strings.ToUpper(hex.EncodeToString(s1[:])),
	}
}

// trustSentence says in words what the label means, for the page and the
// CLI: "qualified electronic signature by NURM,AARE".
func trustSentence(t Trust, sig Signature) string {
	who := ""
	if sig.Signer != nil {
		who = " by " + sig.Signer.CommonName
	}
	if sig.Kind == kindDocTimestamp {
		switch {
		case t.Qualified.Label == trust.LabelQTST:
			return "qualified timestamp" + who
		case t.Status == string(trust.StatusTrusted):
			return "timestamp by a trusted TSA" + who
		}
		return "timestamp by a TSA that is not trusted" + who
	}
	switch t.Qualified.Label {
	case trust.LabelQES:
		return "qualified electronic signature" + who
	case trust.LabelAdESQC:
		return "advanced signature with a qualified certificate" + who
	case trust.LabelAdES:
		return "advanced signature, trusted certificate" + who
	case trust.LabelIndeterminate:
		return "signature" + who + " whose trust cannot be decided"
	}
	return "signature" + who + " by a certificate that is not trusted"
}

// dssData is the validation data of the Document Security Store: the
// certificates and the revocation data of /Certs, /OCSPs, /CRLs and of
// every /VRI entry.
type dssData struct {
	certs      []*x509.Certificate
	revocation trust.Revocation
}

func readDSS(f *pdf.File) dssData {
	d := dssData{certs: dssCertificates(f), revocation: trust.Revocation{Origin: "DSS"}}
	last := len(f.Revisions()) - 1
	cat, err := f.Catalog(last)
	if err != nil {
		return d
	}
	dss, ok := resolveDict(f, last, cat["DSS"])
	if !ok {
		return d
	}
	d.revocation.OCSP = streamsOf(f, last, dss["OCSPs"])
	d.revocation.CRLs = streamsOf(f, last, dss["CRLs"])
	vri, ok := resolveDict(f, last, dss["VRI"])
	if !ok {
		return d
	}
	n := 0
	for _, v := range vri {
		if n++; n > maxDSSCertificates {
			break
		}
		entry, ok := resolveDict(f, last, v)
		if !ok {
			continue
		}
		d.revocation.OCSP = append(d.revocation.OCSP, streamsOf(f, last, entry["OCSP"])...)
		d.revocation.CRLs = append(d.revocation.CRLs, streamsOf(f, last, entry["CRL"])...)
		for _, der := range streamsOf(f, last, entry["Cert"]) {
			if c, _, err := cms.ParseCertificateLenient(der); err == nil {
				d.certs = append(d.certs, c)
			}
		}
	}
	return d
}

func resolveDict(f *pdf.File, rev int, o types.Object) (types.Dict, bool) {
	v, err := f.Resolve(rev, o)
	if err != nil {
		return nil, false
	}
	d, ok := v.(types.Dict)
	return d, ok
}

// streamsOf returns the decoded streams an array of references names,
// at most maxDSSCertificates of them.
func streamsOf(f *pdf.File, rev int, o types.Object) [][]byte {
	v, err := f.Resolve(rev, o)
	if err != nil {
		return nil
	}
	arr, ok := v.(types.Array)
	if !ok {
		return nil
	}
	var out [][]byte
	for i, ref := range arr {
		if i == maxDSSCertificates {
			break
		}
		s, err := f.Resolve(rev, ref)
		if err != nil {
			continue
		}
		sd, ok := s.(types.StreamDict)
		if !ok {
			continue
		}
		if data, err := f.Stream(rev, sd); err == nil {
			out = append(out, data)
		}
	}
	return out
}
