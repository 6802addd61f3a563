package sim

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
)

// Each named limit, with a test that input beyond it is refused.

func TestMaxAPIBody(t *testing.T) {
	_, h := newTestSim(t, Options{})
	b := signBody(t, "x")
	b["nonce"] = "n"
	pad := MaxAPIBody - len(mustJSON(t, b)) // a body of exactly the limit
	b["capabilities"] = []string{}
	body := mustJSON(t, b)
	body = append(body[:len(body)-1], []byte(`,"x":"`+strings.Repeat("a", pad)+`"}`)...)
	if rec := call(t, h, "POST", "/v3/signature/notification/document/PNOEE-40504040001-DEM0-Q", body); rec.Code != 413 {
		t.Errorf("body of %d bytes: %d", len(body), rec.Code)
	}
	ok := signBody(t, "within")
	ok["nonce"] = strings.Repeat("é", 30) // long but valid
	if rec := call(t, h, "POST", "/v3/signature/notification/document/PNOEE-40504040001-DEM0-Q", ok); rec.Code != 200 {
		t.Errorf("normal body: %d %s", rec.Code, rec.Body)
	}
}

func TestMaxMockBody(t *testing.T) {
	_, h := newTestSim(t, Options{})
	body := `{"documentNumber":"` + strings.Repeat("a", MaxMockBody) + `"}`
	for _, path := range []string{"/mock/device-link", "/mock/status", "/phone/answer", "/phone/scan"} {
		if rec := call(t, h, "POST", path, body); rec.Code != 413 {
			t.Errorf("%s: %d", path, rec.Code)
		}
	}
}

func TestMaxTimestampQuery(t *testing.T) {
	_, h := newTestSim(t, Options{})
	if rec := postBinary(h, "/tsa", "application/timestamp-query", make([]byte, MaxTimestampQuery+1)); rec.Code != 413 {
		t.Errorf("TSA: %d", rec.Code)
	}
	// A nonce beyond maxNonceBytes is malformed.
	q := timestampQuery([]byte("x"), 1, false, nil)
	big := bytes.Replace(q, []byte{0x02, 0x01, 0x01}, append([]byte{0x02, maxNonceBytes + 1, 0x01}, make([]byte, maxNonceBytes)...), 1)
	big[1] += maxNonceBytes
	if _, err := parseTimestampRequest(big); err == nil {
		t.Error("a nonce of 33 bytes was accepted")
	}
}

func TestMaxOCSPRequest(t *testing.T) {
	_, h := newTestSim(t, Options{})
	if rec := postBinary(h, "/ocsp", "application/ocsp-request", make([]byte, MaxOCSPRequest+1)); rec.Code != 413 {
		t.Errorf("OCSP POST: %d", rec.Code)
	}
	long := base64.StdEncoding.EncodeToString(make([]byte, MaxOCSPRequest+3))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/ocsp/"+long, nil))
	if rec.Code != 414 {
		t.Errorf("OCSP GET: %d", rec.Code)
	}
}

func TestMaxInteractions(t *testing.T) {
	four := `[{"type":"displayTextAndPIN","displayText60":"a"},{"type":"confirmationMessage","displayText200":"b"},` +
		`{"type":"confirmationMessageAndVerificationCodeChoice","displayText200":"c"},{"type":"displayTextAndPIN","displayText60":"d"}]`
	if _, err := parseInteractions(base64.StdEncoding.EncodeToString([]byte(four)), flowNotification); err == nil ||
		!strings.Contains(err.Error(), fmt.Sprint(MaxInteractions)) {
		t.Errorf("four interactions: %v", err)
	}
}

func TestMaxSessions(t *testing.T) {
	s, h := newTestSim(t, Options{ConfirmDelay: -1})
	s.store.mu.Lock()
	for i := range MaxSessions {
		s.store.sessions[fmt.Sprint(i)] = &session{}
	}
	s.store.mu.Unlock()
	if rec := call(t, h, "POST", "/v3/signature/notification/document/PNOEE-40504040001-DEM0-Q", signBody(t, "full")); rec.Code != 503 {
		t.Errorf("beyond MaxSessions: %d", rec.Code)
	}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := jsonMarshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
