package sim

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"fmt"
	"path/filepath"
	"sync"
)

// user is an account's key and signing certificate, made on first use:
// RSA key generation is the slow part of starting a simulator.
type user struct {
	once sync.Once
	cert *x509.Certificate
	key  *rsa.PrivateKey
	err  error
}

// userFor returns the key and certificate of a, generating (or loading
// from the PKI directory) them once.
func (s *Simulator) userFor(a Account) (*x509.Certificate, *rsa.PrivateKey, error) {
	s.usersMu.Lock()
	u := s.users[a.DocumentNumber]
	if u == nil {
		u = &user{}
		s.users[a.DocumentNumber] = u
	}
	s.usersMu.Unlock()
	u.once.Do(func() { u.cert, u.key, u.err = s.makeUser(a) })
	return u.cert, u.key, u.err
}

func (s *Simulator) makeUser(a Account) (*x509.Certificate, *rsa.PrivateKey, error) {
	path := ""
	if s.opts.PKIDir != "" {
		path = filepath.Join(s.opts.PKIDir, "users", a.DocumentNumber+".pem")
		c, k, err := readKeyPair(path)
		if err == nil {
			rk, ok := k.(*rsa.PrivateKey)
			if !ok || !checkUserKey(rk, c) {
				return nil, nil, fmt.Errorf("%s: not an RSA key pair", path)
			}
			s.pki.record(c)
			return c, rk, nil
		}
		if !isNotExist(err) {
			return nil, nil, err
		}
	}
	key, err := rsa.GenerateKey(rand.Reader, s.opts.UserKeyBits)
	if err != nil {
		return nil, nil, fmt.Errorf("generating a user key: %w", err)
	}
	issuer, file := s.pki.qualified, "qualified.crt"
	if a.Level() == LevelAdvanced {
		issuer, file = s.pki.nonQualified, "nonqualified.crt"
	}
	t, err := userTemplate(a, s.now(), s.opts.BaseURL, file)
	if err != nil {
		return nil, nil, err
	}
	issued, err := issue(t, issuer, key)
	if err != nil {
		return nil, nil, fmt.Errorf("issuing a user certificate: %w", err)
	}
	s.pki.record(issued.cert)
	if path != "" {
		if err := mkdirFor(path); err != nil {
			return nil, nil, err
		}
		if err := writeKeyPair(path, issued.cert, key); err != nil {
			return nil, nil, err
		}
	}
	return issued.cert, key, nil
}
