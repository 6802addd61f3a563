package smartid

import (
	"testing"

	"github.com/verso-pdf/verso/relay/sim"
)

// TestSemanticsIDs: every published demo account's identity passes (two
// of them only as SK's known test numbers, their check digits being
// wrong); a changed digit, a wrong date or a wrong form fails.
func TestSemanticsIDs(t *testing.T) {
	for _, a := range sim.DemoAccounts() {
		if err := CheckSemanticsID(a.Identity()); err != nil {
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
		"PNOBE-05040400031", // next to SK's test number: still a typo
		"PNOLV-010111-22342",
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
