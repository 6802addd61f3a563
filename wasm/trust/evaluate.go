package trust

import (
	"crypto/x509"
	"fmt"
	"time"
)

// Status is the trust outcome of one signature.
type Status string

// Trust outcomes.
const (
	StatusTrusted       Status = "TRUSTED"
	StatusUntrusted     Status = "UNTRUSTED"
	StatusIndeterminate Status = "INDETERMINATE"
)

// Time bases: what the evaluation time is.
const (
	BasisTimestamp   = "timestamp"
	BasisCurrentTime = "current-time"
)

// Options configure Evaluate. The zero value trusts the embedded SK
// anchors only, at the current time.
type Options struct {
	// Bundle is the EU trusted-list bundle; nil evaluates without one.
	Bundle *Bundle
	// Test accepts TestAnchors; without it they are ignored. Signatures
	// that chain to them say so in their reason.
	Test        bool
	TestAnchors []*x509.Certificate
	// Now is the current time; zero means time.Now().
	Now time.Time
}

// Input is the evidence for one signature or timestamp.
type Input struct {
	// Cert is the signer's (or, for Usage UsageTimestamp, the TSA's)
	// certificate.
	Cert  *x509.Certificate
	Usage Usage
	// Certificates are those that may complete the chain: the CMS's, the
	// timestamp tokens', the DSS's.
	Certificates []*x509.Certificate
	// Revocation is the revocation data found, by origin.
	Revocation []Revocation
	// Timestamp, when set, is a signature timestamp whose imprint and
	// signature verified: its genTime becomes the evaluation time if its
	// TSA is trusted at that time.
	Timestamp *TimestampEvidence
}

// TimestampEvidence is a verified timestamp that may prove a time.
type TimestampEvidence struct {
	Time time.Time
	TSA  *x509.Certificate
}

// Result is the trust evaluation of one signature.
type Result struct {
	Status Status
	Reason string
	// Time is the evaluation time; TimeBasis says what it is.
	Time      time.Time
	TimeBasis string
	// Chain is the path, end certificate first; the last is the anchor
	// (or, untrusted, where the path stopped).
	Chain  []*x509.Certificate
	Anchor *Anchor
	// Revocation holds the status of Chain[i] at index i (the anchor's
	// own is not checked: it is trusted as such).
	Revocation   []CertRevocation
	QC           *QCStatements
	Policies     []Policy
	Qualified    Qualification
	Warnings     []string
	BundleDate   string
	RevocationIO []string // revocation items that could not be read
}

// Evaluate decides the trust in in.Cert. It never fails: every problem is
// in the Result's status and reason.
func Evaluate(in Input, opts Options) (res *Result) {
	res = &Result{Status: StatusIndeterminate, BundleDate: opts.Bundle.Date()}
	defer func() {
		// Hostile input must not take the verifier down.
		if p := recover(); p != nil {
			res = &Result{Status: StatusIndeterminate, Reason: fmt.Sprintf("internal error while evaluating trust: %v", p),
				Qualified: Qualification{Label: LabelIndeterminate, Reason: "trust could not be evaluated"}}
		}
	}()
	if in.Cert == nil {
		res.Reason = "no signer certificate"
		res.Qualified = Qualification{Label: LabelIndeterminate, Reason: res.Reason}
		return res
	}
	in.Cert = completeLenient(in.Cert)
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	anchors := opts.anchors()
	rev := parseRevocation(in.Revocation)
	res.RevocationIO = rev.errors
	b := newBuilder(anchors, append(append([]*x509.Certificate{}, in.Certificates...), rev.certificates()...))
	b.responders = opts.Bundle.responders()

	res.Time, res.TimeBasis = now, BasisCurrentTime
	if ts := in.Timestamp; ts != nil && ts.TSA != nil {
		if ok, why := tsaTrusted(ts, b); ok {
			res.Time, res.TimeBasis = ts.Time, BasisTimestamp
		} else {
			res.Warnings = append(res.Warnings, "the signature timestamp does not prove the time: "+why)
		}
	}
	proven := res.TimeBasis == BasisTimestamp

	var qcErr error
	res.QC, qcErr = ParseQCStatements(in.Cert)
	if qcErr != nil {
		res.Warnings = append(res.Warnings, qcErr.Error())
	}
	res.Policies = policiesOf(in.Cert)

	path, anchor, why := b.build(in.Cert)
	res.Chain, res.Anchor = path, anchor
	if anchor == nil {
		res.Status, res.Reason = StatusUntrusted, why
		res.Qualified = Qualification{Label: LabelNone, Reason: "the certificate does not chain to a trusted CA"}
		return res
	}
	pp := checkPath(path, in.Usage, res.Time, proven)
	res.Warnings = append(res.Warnings, pp.warnings...)
	res.Revocation = revocations(path, anchor, rev, res.Time, b)
	res.Status, res.Reason = decide(res, pp, proven, b.anchorFor(in.Cert) != nil)
	switch res.Status {
	case StatusUntrusted:
		res.Qualified = Qualification{Label: LabelNone, Reason: res.Reason}
	case StatusIndeterminate:
		res.Qualified = Qualification{Label: LabelIndeterminate, Reason: res.Reason}
	default:
		res.Qualified = qualify(path, anchor, res.QC, in.Usage, res.Time, opts.Bundle)
	}
	return res
}

