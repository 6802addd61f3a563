package smartid

import (
	"context"
	"crypto"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"time"
)

var (
	tokenPattern  = regexp.MustCompile(`^[a-zA-Z0-9]{24,200}$`)
	vcPattern     = regexp.MustCompile(`^[0-9]{4}$`)
	callbackRegex = regexp.MustCompile(`^https://([^|#]+)$`)
)

// StartCertificateChoice starts an anonymous device-link certificate
// choice (the QR code, or a same-device link when callbackURL is set).
func (c *Client) StartCertificateChoice(ctx context.Context, callbackURL string) (*DeviceLinkSession, error) {
	const op = "certificate choice"
	if callbackURL != "" && (!callbackRegex.MatchString(callbackURL) || len(callbackURL) > 1800) {
		return nil, &Error{Kind: KindBadRequest, Op: op, Detail: "the callback URL must be https, without # or |, at most 1800 characters"}
	}
	ctx, cancel := context.WithTimeout(ctx, c.cfg.RequestTimeout)
	defer cancel()
	var resp deviceLinkResponse
	err := c.call(ctx, op, "POST", "/signature/certificate-choice/device-link/anonymous", certificateChoiceRequest{
		RelyingPartyUUID: c.cfg.RelyingPartyUUID, RelyingPartyName: c.cfg.RelyingPartyName,
		CertificateLevel: c.cfg.CertificateLevel, InitialCallbackURL: callbackURL, Nonce: newNonce(),
	}, &resp)
	if err != nil {
		return nil, err
	}
	received := c.cfg.Now()
	secret, err := base64.StdEncoding.DecodeString(resp.SessionSecret)
	base, berr := url.Parse(resp.DeviceLinkBase)
	switch {
	case !uuidPattern.MatchString(resp.SessionID):
		return nil, protocolErr(op, "sessionID is not a UUID")
	case !tokenPattern.MatchString(resp.SessionToken):
		return nil, protocolErr(op, "sessionToken is not 24 or more letters and digits")
	case err != nil || len(resp.SessionSecret) < 24:
		return nil, protocolErr(op, "sessionSecret is not Base64 of 24 or more characters")
	case berr != nil || (base.Scheme != "https" && base.Scheme != "http") || base.RawQuery != "" || base.Fragment != "":
		return nil, protocolErr(op, "deviceLinkBase is not a URL without query")
	}
	return &DeviceLinkSession{
		SessionID: resp.SessionID, SessionToken: resp.SessionToken, SessionSecret: secret,
		DeviceLinkBase: resp.DeviceLinkBase, InitialCallbackURL: callbackURL, Received: received,
	}, nil
}

// StartCertificateChoiceNotification starts a certificate choice pushed to
// the phones of the person with the semantics identifier (PNOEE-…). The
// caller validates the identifier first (see CheckSemanticsID).
func (c *Client) StartCertificateChoiceNotification(ctx context.Context, semanticsID string) (sessionID string, err error) {
	const op = "certificate choice by notification"
	if err := CheckSemanticsID(semanticsID); err != nil {
		return "", &Error{Kind: KindBadRequest, Op: op, Detail: err.Error()}
	}
	ctx, cancel := context.WithTimeout(ctx, c.cfg.RequestTimeout)
	defer cancel()
	var resp notificationResponse
	err = c.call(ctx, op, "POST", "/signature/certificate-choice/notification/etsi/"+semanticsID, certificateChoiceRequest{
		RelyingPartyUUID: c.cfg.RelyingPartyUUID, RelyingPartyName: c.cfg.RelyingPartyName,
		CertificateLevel: c.cfg.CertificateLevel, Nonce: newNonce(),
	}, &resp)
	if err != nil {
		return "", err
	}
	if !uuidPattern.MatchString(resp.SessionID) {
		return "", protocolErr(op, "sessionID is not a UUID")
	}
	return resp.SessionID, nil
}

// SignatureRequest starts a signature of a digest.
type SignatureRequest struct {
	// DocumentNumber is the account chosen in the certificate choice.
	DocumentNumber string
	// LinkedSessionID, when set, makes it the linked signature that
	// follows a device-link certificate choice (no verification code);
	// otherwise it is a notification signature with a verification code.
	LinkedSessionID string
	// Digest is the hash of the data to be signed, Hash its function
	// (SHA-256, SHA-384 or SHA-512). The signature is RSASSA-PSS.
	Digest []byte
	Hash   crypto.Hash
	// DisplayText is what the person confirms (at most 60 characters;
	// the longer confirmation screen gets the same text).
	DisplayText string
}

// SignatureSession is a started signature session.
type SignatureSession struct {
	SessionID string
	// VerificationCode is shown to the person for notification
	// signatures; empty for linked ones.
	VerificationCode string
}

