package server

import (
	"net/http"
	"strings"
	"testing"
	"testing/fstest"
)

// The widget's frame may be framed by other sites, and only it; the widget
// script is readable by them (module scripts are fetched with CORS).
func TestEmbedHeaders(t *testing.T) {
	site := fstest.MapFS{
		"index.html": {Data: []byte("<!doctype html><title>verso</title>")},
		"embed.html": {Data: []byte("<!doctype html><title>frame</title>")},
		"widget.js":  {Data: []byte("customElements.define('verso-verify', class extends HTMLElement {})")},
	}
	h := New(Config{Site: site, Version: "1.2.3-test"})

	frame := get(t, h, http.MethodGet, "/embed.html", nil)
	csp := frame.Header().Get("Content-Security-Policy")
	if frame.Code != http.StatusOK || !strings.Contains(csp, "frame-ancestors *") || strings.Contains(csp, "frame-ancestors 'none'") {
		t.Errorf("/embed.html: status %d, CSP %q; want frame-ancestors *", frame.Code, csp)
	}
	if !strings.Contains(csp, "script-src 'self' 'wasm-unsafe-eval'") {
		t.Errorf("/embed.html: CSP %q lost the site's script policy", csp)
	}
	for _, path := range []string{"/", "/index.html", "/widget.js", "/embed.html/", "/EMBED.html"} {
		rec := get(t, h, http.MethodGet, path, nil)
		if csp := rec.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors 'none'") {
			t.Errorf("%s: CSP %q, want frame-ancestors 'none'", path, csp)
		}
	}

	widget := get(t, h, http.MethodGet, "/widget.js", nil)
	if got := widget.Header().Get("Access-Control-Allow-Origin"); got != "*" {
		t.Errorf("/widget.js: Access-Control-Allow-Origin %q, want *", got)
	}
	if got := get(t, h, http.MethodGet, "/", nil).Header().Get("Access-Control-Allow-Origin"); got != "" {
		t.Errorf("/: Access-Control-Allow-Origin %q, want none", got)
	}
}
