package server

import (
	"crypto"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/verso-pdf/verso/relay/smartid"
	"github.com/verso-pdf/verso/wasm/cms"
)

// choiceRequest is the body of POST /api/v1/certificate-choice: empty
// for a QR code (and a same-device link), or an identity for a
// notification.
type choiceRequest struct {
	Identity string `json:"identity,omitempty"`
}

// handleResponse answers the session-starting calls.
type handleResponse struct {
	Handle string `json:"handle"`
	// Flow is device-link or notification.
	Flow string `json:"flow,omitempty"`
	// VerificationCode is shown for notification signatures.
	VerificationCode string `json:"verificationCode,omitempty"`
}

func (a *api) certificateChoice(c echo.Context) error {
	var req choiceRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	if err := a.limitClient(c); err != nil {
		return err
	}
	now := a.Now()
	ctx := c.Request().Context()
	st := state{Kind: kindChoice}
	if req.Identity != "" {
		if err := smartid.CheckSemanticsID(req.Identity); err != nil {
			return echo.NewHTTPError(http.StatusBadRequest, err.Error())
		}
		if err := a.limitIdentity(req.Identity); err != nil {
			return err
		}
		id, err := a.SmartID.StartCertificateChoiceNotification(ctx, req.Identity)
		if err != nil {
			return a.upstreamError(c, err)
		}
		st.SessionID, st.Flow, st.Identity = id, flowNotification, req.Identity
	} else {
		callback, err := a.callback()
		if err != nil {
			return err
		}
		s, err := a.SmartID.StartCertificateChoice(ctx, callback)
		if err != nil {
			return a.upstreamError(c, err)
		}
		st.SessionID, st.Flow, st.Token, st.Secret = s.SessionID, flowDeviceLink, s.SessionToken, s.SessionSecret
		st.LinkBase, st.Callback, st.Received = s.DeviceLinkBase, s.InitialCallbackURL, s.Received.UnixMilli()
	}
	h, err := a.seal.seal(st, origin(c), now)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, handleResponse{Handle: h, Flow: st.Flow})
}

// callback returns the session's callback URL: the configured one with
// an unpredictable parameter, as SK requires.
func (a *api) callback() (string, error) {
	if a.CallbackURL == "" {
		return "", nil
	}
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	sep := "?"
	if strings.Contains(a.CallbackURL, "?") {
		sep = "&"
	}
	return a.CallbackURL + sep + "value=" + base64.RawURLEncoding.EncodeToString(b), nil
}

// linkResponse is the body of GET /api/v1/sessions/{handle}/link.
type linkResponse struct {
	// QR is the link to show as a QR code, valid for about a second.
	QR string `json:"qr"`
	// Web2App opens the app on the same device; set when the relay has a
	// callback URL.
	Web2App string `json:"web2app,omitempty"`
}

func (a *api) link(c echo.Context) error {
	st, err := a.open(c, c.Param("handle"), kindChoice)
	if err != nil {
		return err
	}
	if st.Flow != flowDeviceLink {
		return echo.NewHTTPError(http.StatusBadRequest, "a notification session has no link")
	}
	lang := c.QueryParam("lang")
	if lang == "" {
		lang = "eng"
	}
	if len(lang) != 3 || strings.Trim(lang, "abcdefghijklmnopqrstuvwxyz") != "" {
		return echo.NewHTTPError(http.StatusBadRequest, "lang must be a three-letter ISO 639-2 code")
	}
	s := deviceLink(st)
	now := a.Now()
	resp := linkResponse{QR: a.SmartID.CertificateChoiceLink(s, smartid.FlowQR, lang, now)}
	if st.Callback != "" {
		resp.Web2App = a.SmartID.CertificateChoiceLink(s, smartid.FlowWeb2App, lang, now)
	}
	return c.JSON(http.StatusOK, resp)
}

func deviceLink(st state) *smartid.DeviceLinkSession {
	return &smartid.DeviceLinkSession{
		SessionID: st.SessionID, SessionToken: st.Token, SessionSecret: st.Secret, DeviceLinkBase: st.LinkBase,
		InitialCallbackURL: st.Callback, Received: time.UnixMilli(st.Received),
	}
}

