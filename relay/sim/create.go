package sim

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math/big"
	"net/http"
	"slices"
	"strings"
	"time"
)

// readBody reads at most limit bytes; a longer body is answered with 413
// and a problem body.
func (s *Simulator) readBody(w http.ResponseWriter, r *http.Request, limit int64) ([]byte, bool) {
	body, err := readLimited(w, r, limit)
	if err != nil {
		s.problem(w, statusOf(err), err.Error())
		return nil, false
	}
	return body, true
}

// authenticate finds the relying party by UUID and name (401 otherwise).
// It looks only at those two fields so that an unknown caller learns
// nothing about the rest of its request.
func (s *Simulator) authenticate(body []byte) (RelyingParty, bool) {
	var id struct {
		UUID string `json:"relyingPartyUUID"`
		Name string `json:"relyingPartyName"`
	}
	if json.Unmarshal(body, &id) != nil || !uuidPattern.MatchString(id.UUID) || id.Name == "" {
		return RelyingParty{}, true // malformed: validation answers 400
	}
	for _, rp := range s.opts.RelyingParties {
		if strings.EqualFold(rp.UUID, id.UUID) && strings.EqualFold(rp.Name, id.Name) {
			return rp, true
		}
	}
	return RelyingParty{}, false
}

// authorize applies the relying party's permissions (403).
func authorize(rp RelyingParty, req *request) string {
	if req.level == LevelAdvanced && !rp.AllowAdvanced {
		return "the relying party has no access to non-qualified (ADVANCED) accounts"
	}
	if req.RequestProperties != nil && req.RequestProperties.ShareMdClientIPAddress && !rp.AllowIPSharing {
		return "the relying party may not request the device's IP address"
	}
	for _, c := range req.Capabilities {
		if !slices.Contains(rp.Capabilities, c) {
			return "the relying party has no agreement for the capability " + c
		}
	}
	return ""
}

// handleCreate serves one session-creating endpoint.
func (s *Simulator) handleCreate(e endpoint) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		body, ok := s.readBody(w, r, MaxAPIBody)
		if !ok {
			return
		}
		rp, ok := s.authenticate(body)
		if !ok {
			s.problem(w, http.StatusUnauthorized, "unknown relying party")
			return
		}
		req, probs := parseRequest(body, e, !s.opts.LenientRequests)
		if probs != nil {
			s.problem(w, http.StatusBadRequest, "the request is invalid", probs...)
			return
		}
		if why := authorize(rp, req); why != "" {
			s.problem(w, http.StatusForbidden, why)
			return
		}
		acct, status, detail, code := s.findAccount(e, req, r)
		if status != 0 {
			var errs []ProblemError
			if code != "" {
				errs = []ProblemError{{Code: code, Detail: detail}}
			}
			s.problem(w, status, detail, errs...)
			return
		}
		if e.flow == flowSync {
			s.serveCertificate(w, acct)
			return
		}
		resp, status, detail := s.createSession(e, req, acct, r.URL.Path, body)
		if status != 0 {
			s.problem(w, status, detail)
			return
		}
		s.writeJSON(w, http.StatusOK, "application/json", resp)
	}
}

// findAccount resolves the person named in the path. A non-zero status
// is the answer instead, with a detail and an errors[].code.
func (s *Simulator) findAccount(e endpoint, req *request, r *http.Request) (acct *Account, status int, detail, code string) {
	switch e.target {
	case targetEtsi:
		id := r.PathValue("semanticsId")
		if !semanticsIDPattern.MatchString(id) {
			return nil, http.StatusBadRequest, "the semantics identifier must look like PNOEE-40504040001", ""
		}
		candidates := s.byID[id]
		for i := range candidates {
			if levelSuits(candidates[i].Level(), req.level) {
				return &candidates[i], 0, "", ""
			}
		}
		if len(candidates) > 0 {
			return nil, http.StatusNotFound, "the person has no suitable account", "NO_SUITABLE_ACCOUNT_FOUND"
		}
		return nil, http.StatusNotFound, "no such person", ""
	case targetDocument:
		a, ok := s.accounts[r.PathValue("documentNumber")]
		if !ok {
			return nil, http.StatusNotFound, "no such document", ""
		}
		if !levelSuits(a.Level(), req.level) {
			return nil, http.StatusNotFound, "the account is not of the requested level", "NO_SUITABLE_ACCOUNT_FOUND"
		}
		if a.result() == ResultAccountUnusable && e.flow == flowSync {
			return nil, http.StatusNotFound, "the account cannot be used", ""
		}
		return &a, 0, "", ""
	}
	return nil, 0, "", ""
}

// levelSuits reports whether an account of level have satisfies a request
// for want: QUALIFIED and QSCD need a qualified account.
func levelSuits(have, want string) bool {
	return want == LevelAdvanced || have == LevelQualified
}

// serveCertificate answers signature/certificate/{documentNumber}.
func (s *Simulator) serveCertificate(w http.ResponseWriter, acct *Account) {
	if acct.result() == ResultDocumentUnusable {
		s.writeJSON(w, http.StatusOK, "application/json", CertificateResponse{State: ResultDocumentUnusable})
		return
	}
	c, _, err := s.userFor(*acct)
	if err != nil {
		s.log.Error("issuing a certificate failed", "error", err)
		s.problem(w, http.StatusInternalServerError, "the certificate could not be issued")
		return
	}
	s.writeJSON(w, http.StatusOK, "application/json", CertificateResponse{
		State: "OK",
		Cert:  &Certificate{Value: base64.StdEncoding.EncodeToString(c.Raw), CertificateLevel: acct.Level()},
	})
}

