package sim

import (
	"errors"
	"testing"
	"time"
)

// The inputs of the official authCode examples (RP API v3 docs).
const (
	vecSecret       = "B98ODiVCebRedSwdTk51zFSaGYyHtY1H2A0ocAi3/Ps="
	vecToken        = "wGIrqveE6AuGDATZKmR1mtAZ"
	vecBase         = "https://smart-id.com/device-link"
	vecInteractions = "W3sidHlwZSI6ImNvbmZpcm1hdGlvbk1lc3NhZ2UiLCJkaXNwbGF5VGV4dDIwMCI6IkxvbmdlciBkZXNjcmlwdGlvbiBvZiB0aGUgdHJhbnNhY3Rpb24gY29udGV4dCJ9LHsidHlwZSI6ImRpc3BsYXlUZXh0QW5kUElOIiwiZGlzcGxheVRleHQ2MCI6IlNob3J0IGRlc2NyaXB0aW9uIG9mIHRoZSB0cmFuc2FjdGlvbiBjb250ZXh0In1d"
	vecChallenge    = "GYS+yoah6emAcVDNIajwSs6UB/M95XrDxMzXBUkwQJ9YFDipXXzGpPc7raWcuc2+TEoRc7WvIZ/7dU/iRXenYg=="
	vecDigest       = "FNZFFya5wGLv9b27fZngaWrOBqle4tGwxZuDFRBdPl1RQvxJsfoqvTbjafd+8BcehMOQGvak6zlP+F8tga4bfQ=="
	vecCallback     = "https://rp.example.com/callback-url?value=RrKjjT4aggzu27YBddX1bQ"
)

type authCodeVector struct {
	name, flow, scheme, broker string
	kind                       sessionKind
	elapsed                    int
	want                       string
}

// authCodeVectors are the nine official vectors and the derived ones of
// smart-id.md 4.2 (empty broker name, both schemes).
var authCodeVectors = []authCodeVector{
	{"Web2App auth", FlowWeb2App, "smart-id", "Example RP", kindAuthentication, 0, "aegUh6gCKkXBJhhvtJqSTWB5_2W8TDQt5eZ7db6krv0"},
	{"Web2App sign", FlowWeb2App, "smart-id", "Example RP", kindSignature, 0, "R0iNcUp8nK1nqrcVFWerXUfWMSjwDOMC6MAHKrckaH8"},
	{"Web2App cert", FlowWeb2App, "smart-id", "Example RP", kindCertificate, 0, "PI1qYa9_l6zR-v6Pkre6ycSm7S3BGiOQSe5OQlw4UJg"},
	{"App2App auth", FlowApp2App, "smart-id", "Example RP", kindAuthentication, 0, "00NRcgi4Jk7WdIwgMPlyM8wRy9KMu4C_oQvd-N6PKoo"},
	{"App2App sign", FlowApp2App, "smart-id", "Example RP", kindSignature, 0, "8QZ16rkBW_ffkq6osT7UH1DbUlF9gEOZevgj-A0VNbM"},
	{"App2App cert", FlowApp2App, "smart-id", "Example RP", kindCertificate, 0, "AtayuRPP3N59wXF8Cijwjt3pQ16knW2L-5VLDTRD_KU"},
	{"QR auth", FlowQR, "smart-id", "Example RP", kindAuthentication, 22, "OY1eHaD4UYedrBwtqUbSkpa0w7ttm4FllPkCD_3wlE0"},
	{"QR sign", FlowQR, "smart-id", "Example RP", kindSignature, 22, "5PZVhiNDTnt1MjLz8_YCjnNtR7p0iGevaL2G1ajfMco"},
	{"QR cert", FlowQR, "smart-id", "Example RP", kindCertificate, 22, "T5pDDPAjoMS0byqS-FoaWVjlubODXoCCF4XDB4HeYNo"},
	{"derived QR sign 0", FlowQR, "smart-id", "", kindSignature, 0, "s6l5mDVVYf2zBFpQsIuCd_SFPcGbDxgYRBj28_Itp_I"},
	{"derived QR sign 22", FlowQR, "smart-id", "", kindSignature, 22, "Fl_40SnImNEouARJYzbsK6US7wObYF0_tiSDnDymxd8"},
	{"derived demo QR sign 0", FlowQR, "smart-id-demo", "", kindSignature, 0, "z7zjYYPsXCwDzEP7z_qz42eyQ7gVvX-V_zQ0NIjF-no"},
	{"derived demo QR sign 22", FlowQR, "smart-id-demo", "", kindSignature, 22, "CJ1pdwKqoTDlSiI2oKHCWyJCkApWchSSVs7FIYQrz1s"},
	{"derived QR cert 0", FlowQR, "smart-id", "", kindCertificate, 0, "RV16IrfYQO5fSJdEFXRQ5qFMpuDYzTn9wo9BDPhzg6I"},
}

