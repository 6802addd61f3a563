package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/base32"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
)

// assetsDir holds the files named after their content. The relay lets
// browsers cache them for a year (relay/server/static.go).
const assetsDir = "assets/"

// placeholder is tracked in git to keep www/dist for go:embed; see www/embed.go.
const placeholder = ".gitkeep"

// file is one file of the site.
type file struct {
	name     string // slash-separated, relative to the output directory
	data     []byte
	compress bool // also write name.br and name.gz when they are smaller
}

// output collects the files of one build and writes them together.
type output struct {
	dir         string
	compressors []compressor
	files       []*file
}

func newOutput(dir string, brotliQuality int) *output {
	return &output{dir: dir, compressors: compressors(brotliQuality)}
}

// add adds a file and returns its name. A file added again under the
// same name (a chunk two entry points share) is kept once.
func (o *output) add(name string, data []byte, compress bool) string {
	for _, f := range o.files {
		if f.name == name {
			return name
		}
	}
	o.files = append(o.files, &file{name: name, data: data, compress: compress})
	return name
}

// addHashed adds an asset named after its content, the way esbuild names
// bundles: icon.svg becomes assets/icon-ABCDEFGH.svg.
func (o *output) addHashed(name string, data []byte, compress bool) string {
	sum := sha256.Sum256(data)
	hash := base32.StdEncoding.EncodeToString(sum[:])[:8]
	ext := path.Ext(name)
	return o.add(assetsDir+strings.TrimSuffix(name, ext)+"-"+hash+ext, data, compress)
}

// write writes every file with its compressed variants, then removes what
// earlier builds left behind. A hashed asset whose variants exist already
// is not compressed again: same name, same content (whatever the brotli
// quality; make clean forgets them).
func (o *output) write() error {
	if err := os.MkdirAll(filepath.Join(o.dir, assetsDir), 0o755); err != nil {
		return err
	}
	keep := map[string]bool{placeholder: true}
	var wg sync.WaitGroup
	errs := make([]error, len(o.files))
	for i, f := range o.files {
		keep[f.name] = true
		if f.compress {
			keep[f.name+".br"], keep[f.name+".gz"] = true, true
		}
		wg.Go(func() { errs[i] = o.writeFile(f) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	return o.prune(keep)
}

func (o *output) writeFile(f *file) error {
	target := filepath.Join(o.dir, filepath.FromSlash(f.name))
	if err := writeIfChanged(target, f.data); err != nil {
		return err
	}
	if !f.compress {
		return nil
	}
	if strings.HasPrefix(f.name, assetsDir) && exists(target+".br") && exists(target+".gz") {
		return nil
	}
	for _, c := range o.compressors {
		packed, err := c.compress(f.data)
		if err != nil {
			return fmt.Errorf("%s: %w", f.name, err)
		}
		// A variant that saves nothing is left out; the relay then sends
		// the file as it is.
		if len(packed) >= len(f.data) {
			_ = os.Remove(target + c.suffix)
			continue
		}
		if err := os.WriteFile(target+c.suffix, packed, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// writeIfChanged keeps the modification time of files that did not
// change, so that make sees an unchanged site.
func writeIfChanged(name string, data []byte) error {
	if old, err := os.ReadFile(name); err == nil && bytes.Equal(old, data) {
		return nil
	}
	return os.WriteFile(name, data, 0o644)
}

func exists(name string) bool {
	_, err := os.Stat(name)
	return err == nil
}

// prune removes the files of the output directory that this build did not
// write, such as assets with an outdated hash.
func (o *output) prune(keep map[string]bool) error {
	return filepath.WalkDir(o.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(o.dir, p)
		if err != nil {
			return err
		}
		if keep[filepath.ToSlash(rel)] {
			return nil
		}
		return os.Remove(p)
	})
}
