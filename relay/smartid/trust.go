package smartid

import (
	"crypto/x509"
	"embed"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"
)

//go:embed certs/demo certs/live
var embedded embed.FS

// DemoTrust returns SK's TEST CAs that issue DEMO Smart-ID certificates.
func DemoTrust() *Trust { return mustEmbedded("certs/demo") }

// LiveTrust returns SK's production CAs that issue Smart-ID certificates.
func LiveTrust() *Trust { return mustEmbedded("certs/live") }

func mustEmbedded(dir string) *Trust {
	entries, err := fs.ReadDir(embedded, dir)
	if err != nil {
		panic("smartid: embedded certificates: " + err.Error()) // fixed at build time
	}
	var certs []*x509.Certificate
	for _, e := range entries {
		data, err := fs.ReadFile(embedded, path.Join(dir, e.Name()))
		if err != nil {
			panic("smartid: embedded certificates: " + err.Error())
		}
		cs, err := ParseCertificates(string(data))
		if err != nil {
			panic("smartid: embedded " + e.Name() + ": " + err.Error())
		}
		certs = append(certs, cs...)
	}
	return NewTrust(certs...)
}

// ParseCertificates reads certificates given as PEM blocks, or as Base64
// DER separated by commas or white space (easier to pass in one
// environment variable).
func ParseCertificates(text string) ([]*x509.Certificate, error) {
	var certs []*x509.Certificate
	if strings.Contains(text, "-----BEGIN") {
		rest := []byte(text)
		for {
			var b *pem.Block
			b, rest = pem.Decode(rest)
			if b == nil {
				break
			}
			if b.Type != "CERTIFICATE" {
				continue
			}
			c, err := x509.ParseCertificate(b.Bytes)
			if err != nil {
				return nil, fmt.Errorf("certificate %d: %w", len(certs)+1, err)
			}
			certs = append(certs, c)
		}
	} else {
		for _, f := range strings.FieldsFunc(text, func(r rune) bool { return r == ',' || r == ' ' || r == '\n' || r == '\t' || r == '\r' }) {
			der, err := base64.StdEncoding.DecodeString(f)
			if err != nil {
				return nil, fmt.Errorf("certificate %d is neither PEM nor Base64", len(certs)+1)
			}
			c, err := x509.ParseCertificate(der)
			if err != nil {
				return nil, fmt.Errorf("certificate %d: %w", len(certs)+1, err)
			}
			certs = append(certs, c)
		}
	}
	if len(certs) == 0 {
		return nil, errors.New("no certificate found")
	}
	return certs, nil
}
