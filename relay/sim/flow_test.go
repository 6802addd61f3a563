package sim

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/pem"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// deviceLinkFor builds the link an RP would show for a session.
func deviceLinkFor(t testing.TB, dl DeviceLinkResponse, flowType, sessionType string, elapsed int, in AuthCodeInput) string {
	t.Helper()
	secret, err := base64.StdEncoding.DecodeString(dl.SessionSecret)
	if err != nil {
		t.Fatal(err)
	}
	l := DeviceLink{Base: dl.DeviceLinkBase, Type: flowType, ElapsedSeconds: elapsed, SessionToken: dl.SessionToken, SessionType: sessionType, Lang: "eng"}
	in.SchemeName = "smart-id-demo"
	in.UnprotectedDeviceLink = l.Unprotected()
	if flowType == FlowQR {
		in.InitialCallbackURL = ""
	}
	return l.Unprotected() + "&authCode=" + AuthCode(secret, in)
}

// certificateChoiceAndSign runs the relay's flow: an anonymous QR
// certificate choice, the phone scanning it, then the linked signature.
func certificateChoiceAndSign(t testing.TB, h http.Handler, doc string, digest [32]byte) (choice, signature SessionStatus) {
	t.Helper()
	var dl DeviceLinkResponse
	decode(t, call(t, h, "POST", "/v3/signature/certificate-choice/device-link/anonymous", rpBody()), 200, &dl)
	if len(dl.SessionToken) < 24 || len(dl.SessionSecret) < 24 || dl.DeviceLinkBase == "" {
		t.Fatalf("device-link response %+v", dl)
	}
	link := deviceLinkFor(t, dl, FlowQR, "cert", 0, AuthCodeInput{RelyingPartyName: demoName})
	decode(t, call(t, h, "POST", "/mock/device-link", MockDeviceLinkRequest{DocumentNumber: doc, DeviceLink: link, FlowType: FlowQR}), 200, nil)
	choice = poll(t, h, dl.SessionID)
	if choice.Result.EndResult != ResultOK || choice.Result.DocumentNumber != doc || choice.Cert == nil {
		t.Fatalf("certificate choice: %+v", choice)
	}
	body := signBody(t, "")
	body["signatureProtocolParameters"].(map[string]any)["digest"] = base64.StdEncoding.EncodeToString(digest[:])
	body["linkedSessionID"] = dl.SessionID
	var nr NotificationResponse
	decode(t, call(t, h, "POST", "/v3/signature/notification/linked/"+choice.Result.DocumentNumber, body), 200, &nr)
	if nr.VC != nil {
		t.Error("a linked signature returned a vc")
	}
	return choice, poll(t, h, nr.SessionID)
}

func TestLinkedFlowVerifiesWithOpenSSL(t *testing.T) {
	s, h := newTestSim(t, Options{})
	doc := "PNOEE-40404040009-MOCK-Q"
	digest := sha256.Sum256([]byte("signed attributes"))
	choice, sig := certificateChoiceAndSign(t, h, doc, digest)
	if choice.Signature == nil || choice.Signature.FlowType != FlowQR {
		t.Errorf("certificate choice flowType: %+v", choice.Signature)
	}
	if sig.Result.EndResult != ResultOK || sig.Cert.Value != choice.Cert.Value || sig.InteractionTypeUsed != InteractionDisplayTextAndPIN {
		t.Fatalf("linked signature: %+v", sig)
	}
	cert := checkSignature(t, sig, doc, digest)
	if _, err := cert.Verify(verifyOptions(s)); err != nil {
		t.Errorf("the certificate does not chain to the root: %v", err)
	}

	openssl, err := exec.LookPath("openssl")
	if err != nil {
		t.Skip("openssl not installed")
	}
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	sigBytes, _ := base64.StdEncoding.DecodeString(sig.Signature.Value)
	certPath := write("cert.pem", pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: cert.Raw}))
	pubOut, err := exec.Command(openssl, "x509", "-in", certPath, "-noout", "-pubkey").Output()
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(openssl, "pkeyutl", "-verify", "-pubin", "-inkey", write("pub.pem", pubOut),
		"-in", write("digest.bin", digest[:]), "-sigfile", write("sig.bin", sigBytes),
		"-pkeyopt", "digest:sha256", "-pkeyopt", "rsa_padding_mode:pss", "-pkeyopt", "rsa_pss_saltlen:32", "-pkeyopt", "rsa_mgf1_md:sha256").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "Signature Verified Successfully") {
		t.Fatalf("openssl pkeyutl -verify: %v\n%s", err, out)
	}
	var chain []byte
	for _, c := range [][]byte{s.PKI().QualifiedIssuer().Raw, s.PKI().Root().Raw} {
		chain = append(chain, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: c})...)
	}
	out, err = exec.Command(openssl, "verify", "-CAfile", write("root.pem", pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: s.PKI().Root().Raw})),
		"-untrusted", write("chain.pem", chain), certPath).CombinedOutput()
	if err != nil {
		t.Fatalf("openssl verify: %v\n%s", err, out)
	}
}

