package server

import (
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/verso-pdf/verso/relay/smartid"
)

// Env is the relay's configuration, read from environment variables
// (relay/API.md lists them). With SMARTID_BASE_URL empty the relay uses
// the built-in simulator and fills in the Smart-ID fields itself.
type Env struct {
	SmartIDBaseURL   string   // SMARTID_BASE_URL, e.g. https://sid.demo.sk.ee/smart-id-rp/v3
	RelyingPartyUUID string   // SMARTID_RP_UUID
	RelyingPartyName string   // SMARTID_RP_NAME
	Scheme           string   // SMARTID_SCHEME: smart-id or smart-id-demo (default by host)
	CertificateLevel string   // SMARTID_CERT_LEVEL (default QUALIFIED)
	TLSPins          []string // SMARTID_TLS_PINS: SPKI SHA-256, Base64, comma-separated
	// Trust is SMARTID_CA_CERTS (PEM, or Base64 DER separated by commas),
	// else SK's demo or live CAs by the base URL's host.
	Trust       *smartid.Trust
	CallbackURL string // SMARTID_CALLBACK_URL
	// OCSPResponder is SMARTID_OCSP_URL: SK's OCSP responder for Smart-ID
	// certificates; empty asks the one the certificate's AIA names.
	OCSPResponder string
	// OCSPNonce is SMARTID_OCSP_NONCE=required: refuse OCSP answers that
	// do not echo the request's nonce.
	OCSPNonce   bool
	DisplayText string // SMARTID_DISPLAY_TEXT

	HandleKeys     [][]byte // VERSO_HANDLE_KEYS: Base64 32-byte keys, comma-separated, newest first
	CORSOrigins    []string // VERSO_CORS_ORIGINS
	TSAURL         string   // VERSO_TSA_URL
	OCSPURL        string   // VERSO_OCSP_URL
	ClientRate     int      // VERSO_RATE_PER_CLIENT: starts per minute per address (default 30)
	IdentityRate   int      // VERSO_RATE_PER_IDENTITY: notifications per minute per person (default 3)
	ClientIPHeader string   // VERSO_CLIENT_IP_HEADER, e.g. CF-Connecting-IP
	// EgressAcknowledged is VERSO_WORKER_EGRESS=dedicated: the operator
	// states that the Worker's egress IP is fixed and registered with SK.
	EgressAcknowledged bool
}

// Simulated reports whether no Smart-ID service is configured.
func (e *Env) Simulated() bool { return e.SmartIDBaseURL == "" }

// Live reports whether the configured service is SK's production API.
func (e *Env) Live() bool {
	u, err := url.Parse(e.SmartIDBaseURL)
	return err == nil && u.Hostname() == "rp-api.smart-id.com"
}

