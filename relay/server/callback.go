package server

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"net/http"
	"net/url"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/verso-pdf/verso/relay/smartid"
)

// Results the relay adds to Smart-ID's end results.
const (
	// resultRevoked: the certificate chosen or used is revoked (OCSP).
	resultRevoked = "CERTIFICATE_REVOKED"
	// resultCallbackRequired: the person finished in the app on this
	// device; the page the app opened must present the callback
	// (POST /api/v1/sessions/{handle}/callback) to get the certificate.
	resultCallbackRequired = "CALLBACK_REQUIRED"
)

// callbackWait is how long the callback check waits for Smart-ID's
// status: the app opens the callback after the session completed.
const callbackWait = 5 * time.Second

// sameDevice reports whether a flow type is a same-device one.
func sameDevice(flow string) bool {
	return flow == smartid.FlowWeb2App || flow == smartid.FlowApp2App
}

// sameDeviceFlows are the same-device flows a certificate choice offered:
// both when it was started with a callback URL, else none.
func (a *api) sameDeviceFlows(st state) []string {
	if st.Flow != flowDeviceLink || st.Callback == "" {
		return nil
	}
	return []string{smartid.FlowWeb2App, smartid.FlowApp2App}
}

// callbackRequest is the body of POST /api/v1/sessions/{handle}/callback:
// the query parameters the Smart-ID app added to the callback URL.
type callbackRequest struct {
	// Value is the unpredictable parameter the relay put in the callback
	// URL of this session.
	Value string `json:"value"`
	// SessionSecretDigest is Base64URL(SHA-256(session secret)).
	SessionSecretDigest string `json:"sessionSecretDigest"`
}

// sameDeviceCallback checks a same-device callback (RP API v3, callback URLs, and
// response verification step 1): the value parameter must be the one of
// this session's callback URL and sessionSecretDigest must be the digest
// of the session secret sealed in the handle. Then the session's result
// is verified as for a poll and, for a same-device flow, answered with
// the certificate and the handle for POST /signature.
//
// The handle plays the part of SK's session cookie: the page that
// started the session holds it (same origin; the handle is bound to the
// Origin), so a callback URL leaked from the app or the history is
// useless without it, and a handle without the callback proves nothing.
func (a *api) sameDeviceCallback(c echo.Context) error {
	var req callbackRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	st, err := a.open(c, c.Param("handle"), kindChoice)
	if err != nil {
		return err
	}
	if st.Flow != flowDeviceLink || st.Callback == "" {
		return echo.NewHTTPError(http.StatusBadRequest, "this session has no same-device callback")
	}
	if !callbackMatches(st, req) {
		// One answer for a wrong value and a wrong digest.
		a.log.Warn("same-device callback refused", "route", c.Path())
		return echo.NewHTTPError(http.StatusBadRequest, "the callback does not belong to this session")
	}
	exp := smartid.CertificateExpectation{FlowTypes: a.sameDeviceFlows(st)}
	res, err := a.SmartID.CertificateChoiceStatus(c.Request().Context(), st.SessionID, callbackWait, exp)
	return a.answerSession(c, st, res, err, true)
}

// callbackMatches compares the callback's parameters with the session's
// in constant time.
func callbackMatches(st state, req callbackRequest) bool {
	u, err := url.Parse(st.Callback)
	if err != nil {
		return false
	}
	want := u.Query().Get("value")
	sum := sha256.Sum256(st.Secret)
	digest := base64.RawURLEncoding.EncodeToString(sum[:])
	okValue := want != "" && subtle.ConstantTimeCompare([]byte(req.Value), []byte(want)) == 1
	okDigest := len(st.Secret) > 0 && subtle.ConstantTimeCompare([]byte(req.SessionSecretDigest), []byte(digest)) == 1
	return okValue && okDigest
}
