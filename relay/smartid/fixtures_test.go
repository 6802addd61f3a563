package smartid

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// fixtures are SK's own v3 session-status answers (smart-id.md 11), with
// the unknown fields SK adds on purpose.
const fixtures = "../../../shared/fixtures/smart-id"

func readFixture(t *testing.T, name string) *sessionStatus {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(fixtures, name))
	if err != nil {
		t.Skipf("SK's fixtures are not here: %v", err)
	}
	var st sessionStatus
	if err := json.Unmarshal(data, &st); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return &st
}

// TestSKFixtureCertificate: the real DEMO signing certificate in SK's
// fixture passes every certificate check against SK's TEST CAs, and
// fails against the production ones.
func TestSKFixtureCertificate(t *testing.T) {
	st := readFixture(t, "session-status-successful-signature.json")
	at := func() time.Time { return time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC) }
	for _, tc := range []struct {
		trust *Trust
		ok    bool
	}{{DemoTrust(), true}, {LiveTrust(), false}} {
		c, err := New(Config{BaseURL: "https://sid.demo.sk.ee/smart-id-rp/v3", RelyingPartyUUID: "00000000-0000-4000-8000-000000000000",
			RelyingPartyName: "DEMO", Trust: tc.trust, Now: at})
		if err != nil {
			t.Fatal(err)
		}
		res, _, err := c.common("test", st, []string{FlowQR}, nil)
		if (err == nil) != tc.ok {
			t.Fatalf("ok=%v: %v", tc.ok, err)
		}
		if tc.ok && (res.DocumentNumber != "PNOEE-40504040001-MOCK-Q" || len(res.Chain) != 2) {
			t.Errorf("result %+v", res)
		}
	}
}

// TestSKFixtureOutcomes: SK's answers for sessions that end otherwise
// decode to their end results.
func TestSKFixtureOutcomes(t *testing.T) {
	c, _ := New(Config{BaseURL: "https://x.test/v3", RelyingPartyUUID: "00000000-0000-4000-8000-000000000000",
		RelyingPartyName: "DEMO", Trust: DemoTrust()})
	for file, want := range map[string]string{
		"session-status-timeout.json":                           ResultTimeout,
		"session-status-wrong-vc.json":                          ResultWrongVC,
		"session-status-document-unusable.json":                 ResultDocumentUnusable,
		"session-status-protocol-failure.json":                  ResultProtocolFailure,
		"session-status-expected-linked-session.json":           ResultExpectedLinkedSession,
		"session-status-server-error.json":                      ResultServerError,
		"session-status-account-unusable.json":                  ResultAccountUnusable,
		"session-status-user-refused-display-text-and-pin.json": ResultUserRefusedInteraction,
	} {
		res, done, err := c.common("test", readFixture(t, file), nil, nil)
		if err != nil || !done || res.EndResult != want {
			t.Errorf("%s: %+v %v, want %s", file, res, err, want)
		}
	}
	if res, _, err := c.common("test", readFixture(t, "session-status-running.json"), nil, nil); err != nil || !res.Running {
		t.Errorf("running: %+v %v", res, err)
	}
}