// createSession starts a session, or returns the one an identical request
// started less than 15 s ago.
func (s *Simulator) createSession(e endpoint, req *request, acct *Account, path string, body []byte) (any, int, string) {
	now := s.now()
	fp := sha256.Sum256(append([]byte(path+"\x00"), body...))
	key := string(fp[:])

	st := s.store
	st.mu.Lock()
	defer st.mu.Unlock()
	st.sweep(now, s.opts.Retention)
	if prev, ok := st.recent[key]; ok && now.Sub(prev.at) <= idempotencyWindow {
		return prev.response, 0, ""
	}
	if len(st.sessions) >= MaxSessions {
		return nil, http.StatusServiceUnavailable, "too many sessions; try again later"
	}
	if e.flow == flowLinked {
		if why := st.checkLink(req, acct, now); why != "" {
			return nil, http.StatusBadRequest, why
		}
	}
	sess := &session{ep: e, req: req, created: now, account: acct, done: make(chan struct{}),
		status: SessionStatus{State: "RUNNING"}, linkedTo: req.LinkedSessionID}
	var err error
	if sess.id, err = newUUID(); err == nil {
		sess.phoneID, err = randomAlnum(24)
	}
	var resp any
	switch {
	case err != nil:
	case e.flow == flowDeviceLink:
		sess.secret = make([]byte, 32)
		if _, err = rand.Read(sess.secret); err == nil {
			sess.token, err = randomAlnum(24)
		}
		resp = DeviceLinkResponse{SessionID: sess.id, SessionToken: sess.token,
			SessionSecret: base64.StdEncoding.EncodeToString(sess.secret), DeviceLinkBase: s.opts.DeviceLinkBase}
	case e.flow == flowNotification && e.kind == kindSignature:
		var n *big.Int
		if n, err = rand.Int(rand.Reader, big.NewInt(10000)); err == nil {
			sess.vc = fmt.Sprintf("%04d", n.Int64())
		}
		resp = NotificationResponse{SessionID: sess.id, VC: &VerificationCode{Type: "numeric4", Value: sess.vc}}
	default:
		resp = NotificationResponse{SessionID: sess.id}
	}
	if err != nil {
		return nil, http.StatusInternalServerError, "no randomness"
	}
	st.sessions[sess.id] = sess
	st.byPhone[sess.phoneID] = sess
	if sess.token != "" {
		st.byToken[sess.token] = sess
	}
	st.recent[key] = recentRequest{at: now, response: resp}
	if e.flow == flowLinked {
		delete(st.expectLinked, acct.DocumentNumber)
	}
	s.startTimers(sess)
	return resp, 0, ""
}

// checkLink checks linkedSessionID: a completed, successful device-link
// certificate choice of the same account, still waiting for its linked
// signature. The caller holds mu.
func (st *store) checkLink(req *request, acct *Account, now time.Time) string {
	prev := st.sessions[strings.ToLower(req.LinkedSessionID)]
	switch {
	case prev == nil:
		return "linkedSessionID names no session"
	case prev.ep.kind != kindCertificate || prev.ep.flow != flowDeviceLink:
		return "linkedSessionID must name a device-link certificate choice"
	case prev.completed.IsZero() || prev.status.Result == nil || prev.status.Result.EndResult != ResultOK:
		return "the linked certificate choice has not succeeded"
	case prev.status.Result.DocumentNumber != acct.DocumentNumber:
		return "the linked certificate choice chose another account"
	case prev.req.RelyingPartyUUID != req.RelyingPartyUUID:
		return "the linked certificate choice belongs to another relying party"
	}
	if w, ok := st.expectLinked[acct.DocumentNumber]; !ok || w.sessionID != prev.id || now.After(w.until) {
		return "the linked certificate choice no longer waits for a signature"
	}
	return ""
}

// linkWindow is how long the app waits for the linked signature after a
// certificate choice.
const linkWindow = 60 * time.Second

// startTimers arranges the session's end: the lifetime limit, and for
// notification sessions the account's own answer. The caller holds mu.
func (s *Simulator) startTimers(sess *session) {
	sess.timers = append(sess.timers, time.AfterFunc(s.opts.SessionLifetime, func() {
		s.complete(sess, SessionStatus{State: "COMPLETE", Result: &SessionResult{EndResult: ResultTimeout}})
	}))
	if sess.ep.flow != flowNotification && sess.ep.flow != flowLinked {
		return // device links wait for the phone
	}
	acct := *sess.account
	switch {
	case acct.result() == ResultTimeout:
		sess.timers = append(sess.timers, time.AfterFunc(s.opts.TimeoutAfter, func() {
			s.complete(sess, SessionStatus{State: "COMPLETE", Result: &SessionResult{EndResult: ResultTimeout}})
		}))
	case s.opts.ConfirmDelay >= 0:
		sess.timers = append(sess.timers, time.AfterFunc(s.opts.ConfirmDelay, func() {
			s.answer(sess, acct, FlowNotification, answerAsConfigured)
		}))
	}
}

const alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

// randomAlnum returns n random letters and digits, as SK's sessionToken.
func randomAlnum(n int) (string, error) {
	out := make([]byte, n)
	for i := range out {
		k, err := rand.Int(rand.Reader, big.NewInt(int64(len(alnum))))
		if err != nil {
			return "", err
		}
		out[i] = alnum[k.Int64()]
	}
	return string(out), nil
}
