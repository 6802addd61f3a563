package main

import (
	"fmt"
	"os"
	"path/filepath"
)

// sizeReport is what the build says about the weight of the site: the
// wasm alone, since it dominates, and the scripts and styles together.
type sizeReport struct {
	wasm, code [3]int64 // raw, gzip, brotli
	wasmName   string
}

func (o *output) sizes(wasmName string) *sizeReport {
	r := &sizeReport{wasmName: wasmName}
	for _, f := range o.files {
		if !f.compress {
			continue
		}
		target := filepath.Join(o.dir, filepath.FromSlash(f.name))
		raw := int64(len(f.data))
		s := [3]int64{raw, sizeOr(target+".gz", raw), sizeOr(target+".br", raw)}
		if f.name == wasmName {
			r.wasm = s
			continue
		}
		for i := range s {
			r.code[i] += s[i]
		}
	}
	return r
}

// sizeOr returns the size of a file, or fallback when it is missing (a
// variant left out because it saved nothing).
func sizeOr(name string, fallback int64) int64 {
	if fi, err := os.Stat(name); err == nil {
		return fi.Size()
	}
	return fallback
}

func (r *sizeReport) String() string {
	return sizeLine("wasm", r.wasm) + sizeLine("js+css", r.code)
}

// sizeLine writes one line in decimal units, as browsers' network panels
// do, with the unit of the raw size for all three so they compare at a glance.
func sizeLine(what string, s [3]int64) string {
	unit, div := "B", 1.0
	switch {
	case s[0] >= 1e6:
		unit, div = "MB", 1e6
	case s[0] >= 1e3:
		unit, div = "kB", 1e3
	}
	f := func(n int64) string { return fmt.Sprintf("%.1f %s", float64(n)/div, unit) }
	if unit == "B" {
		f = func(n int64) string { return fmt.Sprintf("%d B", n) }
	}
	return fmt.Sprintf("%s: %s raw, %s gzip, %s brotli\n", what, f(s[0]), f(s[1]), f(s[2]))
}
