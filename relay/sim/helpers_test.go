package sim

import (
	"bytes"
	"crypto"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/ocsp"
)

// demoRP is SK's DEMO relying party.
const demoUUID, demoName = "00000000-0000-4000-8000-000000000000", "DEMO"

var (
	testPKIOnce sync.Once
	testPKI     *PKI
	testPKIErr  error
)

// newTestSim returns a simulator over a PKI shared by the test binary,
// with 2048-bit user keys for speed unless opts says otherwise.
func newTestSim(t testing.TB, opts Options) (*Simulator, http.Handler) {
	t.Helper()
	testPKIOnce.Do(func() { testPKI, testPKIErr = GeneratePKI(time.Now(), "http://sim.test") })
	if testPKIErr != nil {
		t.Fatal(testPKIErr)
	}
	if opts.PKI == nil && opts.PKIDir == "" {
		opts.PKI = testPKI
	}
	if opts.UserKeyBits == 0 {
		opts.UserKeyBits = 2048
	}
	if opts.BaseURL == "" {
		opts.BaseURL = "http://sim.test"
	}
	if opts.TimeoutAfter == 0 {
		opts.TimeoutAfter = 50 * time.Millisecond
	}
	s, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	return s, s.Handler()
}

// call sends a request with a JSON (or raw []byte) body.
func call(t testing.TB, h http.Handler, method, path string, body any) *httptest.ResponseRecorder {
	t.Helper()
	var data []byte
	switch b := body.(type) {
	case nil:
	case []byte:
		data = b
	case string:
		data = []byte(b)
	default:
		var err error
		if data, err = json.Marshal(b); err != nil {
			t.Fatal(err)
		}
	}
	req := httptest.NewRequest(method, path, bytes.NewReader(data))
	if data != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// decode reads a JSON response into v, failing on a wrong status.
func decode(t testing.TB, rec *httptest.ResponseRecorder, status int, v any) {
	t.Helper()
	if rec.Code != status {
		t.Fatalf("status %d, want %d: %s", rec.Code, status, rec.Body)
	}
	if v != nil {
		if err := json.Unmarshal(rec.Body.Bytes(), v); err != nil {
			t.Fatalf("decoding %s: %v", rec.Body, err)
		}
	}
}

// signBody is a valid signature request for data hashed with SHA-256.
func signBody(t testing.TB, data string, interactions ...Interaction) map[string]any {
	t.Helper()
	if interactions == nil {
		interactions = []Interaction{{Type: InteractionDisplayTextAndPIN, DisplayText60: "Sign contract.pdf"}}
	}
	in, err := EncodeInteractions(interactions...)
	if err != nil {
		t.Fatal(err)
	}
	d := sha256.Sum256([]byte(data))
	return map[string]any{
		"relyingPartyUUID": demoUUID, "relyingPartyName": demoName,
		"signatureProtocol": "RAW_DIGEST_SIGNATURE",
		"signatureProtocolParameters": map[string]any{
			"digest":                       base64.StdEncoding.EncodeToString(d[:]),
			"signatureAlgorithm":           "rsassa-pss",
			"signatureAlgorithmParameters": map[string]any{"hashAlgorithm": "SHA-256"},
		},
		"interactions": in,
	}
}

func rpBody() map[string]any {
	return map[string]any{"relyingPartyUUID": demoUUID, "relyingPartyName": demoName}
}

// poll waits for a session to complete.
func poll(t testing.TB, h http.Handler, id string) SessionStatus {
	t.Helper()
	for range 30 {
		var st SessionStatus
		decode(t, call(t, h, "GET", "/v3/session/"+id+"?timeoutMs=1000", nil), 200, &st)
		if st.State == "COMPLETE" {
			return st
		}
	}
	t.Fatalf("session %s never completed", id)
	return SessionStatus{}
}

// sharedDir returns ../shared (or $VERSO_SHARED), skipping the test when
// it is absent.
func sharedDir(t testing.TB) string {
	t.Helper()
	if d := os.Getenv("VERSO_SHARED"); d != "" {
		if _, err := os.Stat(d); err != nil {
			t.Skipf("reference material absent: VERSO_SHARED=%s", d)
		}
		return d
	}
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("no go.mod above the test directory")
		}
		dir = parent
	}
	shared := filepath.Join(filepath.Dir(dir), "shared")
	if _, err := os.Stat(shared); err != nil {
		t.Skipf("reference material absent: %s (set VERSO_SHARED to run this test)", shared)
	}
	return shared
}

func decodeStd(s string) ([]byte, error) { return base64.StdEncoding.DecodeString(s) }

func verifyOptions(s *Simulator) x509.VerifyOptions {
	return x509.VerifyOptions{Roots: s.PKI().Roots(), Intermediates: s.PKI().Intermediates(), KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny}}
}

func jsonMarshal(v any) ([]byte, error) { return json.Marshal(v) }

// newRequestSafe is httptest.NewRequest without its panic on bad targets.
func newRequestSafe(method, target string, body []byte) (req *http.Request, err error) {
	req, err = http.NewRequest(method, "http://sim.test"+target, bytes.NewReader(body))
	if err == nil {
		req.RequestURI = target
	}
	return req, err
}

// ocspRequestFor asks about a user certificate of s.
func ocspRequestFor(s *Simulator) ([]byte, error) {
	der, err := s.Certificate("PNOEE-40404040009-MOCK-Q")
	if err != nil {
		return nil, err
	}
	c, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, err
	}
	return ocsp.CreateRequest(c, s.PKI().QualifiedIssuer(), &ocsp.RequestOptions{Hash: crypto.SHA256})
}

// testClock is a settable clock, safe against the simulator's timers.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}
