package main

import (
	"bytes"
	"context"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// relayClient speaks the relay's browser-facing API (relay/API.md) the way
// the sign page does. Nothing but digests, signed attributes and
// certificate identifiers is sent; the PDF never leaves this process.
type relayClient struct {
	base *url.URL
	http *http.Client
	// poll is how long one long poll may wait at the relay.
	poll time.Duration
}

// Limits on what the relay may send back.
const (
	maxRelayAnswer = 256 << 10 // a JSON answer with a certificate chain
	maxRelayChain  = 10
)

func newRelayClient(base string) (*relayClient, error) {
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("--relay %q is not an http(s) URL such as https://verso.example", base)
	}
	u.Path = strings.TrimSuffix(u.Path, "/")
	// Each request has its own deadline (the long poll plus slack), so the
	// client needs none beyond the context's.
	return &relayClient{base: u, http: &http.Client{}, poll: 30 * time.Second}, nil
}

// relayError is an answer of the relay with a status other than 200.
type relayError struct {
	Op      string
	Status  int
	Message string
}

func (e *relayError) Error() string {
	switch {
	case e.Status == http.StatusNotFound && e.Op == "certificate choice":
		return fmt.Sprintf("%s: %s (is the identity number right, and does the person have a qualified Smart-ID account?)", e.Op, e.Message)
	case e.Status == http.StatusTooManyRequests:
		return fmt.Sprintf("%s: the relay limits requests: %s", e.Op, e.Message)
	case e.Status == http.StatusGone:
		return fmt.Sprintf("%s: the session expired: %s", e.Op, e.Message)
	}
	return fmt.Sprintf("%s: the relay answered %d %s: %s", e.Op, e.Status, http.StatusText(e.Status), e.Message)
}

// do sends one request and reads the answer, at most maxRelayAnswer
// bytes; an answer other than 200 becomes a *relayError.
func (c *relayClient) do(ctx context.Context, op, method, path, contentType string, body []byte, timeout time.Duration) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	u := *c.base
	path, query, _ := strings.Cut(path, "?")
	u.Path += path
	u.RawQuery = query
	req, err := http.NewRequestWithContext(ctx, method, u.String(), bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	if body != nil {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return nil, fmt.Errorf("%s: the relay did not answer within %s", op, timeout)
		}
		return nil, fmt.Errorf("%s: the relay cannot be reached: %w", op, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxRelayAnswer+1))
	switch {
	case err != nil:
		return nil, fmt.Errorf("%s: the relay's answer broke off: %w", op, err)
	case len(data) > maxRelayAnswer:
		return nil, fmt.Errorf("%s: the relay's answer is larger than %d bytes", op, maxRelayAnswer)
	case resp.StatusCode != http.StatusOK:
		var e struct{ Error string }
		if json.Unmarshal(data, &e) != nil || e.Error == "" {
			e.Error = "no explanation given"
		}
		return nil, &relayError{Op: op, Status: resp.StatusCode, Message: e.Error}
	}
	return data, nil
}

func (c *relayClient) postJSON(ctx context.Context, op, path string, in, out any) error {
	body, err := json.Marshal(in)
	if err != nil {
		return err
	}
	data, err := c.do(ctx, op, http.MethodPost, path, "application/json", body, 30*time.Second)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(data, out); err != nil {
		return fmt.Errorf("%s: the relay's answer is not the expected JSON: %w", op, err)
	}
	return nil
}

// started is the answer of the session-starting calls.
type started struct {
	Handle           string `json:"handle"`
	Flow             string `json:"flow"`
	VerificationCode string `json:"verificationCode"`
}

// startChoice starts a certificate choice by notification to identity.
func (c *relayClient) startChoice(ctx context.Context, identity string) (*started, error) {
	var s started
	if err := c.postJSON(ctx, "certificate choice", "/api/v1/certificate-choice", map[string]string{"identity": identity}, &s); err != nil {
		return nil, err
	}
	if s.Handle == "" {
		return nil, errors.New("certificate choice: the relay returned no session handle")
	}
	return &s, nil
}

// startSignature asks the signer, through the chosen session, to sign
// the signed attributes.
func (c *relayClient) startSignature(ctx context.Context, handle string, signedAttrs []byte) (*started, error) {
	var s started
	req := map[string]string{"handle": handle, "signedAttributes": base64.StdEncoding.EncodeToString(signedAttrs)}
	if err := c.postJSON(ctx, "signature", "/api/v1/signature", req, &s); err != nil {
		return nil, err
	}
	if s.Handle == "" {
		return nil, errors.New("signature: the relay returned no session handle")
	}
	return &s, nil
}

