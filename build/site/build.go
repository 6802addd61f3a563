package main

import (
	"crypto/sha256"
	"encoding/base32"
	"encoding/json"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// config names the inputs and the output directory of a build.
type config struct {
	src      string // www/src: the pages, main.js, worker.js, widget.js, sw.js, styles.css, icon.svg
	out      string // www/dist
	wasm     string // the verifier, built with GOOS=js GOARCH=wasm
	wasmExec string // Go's JavaScript support for wasm, matching the toolchain
	brotli   int    // brotli quality, 0 to 11
}

// pages are the HTML templates of the site: the verify page, the page the
// widget frames, and the widget's documentation with a live example. The
// sign page (sign.html) has a script of its own.
var pages = []string{"index.html", "embed.html", "widget.html"}

// build writes the site into cfg.out and returns its size report. Asset
// names carry content hashes, so each step learns the names of the files it
// refers to from the step before: wasm, then workers, then page script,
// then the service worker that caches them all.
func build(cfg config) (*sizeReport, error) {
	site := newOutput(cfg.out, cfg.brotli)

	wasm, err := os.ReadFile(cfg.wasm)
	if err != nil {
		return nil, fmt.Errorf("reading the wasm (make wasm builds it): %w", err)
	}
	wasmName := site.addHashed("verso.wasm", wasm, true)

	worker, err := bundle(cfg.src, "worker.js", map[string]string{
		"VERSO_WASM_FILE": strconv.Quote(path.Base(wasmName)),
	}, cfg.wasmExec, false)
	if err != nil {
		return nil, err
	}
	workerName := site.add(assetsDir+worker.name, worker.data, true)

	// pdf.js's own worker, which parses the PDF for the page view.
	pdfWorker, err := bundle(cfg.src, "pdf-worker.js", nil, cfg.wasmExec, false)
	if err != nil {
		return nil, err
	}
	pdfWorkerName := site.add(assetsDir+pdfWorker.name, pdfWorker.data, true)

	// The verify page's and the sign page's scripts; chunks they share
	// (pdf.js, the translations) come out with the same names and are
	// kept once.
	entryScripts := map[string]string{}
	for _, e := range []string{"main.js", "sign.js"} {
		scripts, entry, err := bundleSplit(cfg.src, e, map[string]string{
			"VERSO_WORKER_FILE": strconv.Quote(path.Base(workerName)),
			"PDFJS_WORKER_FILE": strconv.Quote(path.Base(pdfWorkerName)),
		}, cfg.wasmExec)
		if err != nil {
			return nil, err
		}
		for i, s := range scripts {
			name := site.add(assetsDir+s.name, s.data, true)
			if i == entry {
				entryScripts[e] = name
			}
		}
	}
	script := entryScripts["main.js"]
	style, err := bundle(cfg.src, "styles.css", nil, cfg.wasmExec, false)
	if err != nil {
		return nil, err
	}
	icon, err := os.ReadFile(filepath.Join(cfg.src, "icon.svg"))
	if err != nil {
		return nil, err
	}
	assets := pageAssets{
		Script: script,
		Style:  site.add(assetsDir+style.name, style.data, true),
		Icon:   site.addHashed("icon.svg", icon, false),
	}
	for _, p := range pages {
		page, err := renderPage(filepath.Join(cfg.src, p), assets)
		if err != nil {
			return nil, err
		}
		site.add(p, page, false)
	}
	signAssets := assets
	signAssets.Script = entryScripts["sign.js"]
	signPage, err := renderPage(filepath.Join(cfg.src, "sign.html"), signAssets)
	if err != nil {
		return nil, err
	}
	site.add("sign.html", signPage, false)

	// The widget keeps its name: other sites load it by URL.
	widget, err := bundle(cfg.src, "widget.js", nil, cfg.wasmExec, true)
	if err != nil {
		return nil, err
	}
	site.add(widget.name, widget.data, true)

	// The service worker, at the root so that it controls every page, with
	// the list of what it keeps for offline use: every file of this build.
	precache := []string{"./"}
	for _, f := range site.files {
		if f.name != "index.html" {
			precache = append(precache, f.name)
		}
	}
	slices.Sort(precache)
	list, err := json.Marshal(precache)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256([]byte(strings.Join(contentHashes(site.files), "\n")))
	sw, err := bundle(cfg.src, "sw.js", map[string]string{
		"VERSO_PRECACHE": string(list),
		"VERSO_CACHE":    strconv.Quote("verso-" + base32.StdEncoding.EncodeToString(sum[:])[:10]),
	}, cfg.wasmExec, true)
	if err != nil {
		return nil, err
	}
	site.add(sw.name, sw.data, true)

	if err := site.write(); err != nil {
		return nil, err
	}
	return site.sizes(wasmName), nil
}

// contentHashes names every file with a digest of its content, so that the
// service worker's cache changes whenever any file does.
func contentHashes(files []*file) []string {
	out := make([]string, 0, len(files))
	for _, f := range files {
		sum := sha256.Sum256(f.data)
		out = append(out, fmt.Sprintf("%s %x", f.name, sum[:8]))
	}
	return out
}
