// Package servertest is the HTTP test suite of the relay's API. It runs
// against any relay, native or a Cloudflare Worker in workerd, backed by
// relay/sim: the suite plays the browser and, through the simulator's
// mock endpoint, the phone.
package servertest

import (
	"bytes"
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
	"golang.org/x/crypto/ocsp"

	"github.com/verso-pdf/verso/wasm/cms"
)

// Target is a relay under test.
type Target struct {
	// URL is the relay's root, SimURL the simulator's (its /mock).
	URL, SimURL string
	// AllowedOrigin is in the relay's CORS allow-list.
	AllowedOrigin string
	// Client sends the requests (default: one with a 90 s timeout).
	Client *http.Client
}

// Run runs the suite. Subtests run in parallel.
func Run(t *testing.T, tg Target) {
	if tg.Client == nil {
		tg.Client = &http.Client{Timeout: 90 * time.Second}
	}
	t.Run("health", tg.health)
	t.Run("device link signature", tg.deviceLinkSignature)
	t.Run("notification signature", tg.notificationSignature)
	t.Run("choice outcomes", tg.choiceOutcomes)
	t.Run("signature outcomes", tg.signatureOutcomes)
	t.Run("wrong device link", tg.wrongDeviceLink)
	t.Run("handles", tg.handles)
	t.Run("signed attributes", tg.signedAttributes)
	t.Run("requests", tg.requests)
	t.Run("forwarding", tg.forwarding)
	t.Run("cors", tg.cors)
}

func (tg Target) client() *http.Client {
	if tg.Client == nil {
		return http.DefaultClient
	}
	return tg.Client
}

// Response is a decoded API answer.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// JSON decodes the body.
func (r Response) JSON(t testing.TB) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.Body, &m); err != nil {
		t.Fatalf("status %d, body %q is not JSON: %v", r.Status, r.Body, err)
	}
	return m
}

