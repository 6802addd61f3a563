package server

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
)

// testSite stands in for a built www/dist: an index page, a hashed wasm
// and script with their compressed variants, and the dist placeholder.
var testSite = fstest.MapFS{
	".gitkeep":                      {Data: []byte{}},
	"index.html":                    {Data: []byte("<!doctype html><title>verso</title>")},
	"sign.html":                     {Data: []byte("<!doctype html><title>sign</title>")},
	"assets/verso-0123abcd.wasm":    {Data: []byte("\x00asm\x01\x00\x00\x00 plain")},
	"assets/verso-0123abcd.wasm.br": {Data: []byte("brotli bytes")},
	"assets/verso-0123abcd.wasm.gz": {Data: []byte("gzip bytes")},
	"assets/main-ABCD1234.js":       {Data: []byte("console.log('plain')")},
	"assets/main-ABCD1234.js.gz":    {Data: []byte("gzip js")},
	"assets/styles-ABCD1234.css":    {Data: []byte("body{}")},
	"notes.unknown":                 {Data: []byte("not a site file")},
}

func get(t *testing.T, h http.Handler, method, target string, header map[string]string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, target, nil)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func newTestServer() http.Handler {
	return New(Config{Site: testSite, Version: "1.2.3-test"})
}

func TestContentTypes(t *testing.T) {
	h := newTestServer()
	for path, want := range map[string]string{
		"/":                           "text/html; charset=utf-8",
		"/index.html":                 "text/html; charset=utf-8",
		"/sign":                       "text/html; charset=utf-8",
		"/assets/verso-0123abcd.wasm": "application/wasm",
		"/assets/main-ABCD1234.js":    "text/javascript; charset=utf-8",
		"/assets/styles-ABCD1234.css": "text/css; charset=utf-8",
	} {
		for _, enc := range []string{"", "br, gzip"} {
			rec := get(t, h, http.MethodGet, path, map[string]string{"Accept-Encoding": enc})
			if rec.Code != http.StatusOK {
				t.Fatalf("GET %s (Accept-Encoding %q): status %d", path, enc, rec.Code)
			}
			if got := rec.Header().Get("Content-Type"); got != want {
				t.Errorf("GET %s (Accept-Encoding %q): Content-Type %q, want %q", path, enc, got, want)
			}
		}
	}
}

func TestEncodingNegotiation(t *testing.T) {
	h := newTestServer()
	for _, tc := range []struct {
		path, accept, wantEncoding, wantBody string
	}{
		{"/assets/verso-0123abcd.wasm", "gzip, deflate, br, zstd", "br", "brotli bytes"},
		{"/assets/verso-0123abcd.wasm", "gzip, deflate", "gzip", "gzip bytes"},
		{"/assets/verso-0123abcd.wasm", "", "", "\x00asm\x01\x00\x00\x00 plain"},
		{"/assets/verso-0123abcd.wasm", "br;q=0, gzip;q=0", "", "\x00asm\x01\x00\x00\x00 plain"},
		{"/assets/main-ABCD1234.js", "br, gzip", "gzip", "gzip js"},
		{"/assets/styles-ABCD1234.css", "br, gzip", "", "body{}"},
	} {
		rec := get(t, h, http.MethodGet, tc.path, map[string]string{"Accept-Encoding": tc.accept})
		if got := rec.Header().Get("Content-Encoding"); got != tc.wantEncoding {
			t.Errorf("%s with %q: Content-Encoding %q, want %q", tc.path, tc.accept, got, tc.wantEncoding)
		}
		if got := rec.Body.String(); got != tc.wantBody {
			t.Errorf("%s with %q: body %q, want %q", tc.path, tc.accept, got, tc.wantBody)
		}
		hasVariants := !strings.HasSuffix(tc.path, ".css")
		if got := rec.Header().Get("Vary") == "Accept-Encoding"; got != hasVariants {
			t.Errorf("%s with %q: Vary %q", tc.path, tc.accept, rec.Header().Get("Vary"))
		}
	}
}

func TestCaching(t *testing.T) {
	h := newTestServer()
	for path, want := range map[string]string{
		"/":                           "no-cache",
		"/assets/verso-0123abcd.wasm": "public, max-age=31536000, immutable",
		"/assets/main-ABCD1234.js":    "public, max-age=31536000, immutable",
	} {
		rec := get(t, h, http.MethodGet, path, nil)
		if got := rec.Header().Get("Cache-Control"); got != want {
			t.Errorf("%s: Cache-Control %q, want %q", path, got, want)
		}
		etag := rec.Header().Get("ETag")
		if etag == "" {
			t.Fatalf("%s: no ETag", path)
		}
		again := get(t, h, http.MethodGet, path, map[string]string{"If-None-Match": etag})
		if again.Code != http.StatusNotModified {
			t.Errorf("%s with If-None-Match: status %d, want 304", path, again.Code)
		}
	}
	// Each encoding is a different representation and needs its own ETag.
	br := get(t, h, http.MethodGet, "/assets/verso-0123abcd.wasm", map[string]string{"Accept-Encoding": "br"})
	gz := get(t, h, http.MethodGet, "/assets/verso-0123abcd.wasm", map[string]string{"Accept-Encoding": "gzip"})
	if br.Header().Get("ETag") == gz.Header().Get("ETag") {
		t.Error("br and gzip variants share an ETag")
	}
}

