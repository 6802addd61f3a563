package server

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/verso-pdf/verso/relay/server/servertest"
)

// TestSameDeviceCallback: a Web2App certificate choice through the
// simulator's mock: the poll does not hand out the certificate; the
// callback with the right value and sessionSecretDigest does, and the
// linked signature follows. Wrong parameters are refused.
func TestSameDeviceCallback(t *testing.T) {
	var keys [][]byte
	r := newTestRelay(t, nil, func(a *API) { a.CallbackURL = "https://site.test/sign/callback"; keys = a.HandleKeys }, nil)
	tg := servertest.Target{URL: r.URL, SimURL: r.URL + "/sim", Client: &http.Client{Timeout: 30 * time.Second}}
	seal, err := newSealer(keys, r.URL)
	if err != nil {
		t.Fatal(err)
	}
	h := tg.Start(t, "")
	link := tg.Do(t, http.MethodGet, "/api/v1/sessions/"+h+"/link", "", nil, nil).JSON(t)["web2app"].(string)
	// The app knows the callback URL from Smart-ID; the page never does.
	st, err := seal.open(h, "", time.Now(), kindChoice)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(map[string]string{"documentNumber": "PNOEE-40404040009-MOCK-Q", "deviceLink": link,
		"flowType": "Web2App", "browserCookie": "c", "initialCallbackUrl": st.Callback})
	resp, err := http.Post(tg.SimURL+"/mock/device-link", "application/json", bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	data, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	var mock struct {
		CallbackURL string `json:"callbackUrl"`
	}
	if resp.StatusCode != http.StatusOK || json.Unmarshal(data, &mock) != nil || mock.CallbackURL == "" {
		t.Fatalf("mock: %d %s", resp.StatusCode, data)
	}
	cb, _ := url.Parse(mock.CallbackURL)
	value, digest := cb.Query().Get("value"), cb.Query().Get("sessionSecretDigest")

	if m := tg.Poll(t, h); m["result"] != resultCallbackRequired || m["handle"] != nil || m["certificate"] != nil {
		t.Fatalf("poll of a same-device choice: %v", m)
	}
	call := func(handle, value, digest string) servertest.Response {
		return tg.PostJSON(t, "/api/v1/sessions/"+handle+"/callback", map[string]string{"value": value, "sessionSecretDigest": digest})
	}
	for name, p := range map[string][2]string{
		"wrong digest":   {value, digest[:len(digest)-2] + "AA"},
		"wrong value":    {"x" + value[1:], digest},
		"no digest":      {value, ""},
		"digest of text": {value, "U4CKK13H1XFiyBofev9asqrzIrY5_Gszi_nL_zDKkBc"},
	} {
		if r := call(h, p[0], p[1]); r.Status != http.StatusBadRequest {
			t.Errorf("%s: %d %s", name, r.Status, r.Body)
		}
	}
	// Another session's handle with these parameters.
	if r := call(tg.Start(t, ""), value, digest); r.Status != http.StatusBadRequest {
		t.Errorf("another session: %d %s", r.Status, r.Body)
	}
	ok := call(h, value, digest)
	if ok.Status != http.StatusOK {
		t.Fatalf("callback: %d %s", ok.Status, ok.Body)
	}
	m := ok.JSON(t)
	if m["result"] != "OK" || m["handle"] == nil || m["certificate"] == nil {
		t.Fatalf("callback: %v", m)
	}
	// A QR session without a callback URL has no callback.
	r2 := newTestRelay(t, nil, nil, nil)
	tg2 := servertest.Target{URL: r2.URL, SimURL: r2.URL + "/sim"}
	if r := tg2.PostJSON(t, "/api/v1/sessions/"+tg2.Start(t, "")+"/callback", map[string]string{"value": value, "sessionSecretDigest": digest}); r.Status != http.StatusBadRequest {
		t.Errorf("QR-only session: %d %s", r.Status, r.Body)
	}
}

// TestRevokedCertificate: a revoked certificate ends the choice with
// CERTIFICATE_REVOKED; an OCSP responder that cannot be reached gives
// 503, not a certificate.
func TestRevokedCertificate(t *testing.T) {
	r := newTestRelay(t, nil, nil, nil)
	tg := servertest.Target{URL: r.URL, SimURL: r.URL + "/sim"}
	if err := r.Sim.Revoke("PNOEE-40404040009-MOCK-Q", time.Now().Add(-time.Minute)); err != nil {
		t.Fatal(err)
	}
	h := tg.Start(t, "")
	tg.Scan(t, h, "PNOEE-40404040009-MOCK-Q")
	if m := tg.Poll(t, h); m["result"] != resultRevoked || m["handle"] != nil || m["message"] == "" {
		t.Errorf("revoked: %v", m)
	}

	down := newTestRelay(t, nil, nil, func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
			if req.URL.Path == "/ocsp" {
				w.WriteHeader(http.StatusServiceUnavailable)
				return
			}
			next.ServeHTTP(w, req)
		})
	})
	tg = servertest.Target{URL: down.URL, SimURL: down.URL + "/sim"}
	h = tg.Start(t, "")
	tg.Scan(t, h, "PNOEE-40404040009-MOCK-Q")
	if res := tg.Do(t, http.MethodGet, "/api/v1/sessions/"+h+"?timeoutMs=5000", "", nil, nil); res.Status != http.StatusServiceUnavailable {
		t.Errorf("OCSP down: %d %s", res.Status, res.Body)
	}
}