func TestSameDeviceFlow(t *testing.T) {
	_, h := newTestSim(t, Options{})
	body := signBody(t, "web2app")
	body["initialCallbackUrl"] = "https://rp.example.com/callback?value=abc"
	var dl DeviceLinkResponse
	decode(t, call(t, h, "POST", "/v3/signature/device-link/document/PNOLT-40404040009-MOCK-Q", body), 200, &dl)
	p := body["signatureProtocolParameters"].(map[string]any)
	link := deviceLinkFor(t, dl, FlowWeb2App, "sign", 0, AuthCodeInput{SignatureProtocol: ProtocolRawDigest, Challenge: p["digest"].(string),
		RelyingPartyName: demoName, Interactions: body["interactions"].(string), InitialCallbackURL: "https://rp.example.com/callback?value=abc"})
	var mr MockDeviceLinkResponse
	decode(t, call(t, h, "POST", "/mock/device-link", MockDeviceLinkRequest{DocumentNumber: "PNOLT-40404040009-MOCK-Q",
		DeviceLink: link, FlowType: FlowWeb2App, BrowserCookie: "c", InitialCallbackURL: "https://rp.example.com/callback?value=abc"}), 200, &mr)
	secret, _ := base64.StdEncoding.DecodeString(dl.SessionSecret)
	sum := sha256.Sum256(secret)
	if want := "https://rp.example.com/callback?value=abc&sessionSecretDigest=" + base64.RawURLEncoding.EncodeToString(sum[:]); mr.CallbackURL != want {
		t.Errorf("callback %q, want %q", mr.CallbackURL, want)
	}
	st := poll(t, h, dl.SessionID)
	if st.Result.EndResult != ResultOK || st.Signature.FlowType != FlowWeb2App {
		t.Errorf("Web2App signature: %+v", st)
	}
}

// TestProtocolFailure: a wrong or stale link ends the session.
func TestProtocolFailure(t *testing.T) {
	clock := &testClock{t: time.Now()}
	_, h := newTestSim(t, Options{Clock: clock.now})
	n := 0
	start := func() DeviceLinkResponse {
		var dl DeviceLinkResponse
		body := rpBody()
		n++
		body["nonce"] = strings.Repeat("n", n)
		decode(t, call(t, h, "POST", "/v3/signature/certificate-choice/device-link/anonymous", body), 200, &dl)
		return dl
	}
	doc := "PNOEE-40404040009-MOCK-Q"
	for name, mangle := range map[string]func(DeviceLinkResponse) string{
		"wrong authCode": func(dl DeviceLinkResponse) string {
			return deviceLinkFor(t, dl, FlowQR, "cert", 0, AuthCodeInput{RelyingPartyName: "demo"}) // name not byte-exact
		},
		"stale": func(dl DeviceLinkResponse) string {
			clock.add(30 * time.Second)
			return deviceLinkFor(t, dl, FlowQR, "cert", 0, AuthCodeInput{RelyingPartyName: demoName})
		},
	} {
		dl := start()
		rec := call(t, h, "POST", "/mock/device-link", MockDeviceLinkRequest{DocumentNumber: doc, DeviceLink: mangle(dl), FlowType: FlowQR})
		if rec.Code != 400 {
			t.Errorf("%s: mock answered %d", name, rec.Code)
		}
		if st := poll(t, h, dl.SessionID); st.Result.EndResult != ResultProtocolFailure {
			t.Errorf("%s: %s", name, st.Result.EndResult)
		}
	}
}

func TestExpectedLinkedSession(t *testing.T) {
	_, h := newTestSim(t, Options{})
	doc := "PNOBE-04040400287-MOCK-Q"
	var dl DeviceLinkResponse
	decode(t, call(t, h, "POST", "/v3/signature/certificate-choice/device-link/anonymous", rpBody()), 200, &dl)
	link := deviceLinkFor(t, dl, FlowQR, "cert", 0, AuthCodeInput{RelyingPartyName: demoName})
	decode(t, call(t, h, "POST", "/mock/device-link", MockDeviceLinkRequest{DocumentNumber: doc, DeviceLink: link, FlowType: FlowQR}), 200, nil)
	poll(t, h, dl.SessionID)
	// An unlinked signature while the app waits for the linked one.
	if st := notify(t, h, doc, signBody(t, "x")); st.Result.EndResult != ResultExpectedLinkedSession {
		t.Errorf("unlinked signature after a certificate choice: %s", st.Result.EndResult)
	}
	// The link is spent now.
	body := signBody(t, "y")
	body["linkedSessionID"] = dl.SessionID
	if rec := call(t, h, "POST", "/v3/signature/notification/linked/"+doc, body); rec.Code != 400 {
		t.Errorf("a spent link: %d", rec.Code)
	}
}

func TestDeviceLinkNegativeAccounts(t *testing.T) {
	_, h := newTestSim(t, Options{})
	for doc, want := range map[string]string{
		"PNOEE-30403039917-MOCK-Q": ResultUserRefused,
		"PNOEE-30403039983-MOCK-Q": ResultTimeout,
		"PNOEE-30403039013-SIMU-Q": ResultUserRefusedCertChoice,
	} {
		var dl DeviceLinkResponse
		body := rpBody()
		body["nonce"] = doc[:20] // identical requests within 15 s would share a session
		decode(t, call(t, h, "POST", "/v3/signature/certificate-choice/device-link/anonymous", body), 200, &dl)
		link := deviceLinkFor(t, dl, FlowQR, "cert", 0, AuthCodeInput{RelyingPartyName: demoName})
		decode(t, call(t, h, "POST", "/mock/device-link", MockDeviceLinkRequest{DocumentNumber: doc, DeviceLink: link, FlowType: FlowQR}), 200, nil)
		if st := poll(t, h, dl.SessionID); st.Result.EndResult != want {
			t.Errorf("%s: %s, want %s", doc, st.Result.EndResult, want)
		}
	}
}
