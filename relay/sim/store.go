package sim

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"sync"
	"time"
)

// session is one RP API session from creation to retention's end.
type session struct {
	id      string
	ep      endpoint
	req     *request
	created time.Time // simulator clock, when the response was written

	// Device-link sessions.
	token  string
	secret []byte

	// vc is the notification signature's verification code.
	vc string
	// account is the person's account when the request named it; nil for
	// anonymous sessions until the phone answers.
	account *Account
	// phoneID names the session on /phone, where sessionID must not show.
	phoneID string
	// linkedTo is the certificate choice a linked signature follows.
	linkedTo string

	done      chan struct{}
	status    SessionStatus // guarded by store.mu; RUNNING until done
	completed time.Time
	timers    []*time.Timer
}

// store holds sessions and the idempotency index.
type store struct {
	mu       sync.Mutex
	sessions map[string]*session
	byToken  map[string]*session
	byPhone  map[string]*session
	// recent maps a request fingerprint to its response, for 15 s.
	recent map[string]recentRequest
	// expectLinked maps a document number to the certificate choice that
	// waits for its linked signature, and until when.
	expectLinked map[string]linkWait
}

type recentRequest struct {
	at       time.Time
	response any
}

type linkWait struct {
	sessionID string
	until     time.Time
}

func newStore() *store {
	return &store{
		sessions: map[string]*session{}, byToken: map[string]*session{}, byPhone: map[string]*session{},
		recent: map[string]recentRequest{}, expectLinked: map[string]linkWait{},
	}
}

// newUUID returns a random (version 4) UUID.
func newUUID() (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b)
	return fmt.Sprintf("%s-%s-%s-%s-%s", h[:8], h[8:12], h[12:16], h[16:20], h[20:]), nil
}

// sweep forgets sessions past retention and stale idempotency entries.
// The caller holds mu.
func (st *store) sweep(now time.Time, retention time.Duration) {
	for id, s := range st.sessions {
		if !s.completed.IsZero() && now.Sub(s.completed) > retention {
			st.forget(id, s)
		}
	}
	for k, r := range st.recent {
		if now.Sub(r.at) > idempotencyWindow {
			delete(st.recent, k)
		}
	}
	for d, w := range st.expectLinked {
		if now.After(w.until) {
			delete(st.expectLinked, d)
		}
	}
}

func (st *store) forget(id string, s *session) {
	delete(st.sessions, id)
	if s.token != "" {
		delete(st.byToken, s.token)
	}
	delete(st.byPhone, s.phoneID)
}

// get returns a live or retained session.
func (st *store) get(id string, now time.Time, retention time.Duration) *session {
	st.mu.Lock()
	defer st.mu.Unlock()
	s := st.sessions[id]
	if s != nil && !s.completed.IsZero() && now.Sub(s.completed) > retention {
		st.forget(id, s)
		return nil
	}
	return s
}
