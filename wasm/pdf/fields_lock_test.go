package pdf

import "testing"

func TestFieldLockLocks(t *testing.T) {
	for _, tc := range []struct {
		lock FieldLock
		name string
		want bool
	}{
		{FieldLock{Action: "All"}, "any", true},
		{FieldLock{Action: "Include", Fields: []string{"amount"}}, "amount", true},
		{FieldLock{Action: "Include", Fields: []string{"amount"}}, "amount.eur", true},
		{FieldLock{Action: "Include", Fields: []string{"amount"}}, "amounts", false},
		{FieldLock{Action: "Include", Fields: []string{"amount"}}, "name", false},
		{FieldLock{Action: "Exclude", Fields: []string{"comment"}}, "comment", false},
		{FieldLock{Action: "Exclude", Fields: []string{"comment"}}, "amount", true},
		{FieldLock{Action: "Bogus"}, "amount", true},
	} {
		if got := tc.lock.Locks(tc.name); got != tc.want {
			t.Errorf("%+v locks %q = %v, want %v", tc.lock, tc.name, got, tc.want)
		}
	}
}
