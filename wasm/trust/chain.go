package trust

import (
	"bytes"
	"crypto/x509"
	"fmt"
)

// builder finds a path from a certificate to an anchor.
type builder struct {
	anchors []Anchor
	// responders are OCSP responders a trusted list names.
	responders []*x509.Certificate
	pool       []*x509.Certificate
	checks     int
}

func newBuilder(anchors []Anchor, certs []*x509.Certificate) *builder {
	b := &builder{anchors: anchors}
	seen := map[string]bool{}
	for _, c := range certs {
		if c == nil || seen[string(c.Raw)] || len(b.pool) == MaxCandidates {
			continue
		}
		seen[string(c.Raw)] = true
		b.pool = append(b.pool, c)
	}
	return b
}

// anchorFor returns the anchor c is, by subject and key, so that a
// re-issued copy of an anchor certificate is the anchor too.
func (b *builder) anchorFor(c *x509.Certificate) *Anchor {
	for i := range b.anchors {
		a := b.anchors[i].Cert
		if bytes.Equal(a.RawSubject, c.RawSubject) && bytes.Equal(a.RawSubjectPublicKeyInfo, c.RawSubjectPublicKeyInfo) {
			return &b.anchors[i]
		}
	}
	return nil
}

// issuers returns the candidates that may have issued c, anchors first.
func (b *builder) issuers(c *x509.Certificate) []*x509.Certificate {
	var out []*x509.Certificate
	consider := func(p *x509.Certificate) {
		if !bytes.Equal(p.RawSubject, c.RawIssuer) {
			return
		}
		if len(c.AuthorityKeyId) > 0 && len(p.SubjectKeyId) > 0 && !bytes.Equal(c.AuthorityKeyId, p.SubjectKeyId) {
			return
		}
		for _, q := range out {
			if bytes.Equal(q.Raw, p.Raw) {
				return
			}
		}
		out = append(out, p)
	}
	for _, a := range b.anchors {
		consider(a.Cert)
	}
	for _, p := range b.pool {
		consider(p)
	}
	return out
}

// signs reports whether parent's key made c's signature. SHA-1 is
// accepted here (CheckSignature allows it) and flagged by the path checks.
func (b *builder) signs(parent, c *x509.Certificate) bool {
	if b.checks >= maxSignatureChecks {
		return false
	}
	b.checks++
	return certificateSignedBy(parent, c)
}

// build returns the path from leaf to an anchor, leaf first, and the
// anchor; without one, the longest path found and a reason.
func (b *builder) build(leaf *x509.Certificate) (path []*x509.Certificate, anchor *Anchor, reason string) {
	best := []*x509.Certificate{leaf}
	var walk func(p []*x509.Certificate) ([]*x509.Certificate, *Anchor)
	walk = func(p []*x509.Certificate) ([]*x509.Certificate, *Anchor) {
		top := p[len(p)-1]
		if a := b.anchorFor(top); a != nil {
			return p, a
		}
		if len(p) > len(best) {
			best = p
		}
		if len(p) == MaxChainLength {
			reason = fmt.Sprintf("the chain is longer than %d certificates", MaxChainLength)
			return nil, nil
		}
		for _, parent := range b.issuers(top) {
			if inPath(p, parent) || !b.signs(parent, top) {
				continue
			}
			if found, a := walk(append(p[:len(p):len(p)], parent)); found != nil {
				return found, a
			}
		}
		return nil, nil
	}
	path, anchor = walk(best)
	if path == nil {
		path = best
		if reason == "" {
			top := best[len(best)-1]
			if isSelfSigned(top) {
				reason = fmt.Sprintf("the chain ends at %q, a root that is not trusted", name(top))
			} else {
				reason = fmt.Sprintf("no trusted anchor and no certificate of %q, the issuer of %q, is at hand", nameOf(top.Issuer.String(), top.Issuer.CommonName), name(top))
			}
		}
		return path, nil, reason
	}
	return b.extend(path), anchor, ""
}

// extend continues a path that reached an anchor with the anchor's own
// issuers among the anchors, up to a root, for a complete chain in the
// Report.
func (b *builder) extend(path []*x509.Certificate) []*x509.Certificate {
	for len(path) < MaxChainLength {
		top := path[len(path)-1]
		if isSelfSigned(top) {
			break
		}
		next := (*x509.Certificate)(nil)
		for _, a := range b.anchors {
			if bytes.Equal(a.Cert.RawSubject, top.RawIssuer) && !inPath(path, a.Cert) && b.signs(a.Cert, top) {
				next = a.Cert
				break
			}
		}
		if next == nil {
			break
		}
		path = append(path, next)
	}
	return path
}

func inPath(p []*x509.Certificate, c *x509.Certificate) bool {
	for _, q := range p {
		if bytes.Equal(q.Raw, c.Raw) {
			return true
		}
	}
	return false
}

func isSelfSigned(c *x509.Certificate) bool {
	return bytes.Equal(c.RawSubject, c.RawIssuer) && certificateSignedBy(c, c)
}

func name(c *x509.Certificate) string { return nameOf(c.Subject.String(), c.Subject.CommonName) }

func nameOf(full, cn string) string {
	if cn != "" {
		return cn
	}
	return full
}
