package server

import (
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestHandles(t *testing.T) {
	key, other := make([]byte, HandleKeySize), make([]byte, HandleKeySize)
	other[0] = 1
	s, _ := newSealer([][]byte{key}, "relay A")
	now := time.Now()
	h, err := s.seal(state{Kind: kindChoice, SessionID: "x"}, "https://a.test", now)
	if err != nil {
		t.Fatal(err)
	}
	if st, err := s.open(h, "https://a.test", now, kindChoice); err != nil || st.SessionID != "x" {
		t.Fatalf("open: %v %v", st, err)
	}
	if _, err := s.open(h, "https://a.test", now.Add(handleLifetime[kindChoice]+2*time.Second), kindChoice); !errors.Is(err, errHandleExpired) {
		t.Errorf("expired: %v", err)
	}
	if _, err := s.open(h, "https://b.test", now, kindChoice); !errors.Is(err, errHandleInvalid) {
		t.Errorf("another origin: %v", err)
	}
	if _, err := s.open(h, "https://a.test", now, kindSignature, kindChosen); !errors.Is(err, errHandleInvalid) {
		t.Errorf("another kind: %v", err)
	}
	b, _ := newSealer([][]byte{key}, "relay B")
	if _, err := b.open(h, "https://a.test", now, kindChoice); !errors.Is(err, errHandleInvalid) {
		t.Errorf("another deployment: %v", err)
	}
	rotated, _ := newSealer([][]byte{other, key}, "relay A")
	if _, err := rotated.open(h, "https://a.test", now, kindChoice); err != nil {
		t.Errorf("after key rotation: %v", err)
	}
	if _, err := newSealer([][]byte{key[:16]}, "x"); err == nil {
		t.Error("a 16-byte key was accepted")
	}
}

func TestLimiter(t *testing.T) {
	l := newLimiter(3, time.Minute)
	now := time.Now()
	for i := range 3 {
		if !l.allow("a", now) {
			t.Fatalf("request %d refused", i+1)
		}
	}
	if l.allow("a", now) {
		t.Error("a fourth request in the same instant was allowed")
	}
	if !l.allow("b", now) {
		t.Error("another client was refused")
	}
	if !l.allow("a", now.Add(20*time.Second)) {
		t.Error("no token after a third of the period")
	}
}

// TestRateLimitedAPI: the 4th certificate choice of a client in a minute,
// and the 2nd notification to one person, are refused with 429.
func TestRateLimitedAPI(t *testing.T) {
	r := newTestRelay(t, nil, func(a *API) { a.ClientRate, a.IdentityRate = 3, 1 }, nil)
	post := func(body string) int {
		return tgPost(t, r.URL, body)
	}
	if got := post(`{"identity":"PNOEE-40504040001"}`); got != 200 {
		t.Fatalf("first: %d", got)
	}
	if got := post(`{"identity":"PNOEE-40504040001"}`); got != 429 {
		t.Errorf("second notification to the same person: %d", got)
	}
	post(`{}`)
	if got := post(`{}`); got != 429 {
		t.Errorf("fourth request of the client: %d", got)
	}
}

func tgPost(t *testing.T, url, body string) int {
	t.Helper()
	resp, err := http.Post(url+"/api/v1/certificate-choice", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}
