package trust

import (
	"embed"
	"sync"
)

// The bundle is generated at build time (eutl/README.md); the README keeps
// the pattern valid when it is absent.
//
//go:embed eutl
var bundleFiles embed.FS

var defaultBundle = sync.OnceValues(func() (*Bundle, error) {
	data, err := bundleFiles.ReadFile("eutl/bundle.json.gz")
	if err != nil {
		return nil, nil // no bundle built into this binary
	}
	return LoadBundle(data)
})

// DefaultBundle returns the trusted-list bundle built into the binary,
// nil when there is none, and an error when it cannot be read.
func DefaultBundle() (*Bundle, error) { return defaultBundle() }
