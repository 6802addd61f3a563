package main

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strconv"
)

// config names the inputs and the output directory of a build.
type config struct {
	src      string // www/src: index.html, main.js, worker.js, styles.css, icon.svg
	out      string // www/dist
	wasm     string // the verifier, built with GOOS=js GOARCH=wasm
	wasmExec string // Go's JavaScript support for wasm, matching the toolchain
	brotli   int    // brotli quality, 0 to 11
}

// build writes the site into cfg.out and returns its size report. Asset
// names carry content hashes, so each step learns the names of the files it
// refers to from the step before: wasm, then worker, then page script.
func build(cfg config) (*sizeReport, error) {
	site := newOutput(cfg.out, cfg.brotli)

	wasm, err := os.ReadFile(cfg.wasm)
	if err != nil {
		return nil, fmt.Errorf("reading the wasm (make wasm builds it): %w", err)
	}
	wasmName := site.addHashed("verso.wasm", wasm, true)

	worker, err := bundle(cfg.src, "worker.js", map[string]string{
		"VERSO_WASM_FILE": strconv.Quote(path.Base(wasmName)),
	}, cfg.wasmExec)
	if err != nil {
		return nil, err
	}
	workerName := site.add(assetsDir+worker.name, worker.data, true)

	script, err := bundle(cfg.src, "main.js", map[string]string{
		"VERSO_WORKER_FILE": strconv.Quote(path.Base(workerName)),
	}, cfg.wasmExec)
	if err != nil {
		return nil, err
	}
	style, err := bundle(cfg.src, "styles.css", nil, cfg.wasmExec)
	if err != nil {
		return nil, err
	}
	icon, err := os.ReadFile(filepath.Join(cfg.src, "icon.svg"))
	if err != nil {
		return nil, err
	}

	page, err := renderPage(filepath.Join(cfg.src, "index.html"), pageAssets{
		Script: site.add(assetsDir+script.name, script.data, true),
		Style:  site.add(assetsDir+style.name, style.data, true),
		Icon:   site.addHashed("icon.svg", icon, false),
	})
	if err != nil {
		return nil, err
	}
	site.add("index.html", page, false)

	if err := site.write(); err != nil {
		return nil, err
	}
	return site.sizes(wasmName), nil
}
