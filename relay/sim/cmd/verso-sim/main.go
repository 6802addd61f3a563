// Command verso-sim serves verso's Smart-ID simulator on its own: the RP
// API v3 at /v3, SK's mock contract at /mock, the phone page at /phone,
// an RFC 3161 TSA at /tsa and OCSP at /ocsp.
//
//	verso-sim -addr localhost:8090 -pki ./sim-pki
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

	"github.com/verso-pdf/verso/relay/sim"
)

func main() {
	addr := flag.String("addr", "localhost:8090", "listen on `host:port`")
	base := flag.String("base-url", "", "public `URL` of this service for AIA and device links (default http://ADDR)")
	pkiDir := flag.String("pki", "", "load the test PKI and users' keys from `DIR`, creating them there if absent")
	keyBits := flag.Int("key-bits", 3072, "RSA key size of users (Smart-ID uses 6144)")
	confirm := flag.Duration("confirm-delay", 0, "how long notification requests wait for a person on /phone (negative: always)")
	timeout := flag.Duration("timeout-after", 3*time.Second, "when TIMEOUT accounts time out")
	scheme := flag.String("scheme", "smart-id-demo", "authCode scheme name (smart-id or smart-id-demo)")
	lenient := flag.Bool("lenient", false, "accept request fields that no endpoint knows")
	flag.Parse()
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	if err := run(*addr, *base, sim.Options{
		PKIDir: *pkiDir, UserKeyBits: *keyBits, ConfirmDelay: *confirm, TimeoutAfter: *timeout,
		SchemeName: *scheme, LenientRequests: *lenient, Logger: log,
	}, log); err != nil {
		log.Error("verso-sim stopped", "error", err)
		os.Exit(1)
	}
}

func run(addr, base string, opts sim.Options, log *slog.Logger) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	if base == "" {
		base = "http://" + ln.Addr().String()
	}
	opts.BaseURL = base
	s, err := sim.New(opts)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second}
	log.Info("listening", "url", base, "phone", base+"/phone")
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
