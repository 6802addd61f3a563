package smartid

import (
	"strings"
	"testing"
)

// TestAuthCodeVectors are SK's nine published authCode examples (RP API
// v3, "authCode"), plus the cert-choice QR vector with no broker.
func TestAuthCodeVectors(t *testing.T) {
	const (
		secret       = "B98ODiVCebRedSwdTk51zFSaGYyHtY1H2A0ocAi3/Ps="
		token        = "wGIrqveE6AuGDATZKmR1mtAZ"
		base         = "https://smart-id.com/device-link"
		interactions = "W3sidHlwZSI6ImNvbmZpcm1hdGlvbk1lc3NhZ2UiLCJkaXNwbGF5VGV4dDIwMCI6IkxvbmdlciBkZXNjcmlwdGlvbiBvZiB0aGUgdHJhbnNhY3Rpb24gY29udGV4dCJ9LHsidHlwZSI6ImRpc3BsYXlUZXh0QW5kUElOIiwiZGlzcGxheVRleHQ2MCI6IlNob3J0IGRlc2NyaXB0aW9uIG9mIHRoZSB0cmFuc2FjdGlvbiBjb250ZXh0In1d"
		challenge    = "GYS+yoah6emAcVDNIajwSs6UB/M95XrDxMzXBUkwQJ9YFDipXXzGpPc7raWcuc2+TEoRc7WvIZ/7dU/iRXenYg=="
		digest       = "FNZFFya5wGLv9b27fZngaWrOBqle4tGwxZuDFRBdPl1RQvxJsfoqvTbjafd+8BcehMOQGvak6zlP+F8tga4bfQ=="
		callback     = "https://rp.example.com/callback-url?value=RrKjjT4aggzu27YBddX1bQ"
	)
	key := mustB64(t, secret)
	for _, tc := range []struct {
		linkType, sessionType, broker, want string
	}{
		{FlowWeb2App, SessionTypeAuth, "Example RP", "aegUh6gCKkXBJhhvtJqSTWB5_2W8TDQt5eZ7db6krv0"},
		{FlowWeb2App, SessionTypeSign, "Example RP", "R0iNcUp8nK1nqrcVFWerXUfWMSjwDOMC6MAHKrckaH8"},
		{FlowWeb2App, SessionTypeCert, "Example RP", "PI1qYa9_l6zR-v6Pkre6ycSm7S3BGiOQSe5OQlw4UJg"},
		{FlowApp2App, SessionTypeAuth, "Example RP", "00NRcgi4Jk7WdIwgMPlyM8wRy9KMu4C_oQvd-N6PKoo"},
		{FlowApp2App, SessionTypeSign, "Example RP", "8QZ16rkBW_ffkq6osT7UH1DbUlF9gEOZevgj-A0VNbM"},
		{FlowApp2App, SessionTypeCert, "Example RP", "AtayuRPP3N59wXF8Cijwjt3pQ16knW2L-5VLDTRD_KU"},
		{FlowQR, SessionTypeAuth, "Example RP", "OY1eHaD4UYedrBwtqUbSkpa0w7ttm4FllPkCD_3wlE0"},
		{FlowQR, SessionTypeSign, "Example RP", "5PZVhiNDTnt1MjLz8_YCjnNtR7p0iGevaL2G1ajfMco"},
		{FlowQR, SessionTypeCert, "Example RP", "T5pDDPAjoMS0byqS-FoaWVjlubODXoCCF4XDB4HeYNo"},
	} {
		in := AuthCodeInput{SchemeName: SchemeLive, RelyingPartyName: "DEMO", BrokeredRPName: tc.broker,
			UnprotectedDeviceLink: UnprotectedLink(base, tc.linkType, 22, token, tc.sessionType, "eng")}
		switch tc.sessionType {
		case SessionTypeAuth:
			in.SignatureProtocol, in.Challenge, in.Interactions = "ACSP_V2", challenge, interactions
		case SessionTypeSign:
			in.SignatureProtocol, in.Challenge, in.Interactions = "RAW_DIGEST_SIGNATURE", digest, interactions
		}
		if tc.linkType != FlowQR {
			in.InitialCallbackURL = callback
		}
		if got := AuthCode(key, in); got != tc.want {
			t.Errorf("%s %s: authCode %s, want %s", tc.linkType, tc.sessionType, got, tc.want)
		}
	}
}

func TestUnprotectedLinkOrder(t *testing.T) {
	got := UnprotectedLink("https://x.test/dl", FlowQR, 3, "TOKEN", SessionTypeCert, "est")
	want := "https://x.test/dl?deviceLinkType=QR&elapsedSeconds=3&sessionToken=TOKEN&sessionType=cert&version=1.0&lang=est"
	if got != want {
		t.Errorf("got %s", got)
	}
	if strings.Contains(UnprotectedLink("b", FlowWeb2App, 3, "T", SessionTypeCert, "eng"), "elapsed") {
		t.Error("a same-device link carries elapsedSeconds")
	}
}
