package sim

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// handleStatus serves GET /v3/session/{sessionID}?timeoutMs=N: it holds
// the request until the session completes or the timeout passes, then
// answers RUNNING.
func (s *Simulator) handleStatus(w http.ResponseWriter, r *http.Request) {
	timeout := defaultPollTimeout
	if v := r.URL.Query().Get("timeoutMs"); v != "" || r.URL.Query().Has("timeoutMs") {
		ms, err := strconv.Atoi(v)
		d := time.Duration(ms) * time.Millisecond
		if err != nil || d < minPollTimeout || d > maxPollTimeout {
			s.problem(w, http.StatusBadRequest, "the request is invalid", ProblemError{
				Detail: "timeoutMs must be an integer from 1000 to 120000", ParamName: "timeoutMs",
			})
			return
		}
		timeout = d
	}
	id := strings.ToLower(r.PathValue("sessionID"))
	if !uuidPattern.MatchString(id) {
		s.problem(w, http.StatusBadRequest, "the session ID must be a UUID")
		return
	}
	sess := s.store.get(id, s.now(), s.opts.Retention)
	if sess == nil {
		s.problem(w, http.StatusNotFound, "no such session, or it has expired")
		return
	}
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case <-sess.done:
	case <-timer.C:
	case <-r.Context().Done():
		return
	}
	s.store.mu.Lock()
	status := sess.status
	s.store.mu.Unlock()
	s.writeJSON(w, http.StatusOK, "application/json", status)
}
