package tsl

import (
	"os"
	"path/filepath"
	"testing"
)

// listFile returns the path of a real trusted list in ../shared/trustlists
// (or $VERSO_SHARED/trustlists), skipping the test when it is absent.
func listFile(t testing.TB, name string) string {
	dir := os.Getenv("VERSO_SHARED")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "..", "shared")
	}
	p := filepath.Join(dir, "trustlists", name)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("real trusted lists not found at %s (set VERSO_SHARED to the folder holding trustlists/): %v", p, err)
	}
	return p
}

func readList(t testing.TB, name string) []byte {
	data, err := os.ReadFile(listFile(t, name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}
