package smartid

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"strconv"
	"strings"
	"time"
)

// Device-link types (deviceLinkType) and flow types (flowType).
const (
	FlowQR           = "QR"
	FlowWeb2App      = "Web2App"
	FlowApp2App      = "App2App"
	FlowNotification = "Notification"
)

// Session types of device links.
const (
	SessionTypeAuth = "auth"
	SessionTypeSign = "sign"
	SessionTypeCert = "cert"
)

// AuthCodeInput are the fields of an authCode payload, in order (RP API
// v3, "authCode"). Empty fields keep their separators.
type AuthCodeInput struct {
	SchemeName        string
	SignatureProtocol string // empty for a certificate choice
	// Challenge is the rpChallenge or digest, Base64 as sent.
	Challenge        string
	RelyingPartyName string // byte-exact as sent
	BrokeredRPName   string
	Interactions     string // Base64 as sent
	// InitialCallbackURL is empty for QR codes.
	InitialCallbackURL    string
	UnprotectedDeviceLink string
}

// AuthCode returns Base64URL (no padding) of HMAC-SHA256 keyed with the
// session secret over the payload.
func AuthCode(sessionSecret []byte, in AuthCodeInput) string {
	b64 := func(s string) string {
		if s == "" {
			return ""
		}
		return base64.StdEncoding.EncodeToString([]byte(s))
	}
	payload := strings.Join([]string{
		in.SchemeName, in.SignatureProtocol, in.Challenge, b64(in.RelyingPartyName), b64(in.BrokeredRPName),
		in.Interactions, in.InitialCallbackURL, in.UnprotectedDeviceLink,
	}, "|")
	m := hmac.New(sha256.New, sessionSecret)
	m.Write([]byte(payload))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// UnprotectedLink returns a device link without its authCode: parameters
// in the fixed order, not URL-encoded. elapsed is used for QR only.
func UnprotectedLink(base, linkType string, elapsed int, token, sessionType, lang string) string {
	var b strings.Builder
	b.WriteString(base + "?deviceLinkType=" + linkType)
	if linkType == FlowQR {
		b.WriteString("&elapsedSeconds=" + strconv.Itoa(elapsed))
	}
	b.WriteString("&sessionToken=" + token + "&sessionType=" + sessionType + "&version=1.0&lang=" + lang)
	return b.String()
}

// DeviceLinkSession is a started device-link certificate choice: what is
// needed to poll it and to build its links. SessionID and SessionSecret
// must never reach the browser.
type DeviceLinkSession struct {
	SessionID      string
	SessionToken   string
	SessionSecret  []byte
	DeviceLinkBase string
	// InitialCallbackURL was sent for same-device links; empty for QR only.
	InitialCallbackURL string
	// Received is when the response arrived: elapsedSeconds counts from it.
	Received time.Time
}

// CertificateChoiceLink returns the link of a certificate-choice session
// for linkType (QR, Web2App or App2App) at now, in language lang (ISO
// 639-2, such as eng). QR links change every second; SK forbids computing
// them ahead of time.
func (c *Client) CertificateChoiceLink(s *DeviceLinkSession, linkType, lang string, now time.Time) string {
	elapsed := max(0, int(now.Sub(s.Received)/time.Second))
	link := UnprotectedLink(s.DeviceLinkBase, linkType, elapsed, s.SessionToken, SessionTypeCert, lang)
	in := AuthCodeInput{
		SchemeName:            c.cfg.SchemeName,
		RelyingPartyName:      c.cfg.RelyingPartyName,
		UnprotectedDeviceLink: link,
	}
	if linkType != FlowQR {
		in.InitialCallbackURL = s.InitialCallbackURL
	}
	return link + "&authCode=" + AuthCode(s.SessionSecret, in)
}
