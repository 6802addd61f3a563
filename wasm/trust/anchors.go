package trust

import (
	"crypto/x509"
	"embed"
	"encoding/pem"
	"fmt"
	"io/fs"
	"sync"
)

//go:embed anchors/*.pem
var anchorFiles embed.FS

// Where an anchor comes from.
const (
	SourceEmbedded    = "embedded SK ID Solutions anchor"
	SourceTrustedList = "EU trusted list"
	SourceTest        = "test anchor"
)

// Anchor is a certificate trusted without a chain.
type Anchor struct {
	Cert   *x509.Certificate
	Source string
	// Qualified says that an embedded issuing CA issues qualified
	// certificates (false for SK's non-qualified CAs and for roots).
	Qualified bool
	// Service is the trusted-list service the anchor stands for, if any.
	Service *Service
}

// qualifiedSK names SK's issuing CAs for qualified certificates; their
// non-qualified twins (NQ-SK 2016, EID-NQ 2021E/R) issue Smart-ID Basic.
var qualifiedSK = map[string]bool{
	"EID-SK 2016":                 true,
	"SK ID Solutions EID-Q 2024E": true,
	"SK ID Solutions EID-Q 2024R": true,
}

var embedded = sync.OnceValues(func() ([]Anchor, error) {
	var out []Anchor
	err := fs.WalkDir(anchorFiles, "anchors", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := anchorFiles.ReadFile(path)
		if err != nil {
			return err
		}
		block, _ := pem.Decode(data)
		if block == nil {
			return fmt.Errorf("%s: no PEM certificate", path)
		}
		c, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		out = append(out, Anchor{Cert: c, Source: SourceEmbedded, Qualified: qualifiedSK[c.Subject.CommonName]})
		return nil
	})
	return out, err
})

// EmbeddedAnchors returns the SK ID Solutions production CAs built into
// the verifier.
func EmbeddedAnchors() []Anchor {
	a, err := embedded()
	if err != nil {
		// The files are part of the build; a test catches this.
		panic("trust: embedded anchors: " + err.Error())
	}
	return a
}