func (o Options) anchors() []Anchor {
	a := append([]Anchor{}, EmbeddedAnchors()...)
	a = append(a, o.Bundle.anchors()...)
	if o.Test {
		for _, c := range o.TestAnchors {
			a = append(a, Anchor{Cert: c, Source: SourceTest})
		}
	}
	return a
}

// tsaTrusted checks that a timestamp's TSA chains to an anchor and was
// valid at the time it vouches for.
func tsaTrusted(ts *TimestampEvidence, b *builder) (bool, string) {
	path, anchor, why := b.build(ts.TSA)
	if anchor == nil {
		return false, "its TSA is not trusted: " + why
	}
	pp := checkPath(path, UsageTimestamp, ts.Time, true)
	if len(pp.fatal) > 0 {
		return false, pp.fatal[0]
	}
	return true, ""
}

// revocations checks each certificate of the path below the anchor.
func revocations(path []*x509.Certificate, anchor *Anchor, rev *revocationData, t time.Time, b *builder) []CertRevocation {
	out := make([]CertRevocation, len(path))
	for i, c := range path {
		if i == len(path)-1 || b.anchorFor(c) != nil {
			out[i] = CertRevocation{Status: RevocationNoData, Problems: []string{"trust anchor: not checked"}}
			if i < len(path)-1 {
				// Below a trusted-list anchor the rest is the anchor's own
				// chain; the anchor is trusted as listed.
				for j := i + 1; j < len(path); j++ {
					out[j] = out[i]
				}
				break
			}
			continue
		}
		out[i] = rev.status(c, path[i+1], t, b)
	}
	return out
}

// decide turns the path checks and revocation into a status and reason.
func decide(res *Result, pp pathProblems, proven, leafIsAnchor bool) (Status, string) {
	if len(pp.fatal) > 0 {
		return StatusUntrusted, pp.fatal[0]
	}
	for i, r := range res.Revocation {
		if r.Status != RevocationRevoked {
			continue
		}
		c := res.Chain[i]
		if !r.RevokedAt.After(res.Time) {
			return StatusUntrusted, fmt.Sprintf("%q was revoked on %s, before the %s %s", name(c), day(r.RevokedAt), basisWord(proven), day(res.Time))
		}
		res.Warnings = append(res.Warnings, fmt.Sprintf("%q was revoked later, on %s; the timestamp proves the signature is older", name(c), day(r.RevokedAt)))
	}
	if len(pp.expired) > 0 {
		return StatusIndeterminate, pp.expired[0]
	}
	if !leafIsAnchor {
		r := res.Revocation[0]
		switch {
		case r.Status == RevocationUnknown:
			return StatusIndeterminate, fmt.Sprintf("the %s says the status of %q is unknown", r.Source, name(res.Chain[0]))
		case r.Status == RevocationNoData:
			return StatusIndeterminate, fmt.Sprintf("the chain is trusted, but no revocation data for %q is at hand", name(res.Chain[0]))
		case !r.Fresh:
			return StatusIndeterminate, fmt.Sprintf("the chain is trusted, but the revocation data for %q (%s, %s) predates the %s %s", name(res.Chain[0]), r.Source, day(r.ThisUpdate), basisWord(proven), day(res.Time))
		}
	}
	return StatusTrusted, fmt.Sprintf("the chain reaches %q (%s), every certificate valid at the %s %s", name(res.Anchor.Cert), res.Anchor.Source, basisWord(proven), day(res.Time))
}

func basisWord(proven bool) string {
	if proven {
		return "proven signing time"
	}
	return "current time"
}
