package sim

import (
	"crypto"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// The files of a saved PKI, in the order of PKI.authorities. Each holds
// the certificate and its PKCS #8 private key as PEM.
var pkiFiles = []string{"root.pem", "qualified.pem", "nonqualified.pem", "tsa-ca.pem", "tsa.pem", "ocsp.pem"}

// Save writes the PKI to dir (created if needed), one PEM file per
// certificate with its private key, readable by the owner only. Users'
// keys are saved by the simulator as it issues them (dir/users).
func (p *PKI) Save(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	for i, a := range p.authorities() {
		if err := writeKeyPair(filepath.Join(dir, pkiFiles[i]), a.cert, a.key); err != nil {
			return err
		}
	}
	return nil
}

// LoadPKI reads a PKI saved with Save. An error wrapping os.ErrNotExist
// means there is none in dir yet.
func LoadPKI(dir string) (*PKI, error) {
	p := &PKI{}
	dst := []**authority{&p.root, &p.qualified, &p.nonQualified, &p.tsaCA, &p.tsaUnit, &p.ocspResponder}
	for i, name := range pkiFiles {
		c, k, err := readKeyPair(filepath.Join(dir, name))
		if err != nil {
			return nil, err
		}
		*dst[i] = &authority{cert: c, key: k}
	}
	// The tree must hang together, or OCSP and timestamps would fail later
	// with less obvious errors.
	for _, link := range []struct{ child, parent *authority }{
		{p.root, p.root}, {p.qualified, p.root}, {p.nonQualified, p.root}, {p.tsaCA, p.root},
		{p.tsaUnit, p.tsaCA}, {p.ocspResponder, p.qualified},
	} {
		if err := link.child.cert.CheckSignatureFrom(link.parent.cert); err != nil {
			return nil, fmt.Errorf("PKI in %s: %s is not signed by %s: %w", dir, link.child.cert.Subject.CommonName, link.parent.cert.Subject.CommonName, err)
		}
	}
	p.index()
	return p, nil
}

func writeKeyPair(path string, c *x509.Certificate, key crypto.Signer) error {
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return err
	}
	data := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: c.Raw})
	data = append(data, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})...)
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

func readKeyPair(path string) (*x509.Certificate, crypto.Signer, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	var cert *x509.Certificate
	var key crypto.Signer
	for {
		var b *pem.Block
		b, data = pem.Decode(data)
		if b == nil {
			break
		}
		switch b.Type {
		case "CERTIFICATE":
			if cert, err = x509.ParseCertificate(b.Bytes); err != nil {
				return nil, nil, fmt.Errorf("%s: %w", path, err)
			}
		case "PRIVATE KEY":
			k, err := x509.ParsePKCS8PrivateKey(b.Bytes)
			if err != nil {
				return nil, nil, fmt.Errorf("%s: %w", path, err)
			}
			var ok bool
			if key, ok = k.(crypto.Signer); !ok {
				return nil, nil, fmt.Errorf("%s: the private key cannot sign", path)
			}
		}
	}
	if cert == nil || key == nil {
		return nil, nil, fmt.Errorf("%s: want a CERTIFICATE and a PRIVATE KEY block", path)
	}
	if !publicKeysEqual(cert.PublicKey, key.Public()) {
		return nil, nil, fmt.Errorf("%s: the private key does not match the certificate", path)
	}
	return cert, key, nil
}

func publicKeysEqual(a, b crypto.PublicKey) bool {
	eq, ok := a.(interface{ Equal(crypto.PublicKey) bool })
	return ok && eq.Equal(b)
}

// isNotExist reports whether err means a file is missing.
func isNotExist(err error) bool { return errors.Is(err, os.ErrNotExist) }

// mkdirFor creates the directory of path, readable by the owner only.
func mkdirFor(path string) error { return os.MkdirAll(filepath.Dir(path), 0o700) }
