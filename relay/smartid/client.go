package smartid

import (
	"bytes"
	"crypto/x509"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"
)

// Certificate levels (RP API v3, certificateLevel).
const (
	LevelAdvanced  = "ADVANCED"
	LevelQualified = "QUALIFIED"
	LevelQSCD      = "QSCD"
)

// Scheme names, the first field of authCode payloads.
const (
	SchemeLive = "smart-id"
	SchemeDemo = "smart-id-demo"
)

// Config is what a Client needs. BaseURL, RelyingPartyUUID,
// RelyingPartyName and Trust are required.
type Config struct {
	// BaseURL is the RP API v3 root, for example
	// https://sid.demo.sk.ee/smart-id-rp/v3 or http://localhost:8080/sim/v3.
	BaseURL string
	// RelyingPartyUUID and RelyingPartyName identify the relying party.
	// The name is sent byte for byte and goes into authCodes.
	RelyingPartyUUID, RelyingPartyName string
	// SchemeName is smart-id (live) or smart-id-demo (DEMO and the
	// simulator); default smart-id-demo unless BaseURL is SK's live host.
	SchemeName string
	// CertificateLevel is requested in every session (default QUALIFIED).
	CertificateLevel string
	// Trust holds the SK CA certificates that anchor Smart-ID
	// certificates; nothing else is trusted.
	Trust *Trust
	// HTTPClient sends the requests (default: a client with
	// http.DefaultTransport). Its Timeout should be zero: every call has
	// its own deadline.
	HTTPClient *http.Client
	// RequestTimeout bounds a session-creating call (default 10 s). A
	// status poll gets its long-poll time on top.
	RequestTimeout time.Duration
	// Now returns the time for certificate validity (default time.Now).
	Now func() time.Time
	// OCSP configures the revocation check of returned certificates.
	OCSP OCSPConfig
	// CacheSize bounds how many verified certificates the client
	// remembers (default 1024), so that polls of a completed session do
	// not verify the same chain again.
	CacheSize int
}

// liveHost is SK's production RP API.
const liveHost = "rp-api.smart-id.com"

// Client calls the RP API v3. It is safe for concurrent use and keeps no
// session state.
type Client struct {
	cfg   Config
	base  string
	cache *certCache
}

var uuidPattern = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// New checks cfg and returns a client.
func New(cfg Config) (*Client, error) {
	var errs []error
	u, err := url.Parse(cfg.BaseURL)
	switch {
	case cfg.BaseURL == "":
		errs = append(errs, errors.New("the RP API base URL is missing"))
	case err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.RawQuery != "" || u.Fragment != "":
		errs = append(errs, fmt.Errorf("the RP API base URL %q is not an http(s) URL without query", cfg.BaseURL))
	}
	if !uuidPattern.MatchString(cfg.RelyingPartyUUID) {
		errs = append(errs, errors.New("the relying party UUID is missing or not a UUID"))
	}
	if cfg.RelyingPartyName == "" || len(cfg.RelyingPartyName) > 32 {
		errs = append(errs, errors.New("the relying party name must be 1 to 32 bytes"))
	}
	if cfg.SchemeName == "" {
		cfg.SchemeName = SchemeDemo
		if u != nil && u.Hostname() == liveHost {
			cfg.SchemeName = SchemeLive
		}
	}
	if cfg.SchemeName != SchemeLive && cfg.SchemeName != SchemeDemo {
		errs = append(errs, fmt.Errorf("the scheme name %q is neither %s nor %s", cfg.SchemeName, SchemeLive, SchemeDemo))
	}
	if cfg.CertificateLevel == "" {
		cfg.CertificateLevel = LevelQualified
	}
	if levelRank(cfg.CertificateLevel) == 0 {
		errs = append(errs, fmt.Errorf("the certificate level %q is not ADVANCED, QUALIFIED or QSCD", cfg.CertificateLevel))
	}
	if u, err := url.Parse(cfg.OCSP.URL); cfg.OCSP.URL != "" && (err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "") {
		errs = append(errs, fmt.Errorf("the OCSP responder %q is not an http(s) URL", cfg.OCSP.URL))
	}
	if cfg.Trust == nil || cfg.Trust.empty() {
		errs = append(errs, errors.New("no SK CA certificates to trust"))
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = &http.Client{}
	}
	if cfg.RequestTimeout <= 0 {
		cfg.RequestTimeout = 10 * time.Second
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.OCSP.HTTPClient == nil {
		cfg.OCSP.HTTPClient = &http.Client{}
	}
	if cfg.OCSP.Timeout <= 0 {
		cfg.OCSP.Timeout = defaultOCSPTimeout
	}
	if cfg.OCSP.MaxAge <= 0 {
		cfg.OCSP.MaxAge = defaultOCSPMaxAge
	}
	if cfg.OCSP.ReuseGood <= 0 {
		cfg.OCSP.ReuseGood = defaultOCSPReuseGood
	}
	if cfg.CacheSize <= 0 {
		cfg.CacheSize = defaultCacheSize
	}
	return &Client{cfg: cfg, base: strings.TrimRight(cfg.BaseURL, "/"), cache: newCertCache(cfg.CacheSize)}, nil
}

// SchemeName returns the scheme name authCodes use.
func (c *Client) SchemeName() string { return c.cfg.SchemeName }

// CertificateLevel returns the level the client requests.
func (c *Client) CertificateLevel() string { return c.cfg.CertificateLevel }

// levelRank orders levels; QSCD is a qualified certificate on a QSCD.
func levelRank(l string) int {
	switch l {
	case LevelAdvanced:
		return 1
	case LevelQualified, LevelQSCD:
		return 2
	}
	return 0
}

// Trust is a set of SK CA certificates: roots and the issuing CAs under
// them.
type Trust struct {
	roots, intermediates *x509.CertPool
	n                    int
	cas                  []*x509.Certificate
}

// NewTrust sorts certs into roots (self-signed) and intermediates.
func NewTrust(certs ...*x509.Certificate) *Trust {
	t := &Trust{roots: x509.NewCertPool(), intermediates: x509.NewCertPool()}
	for _, c := range certs {
		if !c.IsCA {
			continue
		}
		if c.CheckSignatureFrom(c) == nil {
			t.roots.AddCert(c)
		} else {
			t.intermediates.AddCert(c)
		}
		t.n++
		t.cas = append(t.cas, c)
	}
	return t
}

// issuerOf returns the configured CA named as cert's issuer, with the key
// its authority key identifier names. It checks no signature: it serves
// certificates verified before (see SignatureExpectation.Verified).
func (t *Trust) issuerOf(cert *x509.Certificate) *x509.Certificate {
	for _, ca := range t.cas {
		if bytes.Equal(ca.RawSubject, cert.RawIssuer) &&
			(len(cert.AuthorityKeyId) == 0 || bytes.Equal(ca.SubjectKeyId, cert.AuthorityKeyId)) {
			return ca
		}
	}
	return nil
}

func (t *Trust) empty() bool { return t.n == 0 }
