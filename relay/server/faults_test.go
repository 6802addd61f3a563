package server

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/verso-pdf/verso/relay/server/servertest"
)

// mutateStatus rewrites completed session-status answers of the
// simulator that match (a signature when signature is true, else a
// certificate choice) with f.
func mutateStatus(signature bool, f func(map[string]any)) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if !strings.HasPrefix(r.URL.Path, "/v3/session/") {
				next.ServeHTTP(w, r)
				return
			}
			rec := httptest.NewRecorder()
			next.ServeHTTP(rec, r)
			var m map[string]any
			if json.Unmarshal(rec.Body.Bytes(), &m) == nil && m["state"] == "COMPLETE" &&
				(m["signatureProtocol"] == "RAW_DIGEST_SIGNATURE") == signature {
				f(m)
			}
			body, _ := json.Marshal(m)
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(rec.Code)
			w.Write(body)
		})
	}
}

// replaceStatus answers session-status calls with status and body.
func replaceStatus(status int, body string) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if !strings.HasPrefix(r.URL.Path, "/v3/session/") {
				next.ServeHTTP(w, r)
				return
			}
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(status)
			w.Write([]byte(body))
		})
	}
}

// TestFaults: each upstream failure gives a clear error, and no request
// leaves a goroutine behind.
func TestFaults(t *testing.T) {
	before := runtime.NumGoroutine()
	otherCert := func(r *testRelay, doc string) string {
		der, err := r.Sim.Certificate(doc)
		if err != nil {
			t.Fatal(err)
		}
		return base64.StdEncoding.EncodeToString(der)
	}
	var relay atomic.Pointer[testRelay]
	for _, tc := range []struct {
		name     string
		upstream func(http.Handler) http.Handler
		// sign runs the signature (the fault hits its status), else the
		// certificate choice by notification fails.
		sign       bool
		wantStatus int
		wantText   string
	}{
		{"5xx", replaceStatus(500, `{"title":"Internal Server Error"}`), false, 502, "did not answer"},
		{"malformed JSON", replaceStatus(200, `{"state":"COMPLETE","result":`), false, 502, "malformed"},
		{"unknown state", replaceStatus(200, `{"state":"DONE"}`), false, 502, "malformed"},
		{"wrong signature", mutateStatus(true, func(m map[string]any) {
			sig := m["signature"].(map[string]any)
			v, _ := base64.StdEncoding.DecodeString(sig["value"].(string))
			v[10] ^= 1
			sig["value"] = base64.StdEncoding.EncodeToString(v)
		}), true, 502, "does not verify"},
		{"wrong salt", mutateStatus(true, func(m map[string]any) {
			m["signature"].(map[string]any)["signatureAlgorithmParameters"].(map[string]any)["saltLength"] = 20
		}), true, 502, "salt"},
		{"wrong MGF hash", mutateStatus(true, func(m map[string]any) {
			p := m["signature"].(map[string]any)["signatureAlgorithmParameters"].(map[string]any)
			p["maskGenAlgorithm"].(map[string]any)["parameters"] = map[string]any{"hashAlgorithm": "SHA-512"}
		}), true, 502, "MGF1"},
		{"wrong certificate", mutateStatus(true, func(m map[string]any) {
			m["cert"].(map[string]any)["value"] = otherCert(relay.Load(), "PNOLT-40404040009-MOCK-Q")
			m["result"].(map[string]any)["documentNumber"] = "PNOLT-40404040009-MOCK-Q"
		}), true, 502, "not the one chosen"},
		{"another person's certificate", mutateStatus(false, func(m map[string]any) {
			m["cert"].(map[string]any)["value"] = otherCert(relay.Load(), "PNOLT-50001029996-DEMO-Q")
			m["result"].(map[string]any)["documentNumber"] = "PNOLT-50001029996-DEMO-Q"
		}), false, 502, "another person"},
		{"certificate not matching the account", mutateStatus(false, func(m map[string]any) {
			m["cert"].(map[string]any)["value"] = otherCert(relay.Load(), "PNOLT-50001029996-DEMO-Q")
		}), false, 502, "document number"},
		{"untrusted certificate", mutateStatus(false, func(m map[string]any) {
			m["cert"].(map[string]any)["value"] = base64.StdEncoding.EncodeToString(relay.Load().Sim.PKI().TSA().Raw)
		}), false, 502, "chain"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := newTestRelay(t, nil, nil, tc.upstream)
			relay.Store(r)
			tg := servertest.Target{URL: r.URL, SimURL: r.URL + "/sim"}
			var res servertest.Response
			if tc.sign {
				c := tg.Choose(t, "", "PNOLT-40504040001")
				s := tg.Sign(t, c.Handle, servertest.SignedAttributes(t, c.Cert))
				res = tg.Do(t, "GET", "/api/v1/sessions/"+s.JSON(t)["handle"].(string)+"?timeoutMs=2000", "", nil, nil)
			} else {
				h := tg.Start(t, "PNOLT-40504040001")
				res = tg.Do(t, "GET", "/api/v1/sessions/"+h+"?timeoutMs=2000", "", nil, nil)
			}
			if res.Status != tc.wantStatus || !bytes.Contains(res.Body, []byte(tc.wantText)) {
				t.Errorf("%d %s, want %d with %q", res.Status, res.Body, tc.wantStatus, tc.wantText)
			}
		})
	}

	t.Run("580", func(t *testing.T) {
		r := newTestRelay(t, nil, nil, nil)
		r.Sim.ForceStatus(580)
		res := servertest.Target{URL: r.URL}.PostJSON(t, "/api/v1/certificate-choice", map[string]string{})
		if res.Status != 503 || !bytes.Contains(res.Body, []byte("maintenance")) {
			t.Errorf("%d %s", res.Status, res.Body)
		}
	})
	t.Run("down", func(t *testing.T) {
		r := newTestRelay(t, nil, nil, func(http.Handler) http.Handler {
			return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { panic(http.ErrAbortHandler) })
		})
		res := servertest.Target{URL: r.URL}.PostJSON(t, "/api/v1/certificate-choice", map[string]string{})
		if res.Status != 502 || !bytes.Contains(res.Body, []byte("did not answer")) {
			t.Errorf("%d %s", res.Status, res.Body)
		}
	})
	t.Run("slow", func(t *testing.T) {
		r := newTestRelay(t, nil, nil, func(next http.Handler) http.Handler {
			return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				select {
				case <-time.After(3 * time.Second):
				case <-r.Context().Done():
				}
			})
		})
		start := time.Now()
		res := servertest.Target{URL: r.URL}.PostJSON(t, "/api/v1/certificate-choice", map[string]string{})
		if res.Status != 502 || time.Since(start) > 5*time.Second {
			t.Errorf("%d %s after %v", res.Status, res.Body, time.Since(start))
		}
	})

	// Servers closed by Cleanup run after the subtests; wait for their
	// goroutines to end.
	t.Cleanup(func() {
		http.DefaultClient.CloseIdleConnections()
		for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(50 * time.Millisecond) {
			n := runtime.NumGoroutine()
			if n <= before+2 {
				return
			}
			if time.Now().After(deadline) {
				buf := make([]byte, 1<<16)
				t.Errorf("%d goroutines left (%d before):\n%s", n, before, buf[:runtime.Stack(buf, true)])
				return
			}
		}
	})
}
