package main

import (
	"crypto/rand"
	"net/http/httptest"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/verso-pdf/verso/relay/server"
	"github.com/verso-pdf/verso/relay/sim"
	"github.com/verso-pdf/verso/relay/smartid"
)

// testRelay is the relay with the Smart-ID simulator, TSA and OCSP
// mounted at /sim/, assembled as relay/main.go does with no Smart-ID
// configuration, over loopback HTTP: verso sign talks to it as to any
// deployment.
type testRelay struct {
	URL string
	PKI *sim.PKI
}

var (
	relayOnce sync.Once
	relayErr  error
	theRelay  *testRelay
)

// startRelay starts one relay for the whole test binary: generating the
// PKI takes seconds. Its identity rate limit is off, since the tests
// notify the same demo persons again and again.
func startRelay(t testing.TB) *testRelay {
	t.Helper()
	relayOnce.Do(func() {
		srv := httptest.NewUnstartedServer(nil)
		url := "http://" + srv.Listener.Addr().String()
		s, err := sim.New(sim.Options{BaseURL: url + "/sim", UserKeyBits: 2048, TimeoutAfter: 200 * time.Millisecond})
		if err != nil {
			relayErr = err
			return
		}
		p := s.PKI()
		client, err := smartid.New(smartid.Config{
			BaseURL: url + "/sim/v3", RelyingPartyUUID: sim.DemoRelyingParties()[0].UUID, RelyingPartyName: sim.DemoRelyingParties()[0].Name,
			Trust: smartid.NewTrust(p.Root(), p.QualifiedIssuer(), p.NonQualifiedIssuer()),
		})
		if err != nil {
			relayErr = err
			return
		}
		key := make([]byte, server.HandleKeySize)
		rand.Read(key)
		api := &server.API{SmartID: client, HandleKeys: [][]byte{key}, Audience: url,
			TSAURL: url + "/sim/tsa", OCSPURL: url + "/sim/ocsp"}
		if relayErr = api.Check(); relayErr != nil {
			return
		}
		site := fstest.MapFS{"index.html": {Data: []byte("<!doctype html><title>verso</title>")}}
		srv.Config.Handler = server.New(server.Config{Site: site, Simulator: s.Handler(), API: api})
		srv.Start() // stays up until the test binary exits
		theRelay = &testRelay{URL: url, PKI: p}
	})
	if relayErr != nil {
		t.Fatalf("starting the relay with the simulator: %v", relayErr)
	}
	return theRelay
}
