//go:build !js

// Command relay serves verso's site and API: the static site embedded from
// www/dist at /, and the JSON API under /api/v1/.
//
// It listens on -addr host:port, else on :$PORT, else on :8080, and shuts
// down gracefully on SIGINT or SIGTERM.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/verso-pdf/verso/relay/server"
	"github.com/verso-pdf/verso/relay/sim"
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

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cfg := server.Config{Site: www.Site(), Version: version, Logger: log}
	if err := run(ctx, listenAddr(*addr, os.Getenv("PORT")), cfg); err != nil {
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

// run serves until ctx is done, then lets open requests finish.
func run(ctx context.Context, addr string, cfg server.Config) error {
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
	if cfg.Simulator == nil {
		// No Smart-ID configuration exists yet: the simulator is the
		// backend. Its certificates point at this address.
		s, err := sim.New(sim.Options{BaseURL: url + "/sim", Logger: cfg.Logger})
		if err != nil {
			ln.Close()
			return fmt.Errorf("starting the Smart-ID simulator: %w", err)
		}
		cfg.Simulator = s.Handler()
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