// sessionState is GET /api/v1/sessions/{handle} (relay/API.md).
type sessionState struct {
	State       string   `json:"state"`
	Result      string   `json:"result"`
	Message     string   `json:"message"`
	Certificate string   `json:"certificate"`
	Chain       []string `json:"chain"`
	Level       string   `json:"level"`
	Handle      string   `json:"handle"`
	Signature   *struct {
		Value      string `json:"value"`
		Algorithm  string `json:"algorithm"`
		Parameters string `json:"parameters"`
	} `json:"signature"`
}

// outcomeError is a Smart-ID session that ended other than OK.
type outcomeError struct {
	Op, Result, Message string
}

func (e *outcomeError) Error() string {
	what := outcomeWords[e.Result]
	if what == "" {
		what = "Smart-ID ended the session"
	}
	msg := fmt.Sprintf("%s: %s (%s)", e.Op, what, e.Result)
	if e.Message != "" {
		msg += ": " + e.Message
	}
	return msg
}

// outcomeWords say what each end result means for the person at the
// command line; the relay's message adds Smart-ID's detail.
var outcomeWords = map[string]string{
	"USER_REFUSED":             "the signer refused in the Smart-ID app",
	"USER_REFUSED_INTERACTION": "the signer refused on a screen of the Smart-ID app",
	"USER_REFUSED_CERT_CHOICE": "the signer refused to choose a certificate",
	"TIMEOUT":                  "the signer did not answer in time",
	"WRONG_VC":                 "the signer chose the wrong verification code in the app",
	"DOCUMENT_UNUSABLE":        "the signer's Smart-ID account cannot be used for this",
	"ACCOUNT_UNUSABLE":         "the signer's Smart-ID account cannot be used",
	"REQUIRED_INTERACTION_NOT_SUPPORTED_BY_APP": "the signer's Smart-ID app is too old for this",
	"PROTOCOL_FAILURE":                          "the Smart-ID app reported a protocol failure",
	"EXPECTED_LINKED_SESSION":                   "Smart-ID expected a linked session",
	"SERVER_ERROR":                              "Smart-ID had a server error",
}

// wait long-polls a session until it completes or ctx ends, and fails
// unless it completed OK.
func (c *relayClient) wait(ctx context.Context, op, handle string) (*sessionState, error) {
	path := "/api/v1/sessions/" + url.PathEscape(handle)
	query := fmt.Sprintf("?timeoutMs=%d", c.poll.Milliseconds())
	for {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("%s: gave up waiting for the signer: %w", op, err)
		}
		data, err := c.do(ctx, op, http.MethodGet, path+query, "", nil, c.poll+15*time.Second)
		if err != nil {
			return nil, err
		}
		var s sessionState
		if err := json.Unmarshal(data, &s); err != nil {
			return nil, fmt.Errorf("%s: the relay's answer is not the expected JSON: %w", op, err)
		}
		switch s.State {
		case "RUNNING":
			continue
		case "COMPLETE":
			if s.Result != "OK" {
				return nil, &outcomeError{Op: op, Result: s.Result, Message: s.Message}
			}
			return &s, nil
		default:
			return nil, fmt.Errorf("%s: the relay reports an unknown session state %q", op, s.State)
		}
	}
}

// chosen is a completed certificate choice.
type chosen struct {
	handle string
	cert   *x509.Certificate
	chain  []*x509.Certificate
	level  string
}

func (s *sessionState) chosen() (*chosen, error) {
	const op = "certificate choice"
	if s.Handle == "" {
		return nil, errors.New(op + ": the relay returned no handle for the signature")
	}
	cert, err := parseB64Cert(s.Certificate)
	if err != nil {
		return nil, fmt.Errorf("%s: the signer's certificate: %w", op, err)
	}
	if len(s.Chain) > maxRelayChain {
		return nil, fmt.Errorf("%s: the relay sent %d chain certificates, at most %d", op, len(s.Chain), maxRelayChain)
	}
	out := &chosen{handle: s.Handle, cert: cert, level: s.Level}
	for i, b := range s.Chain {
		c, err := parseB64Cert(b)
		if err != nil {
			return nil, fmt.Errorf("%s: chain certificate %d: %w", op, i+1, err)
		}
		out.chain = append(out.chain, c)
	}
	if len(out.chain) == 0 {
		return nil, fmt.Errorf("%s: the relay sent no issuer of the signer's certificate", op)
	}
	if err := cert.CheckSignatureFrom(out.chain[0]); err != nil {
		return nil, fmt.Errorf("%s: the first chain certificate did not issue the signer's: %w", op, err)
	}
	return out, nil
}

func parseB64Cert(s string) (*x509.Certificate, error) {
	der, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		return nil, errors.New("not Base64")
	}
	return x509.ParseCertificate(der)
}

// forward posts an RFC 3161 or OCSP request to the relay, which passes
// it to its TSA or OCSP responder.
func (c *relayClient) forward(ctx context.Context, op, path, contentType string, body []byte) ([]byte, error) {
	return c.do(ctx, op, http.MethodPost, path, contentType, body, 30*time.Second)
}
