package sim

import (
	"strings"
	"testing"
)

func TestPhonePage(t *testing.T) {
	_, h := newTestSim(t, Options{ConfirmDelay: -1})
	page := call(t, h, "GET", "/phone", nil)
	if page.Code != 200 || !strings.HasPrefix(page.Header().Get("Content-Type"), "text/html") {
		t.Fatalf("GET /phone: %d", page.Code)
	}
	// Under script-src 'self' only external scripts and styles run.
	html := page.Body.String()
	if strings.Contains(html, "<script>") || strings.Contains(html, "<style") || strings.Contains(html, " on") && strings.Contains(html, "onclick") {
		t.Error("the page has inline script or style")
	}
	for path, ct := range map[string]string{"/phone.js": "text/javascript", "/phone.css": "text/css"} {
		if rec := call(t, h, "GET", path, nil); rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), ct) {
			t.Errorf("GET %s: %d %s", path, rec.Code, rec.Header().Get("Content-Type"))
		}
	}

	// A notification signature waits for the person.
	var nr NotificationResponse
	decode(t, call(t, h, "POST", "/v3/signature/notification/document/PNOEE-30403039917-MOCK-Q", signBody(t, "phone")), 200, &nr)
	var st phoneState
	decode(t, call(t, h, "GET", "/phone/requests", nil), 200, &st)
	if len(st.Requests) != 1 || st.Requests[0].Text != "Sign contract.pdf" || st.Requests[0].VC != nr.VC.Value || st.Requests[0].RelyingParty != "DEMO" {
		t.Fatalf("pending requests %+v", st.Requests)
	}
	if strings.Contains(call(t, h, "GET", "/phone/requests", nil).Body.String(), nr.SessionID) {
		t.Error("the phone page sees the session ID")
	}
	id := st.Requests[0].ID
	if rec := call(t, h, "POST", "/phone/answer", phoneAnswer{ID: id, Confirm: true, PIN: "1"}); rec.Code != 400 {
		t.Errorf("a one-digit PIN: %d", rec.Code)
	}
	// The person confirms although the account would refuse by itself.
	decode(t, call(t, h, "POST", "/phone/answer", phoneAnswer{ID: id, Confirm: true, PIN: "12345"}), 204, nil)
	if got := poll(t, h, nr.SessionID); got.Result.EndResult != ResultOK {
		t.Errorf("confirmed: %s", got.Result.EndResult)
	}

	// An anonymous QR certificate choice: the person picks an account.
	var dl DeviceLinkResponse
	decode(t, call(t, h, "POST", "/v3/signature/certificate-choice/device-link/anonymous", rpBody()), 200, &dl)
	decode(t, call(t, h, "GET", "/phone/requests", nil), 200, &st)
	if len(st.Requests) != 1 || !st.Requests[0].DeviceLink || len(st.Accounts) == 0 {
		t.Fatalf("pending %+v", st)
	}
	if rec := call(t, h, "POST", "/phone/answer", phoneAnswer{ID: st.Requests[0].ID, Confirm: true, PIN: "1234", DocumentNumber: "nobody"}); rec.Code != 400 {
		t.Errorf("unknown account: %d", rec.Code)
	}
	decode(t, call(t, h, "POST", "/phone/answer", phoneAnswer{ID: st.Requests[0].ID, Confirm: true, PIN: "1234", DocumentNumber: st.Accounts[0]}), 204, nil)
	if got := poll(t, h, dl.SessionID); got.Result.EndResult != ResultOK || got.Result.DocumentNumber != st.Accounts[0] {
		t.Errorf("chosen: %+v", got.Result)
	}

	// A refusal.
	decode(t, call(t, h, "POST", "/v3/signature/notification/document/PNOEE-40504040001-DEM0-Q", signBody(t, "refuse")), 200, &nr)
	decode(t, call(t, h, "GET", "/phone/requests", nil), 200, &st)
	decode(t, call(t, h, "POST", "/phone/answer", phoneAnswer{ID: st.Requests[0].ID}), 204, nil)
	if got := poll(t, h, nr.SessionID); got.Result.EndResult != ResultUserRefusedInteraction || got.Result.Details.Interaction != InteractionDisplayTextAndPIN {
		t.Errorf("refused: %+v", got.Result)
	}
}

// TestDeviceLinkOpensPhone: a device link opened in a browser lands on
// the phone page, which checks it and names its session.
func TestDeviceLinkOpensPhone(t *testing.T) {
	_, h := newTestSim(t, Options{})
	var dl DeviceLinkResponse
	decode(t, call(t, h, "POST", "/v3/signature/certificate-choice/device-link/anonymous", rpBody()), 200, &dl)
	link := deviceLinkFor(t, dl, FlowQR, "cert", 0, AuthCodeInput{RelyingPartyName: demoName})
	query := link[len(dl.DeviceLinkBase)+1:]
	rec := call(t, h, "GET", "/device-link?"+query, nil)
	if rec.Code != 303 || rec.Header().Get("Location") != "phone?"+query {
		t.Fatalf("GET /device-link: %d %q", rec.Code, rec.Header().Get("Location"))
	}
	var scanned map[string]string
	decode(t, call(t, h, "POST", "/phone/scan", map[string]string{"query": query}), 200, &scanned)
	var st phoneState
	decode(t, call(t, h, "GET", "/phone/requests", nil), 200, &st)
	if len(st.Requests) != 1 || scanned["id"] != st.Requests[0].ID {
		t.Errorf("scan %v, pending %+v", scanned, st.Requests)
	}
	bad := strings.Replace(query, "authCode=", "authCode=x", 1)
	if rec := call(t, h, "POST", "/phone/scan", map[string]string{"query": bad}); rec.Code != 400 {
		t.Errorf("a wrong link: %d", rec.Code)
	}
}