var documentNumberPattern = regexp.MustCompile(`^(PNO|IDC|PAS)[A-Z]{2}-[0-9A-Za-z]+(-[0-9A-Za-z]+)?-[0-9A-Z]{4}-(Q|NQ)$`)

// StartSignature starts a RAW_DIGEST_SIGNATURE session with rsassa-pss.
func (c *Client) StartSignature(ctx context.Context, r SignatureRequest) (*SignatureSession, error) {
	const op = "signature"
	name, ok := hashNames[r.Hash]
	switch {
	case !ok:
		return nil, &Error{Kind: KindBadRequest, Op: op, Detail: "the hash must be SHA-256, SHA-384 or SHA-512"}
	case len(r.Digest) != r.Hash.Size():
		return nil, &Error{Kind: KindBadRequest, Op: op, Detail: fmt.Sprintf("the digest must have %d bytes", r.Hash.Size())}
	case !documentNumberPattern.MatchString(r.DocumentNumber):
		return nil, &Error{Kind: KindBadRequest, Op: op, Detail: "not a Smart-ID document number"}
	case r.LinkedSessionID != "" && !uuidPattern.MatchString(r.LinkedSessionID):
		return nil, &Error{Kind: KindBadRequest, Op: op, Detail: "the linked session is not a UUID"}
	case r.DisplayText == "" || len([]rune(r.DisplayText)) > 60:
		return nil, &Error{Kind: KindBadRequest, Op: op, Detail: "the display text must have 1 to 60 characters"}
	}
	interactions, err := json.Marshal([]interaction{
		{Type: "confirmationMessage", DisplayText200: r.DisplayText},
		{Type: "displayTextAndPIN", DisplayText60: r.DisplayText},
	})
	if err != nil {
		return nil, &Error{Kind: KindProtocol, Op: op, Detail: "cannot encode the interactions", Err: err}
	}
	// A nonce would defeat SK's 15 s idempotency that makes the retry in
	// call safe; identical requests are the same signature anyway.
	req := signatureRequest{
		RelyingPartyUUID: c.cfg.RelyingPartyUUID, RelyingPartyName: c.cfg.RelyingPartyName,
		CertificateLevel: c.cfg.CertificateLevel, SignatureProtocol: "RAW_DIGEST_SIGNATURE",
		SignatureProtocolParameters: signatureParameters{
			Digest: base64.StdEncoding.EncodeToString(r.Digest), SignatureAlgorithm: AlgorithmPSS,
			SignatureAlgorithmParameters: &hashParameter{HashAlgorithm: name},
		},
		Interactions:    base64.StdEncoding.EncodeToString(interactions),
		LinkedSessionID: r.LinkedSessionID,
	}
	path := "/signature/notification/document/" + r.DocumentNumber
	if r.LinkedSessionID != "" {
		path = "/signature/notification/linked/" + r.DocumentNumber
	}
	ctx, cancel := context.WithTimeout(ctx, c.cfg.RequestTimeout)
	defer cancel()
	var resp notificationResponse
	if err := c.call(ctx, op, "POST", path, req, &resp); err != nil {
		return nil, err
	}
	s := &SignatureSession{SessionID: resp.SessionID}
	if !uuidPattern.MatchString(resp.SessionID) {
		return nil, protocolErr(op, "sessionID is not a UUID")
	}
	if r.LinkedSessionID == "" {
		if resp.VC == nil || resp.VC.Type != "numeric4" || !vcPattern.MatchString(resp.VC.Value) {
			return nil, protocolErr(op, "the verification code is missing or not four digits")
		}
		s.VerificationCode = resp.VC.Value
	}
	return s, nil
}

// Long-poll bounds of GET /session/{id} (timeoutMs).
const (
	MinPoll = 1 * time.Second
	MaxPoll = 120 * time.Second
)

// pollMargin is how much longer than the long poll the call may take.
const pollMargin = 5 * time.Second

// status fetches a session's status, holding up to wait.
func (c *Client) status(ctx context.Context, op, sessionID string, wait time.Duration) (*sessionStatus, error) {
	if !uuidPattern.MatchString(sessionID) {
		return nil, &Error{Kind: KindBadRequest, Op: op, Detail: "the session ID is not a UUID"}
	}
	wait = min(max(wait, MinPoll), MaxPoll)
	ctx, cancel := context.WithTimeout(ctx, wait+pollMargin)
	defer cancel()
	var st sessionStatus
	path := "/session/" + sessionID + "?timeoutMs=" + strconv.FormatInt(wait.Milliseconds(), 10)
	if err := c.call(ctx, op, "GET", path, nil, &st); err != nil {
		return nil, err
	}
	return &st, nil
}

// newNonce returns 20 random characters. Certificate choices carry one:
// without it SK merges identical requests within 15 s into one session,
// and an anonymous choice is identical for every visitor (one would get
// another's certificate). A retried choice then starts a second session;
// the first is left to expire.
func newNonce() string {
	b := make([]byte, 15)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}
