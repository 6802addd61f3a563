package sim

import (
	"encoding/base64"
	"encoding/json"
	"net/http/httptest"
	"testing"
)

var fuzzEndpoints = []endpoint{
	{kindSignature, flowSync, targetDocument},
	{kindCertificate, flowDeviceLink, targetAnonymous},
	{kindCertificate, flowNotification, targetEtsi},
	{kindSignature, flowDeviceLink, targetDocument},
	{kindSignature, flowNotification, targetDocument},
	{kindSignature, flowLinked, targetDocument},
}

// FuzzParseRequest: validation never panics, and what it accepts is
// consistent (digest length, interactions present for signatures).
func FuzzParseRequest(f *testing.F) {
	for _, b := range []map[string]any{signBody(f, "seed"), rpBody()} {
		data, _ := json.Marshal(b)
		f.Add(data, uint8(4))
	}
	f.Add([]byte(`{"relyingPartyUUID":"00000000-0000-4000-8000-000000000000","relyingPartyName":"DEMO","requestProperties":{"a":1}}`), uint8(1))
	f.Fuzz(func(t *testing.T, body []byte, which uint8) {
		e := fuzzEndpoints[int(which)%len(fuzzEndpoints)]
		for _, strict := range []bool{true, false} {
			r, probs := parseRequest(body, e, strict)
			if (r == nil) == (probs == nil) {
				t.Fatalf("request %v with problems %v", r, probs)
			}
			if r != nil && e.kind == kindSignature && e.flow != flowSync && (len(r.digest) != r.hash.Size() || len(r.interactions) == 0) {
				t.Fatalf("accepted a signature request without a fitting digest or interactions: %s", body)
			}
		}
	})
}

func FuzzInteractions(f *testing.F) {
	f.Add(vecInteractions)
	f.Add(base64.StdEncoding.EncodeToString([]byte(`[{"type":"confirmationMessageAndVerificationCodeChoice","displayText200":"x"}]`)))
	f.Fuzz(func(t *testing.T, s string) {
		in, err := parseInteractions(s, flowNotification)
		if err == nil && (len(in) == 0 || len(in) > MaxInteractions) {
			t.Fatalf("accepted %d interactions", len(in))
		}
	})
}

func FuzzTimestampRequest(f *testing.F) {
	f.Add(timestampQuery([]byte("x"), 7, true, nil))
	f.Add(timestampQuery([]byte("x"), 7, false, []int{0, 4, 0, 2023, 1, 1}))
	s, _ := newTestSim(f, Options{})
	f.Fuzz(func(t *testing.T, der []byte) {
		if req, err := parseTimestampRequest(der); err == nil && req.nonce != nil && req.nonce.Sign() < 0 {
			t.Fatal("negative nonce accepted")
		}
		if resp := s.timestampResponse(der); len(resp) == 0 {
			t.Fatal("empty TimeStampResp")
		}
	})
}

func FuzzOCSPRequest(f *testing.F) {
	s, _ := newTestSim(f, Options{})
	seed, err := ocspRequestFor(s)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Fuzz(func(t *testing.T, der []byte) {
		_, _ = parseOCSPRequest(der)
		if resp := s.ocspResponse(der); len(resp) == 0 {
			t.Fatal("empty OCSP response")
		}
	})
}

func FuzzDeviceLink(f *testing.F) {
	v := authCodeVectors[7]
	f.Add(DeviceLink{Base: vecBase, Type: FlowQR, ElapsedSeconds: 22, SessionToken: vecToken, SessionType: "sign", Lang: "eng"}.Unprotected()+"&authCode="+v.want, FlowQR)
	f.Fuzz(func(t *testing.T, link, flowType string) {
		_, _ = vectorContext(v).check(link, flowType)
		_ = linkToken(link)
	})
}

// FuzzHandler: no input over HTTP panics or produces a server error.
func FuzzHandler(f *testing.F) {
	_, h := newTestSim(f, Options{ConfirmDelay: -1})
	data, _ := json.Marshal(signBody(f, "seed"))
	f.Add("/v3/signature/notification/document/PNOEE-40504040001-DEM0-Q", data)
	f.Add("/v3/signature/certificate-choice/device-link/anonymous", []byte(`{"relyingPartyUUID":"00000000-0000-4000-8000-000000000000","relyingPartyName":"DEMO"}`))
	f.Add("/mock/device-link", []byte(`{"documentNumber":"PNOEE-40404040009-MOCK-Q","deviceLink":"x","flowType":"QR"}`))
	f.Add("/phone/answer", []byte(`{"id":"x","confirm":true,"pin":"12345"}`))
	f.Fuzz(func(t *testing.T, path string, body []byte) {
		if len(path) == 0 || path[0] != '/' {
			return
		}
		req, err := newRequestSafe("POST", path, body)
		if err != nil {
			return
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code >= 500 && rec.Code != 503 && rec.Code != 580 && rec.Code != 480 {
			t.Fatalf("%s: %d %s", path, rec.Code, rec.Body)
		}
	})
}