// ReadEnv reads and checks the configuration. The error lists every
// mistake, one per line, naming the variable.
func ReadEnv(getenv func(string) string) (*Env, error) {
	var errs []error
	bad := func(name, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s: "+format, append([]any{name}, args...)...))
	}
	list := func(name string) []string {
		var out []string
		for _, f := range strings.Split(getenv(name), ",") {
			if f = strings.TrimSpace(f); f != "" {
				out = append(out, f)
			}
		}
		return out
	}
	rate := func(name string, def int) int {
		v := getenv(name)
		if v == "" {
			return def
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			bad(name, "%q is not a whole number of requests per minute (0 for no limit)", v)
		}
		return n
	}
	e := &Env{
		SmartIDBaseURL: strings.TrimSpace(getenv("SMARTID_BASE_URL")), RelyingPartyUUID: getenv("SMARTID_RP_UUID"),
		RelyingPartyName: getenv("SMARTID_RP_NAME"), Scheme: getenv("SMARTID_SCHEME"),
		CertificateLevel: getenv("SMARTID_CERT_LEVEL"), TLSPins: list("SMARTID_TLS_PINS"),
		CallbackURL: getenv("SMARTID_CALLBACK_URL"), DisplayText: getenv("SMARTID_DISPLAY_TEXT"),
		OCSPResponder: strings.TrimSpace(getenv("SMARTID_OCSP_URL")),
		CORSOrigins:   list("VERSO_CORS_ORIGINS"), TSAURL: getenv("VERSO_TSA_URL"), OCSPURL: getenv("VERSO_OCSP_URL"),
		ClientRate: rate("VERSO_RATE_PER_CLIENT", 30), IdentityRate: rate("VERSO_RATE_PER_IDENTITY", 3),
		ClientIPHeader: getenv("VERSO_CLIENT_IP_HEADER"),
	}
	switch v := getenv("SMARTID_OCSP_NONCE"); v {
	case "", "optional":
	case "required":
		e.OCSPNonce = true
	default:
		bad("SMARTID_OCSP_NONCE", "%q: required or optional", v)
	}
	switch v := getenv("VERSO_WORKER_EGRESS"); v {
	case "":
	case "dedicated":
		e.EgressAcknowledged = true
	default:
		bad("VERSO_WORKER_EGRESS", "%q: the only value is dedicated", v)
	}
	for i, k := range list("VERSO_HANDLE_KEYS") {
		key, err := base64.StdEncoding.DecodeString(k)
		if err != nil || len(key) != HandleKeySize {
			bad("VERSO_HANDLE_KEYS", "key %d is not Base64 of %d random bytes (openssl rand -base64 32)", i+1, HandleKeySize)
			continue
		}
		e.HandleKeys = append(e.HandleKeys, key)
	}
	if ca := getenv("SMARTID_CA_CERTS"); ca != "" {
		certs, err := smartid.ParseCertificates(ca)
		if err != nil {
			bad("SMARTID_CA_CERTS", "%v", err)
		} else {
			e.Trust = smartid.NewTrust(certs...)
		}
	}
	if e.Simulated() {
		for _, name := range []string{"SMARTID_RP_UUID", "SMARTID_RP_NAME", "SMARTID_TLS_PINS", "SMARTID_CA_CERTS"} {
			if getenv(name) != "" {
				bad(name, "set without SMARTID_BASE_URL; set both, or neither for the simulator")
			}
		}
		return e, errors.Join(errs...)
	}
	if e.Trust == nil {
		e.Trust = smartid.DemoTrust()
		if e.Live() {
			e.Trust = smartid.LiveTrust()
		}
	}
	if u, err := url.Parse(e.SmartIDBaseURL); err == nil && u.Scheme == "https" && len(e.TLSPins) == 0 {
		bad("SMARTID_TLS_PINS", "required with an https SMARTID_BASE_URL: SK requires pinning (current and next key)")
	}
	if len(e.HandleKeys) == 0 {
		bad("VERSO_HANDLE_KEYS", "required with SMARTID_BASE_URL: replicas must open each other's handles")
	}
	if _, err := e.client(nil); err != nil {
		for _, line := range strings.Split(err.Error(), "\n") {
			bad("SMARTID_*", "%s", line)
		}
	}
	return e, errors.Join(errs...)
}

// client builds the Smart-ID client over hc.
func (e *Env) client(hc *http.Client) (*smartid.Client, error) {
	return smartid.New(smartid.Config{
		BaseURL: e.SmartIDBaseURL, RelyingPartyUUID: e.RelyingPartyUUID, RelyingPartyName: e.RelyingPartyName,
		SchemeName: e.Scheme, CertificateLevel: e.CertificateLevel, Trust: e.Trust, HTTPClient: hc,
		OCSP: smartid.OCSPConfig{URL: e.OCSPResponder, RequireNonce: e.OCSPNonce},
	})
}

// API returns the API configuration, with Smart-ID calls going through hc.
func (e *Env) API(hc *http.Client) (*API, error) {
	c, err := e.client(hc)
	if err != nil {
		return nil, err
	}
	a := &API{
		SmartID: c, HandleKeys: e.HandleKeys, Audience: e.SmartIDBaseURL + "|" + e.RelyingPartyUUID,
		CallbackURL: e.CallbackURL, DisplayText: e.DisplayText, TSAURL: e.TSAURL, OCSPURL: e.OCSPURL,
		CORSOrigins: e.CORSOrigins, ClientIPHeader: e.ClientIPHeader, ClientRate: e.ClientRate, IdentityRate: e.IdentityRate,
	}
	return a, a.Check()
}
