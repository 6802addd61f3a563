package server

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/verso-pdf/verso/relay/sim"
)

// TestSimulatorMounted: the simulator answers under /sim/ with the
// prefix stripped, behind the same security headers as the site.
func TestSimulatorMounted(t *testing.T) {
	s, err := sim.New(sim.Options{BaseURL: "http://relay.test/sim", UserKeyBits: 2048})
	if err != nil {
		t.Fatal(err)
	}
	h := New(Config{Site: testSite, Simulator: s.Handler()})
	body := `{"relyingPartyUUID":"00000000-0000-4000-8000-000000000000","relyingPartyName":"DEMO"}`
	req := httptest.NewRequest(http.MethodPost, "/sim/v3/signature/certificate-choice/device-link/anonymous", strings.NewReader(body))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"sessionToken"`) {
		t.Fatalf("POST /sim/v3/…: %d %s", rec.Code, rec.Body)
	}
	for _, path := range []string{"/sim/phone", "/sim/phone.js", "/sim/ca/root.crt"} {
		rec := get(t, h, http.MethodGet, path, nil)
		if rec.Code != http.StatusOK {
			t.Errorf("GET %s: %d", path, rec.Code)
		}
		if csp := rec.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
			t.Errorf("GET %s: CSP %q", path, csp)
		}
	}
	if rec := get(t, New(Config{Site: testSite}), http.MethodGet, "/sim/phone", nil); rec.Code == http.StatusOK && strings.Contains(rec.Body.String(), "Smart-ID") {
		t.Error("the simulator answers although none is configured")
	}
}
