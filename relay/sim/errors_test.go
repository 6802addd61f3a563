package sim

import (
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// problemOf decodes an RFC 9457 body and checks its fixed fields.
func problemOf(t *testing.T, body []byte, status int) Problem {
	t.Helper()
	var p Problem
	if err := json.Unmarshal(body, &p); err != nil {
		t.Fatalf("not a problem body: %s", body)
	}
	if p.Type != "about:blank" || p.Status != status || p.Title == "" {
		t.Errorf("problem %+v", p)
	}
	return p
}

func TestHTTPErrors(t *testing.T) {
	s, h := newTestSim(t, Options{RelyingParties: append(DemoRelyingParties(),
		RelyingParty{UUID: "11111111-1111-4111-8111-111111111111", Name: "Trusted", AllowAdvanced: true})})
	with := func(change func(map[string]any)) map[string]any {
		b := signBody(t, "x")
		change(b)
		return b
	}
	params := func(b map[string]any) map[string]any { return b["signatureProtocolParameters"].(map[string]any) }
	interactions := func(in string) func(map[string]any) {
		return func(b map[string]any) { b["interactions"] = base64.StdEncoding.EncodeToString([]byte(in)) }
	}
	sign := "/v3/signature/notification/document/PNOEE-40504040001-DEM0-Q"
	for _, tc := range []struct {
		name, path string
		body       any
		status     int
		pointer    string
	}{
		{"not JSON", sign, "{", 400, ""},
		{"unknown field", sign, with(func(b map[string]any) { b["hash"] = "x" }), 400, "/hash"},
		{"field of another endpoint", sign, with(func(b map[string]any) { b["vcType"] = "numeric4" }), 400, "/vcType"},
		{"nonce too long", sign, with(func(b map[string]any) { b["nonce"] = strings.Repeat("n", 31) }), 400, "/nonce"},
		{"empty nonce", sign, with(func(b map[string]any) { b["nonce"] = "" }), 400, "/nonce"},
		{"missing interactions", sign, with(func(b map[string]any) { delete(b, "interactions") }), 400, "/interactions"},
		{"bad level", sign, with(func(b map[string]any) { b["certificateLevel"] = "BASIC" }), 400, "/certificateLevel"},
		{"bad UUID", sign, with(func(b map[string]any) { b["relyingPartyUUID"] = "demo" }), 400, "/relyingPartyUUID"},
		{"wrong protocol", sign, with(func(b map[string]any) { b["signatureProtocol"] = "ACSP_V2" }), 400, "/signatureProtocol"},
		{"short digest", sign, with(func(b map[string]any) { params(b)["digest"] = base64.StdEncoding.EncodeToString(make([]byte, 20)) }), 400, "/signatureProtocolParameters/digest"},
		{"digest of another hash", sign, with(func(b map[string]any) { params(b)["digest"] = base64.StdEncoding.EncodeToString(make([]byte, 64)) }), 400, "/signatureProtocolParameters/digest"},
		{"not Base64", sign, with(func(b map[string]any) { params(b)["digest"] = strings.Repeat("*", 44) }), 400, "/signatureProtocolParameters/digest"},
		{"PSS without hash", sign, with(func(b map[string]any) { delete(params(b), "signatureAlgorithmParameters") }), 400, "/signatureProtocolParameters/signatureAlgorithmParameters/hashAlgorithm"},
		{"unknown algorithm", sign, with(func(b map[string]any) { params(b)["signatureAlgorithm"] = "rsassa-pkcs1-v1_5" }), 400, "/signatureProtocolParameters/signatureAlgorithm"},
		{"rpChallenge in a signature", sign, with(func(b map[string]any) { params(b)["rpChallenge"] = "x" }), 400, "/signatureProtocolParameters/rpChallenge"},
		{"case-folded field", sign, with(func(b map[string]any) { params(b)["Digest"] = params(b)["digest"] }), 400, "/signatureProtocolParameters/Digest"},
		{"wrong type", sign, with(func(b map[string]any) { b["nonce"] = 5 }), 400, "/nonce"},
		{"interactions not Base64", sign, with(func(b map[string]any) { b["interactions"] = "[]" }), 400, "/interactions"},
		{"no interaction", sign, with(interactions(`[]`)), 400, "/interactions"},
		{"duplicate interaction", sign, with(interactions(`[{"type":"displayTextAndPIN","displayText60":"a"},{"type":"displayTextAndPIN","displayText60":"b"}]`)), 400, "/interactions"},
		{"wrong text field", sign, with(interactions(`[{"type":"displayTextAndPIN","displayText200":"a"}]`)), 400, "/interactions"},
		{"two text fields", sign, with(interactions(`[{"type":"confirmationMessage","displayText200":"a","displayText60":"b"}]`)), 400, "/interactions"},
		{"empty text", sign, with(interactions(`[{"type":"confirmationMessage","displayText200":""}]`)), 400, "/interactions"},
		{"text too long", sign, with(interactions(`[{"type":"displayTextAndPIN","displayText60":"` + strings.Repeat("é", 61) + `"}]`)), 400, "/interactions"},
		{"unknown interaction", sign, with(interactions(`[{"type":"verificationCodeChoice","displayText60":"a"}]`)), 400, "/interactions"},
		{"VC choice in a linked signature", "/v3/signature/notification/linked/PNOEE-40404040009-MOCK-Q",
			with(func(b map[string]any) {
				b["linkedSessionID"] = "00000000-0000-4000-8000-000000000001"
				interactions(`[{"type":"confirmationMessageAndVerificationCodeChoice","displayText200":"a"}]`)(b)
			}), 400, "/interactions"},
		{"VC choice by device link", "/v3/signature/device-link/document/PNOEE-40404040009-MOCK-Q",
			with(interactions(`[{"type":"confirmationMessageAndVerificationCodeChoice","displayText200":"a"}]`)), 400, "/interactions"},
		{"callback URL not https", "/v3/signature/certificate-choice/device-link/anonymous",
			map[string]any{"relyingPartyUUID": demoUUID, "relyingPartyName": demoName, "initialCallbackUrl": "http://rp.example/cb"}, 400, "/initialCallbackUrl"},
		{"callback URL with fragment", "/v3/signature/certificate-choice/device-link/anonymous",
			map[string]any{"relyingPartyUUID": demoUUID, "relyingPartyName": demoName, "initialCallbackUrl": "https://rp.example/cb#x"}, 400, "/initialCallbackUrl"},
		{"callback URL too long", "/v3/signature/certificate-choice/device-link/anonymous",
			map[string]any{"relyingPartyUUID": demoUUID, "relyingPartyName": demoName, "initialCallbackUrl": "https://rp.example/" + strings.Repeat("a", 1800)}, 400, "/initialCallbackUrl"},
		{"callback URL in a notification", "/v3/signature/certificate-choice/notification/etsi/PNOEE-40504040001",
			map[string]any{"relyingPartyUUID": demoUUID, "relyingPartyName": demoName, "initialCallbackUrl": "https://rp.example/cb"}, 400, "/initialCallbackUrl"},
		{"interactions in a certificate choice", "/v3/signature/certificate-choice/notification/etsi/PNOEE-40504040001",
			map[string]any{"relyingPartyUUID": demoUUID, "relyingPartyName": demoName, "interactions": "W10="}, 400, "/interactions"},
		{"linked without linkedSessionID", "/v3/signature/notification/linked/PNOEE-40404040009-MOCK-Q", signBody(t, "x"), 400, "/linkedSessionID"},
		{"unknown linked session", "/v3/signature/notification/linked/PNOEE-40404040009-MOCK-Q",
			with(func(b map[string]any) { b["linkedSessionID"] = "00000000-0000-4000-8000-000000000001" }), 400, ""},
		{"bad semantics identifier", "/v3/signature/notification/etsi/40504040001", signBody(t, "x"), 400, ""},

		{"unknown relying party", sign, with(func(b map[string]any) { b["relyingPartyUUID"] = "22222222-2222-4222-8222-222222222222" }), 401, ""},
		{"wrong relying party name", sign, with(func(b map[string]any) { b["relyingPartyName"] = "OTHER" }), 401, ""},

		{"ADVANCED for the demo RP", sign, with(func(b map[string]any) { b["certificateLevel"] = "ADVANCED" }), 403, ""},
		{"IP sharing without privilege", sign, with(func(b map[string]any) { b["requestProperties"] = map[string]any{"shareMdClientIpAddress": true} }), 403, ""},
		{"capability without agreement", sign, with(func(b map[string]any) { b["capabilities"] = []string{"QUALIFIED"} }), 403, ""},

		{"unknown document", "/v3/signature/notification/document/PNOEE-49912319999-MOCK-Q", signBody(t, "x"), 404, ""},
		{"unknown person", "/v3/signature/notification/etsi/PNOEE-49912319999", signBody(t, "x"), 404, ""},
		{"unknown certificate", "/v3/signature/certificate/PNOEE-49912319999-MOCK-Q", rpBody(), 404, ""},
		{"unknown endpoint", "/v3/signature/anonymous", signBody(t, "x"), 404, ""},
		{"unknown session", "/v3/session/00000000-0000-4000-8000-00000000dead", nil, 404, ""},
		{"bad session ID", "/v3/session/x", nil, 400, ""},
		{"timeoutMs too small", "/v3/session/00000000-0000-4000-8000-00000000dead?timeoutMs=999", nil, 400, ""},
		{"timeoutMs too large", "/v3/session/00000000-0000-4000-8000-00000000dead?timeoutMs=120001", nil, 400, ""},
		{"timeoutMs not a number", "/v3/session/00000000-0000-4000-8000-00000000dead?timeoutMs=1e4", nil, 400, ""},
	} {
		method := "POST"
		if strings.HasPrefix(tc.path, "/v3/session/") {
			method = "GET"
		}
		rec := call(t, h, method, tc.path, tc.body)
		if rec.Code != tc.status {
			t.Errorf("%s: status %d, want %d: %s", tc.name, rec.Code, tc.status, rec.Body)
			continue
		}
		if ct := rec.Header().Get("Content-Type"); ct != "application/problem+json" {
			t.Errorf("%s: Content-Type %q", tc.name, ct)
		}
		p := problemOf(t, rec.Body.Bytes(), tc.status)
		if tc.pointer != "" && (len(p.Errors) == 0 || p.Errors[0].Pointer != tc.pointer) {
			t.Errorf("%s: errors %+v, want pointer %s", tc.name, p.Errors, tc.pointer)
		}
	}

	// An identity without a qualified account: NO_SUITABLE_ACCOUNT_FOUND.
	rec := call(t, h, "POST", "/v3/signature/notification/etsi/PNOLT-40504049999", signBody(t, "x"))
	if p := problemOf(t, rec.Body.Bytes(), 404); len(p.Errors) != 1 || p.Errors[0].Code != "NO_SUITABLE_ACCOUNT_FOUND" {
		t.Errorf("non-qualified only: %d %+v", rec.Code, p)
	}
	// A relying party allowed ADVANCED reaches it.
	b := signBody(t, "x")
	b["relyingPartyUUID"], b["relyingPartyName"], b["certificateLevel"] = "11111111-1111-4111-8111-111111111111", "trusted", "ADVANCED"
	if st := notify(t, h, "PNOLT-40504049999-MOCK-NQ", b); st.Result.EndResult != ResultOK || st.Cert.CertificateLevel != LevelAdvanced {
		t.Errorf("ADVANCED: %+v", st)
	}

	// 480 and 580, switched over HTTP.
	for _, code := range []int{480, 580} {
		decode(t, call(t, h, "POST", "/mock/status", map[string]int{"status": code}), 204, nil)
		rec := call(t, h, "POST", sign, signBody(t, "x"))
		if rec.Code != code {
			t.Errorf("forced %d: got %d", code, rec.Code)
		}
		problemOf(t, rec.Body.Bytes(), code)
	}
	if err := s.ForceStatus(0); err != nil {
		t.Fatal(err)
	}
	if call(t, h, "POST", "/mock/status", map[string]int{"status": 500}).Code != 400 {
		t.Error("status 500 accepted")
	}
}

func TestIdempotency(t *testing.T) {
	clock := &testClock{t: time.Now()}
	_, h := newTestSim(t, Options{Clock: clock.now})
	path := "/v3/signature/notification/etsi/PNOEE-40504040001"
	var a, b, c, d NotificationResponse
	body := signBody(t, "same")
	decode(t, call(t, h, "POST", path, body), 200, &a)
	decode(t, call(t, h, "POST", path, body), 200, &b)
	if a.SessionID != b.SessionID || *a.VC != *b.VC {
		t.Errorf("identical requests within 15 s: %v and %v", a, b)
	}
	body["nonce"] = "1"
	decode(t, call(t, h, "POST", path, body), 200, &c)
	if c.SessionID == a.SessionID {
		t.Error("a nonce did not start a new session")
	}
	delete(body, "nonce")
	clock.add(16 * time.Second)
	decode(t, call(t, h, "POST", path, body), 200, &d)
	if d.SessionID == a.SessionID {
		t.Error("the same request after 15 s returned the old session")
	}
}

func TestLongPolling(t *testing.T) {
	_, h := newTestSim(t, Options{ConfirmDelay: -1})
	var nr NotificationResponse
	decode(t, call(t, h, "POST", "/v3/signature/notification/document/PNOEE-40504040001-DEM0-Q", signBody(t, "poll")), 200, &nr)
	start := time.Now()
	var st SessionStatus
	decode(t, call(t, h, "GET", "/v3/session/"+nr.SessionID+"?timeoutMs=1000", nil), 200, &st)
	if took := time.Since(start); st.State != "RUNNING" || took < time.Second || took > 3*time.Second {
		t.Errorf("long poll: %s after %v", st.State, took)
	}
	if st.Result != nil {
		t.Error("a running session has a result")
	}
}

// TestUnknownFields: every object the API writes has a field clients
// must ignore, unless switched off.
func TestUnknownFields(t *testing.T) {
	_, h := newTestSim(t, Options{})
	st := notify(t, h, "PNOEE-40504040001-DEM0-Q", signBody(t, "fields"))
	_ = st
	var nr NotificationResponse
	decode(t, call(t, h, "POST", "/v3/signature/notification/document/PNOEE-40504040001-DEM0-Q", signBody(t, "fields")), 200, &nr)
	rec := call(t, h, "GET", "/v3/session/"+nr.SessionID+"?timeoutMs=1000", nil)
	var raw map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &raw); err != nil {
		t.Fatal(err)
	}
	var walk func(string, any)
	walk = func(path string, v any) {
		if m, ok := v.(map[string]any); ok {
			if _, ok := m[unknownField]; !ok {
				t.Errorf("%s has no unknown field", path)
			}
			for k, e := range m {
				walk(path+"/"+k, e)
			}
		}
	}
	walk("", raw)

	_, plain := newTestSim(t, Options{NoUnknownFields: true})
	rec = call(t, plain, "POST", "/v3/signature/certificate/PNOEE-40504040001-DEM0-Q", rpBody())
	if strings.Contains(rec.Body.String(), unknownField) {
		t.Error("NoUnknownFields still adds them")
	}
}

func TestLenientRequests(t *testing.T) {
	_, h := newTestSim(t, Options{LenientRequests: true})
	b := signBody(t, "lenient")
	b["futureField"] = true
	b["requestProperties"] = map[string]any{"futureProperty": true}
	st := notify(t, h, "PNOEE-40504040001-DEM0-Q", b)
	if len(st.IgnoredProperties) != 1 || st.IgnoredProperties[0] != "futureProperty" {
		t.Errorf("ignoredProperties %v", st.IgnoredProperties)
	}
	b["vcType"] = "numeric4" // a known field of another endpoint stays an error
	if rec := call(t, h, "POST", "/v3/signature/notification/document/PNOEE-40504040001-DEM0-Q", b); rec.Code != 400 {
		t.Errorf("known field of another endpoint: %d", rec.Code)
	}
}
