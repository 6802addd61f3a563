//go:build !js

// Command relay serves verso's site and API: the static site embedded from
// www/dist at /, and the JSON API under /api/v1/.
//
// It listens on -addr host:port, else on :$PORT, else on :8080, and shuts
// down gracefully on SIGINT or SIGTERM.
package main

import (
	"cmp"
	"context"
	"crypto/rand"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/verso-pdf/verso/relay/server"
	"github.com/verso-pdf/verso/relay/sim"
	"github.com/verso-pdf/verso/relay/smartid"
	"github.com/verso-pdf/verso/www"
)

// version is set by the build: -ldflags "-X main.version=…".
var version = "dev"

// shutdownGrace bounds how long open requests may finish after a signal.
const shutdownGrace = 10 * time.Second

func main() {
	addr := flag.String("addr", "", "listen on `host:port` (default :$PORT, else :8080)")
	flag.Parse()
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))

	env, err := server.ReadEnv(os.Getenv)
	if err != nil {
		fmt.Fprintf(os.Stderr, "relay: the configuration has mistakes:\n%v\n", err)
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cfg := server.Config{Site: www.Site(), Version: version, Logger: log}
	if err := run(ctx, listenAddr(*addr, os.Getenv("PORT")), cfg, env); err != nil {
		log.Error("relay stopped", "error", err)
		os.Exit(1)
	}
}

// listenAddr applies the precedence of the contract in ARCHITECTURE.md:
// the flag, else $PORT (a bare port, as hosting platforms set it), else
// :8080.
func listenAddr(flagAddr, port string) string {
	switch {
	case flagAddr != "":
		return flagAddr
	case port != "":
		return net.JoinHostPort("", port)
	default:
		return ":8080"
	}
}

// run serves until ctx is done, then lets open requests finish. A nil env
// serves no signing API.
func run(ctx context.Context, addr string, cfg server.Config, env *server.Env) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	srv := &http.Server{
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(cfg.Logger.Handler(), slog.LevelWarn),
	}
	url := "http://" + displayAddr(ln.Addr())
	if env != nil {
		if err := configureAPI(&cfg, env, url); err != nil {
			ln.Close()
			return err
		}
	}
	srv.Handler = server.New(cfg)
	// The browser tests start the relay on port 0 and read the URL here.
	cfg.Logger.Info("listening", "url", url, "version", cfg.Version)

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	cfg.Logger.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// displayAddr names a listening address the way a browser would reach it:
// localhost for the unspecified address.
func displayAddr(a net.Addr) string {
	host, port, err := net.SplitHostPort(a.String())
	if err != nil {
		return a.String()
	}
	if ip := net.ParseIP(host); ip == nil || ip.IsUnspecified() {
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}

// configureAPI sets up the signing API. With no Smart-ID configuration
// the simulator is the backend, mounted at /sim/ and called over HTTP
// like SK's service; its certificates point at this address.
func configureAPI(cfg *server.Config, env *server.Env, url string) error {
	e := *env
	hc := &http.Client{}
	if e.Simulated() {
		s, err := sim.New(sim.Options{BaseURL: url + "/sim", Logger: cfg.Logger})
		if err != nil {
			return fmt.Errorf("starting the Smart-ID simulator: %w", err)
		}
		cfg.Simulator = s.Handler()
		p := s.PKI()
		e.SmartIDBaseURL = url + "/sim/v3"
		e.RelyingPartyUUID, e.RelyingPartyName = sim.DemoRelyingParties()[0].UUID, sim.DemoRelyingParties()[0].Name
		e.Trust = smartid.NewTrust(p.Root(), p.QualifiedIssuer(), p.NonQualifiedIssuer())
		e.TSAURL = cmp.Or(e.TSAURL, url+"/sim/tsa")
		e.OCSPURL = cmp.Or(e.OCSPURL, url+"/sim/ocsp")
		// The simulator's responder echoes nonces: require them.
		e.OCSPResponder, e.OCSPNonce = url+"/sim/ocsp", true
		if len(e.HandleKeys) == 0 {
			// One process: a key for its lifetime is enough.
			key := make([]byte, server.HandleKeySize)
			if _, err := rand.Read(key); err != nil {
				return err
			}
			e.HandleKeys = [][]byte{key}
		}
		cfg.Logger.Info("no Smart-ID configuration: using the built-in simulator", "phone", url+"/sim/phone")
	} else if strings.HasPrefix(e.SmartIDBaseURL, "https://") {
		t, err := smartid.PinnedTransport(e.TLSPins)
		if err != nil {
			return fmt.Errorf("SMARTID_TLS_PINS: %w", err)
		}
		hc.Transport = t
	}
	api, err := e.API(hc)
	if err != nil {
		return fmt.Errorf("the signing API: %w", err)
	}
	cfg.API = api
	return nil
}
