package server

import (
	"crypto/rand"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/verso-pdf/verso/relay/server/servertest"
	"github.com/verso-pdf/verso/relay/sim"
	"github.com/verso-pdf/verso/relay/smartid"
)

// testOrigin is the CORS origin the test relays allow.
const testOrigin = "https://allowed.test"

// testRelay is a relay with the simulator mounted at /sim/, talking to it
// over loopback HTTP as it talks to SK.
type testRelay struct {
	URL    string
	Sim    *sim.Simulator
	server *httptest.Server
}

// newTestRelay starts a relay; change adjusts its API configuration and
// upstream wraps the simulator's handler (fault injection).
func newTestRelay(t testing.TB, log *slog.Logger, change func(*API), upstream func(http.Handler) http.Handler) *testRelay {
	t.Helper()
	srv := httptest.NewUnstartedServer(nil)
	url := "http://" + srv.Listener.Addr().String()
	s, err := sim.New(sim.Options{BaseURL: url + "/sim", PKI: testPKI(t), UserKeyBits: 2048,
		TimeoutAfter: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	p := s.PKI()
	client, err := smartid.New(smartid.Config{
		BaseURL: url + "/sim/v3", RelyingPartyUUID: sim.DemoRelyingParties()[0].UUID, RelyingPartyName: "DEMO",
		Trust: smartid.NewTrust(p.Root(), p.QualifiedIssuer(), p.NonQualifiedIssuer()), RequestTimeout: 2 * time.Second,
		OCSP: smartid.OCSPConfig{URL: url + "/sim/ocsp", RequireNonce: true, Timeout: 2 * time.Second},
	})
	if err != nil {
		t.Fatal(err)
	}
	key := make([]byte, HandleKeySize)
	rand.Read(key)
	api := &API{SmartID: client, HandleKeys: [][]byte{key}, Audience: url, CORSOrigins: []string{testOrigin},
		TSAURL: url + "/sim/tsa", OCSPURL: url + "/sim/ocsp"}
	if change != nil {
		change(api)
	}
	if err := api.Check(); err != nil {
		t.Fatal(err)
	}
	var simHandler http.Handler = s.Handler()
	if upstream != nil {
		simHandler = upstream(simHandler)
	}
	srv.Config.Handler = New(Config{Site: testSite, Logger: log, Simulator: simHandler, API: api})
	srv.Start()
	t.Cleanup(srv.Close)
	return &testRelay{URL: url, Sim: s, server: srv}
}

var sharedPKI *sim.PKI

func testPKI(t testing.TB) *sim.PKI {
	if sharedPKI == nil {
		p, err := sim.GeneratePKI(time.Now(), "http://sim.test")
		if err != nil {
			t.Fatal(err)
		}
		sharedPKI = p
	}
	return sharedPKI
}

// TestAPI runs the HTTP suite against the native relay; relay/worker_test.go
// runs the same suite against the Worker in workerd.
func TestAPI(t *testing.T) {
	r := newTestRelay(t, nil, nil, nil)
	servertest.Run(t, servertest.Target{URL: r.URL, SimURL: r.URL + "/sim", AllowedOrigin: testOrigin})
}
