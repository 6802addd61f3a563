package pdf

import (
	"bytes"
	"math/rand"
	"testing"
)

// TestForwardSearch: the memoized search answers like bytes.Index for
// queries in any order.
func TestForwardSearch(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	b := make([]byte, 4000)
	for i := range b {
		b[i] = "ab"[rng.Intn(2)]
	}
	for _, p := range []int{100, 101, 900, 2500, 3990} {
		copy(b[p:], "kw")
	}
	m := newForwardSearch("kw")
	for q := 0; q < 2000; q++ {
		from := rng.Intn(len(b) + 1)
		want := bytes.Index(b[from:], []byte("kw"))
		if want >= 0 {
			want += from
		}
		if got := m.find(b, from); got != want {
			t.Fatalf("find(%d) = %d, want %d", from, got, want)
		}
	}
}