// open opens a handle of one of kinds, answering 400 or 410 when it does
// not open.
func (a *api) open(c echo.Context, handle string, kinds ...string) (state, error) {
	st, err := a.seal.open(handle, origin(c), a.Now(), kinds...)
	switch {
	case errors.Is(err, errHandleExpired):
		return st, echo.NewHTTPError(http.StatusGone, "the session has expired; start again")
	case err != nil:
		return st, echo.NewHTTPError(http.StatusBadRequest, "the session handle is invalid")
	}
	return st, nil
}

// sessionResponse is the body of GET /api/v1/sessions/{handle}.
type sessionResponse struct {
	State string `json:"state"` // RUNNING or COMPLETE
	// Result is OK or the end result of Smart-ID; Message says it in words.
	Result  string `json:"result,omitempty"`
	Message string `json:"message,omitempty"`
	// A completed certificate choice: the certificate (Base64 DER), its
	// issuers, its level, and the handle to start the signature with.
	Certificate string   `json:"certificate,omitempty"`
	Chain       []string `json:"chain,omitempty"`
	Level       string   `json:"level,omitempty"`
	Handle      string   `json:"handle,omitempty"`
	// A completed signature.
	Signature *signatureValue `json:"signature,omitempty"`
}

// signatureValue is an RSASSA-PSS signature value with its parameters.
type signatureValue struct {
	Value         string `json:"value"`
	Algorithm     string `json:"algorithm"` // rsassa-pss
	HashAlgorithm string `json:"hashAlgorithm"`
	SaltLength    int    `json:"saltLength"`
	MaskGen       string `json:"maskGenAlgorithm"` // id-mgf1 with hashAlgorithm
	TrailerField  string `json:"trailerField"`
	// Parameters is the DER RSASSA-PSS-params (RFC 4055) for the CMS
	// SignerInfo's signatureAlgorithm (OID 1.2.840.113549.1.1.10).
	Parameters string `json:"parameters"`
}

func (a *api) session(c echo.Context) error {
	st, err := a.open(c, c.Param("handle"), kindChoice, kindSignature)
	if err != nil {
		return err
	}
	wait := a.MaxPoll
	if v := c.QueryParam("timeoutMs"); v != "" {
		ms, err := strconv.Atoi(v)
		if err != nil || ms < 1000 {
			return echo.NewHTTPError(http.StatusBadRequest, "timeoutMs must be a number of milliseconds, at least 1000")
		}
		wait = min(time.Duration(ms)*time.Millisecond, a.MaxPoll)
	}
	ctx := c.Request().Context()
	var res *smartid.Result
	if st.Kind == kindChoice {
		exp := smartid.CertificateExpectation{Identity: st.Identity, FlowTypes: []string{smartid.FlowNotification}}
		if st.Flow == flowDeviceLink {
			exp.FlowTypes = []string{smartid.FlowQR}
		}
		exp.FlowTypes = append(exp.FlowTypes, a.sameDeviceFlows(st)...)
		res, err = a.SmartID.CertificateChoiceStatus(ctx, st.SessionID, wait, exp)
	} else {
		res, err = a.signatureStatus(c, st, wait)
	}
	return a.answerSession(c, st, res, err, false)
}

// answerSession answers a poll (or a same-device callback) with the
// verified result.
func (a *api) answerSession(c echo.Context, st state, res *smartid.Result, err error, callbackChecked bool) error {
	if smartid.RevokedError(err) {
		a.log.Warn("smart-id certificate refused", "route", c.Path(), "error", err.Error())
		return c.JSON(http.StatusOK, sessionResponse{State: "COMPLETE", Result: resultRevoked, Message: outcomeMessages[resultRevoked]})
	}
	if err != nil {
		return a.upstreamError(c, err)
	}
	switch {
	case res.Running:
		return c.JSON(http.StatusOK, sessionResponse{State: "RUNNING"})
	case res.EndResult != smartid.ResultOK:
		return c.JSON(http.StatusOK, sessionResponse{State: "COMPLETE", Result: res.EndResult, Message: outcomeMessages[res.EndResult]})
	case st.Kind == kindSignature:
		return c.JSON(http.StatusOK, sessionResponse{State: "COMPLETE", Result: smartid.ResultOK, Signature: pssValue(res.Signature)})
	case sameDevice(res.FlowType) && !callbackChecked:
		// RP API v3 response verification, step 1: a same-device result
		// counts only after the callback proved the session secret.
		return c.JSON(http.StatusOK, sessionResponse{State: "COMPLETE", Result: resultCallbackRequired, Message: outcomeMessages[resultCallbackRequired]})
	}
	// Only a verified certificate gets here: the handle says so, and the
	// signature's poll need not verify the same bytes again.
	chosen := state{Kind: kindChosen, Flow: st.Flow, Document: res.DocumentNumber, Cert: res.Certificate.Raw, Verified: true}
	if st.Flow == flowDeviceLink {
		chosen.Linked = st.SessionID
	}
	h, err := a.seal.seal(chosen, origin(c), a.Now())
	if err != nil {
		return err
	}
	out := sessionResponse{
		State: "COMPLETE", Result: smartid.ResultOK, Handle: h, Level: res.CertificateLevel,
		Certificate: base64.StdEncoding.EncodeToString(res.Certificate.Raw),
	}
	for _, ca := range res.Chain {
		out.Chain = append(out.Chain, base64.StdEncoding.EncodeToString(ca.Raw))
	}
	return c.JSON(http.StatusOK, out)
}

