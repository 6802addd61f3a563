package sim

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// httpHandler sends every call through a real HTTP server, so the
// measured round trip includes the network stack.
type httpHandler struct{ url string }

func (h httpHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	req, _ := http.NewRequest(r.Method, h.url+r.URL.RequestURI(), r.Body)
	req.Header = r.Header
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		w.WriteHeader(599)
		return
	}
	defer resp.Body.Close()
	for k, v := range resp.Header {
		w.Header()[k] = v
	}
	w.WriteHeader(resp.StatusCode)
	_, _ = io.Copy(w, resp.Body)
}

// BenchmarkRoundTrip is the relay's whole Smart-ID exchange against the
// simulator over HTTP: anonymous QR certificate choice, the phone
// scanning it, polling the certificate, the linked signature, polling
// the signature. Users' keys are 3072-bit (the default) and made before
// timing.
func BenchmarkRoundTrip(b *testing.B) {
	s, h := newTestSim(b, Options{UserKeyBits: 3072})
	srv := httptest.NewServer(h)
	defer srv.Close()
	client := httpHandler{srv.URL}
	doc := "PNOEE-40404040009-MOCK-Q"
	if _, err := s.Certificate(doc); err != nil {
		b.Fatal(err)
	}
	digest := sha256.Sum256([]byte("signed attributes"))
	b.ResetTimer()
	for b.Loop() {
		_, sig := certificateChoiceAndSignNonce(b, client, doc, digest)
		if sig.Result.EndResult != ResultOK {
			b.Fatal(sig.Result.EndResult)
		}
	}
}

// certificateChoiceAndSignNonce is certificateChoiceAndSign with a fresh
// nonce, since identical requests within 15 s share a session.
func certificateChoiceAndSignNonce(t testing.TB, h http.Handler, doc string, digest [32]byte) (SessionStatus, SessionStatus) {
	t.Helper()
	var dl DeviceLinkResponse
	body := rpBody()
	nonce, _ := randomAlnum(20)
	body["nonce"] = nonce
	decode(t, call(t, h, "POST", "/v3/signature/certificate-choice/device-link/anonymous", body), 200, &dl)
	link := deviceLinkFor(t, dl, FlowQR, "cert", 0, AuthCodeInput{RelyingPartyName: demoName})
	decode(t, call(t, h, "POST", "/mock/device-link", MockDeviceLinkRequest{DocumentNumber: doc, DeviceLink: link, FlowType: FlowQR}), 200, nil)
	choice := poll(t, h, dl.SessionID)
	sb := signBody(t, "")
	sb["signatureProtocolParameters"].(map[string]any)["digest"] = b64(digest[:])
	sb["linkedSessionID"] = dl.SessionID
	var nr NotificationResponse
	decode(t, call(t, h, "POST", "/v3/signature/notification/linked/"+choice.Result.DocumentNumber, sb), 200, &nr)
	return choice, poll(t, h, nr.SessionID)
}

// TestRoundTripTiming reports the same round trip's wall time (go test
// -v -run RoundTripTiming), with a fresh 3072-bit user key on the first.
func TestRoundTripTiming(t *testing.T) {
	if testing.Short() {
		t.Skip("timing")
	}
	_, h := newTestSim(t, Options{UserKeyBits: 3072})
	srv := httptest.NewServer(h)
	defer srv.Close()
	client := httpHandler{srv.URL}
	digest := sha256.Sum256([]byte("signed attributes"))
	var times []time.Duration
	for range 6 {
		start := time.Now()
		_, sig := certificateChoiceAndSignNonce(t, client, "PNOLT-40404040009-MOCK-Q", digest)
		times = append(times, time.Since(start))
		checkSignature(t, sig, "PNOLT-40404040009-MOCK-Q", digest)
	}
	t.Logf("certificate choice + linked signature over HTTP: first (with key generation) %v, then %v", times[0], times[1:])
}

func b64(b []byte) string {
	var buf bytes.Buffer
	_ = json.NewEncoder(&buf).Encode(b)
	return string(bytes.Trim(buf.Bytes(), "\"\n"))
}
