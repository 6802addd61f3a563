package sim

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strings"
	"time"
)

// handleMockDeviceLink serves POST /mock/device-link, the contract of
// SK's mock service: the user with documentNumber scanned or opened
// deviceLink. A wrong or stale link ends the session with
// PROTOCOL_FAILURE and is answered 400.
func (s *Simulator) handleMockDeviceLink(w http.ResponseWriter, r *http.Request) {
	body, ok := s.readBody(w, r, MaxMockBody)
	if !ok {
		return
	}
	var req MockDeviceLinkRequest
	d := json.NewDecoder(bytes.NewReader(body))
	d.DisallowUnknownFields()
	if err := d.Decode(&req); err != nil {
		s.problem(w, http.StatusBadRequest, "the body must be a JSON object with documentNumber, deviceLink, flowType")
		return
	}
	switch {
	case req.FlowType != FlowQR && req.FlowType != FlowWeb2App && req.FlowType != FlowApp2App:
		s.problem(w, http.StatusBadRequest, "flowType must be QR, Web2App or App2App")
		return
	case req.FlowType != FlowQR && req.BrowserCookie == "":
		s.problem(w, http.StatusBadRequest, "browserCookie is required for same-device flows")
		return
	}
	acct, ok := s.accounts[req.DocumentNumber]
	if !ok {
		s.problem(w, http.StatusBadRequest, "no such document")
		return
	}
	callback, status, detail := s.scan(req.DeviceLink, req.FlowType, &acct, req.InitialCallbackURL, answerAsConfigured)
	if status != 0 {
		s.problem(w, status, detail)
		return
	}
	s.writeJSON(w, http.StatusOK, "application/json", MockDeviceLinkResponse{CallbackURL: callback})
}

// scan plays the phone that opened link: it finds the session by its
// token, checks the link, and answers as acct. It returns the callback
// URL the app would open after a same-device success.
func (s *Simulator) scan(link, flowType string, acct *Account, callbackURL string, how answerHow) (string, int, string) {
	sess := s.sessionByToken(linkToken(link))
	switch {
	case sess == nil:
		return "", http.StatusBadRequest, "the link names no running session"
	case sess.account != nil && sess.account.DocumentNumber != acct.DocumentNumber:
		return "", http.StatusBadRequest, "the session is for another account"
	case !levelSuits(acct.Level(), sess.req.level):
		return "", http.StatusBadRequest, "the account is not of the requested level"
	}
	if _, err := s.linkContext(sess).check(link, flowType); err != nil {
		s.complete(sess, SessionStatus{State: "COMPLETE", Result: &SessionResult{EndResult: ResultProtocolFailure}})
		return "", http.StatusBadRequest, "the device link is wrong: " + err.Error()
	}
	if flowType != FlowQR && (sess.req.InitialCallbackURL == "" || callbackURL != sess.req.InitialCallbackURL) {
		s.complete(sess, SessionStatus{State: "COMPLETE", Result: &SessionResult{EndResult: ResultProtocolFailure}})
		return "", http.StatusBadRequest, "a same-device flow needs the session's initialCallbackUrl"
	}
	if how == answerAsConfigured && acct.result() == ResultTimeout {
		s.store.mu.Lock()
		sess.timers = append(sess.timers, time.AfterFunc(s.opts.TimeoutAfter, func() {
			s.complete(sess, SessionStatus{State: "COMPLETE", Result: &SessionResult{EndResult: ResultTimeout}})
		}))
		s.store.mu.Unlock()
		return "", 0, ""
	}
	s.answer(sess, *acct, flowType, how)
	if flowType == FlowQR {
		return "", 0, ""
	}
	s.store.mu.Lock()
	st := sess.status
	s.store.mu.Unlock()
	if st.Result == nil || st.Result.EndResult != ResultOK {
		return "", 0, ""
	}
	return callbackWithDigest(sess.req.InitialCallbackURL, sess.secret), 0, ""
}

// callbackWithDigest appends sessionSecretDigest, as the app does.
func callbackWithDigest(callback string, secret []byte) string {
	sum := sha256.Sum256(secret)
	sep := "?"
	if strings.Contains(callback, "?") {
		sep = "&"
	}
	return callback + sep + "sessionSecretDigest=" + base64.RawURLEncoding.EncodeToString(sum[:])
}

// linkToken returns the sessionToken parameter of a device link.
func linkToken(link string) string {
	_, q, _ := strings.Cut(link, "?")
	for p := range strings.SplitSeq(q, "&") {
		if v, ok := strings.CutPrefix(p, "sessionToken="); ok {
			return v
		}
	}
	return ""
}

// sessionByToken returns the running device-link session with token.
func (s *Simulator) sessionByToken(token string) *session {
	if token == "" {
		return nil
	}
	s.store.mu.Lock()
	defer s.store.mu.Unlock()
	sess := s.store.byToken[token]
	if sess == nil || !sess.completed.IsZero() {
		return nil
	}
	return sess
}

// handleMockStatus serves POST /mock/status {"status": 580}: every RP API
// answer becomes 480 or 580 until {"status": 0}.
func (s *Simulator) handleMockStatus(w http.ResponseWriter, r *http.Request) {
	body, ok := s.readBody(w, r, MaxMockBody)
	if !ok {
		return
	}
	var req struct {
		Status int `json:"status"`
	}
	if err := json.Unmarshal(body, &req); err != nil {
		s.problem(w, http.StatusBadRequest, `the body must be {"status": 480, 580 or 0}`)
		return
	}
	if err := s.ForceStatus(req.Status); err != nil {
		s.problem(w, http.StatusBadRequest, err.Error())
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