// vectorContext is the simulator's checker set up with the vector inputs.
func vectorContext(v authCodeVector) linkContext {
	in := AuthCodeInput{RelyingPartyName: "DEMO", BrokeredRPName: v.broker, InitialCallbackURL: vecCallback}
	switch v.kind {
	case kindAuthentication:
		in.SignatureProtocol, in.Challenge, in.Interactions = ProtocolACSPv2, vecChallenge, vecInteractions
	case kindSignature:
		in.SignatureProtocol, in.Challenge, in.Interactions = ProtocolRawDigest, vecDigest, vecInteractions
	}
	secret, _ := decodeStd(vecSecret)
	return linkContext{
		scheme: v.scheme, base: vecBase, kind: v.kind, input: in, token: vecToken, secret: secret,
		age: time.Duration(v.elapsed) * time.Second, maxAge: 5 * time.Second,
	}
}

func TestAuthCodeVectors(t *testing.T) {
	for _, v := range authCodeVectors {
		t.Run(v.name, func(t *testing.T) {
			t.Parallel()
			c := vectorContext(v)
			link := DeviceLink{Base: vecBase, Type: v.flow, ElapsedSeconds: v.elapsed, SessionToken: vecToken,
				SessionType: v.kind.sessionType(), Lang: "eng"}
			full := link.Unprotected() + "&authCode=" + v.want
			if _, err := c.check(full, v.flow); err != nil {
				t.Fatalf("the checker refuses the official link: %v\n%s", err, full)
			}
			// One changed character anywhere must fail.
			for _, bad := range []string{
				link.Unprotected() + "&authCode=" + v.want[:len(v.want)-1] + "A",
				vecBase + "?" + "deviceLinkType=" + v.flow + "&sessionToken=x" + full[len(vecBase)+len("?deviceLinkType=")+len(v.flow):],
			} {
				if _, err := c.check(bad, v.flow); err == nil {
					t.Errorf("the checker accepts %s", bad)
				}
			}
		})
	}
}

func TestDeviceLinkStale(t *testing.T) {
	v := authCodeVectors[7] // QR sign at 22 s
	link := DeviceLink{Base: vecBase, Type: FlowQR, ElapsedSeconds: 22, SessionToken: vecToken, SessionType: "sign", Lang: "eng"}
	full := link.Unprotected() + "&authCode=" + v.want
	for _, tc := range []struct {
		age  time.Duration
		want error
	}{
		{22 * time.Second, nil},
		{26 * time.Second, nil},
		{28 * time.Second, errStaleLink}, // more than 5 s old
		{20 * time.Second, errStaleLink}, // from the future
	} {
		c := vectorContext(v)
		c.age = tc.age
		if _, err := c.check(full, FlowQR); !errors.Is(err, tc.want) {
			t.Errorf("age %v: %v, want %v", tc.age, err, tc.want)
		}
	}
}

func TestDeviceLinkStrictFormat(t *testing.T) {
	v := authCodeVectors[1] // Web2App sign
	c := vectorContext(v)
	good := DeviceLink{Base: vecBase, Type: FlowWeb2App, SessionToken: vecToken, SessionType: "sign", Lang: "eng"}.Unprotected() + "&authCode=" + v.want
	for name, link := range map[string]string{
		"other base":         "https://example.com/device-link?" + good[len(vecBase)+1:],
		"reordered":          vecBase + "?sessionToken=" + vecToken + "&deviceLinkType=Web2App&sessionType=sign&version=1.0&lang=eng&authCode=" + v.want,
		"encoded":            good[:len(good)-len(v.want)] + "%41" + v.want[1:],
		"extra parameter":    good + "&x=1",
		"wrong version":      vecBase + "?deviceLinkType=Web2App&sessionToken=" + vecToken + "&sessionType=sign&version=1.1&lang=eng&authCode=" + v.want,
		"wrong session type": vecBase + "?deviceLinkType=Web2App&sessionToken=" + vecToken + "&sessionType=auth&version=1.0&lang=eng&authCode=" + v.want,
	} {
		if _, err := c.check(link, FlowWeb2App); err == nil {
			t.Errorf("%s: accepted %s", name, link)
		}
	}
	if _, err := c.check(good, FlowQR); err == nil {
		t.Error("a Web2App link passes as QR")
	}
}
