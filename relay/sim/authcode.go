package sim

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"strconv"
	"strings"
)

// AuthCodeInput are the fields of an authCode payload (RP API v3,
// "authCode"), in their order. Empty fields keep their separators.
type AuthCodeInput struct {
	// SchemeName is smart-id (LIVE) or smart-id-demo (DEMO).
	SchemeName string
	// SignatureProtocol is ACSP_V2 or RAW_DIGEST_SIGNATURE; empty for a
	// certificate choice.
	SignatureProtocol string
	// Challenge is the rpChallenge or the digest, Base64 as sent; empty
	// for a certificate choice.
	Challenge string
	// RelyingPartyName is byte-exact as sent; the payload holds its Base64.
	RelyingPartyName string
	// BrokeredRPName is for brokers only; the payload holds its Base64.
	BrokeredRPName string
	// Interactions is the interactions field as sent; empty for a
	// certificate choice.
	Interactions string
	// InitialCallbackURL is empty for QR codes.
	InitialCallbackURL string
	// UnprotectedDeviceLink is the link without "&authCode=...".
	UnprotectedDeviceLink string
}

// Payload returns the fields joined with "|".
func (in AuthCodeInput) Payload() string {
	b64 := func(s string) string {
		if s == "" {
			return ""
		}
		return base64.StdEncoding.EncodeToString([]byte(s))
	}
	return strings.Join([]string{
		in.SchemeName, in.SignatureProtocol, in.Challenge, b64(in.RelyingPartyName), b64(in.BrokeredRPName),
		in.Interactions, in.InitialCallbackURL, in.UnprotectedDeviceLink,
	}, "|")
}

// AuthCode returns Base64URL (unpadded) of HMAC-SHA256 keyed with the
// decoded session secret over the payload.
func AuthCode(sessionSecret []byte, in AuthCodeInput) string {
	m := hmac.New(sha256.New, sessionSecret)
	m.Write([]byte(in.Payload()))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// DeviceLink is the link an RP shows or opens, before its authCode.
type DeviceLink struct {
	// Base is deviceLinkBase from the session response.
	Base string
	// Type is QR, Web2App or App2App.
	Type string
	// ElapsedSeconds counts from the session response (QR only).
	ElapsedSeconds int
	SessionToken   string
	// SessionType is auth, sign or cert.
	SessionType string
	// Lang is an ISO 639-2 code such as eng.
	Lang string
}

// Unprotected returns the link without its authCode, parameters in the
// fixed order, unencoded.
func (l DeviceLink) Unprotected() string {
	var b strings.Builder
	b.WriteString(l.Base + "?deviceLinkType=" + l.Type)
	if l.Type == FlowQR {
		b.WriteString("&elapsedSeconds=" + strconv.Itoa(l.ElapsedSeconds))
	}
	b.WriteString("&sessionToken=" + l.SessionToken + "&sessionType=" + l.SessionType + "&version=1.0&lang=" + l.Lang)
	return b.String()
}
