package server

import (
	"bytes"
	"encoding/base64"
	"log/slog"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/verso-pdf/verso/relay/server/servertest"
)

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestLogsHoldNoPersonalData runs signing sessions and failures at debug
// level and scans the relay's log for identity numbers, document
// numbers, certificates, digests and handles.
func TestLogsHoldNoPersonalData(t *testing.T) {
	var logs lockedBuffer
	log := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	r := newTestRelay(t, log, nil, mutateStatus(false, func(m map[string]any) {
		if m["result"].(map[string]any)["documentNumber"] == "PNOEE-50001029996-DEMO-Q" {
			m["result"].(map[string]any)["documentNumber"] = "PNOEE-40504040001-DEM0-Q"
		}
	}))
	tg := servertest.Target{URL: r.URL, SimURL: r.URL + "/sim"}
	var secrets []string
	for _, who := range []struct{ doc, id string }{{"PNOEE-40404040009-MOCK-Q", ""}, {"", "PNOLT-40504040001"}} {
		c := tg.Choose(t, who.doc, who.id)
		attrs := servertest.SignedAttributes(t, c.Cert)
		s := tg.Sign(t, c.Handle, attrs)
		h := s.JSON(t)["handle"].(string)
		tg.Poll(t, h)
		secrets = append(secrets, c.Handle, h, base64.StdEncoding.EncodeToString(c.Cert.Raw)[:40],
			base64.StdEncoding.EncodeToString(attrs)[:40], c.Cert.Subject.SerialNumber)
	}
	tg.Poll(t, tg.Start(t, "PNOEE-30403039917")) // refused
	tg.PostJSON(t, "/api/v1/certificate-choice", map[string]string{"identity": "PNOEE-40504040002"})
	// A verification failure is logged: its message must not name anyone.
	h := tg.Start(t, "PNOEE-50001029996")
	tg.Do(t, "GET", "/api/v1/sessions/"+h+"?timeoutMs=1000", "", nil, nil)
	time.Sleep(50 * time.Millisecond)

	out := logs.String()
	if !strings.Contains(out, "smart-id call failed") {
		t.Fatalf("the failure was not logged:\n%s", out)
	}
	for _, s := range secrets {
		if strings.Contains(out, s) {
			t.Errorf("the log contains %.20q…", s)
		}
	}
	for _, re := range []string{`(PNO|IDC|PAS)[A-Z]{2}-`, `\b[0-9]{11}\b`, `MII[A-Za-z0-9+/]{20}`, `[A-Za-z0-9_-]{60,}`} {
		if m := regexp.MustCompile(re).FindString(out); m != "" {
			t.Errorf("the log matches %s: %q", re, m)
		}
	}
}
