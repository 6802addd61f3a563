package sim

import (
	"crypto/hmac"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// linkContext is what the service knows to check a device link: the
// session's fields and how old it is.
type linkContext struct {
	scheme, base string
	kind         sessionKind
	input        AuthCodeInput // all but the link-derived fields
	token        string
	secret       []byte
	// age is the session's real age; maxAge how far elapsedSeconds may
	// lag it (QR only).
	age, maxAge time.Duration
}

// errStaleLink marks a QR link whose elapsedSeconds does not match the
// session's age.
var errStaleLink = errors.New("the QR link is stale")

var (
	decimalPattern = regexp.MustCompile(`^(0|[1-9][0-9]{0,8})$`)
	langPattern    = regexp.MustCompile(`^[a-z]{3}$`)
)

// check parses link strictly (fixed parameter order, no encoding) and
// recomputes its authCode. flowType is what the phone says it did.
func (c linkContext) check(link, flowType string) (DeviceLink, error) {
	rest, ok := strings.CutPrefix(link, c.base+"?")
	if !ok {
		return DeviceLink{}, errors.New("the link does not start with deviceLinkBase")
	}
	want := []string{"deviceLinkType", "sessionToken", "sessionType", "version", "lang", "authCode"}
	if flowType == FlowQR {
		want = []string{"deviceLinkType", "elapsedSeconds", "sessionToken", "sessionType", "version", "lang", "authCode"}
	}
	parts := strings.Split(rest, "&")
	if len(parts) != len(want) {
		return DeviceLink{}, fmt.Errorf("the link has %d parameters, want %d", len(parts), len(want))
	}
	v := map[string]string{}
	for i, p := range parts {
		k, val, ok := strings.Cut(p, "=")
		if !ok || k != want[i] {
			return DeviceLink{}, fmt.Errorf("parameter %d is not %s", i+1, want[i])
		}
		v[k] = val
	}
	l := DeviceLink{Base: c.base, Type: v["deviceLinkType"], SessionToken: v["sessionToken"],
		SessionType: v["sessionType"], Lang: v["lang"]}
	switch {
	case l.Type != flowType:
		return l, fmt.Errorf("deviceLinkType %q but flow %q", l.Type, flowType)
	case l.SessionToken != c.token:
		return l, errors.New("sessionToken does not match")
	case l.SessionType != c.kind.sessionType():
		return l, fmt.Errorf("sessionType %q, want %q", l.SessionType, c.kind.sessionType())
	case v["version"] != "1.0":
		return l, errors.New("version must be 1.0")
	case !langPattern.MatchString(l.Lang):
		return l, errors.New("lang must be a three-letter ISO 639-2 code")
	}
	in := c.input
	in.SchemeName = c.scheme
	if flowType == FlowQR {
		if !decimalPattern.MatchString(v["elapsedSeconds"]) {
			return l, errors.New("elapsedSeconds must be a decimal number without padding")
		}
		l.ElapsedSeconds, _ = strconv.Atoi(v["elapsedSeconds"])
		in.InitialCallbackURL = ""
	}
	in.UnprotectedDeviceLink = l.Unprotected()
	if !hmac.Equal([]byte(v["authCode"]), []byte(AuthCode(c.secret, in))) {
		return l, errors.New("authCode does not match")
	}
	if flowType == FlowQR {
		// The RP counts from when it received the response, so the link
		// may lag the session a little, never lead it.
		elapsed := time.Duration(l.ElapsedSeconds) * time.Second
		if elapsed > c.age+time.Second || c.age-elapsed > c.maxAge {
			return l, errStaleLink
		}
	}
	return l, nil
}

// linkContext returns the context to check links of sess.
func (s *Simulator) linkContext(sess *session) linkContext {
	in := AuthCodeInput{RelyingPartyName: sess.req.RelyingPartyName, InitialCallbackURL: sess.req.InitialCallbackURL}
	if sess.ep.kind != kindCertificate {
		in.SignatureProtocol = sess.req.SignatureProtocol
		in.Interactions = sess.req.Interactions
		if p := sess.req.SignatureProtocolParameters; p != nil {
			in.Challenge = p.Digest
			if sess.ep.kind == kindAuthentication {
				in.Challenge = p.RPChallenge
			}
		}
	}
	return linkContext{
		scheme: s.opts.SchemeName, base: s.opts.DeviceLinkBase, kind: sess.ep.kind, input: in,
		token: sess.token, secret: sess.secret, age: s.now().Sub(sess.created), maxAge: s.opts.DeviceLinkMaxAge,
	}
}
