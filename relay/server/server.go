// Package server is the relay's HTTP application: the static site at / and
// the JSON API under /api/v1/. It is an echo app behind a plain
// http.Handler, so the same handler serves a normal process (relay/main.go)
// and, later, a Cloudflare Worker.
//
// Every response carries a strict Content-Security-Policy. Request logs
// name the method, path and status only: never a query string, a header or
// a client address; API requests are logged by route pattern, because
// their paths carry session handles. Bodies (identity numbers, signed
// attributes, certificates) are never logged.
package server

import (
	"io"
	"io/fs"
	"log/slog"
	"net/http"

	"github.com/labstack/echo/v4"
)

// Config is what the app needs. The zero value serves an empty site.
type Config struct {
	// Site is the built static site, rooted at its index.html (www.Site()).
	Site fs.FS
	// Version is the relay's version, reported by /api/v1/health.
	Version string
	// Logger receives one line per request; nil discards them.
	Logger *slog.Logger
	// Simulator, when not nil, is mounted at /sim/ (prefix stripped): the
	// Smart-ID simulator, TSA and OCSP of relay/sim.
	Simulator http.Handler
	// API, when not nil, serves the signing API under /api/v1 (see
	// relay/API.md). Check it with API.Check first: New panics on an
	// invalid one.
	API *API
}

// New returns the relay's HTTP handler.
func New(cfg Config) http.Handler {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.HTTPErrorHandler = handleError
	e.Use(securityHeaders, logRequests(cfg.Logger), recoverPanics(cfg.Logger))

	api := e.Group("/api/v1")
	api.GET("/health", health(cfg.Version))
	if cfg.API != nil {
		a, err := newAPI(*cfg.API, cfg.Logger)
		if err != nil {
			panic("server: " + err.Error())
		}
		a.routes(api)
	}

	if cfg.Simulator != nil {
		e.Any("/sim/*", echo.WrapHandler(http.StripPrefix("/sim", cfg.Simulator)))
	}

	s := newSite(cfg.Site)
	e.GET("/*", s.serve)
	e.HEAD("/*", s.serve)
	return e
}
