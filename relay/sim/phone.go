package sim

import (
	"bytes"
	"embed"
	"encoding/json"
	"net/http"
	"regexp"
	"sort"
	"strings"
)

// The phone page's files: no inline script or style, so that it works
// under a Content-Security-Policy of script-src 'self'.
//
//go:embed phone/index.html phone/phone.js phone/phone.css
var phoneFiles embed.FS

func (s *Simulator) phoneRoutes(mux *http.ServeMux) {
	for route, file := range map[string]string{
		"GET /phone":     "phone/index.html",
		"GET /phone.js":  "phone/phone.js",
		"GET /phone.css": "phone/phone.css",
	} {
		mux.HandleFunc(route, func(w http.ResponseWriter, r *http.Request) {
			data, err := phoneFiles.ReadFile(file)
			if err != nil {
				http.NotFound(w, r)
				return
			}
			types := map[string]string{".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}
			w.Header().Set("Content-Type", types[file[bytes.LastIndexByte([]byte(file), '.'):]])
			w.Header().Set("Cache-Control", "no-store")
			_, _ = w.Write(data)
		})
	}
	mux.HandleFunc("GET /phone/requests", s.handlePhoneRequests)
	mux.HandleFunc("POST /phone/answer", s.handlePhoneAnswer)
	mux.HandleFunc("POST /phone/scan", s.handlePhoneScan)
}

// phoneRequest is a running session as the phone page lists it.
type phoneRequest struct {
	ID string `json:"id"`
	// Kind is "signature" or "certificate choice".
	Kind string `json:"kind"`
	// DeviceLink is true when a person must "scan" it (choose an account).
	DeviceLink     bool   `json:"deviceLink"`
	RelyingParty   string `json:"relyingParty"`
	Interaction    string `json:"interaction,omitempty"`
	Text           string `json:"text,omitempty"`
	VC             string `json:"vc,omitempty"`
	DocumentNumber string `json:"documentNumber,omitempty"`
}

type phoneState struct {
	Requests []phoneRequest `json:"requests"`
	Accounts []string       `json:"accounts"`
}

// handlePhoneRequests lists running sessions and the accounts a person
// may pick for an anonymous one.
func (s *Simulator) handlePhoneRequests(w http.ResponseWriter, r *http.Request) {
	st := phoneState{Requests: []phoneRequest{}}
	s.store.mu.Lock()
	for _, sess := range s.store.sessions {
		if !sess.completed.IsZero() {
			continue
		}
		pr := phoneRequest{ID: sess.phoneID, Kind: sess.ep.kind.String(), DeviceLink: sess.ep.flow == flowDeviceLink,
			RelyingParty: sess.req.RelyingPartyName, VC: sess.vc}
		if in := sess.interactionUsed(); in.Type != "" {
			pr.Interaction, pr.Text = in.Type, in.text()
		}
		if sess.account != nil {
			pr.DocumentNumber = sess.account.DocumentNumber
		}
		st.Requests = append(st.Requests, pr)
	}
	s.store.mu.Unlock()
	for d, a := range s.accounts {
		if a.result() == ResultOK {
			st.Accounts = append(st.Accounts, d)
		}
	}
	sort.Strings(st.Accounts)
	sort.Slice(st.Requests, func(i, j int) bool { return st.Requests[i].ID < st.Requests[j].ID })
	s.writeJSON(w, http.StatusOK, "application/json", st)
}

type phoneAnswer struct {
	ID             string `json:"id"`
	Confirm        bool   `json:"confirm"`
	PIN            string `json:"pin"`
	DocumentNumber string `json:"documentNumber"`
}

var pinPattern = regexp.MustCompile(`^[0-9]{4,12}$`)

// handlePhoneAnswer confirms (with a PIN) or refuses a session as the
// person using the page.
func (s *Simulator) handlePhoneAnswer(w http.ResponseWriter, r *http.Request) {
	body, ok := s.readBody(w, r, MaxMockBody)
	if !ok {
		return
	}
	var a phoneAnswer
	if err := json.Unmarshal(body, &a); err != nil {
		s.problem(w, http.StatusBadRequest, "the body must be JSON")
		return
	}
	if a.Confirm && !pinPattern.MatchString(a.PIN) {
		s.problem(w, http.StatusBadRequest, "the PIN is 4 to 12 digits")
		return
	}
	s.store.mu.Lock()
	sess := s.store.byPhone[a.ID]
	running := sess != nil && sess.completed.IsZero()
	s.store.mu.Unlock()
	if !running {
		s.problem(w, http.StatusNotFound, "the request is no longer pending")
		return
	}
	var acct Account
	switch {
	case sess.account != nil:
		acct = *sess.account
	default:
		found, ok := s.accounts[a.DocumentNumber]
		if !ok || !levelSuits(found.Level(), sess.req.level) {
			s.problem(w, http.StatusBadRequest, "choose one of the accounts")
			return
		}
		acct = found
	}
	how, flowType := answerRefuse, FlowNotification
	if a.Confirm {
		how = answerConfirm
	}
	if sess.ep.flow == flowDeviceLink {
		flowType = FlowQR
	}
	s.answer(sess, acct, flowType, how)
	w.WriteHeader(http.StatusNoContent)
}

// handlePhoneScan checks a device link opened in the browser (the query
// of /device-link) and returns the phone ID of its session.
func (s *Simulator) handlePhoneScan(w http.ResponseWriter, r *http.Request) {
	body, ok := s.readBody(w, r, MaxMockBody)
	if !ok {
		return
	}
	var req struct {
		Query string `json:"query"`
	}
	if err := json.Unmarshal(body, &req); err != nil {
		s.problem(w, http.StatusBadRequest, "the body must be JSON")
		return
	}
	link := s.opts.DeviceLinkBase + "?" + req.Query
	sess := s.sessionByToken(linkToken(link))
	if sess == nil {
		s.problem(w, http.StatusNotFound, "the link names no running session")
		return
	}
	l, err := s.linkContext(sess).check(link, linkType(req.Query))
	if err != nil {
		s.complete(sess, SessionStatus{State: "COMPLETE", Result: &SessionResult{EndResult: ResultProtocolFailure}})
		s.problem(w, http.StatusBadRequest, "the device link is wrong: "+err.Error())
		return
	}
	s.writeJSON(w, http.StatusOK, "application/json", map[string]string{"id": sess.phoneID, "type": l.Type})
}

// linkType returns the deviceLinkType parameter.
func linkType(query string) string {
	t, _ := strings.CutPrefix(strings.SplitN(query, "&", 2)[0], "deviceLinkType=")
	return t
}
