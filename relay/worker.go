//go:build js && wasm

// The relay as a Cloudflare Worker (github.com/syumai/workers): the same
// API as the native server, configured by the Worker's variables and
// secrets. workerd starts a fresh Go instance for every request, so
// nothing lives in memory between requests: sealed handles carry the
// sessions, and rate limits and metrics must come from Cloudflare's own
// features. The static site is served by Workers assets, not from here.
//
// Workers cannot pin TLS keys or send from a fixed IP address, which SK
// requires for the live RP API; the Worker refuses the live API unless
// VERSO_WORKER_EGRESS=dedicated says a dedicated egress IP is set up.
package main

import (
	"cmp"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"

	"github.com/syumai/workers"
	"github.com/syumai/workers/cloudflare"
	"github.com/syumai/workers/cloudflare/fetch"

	"github.com/verso-pdf/verso/relay/server"
)

// version is set by the build: -ldflags "-X main.version=…".
var version = "dev"

func main() {
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	// Outbound requests go through the Workers fetch API.
	http.DefaultTransport = fetch.NewClient().HTTPClient(fetch.RedirectModeFollow).Transport
	cfg := server.Config{Version: version, Logger: log}
	api, err := workerAPI()
	if err != nil {
		log.Error("the relay's configuration has mistakes", "error", err.Error())
		workers.Serve(misconfigured(err))
		return
	}
	cfg.API = api
	workers.Serve(server.New(cfg))
}

// workerAPI reads the configuration from the Worker's environment.
func workerAPI() (*server.API, error) {
	env, err := server.ReadEnv(cloudflare.Getenv)
	if err != nil {
		return nil, err
	}
	switch {
	case env.Simulated():
		return nil, errors.New("SMARTID_BASE_URL is required: a Worker has no built-in simulator (nothing lives between requests); point it at SK's DEMO or at a running verso-sim")
	case env.Live() && !env.EgressAcknowledged:
		return nil, errors.New("the live Smart-ID API needs a fixed egress IP registered with SK and TLS pinning, which Workers lack; set VERSO_WORKER_EGRESS=dedicated only if a dedicated egress IP is in place")
	}
	env.ClientIPHeader = cmp.Or(env.ClientIPHeader, "CF-Connecting-IP")
	return env.API(&http.Client{})
}

// misconfigured answers every request with the configuration error, so
// that the operator sees it in the first response.
func misconfigured(err error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, fmt.Sprintf("relay misconfigured:\n%v", err), http.StatusServiceUnavailable)
	})
}
