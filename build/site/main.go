// Command site builds verso's static site into www/dist, the directory the
// relay embeds. It bundles the page and the Web Worker with esbuild (Go's
// wasm_exec.js goes into the worker bundle), names every asset after its
// content so that browsers may cache it for good, pre-compresses the wasm,
// scripts and styles with brotli and gzip, and reports the sizes.
//
//	go run ./build/site -wasm build/out/verso.wasm
//
// The Makefile runs it after building the wasm; see README.md.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

func main() {
	var cfg config
	flag.StringVar(&cfg.src, "src", "www/src", "site sources `dir`")
	flag.StringVar(&cfg.out, "out", "www/dist", "output `dir`; files not part of this build are removed")
	flag.StringVar(&cfg.wasm, "wasm", "build/out/verso.wasm", "the verifier's wasm `file`")
	flag.StringVar(&cfg.wasmExec, "wasm-exec", "", "Go's wasm_exec.js `file` (default: from go env GOROOT)")
	flag.IntVar(&cfg.brotli, "brotli-quality", 11, "brotli `quality`, 0 (fast) to 11 (smallest)")
	flag.Parse()
	if cfg.brotli < 0 || cfg.brotli > 11 {
		fail(fmt.Errorf("-brotli-quality %d: want 0 to 11", cfg.brotli))
	}

	if cfg.wasmExec == "" {
		goroot, err := exec.Command("go", "env", "GOROOT").Output()
		if err != nil {
			fail(fmt.Errorf("finding wasm_exec.js: go env GOROOT: %w", err))
		}
		cfg.wasmExec = filepath.Join(strings.TrimSpace(string(goroot)), "lib", "wasm", "wasm_exec.js")
	}
	sizes, err := build(cfg)
	if err != nil {
		fail(err)
	}
	fmt.Print(sizes)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "site:", err)
	os.Exit(1)
}
