//go:build !js

package main

import (
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/verso-pdf/verso/relay/server/servertest"
	"github.com/verso-pdf/verso/relay/sim"
)

// workerOrigin is the CORS origin the Worker under test allows.
const workerOrigin = "https://allowed.test"

// TestWorker runs the API suite against the relay built as a Cloudflare
// Worker (make worker), served by workerd, with the simulator as a
// native server in this process: the Worker reaches it over HTTP through
// the Workers fetch API. Without the build or workerd the test is skipped,
// unless VERSO_WORKER_TEST=1 (make test) demands it.
func TestWorker(t *testing.T) {
	dir, _ := filepath.Abs("../build/out/worker")
	workerd, _ := filepath.Abs("../node_modules/.bin/workerd")
	for _, f := range []string{filepath.Join(dir, "app.wasm"), workerd} {
		if _, err := os.Stat(f); err != nil {
			if os.Getenv("VERSO_WORKER_TEST") == "1" {
				t.Fatalf("%s is missing: run make worker (and build/setup.sh for workerd)", f)
			}
			t.Skipf("%s is missing: run make worker", f)
		}
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	simURL := "http://" + ln.Addr().String()
	s, err := sim.New(sim.Options{BaseURL: simURL, UserKeyBits: 2048, TimeoutAfter: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	simSrv := httptest.NewUnstartedServer(s.Handler())
	simSrv.Listener.Close()
	simSrv.Listener = ln
	simSrv.Start()
	t.Cleanup(simSrv.Close)

	p := s.PKI()
	var cas []string
	for _, c := range [][]byte{p.Root().Raw, p.QualifiedIssuer().Raw, p.NonQualifiedIssuer().Raw} {
		cas = append(cas, base64.StdEncoding.EncodeToString(c))
	}
	key := make([]byte, 32)
	rand.Read(key)
	port := freePort(t)
	vars := map[string]string{
		"SMARTID_BASE_URL":   simURL + "/v3",
		"SMARTID_RP_UUID":    sim.DemoRelyingParties()[0].UUID,
		"SMARTID_RP_NAME":    "DEMO",
		"SMARTID_CA_CERTS":   strings.Join(cas, ","),
		"VERSO_HANDLE_KEYS":  base64.StdEncoding.EncodeToString(key),
		"VERSO_CORS_ORIGINS": workerOrigin,
		"VERSO_TSA_URL":      simURL + "/tsa",
		"VERSO_OCSP_URL":     simURL + "/ocsp",
	}
	// capnp embeds only paths relative to the config file.
	tmp := t.TempDir()
	for _, f := range []string{"worker.mjs", "runtime.mjs", "wasm_exec.js", "app.wasm"} {
		if err := os.Symlink(filepath.Join(dir, f), filepath.Join(tmp, f)); err != nil {
			t.Fatal(err)
		}
	}
	conf := filepath.Join(tmp, "relay.capnp")
	if err := os.WriteFile(conf, []byte(workerdConfig(port, vars)), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(workerd, "serve", conf)
	var logs syncBuffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
		if t.Failed() {
			t.Logf("workerd:\n%s", logs.String())
		}
	})
	url := fmt.Sprintf("http://127.0.0.1:%d", port)
	waitHealthy(t, url, &logs)
	servertest.Run(t, servertest.Target{URL: url, SimURL: simURL, AllowedOrigin: workerOrigin})
}

// workerdConfig serves the Worker on port with vars as text bindings. Its
// outbound fetches may reach loopback, where the simulator listens.
func workerdConfig(port int, vars map[string]string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "relay", worker = .relay),
    (name = "loopback", network = (allow = ["public", "private", "local"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:%d", http = (), service = "relay")],
);
const relay :Workerd.Worker = (
  compatibilityDate = "2026-04-20",
  globalOutbound = "loopback",
  modules = [
    (name = "worker.mjs", esModule = embed "worker.mjs"),
    (name = "runtime.mjs", esModule = embed "runtime.mjs"),
    (name = "wasm_exec.js", esModule = embed "wasm_exec.js"),
    (name = "app.wasm", wasm = embed "app.wasm"),
  ],
  bindings = [
`, port)
	for k, v := range vars {
		fmt.Fprintf(&b, "    (name = %q, text = %q),\n", k, v)
	}
	b.WriteString("  ],\n);\n")
	return b.String()
}

func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

func waitHealthy(t *testing.T, url string, logs *syncBuffer) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		resp, err := http.Get(url + "/api/v1/health")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
	}
	t.Fatalf("workerd did not serve the relay in 20 s:\n%s", logs.String())
}
