// Package www is verso's static site: its sources in src/, its browser
// tests in test/, and the built site in dist/, which this package embeds so
// that the relay is one binary.
//
// `make build` writes dist/ (see build/site). Only dist/.gitkeep is tracked:
// go:embed refuses a missing or empty directory, and the placeholder keeps
// `go build ./...` and `go test ./...` working on a fresh clone, where Site
// then holds no page. The "all:" prefix is what lets a dot file count; the
// relay serves no dot file.
package www

import (
	"embed"
	"io/fs"
)

//go:embed all:dist
var dist embed.FS

// Site returns the built site, rooted at its index.html.
func Site() fs.FS {
	site, err := fs.Sub(dist, "dist")
	if err != nil {
		panic(err) // "dist" is a valid path: unreachable
	}
	return site
}
