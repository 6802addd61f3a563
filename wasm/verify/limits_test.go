package verify

import (
	"fmt"
	"testing"
)

// An update that touches more objects than a person can read lists the
// first maxObjectsPerChange of them.
func TestMaxObjectsPerChange(t *testing.T) {
	var inc increment
	for n := range maxObjectsPerChange + 10 {
		inc.add(changeOther, n, "changed")
	}
	if len(inc.entries) != 1 || len(inc.entries[0].objects) != maxObjectsPerChange {
		t.Fatalf("%d entries, first with %d objects; want 1 with %d", len(inc.entries), len(inc.entries[0].objects), maxObjectsPerChange)
	}
}

func TestMaxWarnings(t *testing.T) {
	var many []string
	for i := range maxWarnings + 5 {
		many = append(many, fmt.Sprint(i))
	}
	got := truncated(many)
	if len(got) != maxWarnings+1 || got[maxWarnings] != "and 5 more" {
		t.Fatalf("truncated to %d: last %q", len(got), got[len(got)-1])
	}
	if got := truncated(many[:maxWarnings]); len(got) != maxWarnings {
		t.Errorf("%d warnings became %d", maxWarnings, len(got))
	}
}
