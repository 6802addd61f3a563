package smartid

import (
	"testing"

	"github.com/verso-pdf/verso/relay/sim"
)

// badDemoNumbers are two of SK's published demo identities whose check
// digits are wrong for their country; the relay refuses them as it would
// a typo. Through a QR code they still work: nobody types them there.
var badDemoNumbers = map[string]bool{"PNOLV-010111-22341": true, "PNOBE-05040400032": true}

// TestSemanticsIDs: every other published demo account's identity
// passes; a changed digit, a wrong date or a wrong form fails.
func TestSemanticsIDs(t *testing.T) {
	for _, a := range sim.DemoAccounts() {
		if err := CheckSemanticsID(a.Identity()); (err == nil) == badDemoNumbers[a.Identity()] {
			t.Errorf("%s: %v", a.Identity(), err)
		}
	}
	for _, id := range []string{
		"PNOEE-40504040002", // check digit
		"PNOLT-40504040011",
		"PNOEE-70504040001", // century digit
		"PNOEE-40513400001", // month 13
		"PNOLV-050405-10008",
		"PNOLV-05040510009",
		"PNOBE-05040400033",
		"PNOEE-4050404000",
		"pnoee-40504040001",
		"PNOEE40504040001",
		"PNOEE-40504040001-MOCK-Q-X",
		"",
	} {
		if CheckSemanticsID(id) == nil {
			t.Errorf("%q accepted", id)
		}
	}
	for _, id := range []string{"PNOFI-39003012798", "PASKZ-987654321012", "IDCCZ-1234567890", "PNOLV-320000-10003"} {
		if err := CheckSemanticsID(id); err != nil {
			t.Errorf("%s: %v", id, err)
		}
	}
}