func TestSecurityHeaders(t *testing.T) {
	h := newTestServer()
	for _, path := range []string{"/", "/assets/main-ABCD1234.js", "/api/v1/health", "/missing"} {
		rec := get(t, h, http.MethodGet, path, nil)
		csp := rec.Header().Get("Content-Security-Policy")
		for _, directive := range []string{
			"default-src 'self'",
			"script-src 'self' 'wasm-unsafe-eval'",
			"worker-src 'self'",
			"object-src 'none'",
			"base-uri 'none'",
			"frame-ancestors 'none'",
		} {
			if !strings.Contains(csp, directive) {
				t.Errorf("%s: CSP %q lacks %q", path, csp, directive)
			}
		}
		if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "'unsafe-eval'") {
			t.Errorf("%s: CSP %q allows inline code or eval", path, csp)
		}
		if got := rec.Header().Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("%s: X-Content-Type-Options %q", path, got)
		}
		if got := rec.Header().Get("Referrer-Policy"); got != "no-referrer" {
			t.Errorf("%s: Referrer-Policy %q", path, got)
		}
	}
}

func TestHealth(t *testing.T) {
	rec := get(t, newTestServer(), http.MethodGet, "/api/v1/health", nil)
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d", rec.Code)
	}
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("Content-Type %q", ct)
	}
	var got healthReport
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got != (healthReport{Status: "ok", Version: "1.2.3-test"}) {
		t.Errorf("health = %+v", got)
	}
}

func TestNotFound(t *testing.T) {
	h := newTestServer()
	for _, path := range []string{
		"/missing.js",
		"/assets/",
		"/assets",
		"/.gitkeep",                      // the dist placeholder
		"/assets/verso-0123abcd.wasm.br", // variants only through negotiation
		"/notes.unknown",                 // no known content type
		"/../index.html/x",
	} {
		rec := get(t, h, http.MethodGet, path, nil)
		if rec.Code != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 404", path, rec.Code)
		}
		if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
			t.Errorf("GET %s: Content-Type %q", path, ct)
		}
	}
	rec := get(t, h, http.MethodGet, "/api/v1/nothing", nil)
	if rec.Code != http.StatusNotFound || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") {
		t.Errorf("GET /api/v1/nothing: status %d, Content-Type %q", rec.Code, rec.Header().Get("Content-Type"))
	}
	if rec := get(t, h, http.MethodPost, "/index.html", nil); rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST /index.html: status %d, want 405", rec.Code)
	}
}

func TestHead(t *testing.T) {
	rec := get(t, newTestServer(), http.MethodHead, "/assets/verso-0123abcd.wasm", nil)
	if rec.Code != http.StatusOK || rec.Body.Len() != 0 || rec.Header().Get("Content-Type") != "application/wasm" {
		t.Errorf("HEAD: status %d, %d body bytes, Content-Type %q", rec.Code, rec.Body.Len(), rec.Header().Get("Content-Type"))
	}
}

// TestSiteNotBuilt covers a relay built before the site (go build on a
// fresh clone, where www/dist holds only its placeholder).
func TestSiteNotBuilt(t *testing.T) {
	h := New(Config{Site: fstest.MapFS{".gitkeep": {}}})
	rec := get(t, h, http.MethodGet, "/", nil)
	if rec.Code != http.StatusServiceUnavailable || !strings.Contains(rec.Body.String(), "make build") {
		t.Errorf("status %d, body %q; want 503 naming make build", rec.Code, rec.Body.String())
	}
}

// The request log names routes, not paths, where paths carry identities.
func TestLogOmitsIdentities(t *testing.T) {
	var logs strings.Builder
	h := New(Config{Logger: slog.New(slog.NewTextHandler(&logs, nil)),
		Simulator: http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNotFound) })})
	get(t, h, http.MethodPost, "/sim/v3/signature/notification/etsi/PNOEE-30303039914", nil)
	get(t, h, http.MethodGet, "/api/v1/sessions/sealed-handle-123", nil)
	if strings.Contains(logs.String(), "PNOEE") || strings.Contains(logs.String(), "sealed-handle-123") {
		t.Errorf("the log names an identity or a handle:\n%s", logs.String())
	}
	if !strings.Contains(logs.String(), "path=/sim/*") {
		t.Errorf("the log should name the route:\n%s", logs.String())
	}
}
