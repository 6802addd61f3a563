package server

import (
	"context"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/verso-pdf/verso/relay/server/servertest"
)

// TestPollLoad measures the poll endpoint with wrk on loopback: a
// completed certificate choice, a completed signature, and, for what the
// relay adds, the simulator's own status endpoint for the same Smart-ID
// session. It runs only with VERSO_LOAD=1 (wrk installed): bounded runs
// of VERSO_LOAD_SECONDS (default 10) each.
func TestPollLoad(t *testing.T) {
	if os.Getenv("VERSO_LOAD") == "" {
		t.Skip("set VERSO_LOAD=1 to run wrk against the poll endpoint")
	}
	wrk, err := exec.LookPath("wrk")
	if err != nil {
		t.Skip("wrk is not installed")
	}
	secs := os.Getenv("VERSO_LOAD_SECONDS")
	if secs == "" {
		secs = "10"
	}
	var keys [][]byte
	r := newTestRelay(t, nil, func(a *API) { keys = a.HandleKeys }, nil)
	tg := servertest.Target{URL: r.URL, SimURL: r.URL + "/sim", Client: &http.Client{Timeout: 90 * time.Second}}
	choice := tg.Start(t, "PNOLT-40504040001")
	c := tg.Choose(t, "", "PNOLT-40504040001")
	sig := tg.Sign(t, c.Handle, servertest.SignedAttributes(t, c.Cert))
	if sig.Status != http.StatusOK {
		t.Fatalf("signature: %d %s", sig.Status, sig.Body)
	}
	sigHandle := sig.JSON(t)["handle"].(string)
	if m := tg.Poll(t, sigHandle); m["result"] != "OK" {
		t.Fatalf("signature: %v", m)
	}
	tg.Poll(t, choice)
	seal, err := newSealer(keys, r.URL)
	if err != nil {
		t.Fatal(err)
	}
	st, err := seal.open(sigHandle, "", time.Now(), kindSignature)
	if err != nil {
		t.Fatal(err)
	}
	for _, target := range []struct{ name, url string }{
		{"sim status (direct)", r.URL + "/sim/v3/session/" + st.SessionID + "?timeoutMs=1000"},
		{"relay poll, completed signature", r.URL + "/api/v1/sessions/" + sigHandle + "?timeoutMs=1000"},
		{"relay poll, completed choice", r.URL + "/api/v1/sessions/" + choice + "?timeoutMs=1000"},
	} {
		// Check the target answers 200 before loading it.
		resp, err := http.Get(target.url)
		if err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %v %v", target.name, err, resp)
		}
		resp.Body.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		out, err := exec.CommandContext(ctx, wrk, "-t1", "-c8", "-d"+secs+"s", "--latency", target.url).CombinedOutput()
		cancel()
		if err != nil {
			t.Fatalf("%s: wrk: %v\n%s", target.name, err, out)
		}
		var keep []string
		for _, l := range strings.Split(string(out), "\n") {
			if strings.Contains(l, "Requests/sec") || strings.Contains(l, "50%") || strings.Contains(l, "99%") ||
				strings.Contains(l, "Non-2xx") || strings.Contains(l, "requests in") {
				keep = append(keep, strings.TrimSpace(l))
			}
		}
		t.Logf("%s: %s", target.name, strings.Join(keep, " | "))
	}
}
