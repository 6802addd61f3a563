package trust

import (
	"crypto/ecdsa"
	"crypto/rsa"
	"crypto/x509"
	"fmt"
	"slices"
	"time"
)

// Usage says what the end certificate of a chain is used for.
type Usage int

const (
	// UsageSignature: an electronic signature (or seal) over a document.
	UsageSignature Usage = iota
	// UsageTimestamp: an RFC 3161 timestamp.
	UsageTimestamp
)

// pathProblems are what the checks of a path found: fatal problems make
// the chain untrusted, expiry at an unproven time makes it indeterminate,
// warnings are shown.
type pathProblems struct {
	fatal    []string
	expired  []string
	warnings []string
}

// checkPath checks every certificate of path (leaf first) at t.
// provenTime says whether t is proven by a timestamp.
func checkPath(path []*x509.Certificate, usage Usage, t time.Time, provenTime bool) pathProblems {
	var p pathProblems
	for i, c := range path {
		switch {
		case t.Before(c.NotBefore):
			p.fatal = append(p.fatal, fmt.Sprintf("%q was not yet valid at %s (valid from %s)", name(c), day(t), day(c.NotBefore)))
		case t.After(c.NotAfter) && provenTime:
			p.fatal = append(p.fatal, fmt.Sprintf("%q had expired at the proven time %s (valid until %s)", name(c), day(t), day(c.NotAfter)))
		case t.After(c.NotAfter):
			p.expired = append(p.expired, fmt.Sprintf("%q expired on %s and no trusted timestamp proves the signature was made before", name(c), day(c.NotAfter)))
		}
		if i > 0 {
			p.checkCA(path, i)
		}
		if !(i == len(path)-1 && isSelfSigned(c)) {
			p.checkAlgorithm(c)
		}
	}
	p.checkLeaf(path[0], usage)
	return p
}

func (p *pathProblems) checkCA(path []*x509.Certificate, i int) {
	c := path[i]
	v1Root := c.Version < 3 && i == len(path)-1 && isSelfSigned(c)
	if !v1Root && (!c.BasicConstraintsValid || !c.IsCA) {
		p.fatal = append(p.fatal, fmt.Sprintf("%q issued a certificate but is not a CA (basic constraints)", name(c)))
	}
	if c.KeyUsage != 0 && c.KeyUsage&x509.KeyUsageCertSign == 0 {
		p.fatal = append(p.fatal, fmt.Sprintf("%q issued a certificate but its key usage does not allow it", name(c)))
	}
	// Intermediate CAs below c, self-issued ones included for simplicity.
	below := i - 1
	if c.BasicConstraintsValid && (c.MaxPathLen > 0 || c.MaxPathLenZero) && below > c.MaxPathLen {
		p.fatal = append(p.fatal, fmt.Sprintf("%q allows %d CA certificates below it, the chain has %d", name(c), c.MaxPathLen, below))
	}
}

func (p *pathProblems) checkLeaf(c *x509.Certificate, usage Usage) {
	switch usage {
	case UsageSignature:
		if c.KeyUsage != 0 && c.KeyUsage&(x509.KeyUsageDigitalSignature|x509.KeyUsageContentCommitment) == 0 {
			p.fatal = append(p.fatal, fmt.Sprintf("the key usage of %q allows neither digitalSignature nor nonRepudiation", name(c)))
		}
	case UsageTimestamp:
		if !slices.Contains(c.ExtKeyUsage, x509.ExtKeyUsageTimeStamping) {
			p.fatal = append(p.fatal, fmt.Sprintf("%q lacks the timeStamping extended key usage", name(c)))
		}
	}
}

func (p *pathProblems) checkAlgorithm(c *x509.Certificate) {
	switch c.SignatureAlgorithm {
	case x509.MD2WithRSA, x509.MD5WithRSA:
		p.fatal = append(p.fatal, fmt.Sprintf("%q is signed with the broken %v", name(c), c.SignatureAlgorithm))
	case x509.SHA1WithRSA, x509.ECDSAWithSHA1, x509.DSAWithSHA1:
		p.warnings = append(p.warnings, fmt.Sprintf("%q is signed with SHA-1", name(c)))
	}
	switch k := c.PublicKey.(type) {
	case *rsa.PublicKey:
		switch bits := k.N.BitLen(); {
		case bits < 1024:
			p.fatal = append(p.fatal, fmt.Sprintf("%q has a %d-bit RSA key", name(c), bits))
		case bits < 2048:
			p.warnings = append(p.warnings, fmt.Sprintf("%q has a weak %d-bit RSA key", name(c), bits))
		}
	case *ecdsa.PublicKey:
		if bits := k.Curve.Params().BitSize; bits < 256 {
			p.warnings = append(p.warnings, fmt.Sprintf("%q has a weak %d-bit EC key", name(c), bits))
		}
	}
}

func day(t time.Time) string { return t.UTC().Format(time.RFC3339) }
