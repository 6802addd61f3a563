//go:build !js

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"regexp"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/verso-pdf/verso/relay/server"
)

func TestListenAddr(t *testing.T) {
	for _, tc := range []struct{ flag, port, want string }{
		{"127.0.0.1:9000", "7000", "127.0.0.1:9000"},
		{"", "7000", ":7000"},
		{"", "", ":8080"},
	} {
		if got := listenAddr(tc.flag, tc.port); got != tc.want {
			t.Errorf("listenAddr(%q, %q) = %q, want %q", tc.flag, tc.port, got, tc.want)
		}
	}
}

// syncBuffer lets the test read the log while the server writes it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestRunServesAndShutsDown starts the relay on a free port, as the browser
// tests do, and stops it the way a signal would.
func TestRunServesAndShutsDown(t *testing.T) {
	var logs syncBuffer
	cfg := server.Config{
		Site:    fstest.MapFS{"index.html": {Data: []byte("<!doctype html>")}},
		Version: "test",
		Logger:  slog.New(slog.NewTextHandler(&logs, nil)),
	}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- run(ctx, "127.0.0.1:0", cfg, &server.Env{}) }()

	listening := regexp.MustCompile(`msg=listening url=(http://127\.0\.0\.1:\d+)`)
	var base string
	for deadline := time.Now().Add(5 * time.Second); base == ""; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("no listening line in the log:\n%s", logs.String())
		}
		if m := listening.FindStringSubmatch(logs.String()); m != nil {
			base = m[1]
		}
	}

	resp, err := http.Get(base + "/api/v1/health")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	var h struct{ Status, Version string }
	if err := json.Unmarshal(body, &h); err != nil || h.Status != "ok" || h.Version != "test" {
		t.Fatalf("health = %s (%v)", body, err)
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("run returned %v after shutdown", err)
		}
	case <-time.After(shutdownGrace + time.Second):
		t.Fatal("run did not return after shutdown")
	}
}