// Do sends a request to the relay.
func (tg Target) Do(t testing.TB, method, path, contentType string, body []byte, header map[string]string) Response {
	t.Helper()
	req, err := http.NewRequest(method, tg.URL+path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := tg.client().Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return Response{Status: resp.StatusCode, Header: resp.Header, Body: data}
}

// PostJSON posts v to the relay.
func (tg Target) PostJSON(t testing.TB, path string, v any) Response {
	t.Helper()
	b, _ := json.Marshal(v)
	return tg.Do(t, http.MethodPost, path, "application/json", b, nil)
}

// Start starts a certificate choice and returns its handle: by QR when
// identity is empty, else by notification.
func (tg Target) Start(t testing.TB, identity string) string {
	t.Helper()
	body := map[string]string{}
	if identity != "" {
		body["identity"] = identity
	}
	r := tg.PostJSON(t, "/api/v1/certificate-choice", body)
	if r.Status != http.StatusOK {
		t.Fatalf("certificate choice: %d %s", r.Status, r.Body)
	}
	return r.JSON(t)["handle"].(string)
}

// Scan plays the phone of documentNumber scanning the session's QR code.
func (tg Target) Scan(t testing.TB, handle, documentNumber string) {
	t.Helper()
	r := tg.Do(t, http.MethodGet, "/api/v1/sessions/"+handle+"/link", "", nil, nil)
	if r.Status != http.StatusOK {
		t.Fatalf("link: %d %s", r.Status, r.Body)
	}
	tg.mock(t, documentNumber, r.JSON(t)["qr"].(string), http.StatusOK)
}

func (tg Target) mock(t testing.TB, documentNumber, link string, want int) {
	t.Helper()
	b, _ := json.Marshal(map[string]string{"documentNumber": documentNumber, "deviceLink": link, "flowType": "QR"})
	resp, err := tg.client().Post(tg.SimURL+"/mock/device-link", "application/json", bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	data, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != want {
		t.Fatalf("mock device-link: %d %s, want %d", resp.StatusCode, data, want)
	}
}

// Poll long-polls a session until it completes.
func (tg Target) Poll(t testing.TB, handle string) map[string]any {
	t.Helper()
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); {
		r := tg.Do(t, http.MethodGet, "/api/v1/sessions/"+handle+"?timeoutMs=5000", "", nil, nil)
		if r.Status != http.StatusOK {
			t.Fatalf("poll: %d %s", r.Status, r.Body)
		}
		m := r.JSON(t)
		if m["state"] == "COMPLETE" {
			return m
		}
		if m["state"] != "RUNNING" {
			t.Fatalf("poll: state %v", m["state"])
		}
	}
	t.Fatal("the session did not complete in 60 s")
	return nil
}

// Chosen is a completed certificate choice.
type Chosen struct {
	Handle string
	Cert   *x509.Certificate
	Chain  []*x509.Certificate
}

// Choose runs a certificate choice to OK: by QR for documentNumber, or
// by notification when identity is set.
func (tg Target) Choose(t testing.TB, documentNumber, identity string) Chosen {
	t.Helper()
	h := tg.Start(t, identity)
	if identity == "" {
		tg.Scan(t, h, documentNumber)
	}
	m := tg.Poll(t, h)
	if m["result"] != "OK" {
		t.Fatalf("certificate choice: %v", m)
	}
	c := Chosen{Handle: m["handle"].(string), Cert: parseCert(t, m["certificate"].(string))}
	for _, ca := range m["chain"].([]any) {
		c.Chain = append(c.Chain, parseCert(t, ca.(string)))
	}
	if m["level"] != "QUALIFIED" {
		t.Errorf("level %v", m["level"])
	}
	return c
}

func parseCert(t testing.TB, b64 string) *x509.Certificate {
	t.Helper()
	der, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		t.Fatal(err)
	}
	c, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// SignedAttributes builds what the browser sends for cert: PAdES signed
// attributes over a random document digest.
func SignedAttributes(t testing.TB, cert *x509.Certificate) []byte {
	t.Helper()
	md := make([]byte, 32)
	rand.Read(md)
	der, err := cms.BuildSignedAttributes(cms.SignedAttributes{MessageDigest: md, SigningCertificate: cert})
	if err != nil {
		t.Fatal(err)
	}
	return der
}

// Sign starts the signature of attrs with a chosen handle.
func (tg Target) Sign(t testing.TB, chosen string, attrs []byte) Response {
	t.Helper()
	return tg.PostJSON(t, "/api/v1/signature", map[string]string{
		"handle": chosen, "signedAttributes": base64.StdEncoding.EncodeToString(attrs)})
}

// checkSignature verifies a returned signature as the browser will use it.
func checkSignature(t testing.TB, m map[string]any, cert *x509.Certificate, attrs []byte) {
	t.Helper()
	if m["result"] != "OK" {
		t.Fatalf("signature: %v", m)
	}
	s := m["signature"].(map[string]any)
	if s["algorithm"] != "rsassa-pss" || s["hashAlgorithm"] != "SHA-256" || s["saltLength"] != 32.0 ||
		s["maskGenAlgorithm"] != "id-mgf1" || s["trailerField"] != "0xbc" {
		t.Errorf("parameters %v", s)
	}
	params, _ := cms.PSSAlgorithm(cms.SHA256, 32)
	if s["parameters"] != base64.StdEncoding.EncodeToString(params.Parameters) {
		t.Errorf("DER parameters %v", s["parameters"])
	}
	sig, _ := base64.StdEncoding.DecodeString(s["value"].(string))
	sum := sha256.Sum256(attrs)
	if err := rsa.VerifyPSS(cert.PublicKey.(*rsa.PublicKey), crypto.SHA256, sum[:], sig, &rsa.PSSOptions{SaltLength: 32}); err != nil {
		t.Errorf("the signature does not verify over the signed attributes: %v", err)
	}
}

func (tg Target) health(t *testing.T) {
	t.Parallel()
	r := tg.Do(t, http.MethodGet, "/api/v1/health", "", nil, nil)
	if r.Status != http.StatusOK || r.JSON(t)["status"] != "ok" {
		t.Fatalf("%d %s", r.Status, r.Body)
	}
}

func (tg Target) deviceLinkSignature(t *testing.T) {
	t.Parallel()
	c := tg.Choose(t, "PNOEE-40404040009-MOCK-Q", "")
	if c.Cert.Subject.SerialNumber != "PNOEE-40404040009" || len(c.Chain) != 2 {
		t.Errorf("certificate of %q with %d issuers", c.Cert.Subject.SerialNumber, len(c.Chain))
	}
	attrs := SignedAttributes(t, c.Cert)
	r := tg.Sign(t, c.Handle, attrs)
	if r.Status != http.StatusOK {
		t.Fatalf("signature: %d %s", r.Status, r.Body)
	}
	m := r.JSON(t)
	if m["verificationCode"] != nil {
		t.Error("a linked signature shows a verification code")
	}
	checkSignature(t, tg.Poll(t, m["handle"].(string)), c.Cert, attrs)
}

func (tg Target) notificationSignature(t *testing.T) {
	t.Parallel()
	c := tg.Choose(t, "", "PNOLT-40504040001")
	attrs := SignedAttributes(t, c.Cert)
	r := tg.Sign(t, c.Handle, attrs)
	if r.Status != http.StatusOK {
		t.Fatalf("signature: %d %s", r.Status, r.Body)
	}
	m := r.JSON(t)
	if vc, _ := m["verificationCode"].(string); len(vc) != 4 {
		t.Errorf("verification code %v", m["verificationCode"])
	}
	checkSignature(t, tg.Poll(t, m["handle"].(string)), c.Cert, attrs)
}

// choiceOutcomes: certificate choices by notification that end without a
// certificate, each with its end result and a message.
func (tg Target) choiceOutcomes(t *testing.T) {
	t.Parallel()
	for id, want := range map[string]string{
		"PNOEE-30403039917": "USER_REFUSED",
		"PNOEE-30403039983": "TIMEOUT",
		"PNOEE-30403039002": "DOCUMENT_UNUSABLE",
		"PNOEE-30403039013": "USER_REFUSED_CERT_CHOICE",
		"PNOEE-30403039035": "SERVER_ERROR",
		"PNOEE-30403039046": "ACCOUNT_UNUSABLE",
	} {
		t.Run(want, func(t *testing.T) {
			t.Parallel()
			m := tg.Poll(t, tg.Start(t, id))
			if m["result"] != want || m["message"] == "" || m["handle"] != nil {
				t.Errorf("%v, want %s", m, want)
			}
		})
	}
	t.Run("no such person", func(t *testing.T) {
		t.Parallel()
		r := tg.PostJSON(t, "/api/v1/certificate-choice", map[string]string{"identity": "PNOEE-38001085718"})
		if r.Status != http.StatusNotFound {
			t.Errorf("%d %s", r.Status, r.Body)
		}
	})
}

// signatureOutcomes: the certificate choice succeeds, the linked
// signature ends otherwise.
func (tg Target) signatureOutcomes(t *testing.T) {
	t.Parallel()
	for doc, want := range map[string]string{
		"PNOEE-30403039928-MOCK-Q": "USER_REFUSED_INTERACTION",
		"PNOEE-30403039024-SIMU-Q": "REQUIRED_INTERACTION_NOT_SUPPORTED_BY_APP",
	} {
		t.Run(want, func(t *testing.T) {
			t.Parallel()
			c := tg.Choose(t, doc, "")
			r := tg.Sign(t, c.Handle, SignedAttributes(t, c.Cert))
			if r.Status != http.StatusOK {
				t.Fatalf("%d %s", r.Status, r.Body)
			}
			m := tg.Poll(t, r.JSON(t)["handle"].(string))
			if m["result"] != want || m["signature"] != nil {
				t.Errorf("%v, want %s", m, want)
			}
		})
	}
}

// wrongDeviceLink: a link with a wrong authCode ends the session with
// PROTOCOL_FAILURE.
func (tg Target) wrongDeviceLink(t *testing.T) {
	t.Parallel()
	h := tg.Start(t, "")
	r := tg.Do(t, http.MethodGet, "/api/v1/sessions/"+h+"/link", "", nil, nil)
	link := r.JSON(t)["qr"].(string)
	i := strings.LastIndex(link, "=")
	bad := link[:i+1] + strings.Repeat("A", len(link)-i-1)
	tg.mock(t, "PNOEE-40404040009-MOCK-Q", bad, http.StatusBadRequest)
	if m := tg.Poll(t, h); m["result"] != "PROTOCOL_FAILURE" {
		t.Errorf("%v", m)
	}
}

// handles: tampered, of the wrong kind, or from another origin, a handle
// is refused.
func (tg Target) handles(t *testing.T) {
	t.Parallel()
	h := tg.Start(t, "")
	flip := func(s string) string {
		b := []byte(s)
		b[len(b)/2] ^= 1
		if b[len(b)/2] == '-' || b[len(b)/2] == '_' {
			b[len(b)/2] = 'A'
		}
		return string(b)
	}
	for name, path := range map[string]string{
		"tampered":  "/api/v1/sessions/" + flip(h),
		"truncated": "/api/v1/sessions/" + h[:len(h)-4],
		"garbage":   "/api/v1/sessions/not-a-handle",
	} {
		if r := tg.Do(t, http.MethodGet, path, "", nil, nil); r.Status != http.StatusBadRequest {
			t.Errorf("%s: %d %s", name, r.Status, r.Body)
		}
	}
	if r := tg.Do(t, http.MethodGet, "/api/v1/sessions/"+h+"/link", "", nil, map[string]string{"Origin": tg.AllowedOrigin}); r.Status != http.StatusBadRequest {
		t.Errorf("from another origin: %d %s", r.Status, r.Body)
	}
	if r := tg.Sign(t, h, []byte{0x31, 0}); r.Status != http.StatusBadRequest {
		t.Errorf("a running choice used as a chosen one: %d %s", r.Status, r.Body)
	}
	tg.sameOriginPage(t)
}

// sameOriginPage: the relay's own page POSTs with an Origin header but a
// browser sends none on a same-origin GET; the handle must still open.
func (tg Target) sameOriginPage(t *testing.T) {
	page := map[string]string{"Origin": strings.TrimSuffix(tg.URL, "/"), "Sec-Fetch-Site": "same-origin"}
	r := tg.Do(t, http.MethodPost, "/api/v1/certificate-choice", "application/json", []byte("{}"), page)
	if r.Status != http.StatusOK {
		t.Fatalf("certificate choice from the relay's page: %d %s", r.Status, r.Body)
	}
	h := r.JSON(t)["handle"].(string)
	if r := tg.Do(t, http.MethodGet, "/api/v1/sessions/"+h+"/link", "", nil, map[string]string{"Sec-Fetch-Site": "same-origin"}); r.Status != http.StatusOK {
		t.Errorf("same-origin GET of the page's own handle: %d %s", r.Status, r.Body)
	}
	if r := tg.Do(t, http.MethodGet, "/api/v1/sessions/"+h+"/link", "", nil, map[string]string{"Origin": tg.AllowedOrigin, "Sec-Fetch-Site": "cross-site"}); r.Status != http.StatusBadRequest {
		t.Errorf("the page's handle opened from another origin: %d %s", r.Status, r.Body)
	}
}

// signedAttributes: the relay signs only PAdES signed attributes naming
// the chosen certificate.
func (tg Target) signedAttributes(t *testing.T) {
	t.Parallel()
	c := tg.Choose(t, "PNOLT-40404040009-MOCK-Q", "")
	md := make([]byte, 32)
	withTime, _ := cms.BuildSignedAttributes(cms.SignedAttributes{MessageDigest: md, SigningCertificate: c.Cert, SigningTime: time.Now()})
	otherCert, _ := cms.BuildSignedAttributes(cms.SignedAttributes{MessageDigest: md, SigningCertificate: c.Chain[0]})
	noCert, _ := cms.BuildSignedAttributes(cms.SignedAttributes{MessageDigest: md})
	shortDigest, _ := cms.BuildSignedAttributes(cms.SignedAttributes{MessageDigest: md[:20], SigningCertificate: c.Cert})
	good := SignedAttributes(t, c.Cert)
	ber := append([]byte{0x31, 0x80}, append(good[2:], 0, 0)...)
	for name, attrs := range map[string][]byte{
		"signing time": withTime, "another certificate": otherCert, "no certificate": noCert,
		"short digest": shortDigest, "BER": ber, "empty": nil, "garbage": []byte("%PDF-1.7"),
	} {
		if r := tg.Sign(t, c.Handle, attrs); r.Status != http.StatusBadRequest {
			t.Errorf("%s: %d %s", name, r.Status, r.Body)
		}
	}
	big := map[string]string{"handle": c.Handle, "signedAttributes": strings.Repeat("A", 16<<10)}
	if r := tg.PostJSON(t, "/api/v1/signature", big); r.Status != http.StatusRequestEntityTooLarge {
		t.Errorf("16 KB body: %d %s", r.Status, r.Body)
	}
}

// requests: malformed bodies and identities are refused with a message.
func (tg Target) requests(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		contentType, body string
		want              int
	}{
		"bad checksum":  {"application/json", `{"identity":"PNOEE-40504040002"}`, 400},
		"bad form":      {"application/json", `{"identity":"EE40504040001"}`, 400},
		"unknown field": {"application/json", `{"identity":"PNOEE-40504040001","pdf":"x"}`, 400},
		"two values":    {"application/json", `{}{}`, 400},
		"not JSON":      {"application/json", `identity=PNOEE-40504040001`, 400},
		"form":          {"application/x-www-form-urlencoded", `identity=x`, 415},
	} {
		r := tg.Do(t, http.MethodPost, "/api/v1/certificate-choice", tc.contentType, []byte(tc.body), nil)
		if r.Status != tc.want {
			t.Errorf("%s: %d %s, want %d", name, r.Status, r.Body, tc.want)
			continue
		}
		if msg, _ := r.JSON(t)["error"].(string); msg == "" {
			t.Errorf("%s: no message", name)
		}
	}
	if r := tg.Do(t, http.MethodGet, "/api/v1/sessions/x?timeoutMs=soon", "", nil, nil); r.Status != http.StatusBadRequest {
		t.Errorf("timeoutMs: %d", r.Status)
	}
}