// signatureStatus polls a signature; the certificate it expects is the
// one whose hash the handle holds, taken from Smart-ID's own answer.
func (a *api) signatureStatus(c echo.Context, st state, wait time.Duration) (*smartid.Result, error) {
	return a.SmartID.SignatureStatus(c.Request().Context(), st.SessionID, wait, smartid.SignatureExpectation{
		FlowTypes:         []string{smartid.FlowNotification, smartid.FlowQR, smartid.FlowWeb2App, smartid.FlowApp2App},
		DocumentNumber:    st.Document,
		CertificateSHA256: st.CertHash,
		Digest:            st.Digest,
		Hash:              crypto.Hash(st.Hash),
		Verified:          st.Verified,
	})
}

func pssValue(s *smartid.Signature) *signatureValue {
	h := digestHashes[s.Hash.Size()]
	alg, _ := cms.PSSAlgorithm(h, s.Hash.Size())
	name := smartid.HashName(s.Hash)
	return &signatureValue{
		Value: base64.StdEncoding.EncodeToString(s.Value), Algorithm: smartid.AlgorithmPSS,
		HashAlgorithm: name, SaltLength: s.Hash.Size(), MaskGen: "id-mgf1", TrailerField: "0xbc",
		Parameters: base64.StdEncoding.EncodeToString(alg.Parameters),
	}
}

// signatureRequest is the body of POST /api/v1/signature.
type signatureRequest struct {
	// Handle is the one a completed certificate choice returned.
	Handle string `json:"handle"`
	// SignedAttributes is the DER SET OF Attribute built by the browser,
	// Base64.
	SignedAttributes string `json:"signedAttributes"`
}

func (a *api) signature(c echo.Context) error {
	var req signatureRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	st, err := a.open(c, req.Handle, kindChosen)
	if err != nil {
		return err
	}
	if err := a.limitClient(c); err != nil {
		return err
	}
	der, err := base64.StdEncoding.DecodeString(req.SignedAttributes)
	if err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, "signedAttributes must be Base64")
	}
	cert, err := x509.ParseCertificate(st.Cert)
	if err != nil {
		return err // sealed by us: cannot happen
	}
	digest, h, err := checkSignedAttributes(der, cert)
	if err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, err.Error())
	}
	if st.Flow == flowNotification {
		if err := a.limitIdentity(cert.Subject.SerialNumber); err != nil {
			return err
		}
	}
	s, err := a.SmartID.StartSignature(c.Request().Context(), smartid.SignatureRequest{
		DocumentNumber: st.Document, LinkedSessionID: st.Linked, Digest: digest, Hash: h, DisplayText: a.DisplayText,
	})
	if err != nil {
		return a.upstreamError(c, err)
	}
	sum := sha256.Sum256(cert.Raw)
	sig := state{Kind: kindSignature, SessionID: s.SessionID, Flow: st.Flow, Document: st.Document,
		CertHash: sum[:], Digest: digest, Hash: uint(h), Verified: st.Verified}
	handle, err := a.seal.seal(sig, origin(c), a.Now())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, handleResponse{Handle: handle, Flow: st.Flow, VerificationCode: s.VerificationCode})
}

// validCallback reports whether u may be an initialCallbackUrl.
func validCallback(u string) bool {
	p, err := url.Parse(u)
	return err == nil && p.Scheme == "https" && p.Host != "" && p.Fragment == "" && !strings.Contains(u, "|")
}
