package server

import "testing"

func TestNegotiate(t *testing.T) {
	available := []string{"br", "gzip"}
	for _, tc := range []struct{ header, want string }{
		{"", ""},
		{"gzip, deflate, br, zstd", "br"},
		{"gzip", "gzip"},
		{"GZIP", "gzip"},
		{"gzip;q=1, br;q=0.5", "gzip"},
		{"br;q=0, gzip", "gzip"},
		{"br;q=0, gzip;q=0", ""},
		{"identity", ""},
		{"*", "br"},
		{"*;q=0", ""},
		{"br;q=0, *", "gzip"},
		{"br;q=garbage, gzip", "gzip"},
		{"br;q=2", ""},
		{" br ; q=0.8 , gzip ; q=0.9", "gzip"},
		{",,;", ""},
	} {
		if got := negotiate(tc.header, available); got != tc.want {
			t.Errorf("negotiate(%q) = %q, want %q", tc.header, got, tc.want)
		}
	}
	if got := negotiate("br, gzip", []string{"gzip"}); got != "gzip" {
		t.Errorf("with only gzip stored, negotiate = %q, want gzip", got)
	}
}

// FuzzAcceptedCodings checks that any header parses without panic into
// weights within [0, 1], since clients control the header.
func FuzzAcceptedCodings(f *testing.F) {
	for _, s := range []string{"", "br", "gzip;q=0.5, *;q=0", "br;q=1e400", ";;,q=", "br;Q=0.1;q=0.2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, header string) {
		for coding, w := range acceptedCodings(header) {
			if !(w >= 0 && w <= 1) {
				t.Fatalf("%q: weight of %q is %v", header, coding, w)
			}
		}
	})
}