// forwarding: timestamp and OCSP requests reach the simulator's TSA and
// responder; anything else is refused.
func (tg Target) forwarding(t *testing.T) {
	t.Parallel()
	c := tg.Choose(t, "PNOLV-040404-10003-DEMO-Q", "")
	sum := sha256.Sum256([]byte("signature value"))
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddASN1Int64(1)
		b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
			b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
				b.AddASN1ObjectIdentifier(cms.SHA256.OID())
				b.AddASN1NULL()
			})
			b.AddASN1OctetString(sum[:])
		})
		b.AddASN1Boolean(true)
	})
	tsq := b.BytesOrPanic()
	r := tg.Do(t, http.MethodPost, "/api/v1/timestamp", "application/timestamp-query", tsq, nil)
	if r.Status != http.StatusOK || r.Header.Get("Content-Type") != "application/timestamp-reply" || len(r.Body) < 100 {
		t.Errorf("timestamp: %d %q %d bytes", r.Status, r.Header.Get("Content-Type"), len(r.Body))
	}
	oreq, err := ocsp.CreateRequest(c.Cert, c.Chain[0], nil)
	if err != nil {
		t.Fatal(err)
	}
	r = tg.Do(t, http.MethodPost, "/api/v1/ocsp", "application/ocsp-request", oreq, nil)
	if r.Status != http.StatusOK {
		t.Fatalf("ocsp: %d %s", r.Status, r.Body)
	}
	if resp, err := ocsp.ParseResponseForCert(r.Body, c.Cert, c.Chain[0]); err != nil || resp.Status != ocsp.Good {
		t.Errorf("ocsp answer: %v", err)
	}
	for path, ct := range map[string]string{"/api/v1/timestamp": "application/timestamp-query", "/api/v1/ocsp": "application/ocsp-request"} {
		if r := tg.Do(t, http.MethodPost, path, ct, []byte("%PDF-1.7 a whole document"), nil); r.Status != http.StatusBadRequest {
			t.Errorf("%s with a PDF: %d", path, r.Status)
		}
		if r := tg.Do(t, http.MethodPost, path, ct, bytes.Repeat([]byte{0x30}, 4<<10), nil); r.Status != http.StatusRequestEntityTooLarge {
			t.Errorf("%s with 4 KB: %d", path, r.Status)
		}
	}
}

// cors: allowed origins get CORS headers, others none.
func (tg Target) cors(t *testing.T) {
	t.Parallel()
	pre := map[string]string{"Origin": tg.AllowedOrigin, "Access-Control-Request-Method": "POST"}
	r := tg.Do(t, http.MethodOptions, "/api/v1/certificate-choice", "", nil, pre)
	if r.Header.Get("Access-Control-Allow-Origin") != tg.AllowedOrigin || !strings.Contains(r.Header.Get("Access-Control-Allow-Methods"), "POST") {
		t.Errorf("allowed preflight: %d %v", r.Status, r.Header)
	}
	pre["Origin"] = "https://evil.example"
	r = tg.Do(t, http.MethodOptions, "/api/v1/certificate-choice", "", nil, pre)
	if r.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("other origin allowed: %v", r.Header)
	}
	r = tg.Do(t, http.MethodGet, "/api/v1/health", "", nil, map[string]string{"Origin": tg.AllowedOrigin})
	if r.Status != http.StatusOK {
		t.Errorf("health with an origin: %d", r.Status)
	}
}
