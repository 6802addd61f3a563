package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
)

// buildInto runs a build of the real www/src around a stand-in wasm.
func buildInto(t *testing.T, out string, wasm []byte) *sizeReport {
	t.Helper()
	// The site bundles pdf.js from node_modules: make test installs it
	// (build/setup.sh); a bare go test on a fresh clone has not.
	if _, err := os.Stat(filepath.Join("..", "..", "node_modules", "pdfjs-dist")); err != nil {
		t.Skip("node_modules/pdfjs-dist is missing: run build/setup.sh (make test does)")
	}
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Fatal(err)
	}
	wasmFile := filepath.Join(t.TempDir(), "verso.wasm")
	if err := os.WriteFile(wasmFile, wasm, 0o644); err != nil {
		t.Fatal(err)
	}
	sizes, err := build(config{
		src:      filepath.Join("..", "..", "www", "src"),
		out:      out,
		wasm:     wasmFile,
		wasmExec: filepath.Join(strings.TrimSpace(string(goroot)), "lib", "wasm", "wasm_exec.js"),
		brotli:   11,
	})
	if err != nil {
		t.Fatal(err)
	}
	return sizes
}

func read(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestBuild(t *testing.T) {
	out := t.TempDir()
	if err := os.WriteFile(filepath.Join(out, placeholder), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	wasm := bytes.Repeat([]byte("\x00asm\x01\x00\x00\x00 stand-in "), 500)
	buildInto(t, out, wasm)

	page := string(read(t, filepath.Join(out, "index.html")))
	refs := regexp.MustCompile(`(?:src|href)="(assets/[^"]+)"`).FindAllStringSubmatch(page, -1)
	unique := map[string]bool{}
	for _, ref := range refs {
		unique[ref[1]] = true
	}
	if len(unique) != 3 {
		t.Fatalf("index.html refers to %d assets, want script, style and icon:\n%s", len(refs), page)
	}
	for _, ref := range refs {
		if _, err := os.Stat(filepath.Join(out, ref[1])); err != nil {
			t.Errorf("index.html refers to %s: %v", ref[1], err)
		}
	}
	if strings.Contains(page, "<script>") || strings.Contains(page, " style=") {
		t.Error("index.html has inline script or style, which the CSP forbids")
	}

	// The widget and the service worker keep their names; the service
	// worker lists every file of the build, the wasm among them.
	for _, name := range []string{"embed.html", "widget.html", "widget.js", "sw.js"} {
		if _, err := os.Stat(filepath.Join(out, name)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	sw := string(read(t, filepath.Join(out, "sw.js")))
	for _, want := range []string{"embed.html", "widget.js", "assets/verso-", "assets/pdf-worker-", "assets/pageview-"} {
		if !strings.Contains(sw, want) {
			t.Errorf("sw.js does not cache %s", want)
		}
	}
	// pdf.js is a chunk of its own, loaded only when a PDF is shown.
	if main := regexp.MustCompile(`assets/main-[^"]+\.js`).FindString(page); main == "" ||
		strings.Contains(string(read(t, filepath.Join(out, main))), "GlobalWorkerOptions") {
		t.Errorf("the page script %q includes pdf.js instead of loading it on demand", main)
	}

	wasmNames, _ := filepath.Glob(filepath.Join(out, "assets", "verso-*.wasm"))
	workers, _ := filepath.Glob(filepath.Join(out, "assets", "worker-*.js"))
	if len(wasmNames) != 1 || len(workers) != 1 {
		t.Fatalf("wasm %v, workers %v; want one of each", wasmNames, workers)
	}
	worker := read(t, workers[0])
	if !bytes.Contains(worker, []byte(filepath.Base(wasmNames[0]))) {
		t.Error("the worker does not name the wasm it loads")
	}
	if !bytes.Contains(worker, []byte("globalThis.Go")) {
		t.Error("the worker lacks Go's wasm_exec.js")
	}

	// Each variant must decode to the file itself.
	raw := read(t, wasmNames[0])
	if !bytes.Equal(raw, wasm) {
		t.Error("the wasm was changed on the way")
	}
	br, err := io.ReadAll(brotli.NewReader(bytes.NewReader(read(t, wasmNames[0]+".br"))))
	if err != nil || !bytes.Equal(br, raw) {
		t.Errorf("brotli variant does not decode to the wasm (%v)", err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(read(t, wasmNames[0]+".gz")))
	if err != nil {
		t.Fatal(err)
	}
	gz, err := io.ReadAll(zr)
	if err != nil || !bytes.Equal(gz, raw) {
		t.Errorf("gzip variant does not decode to the wasm (%v)", err)
	}

	// A new wasm gets a new name, and the old one is gone with its variants.
	buildInto(t, out, append(wasm, "changed"...))
	if _, err := os.Stat(wasmNames[0]); !os.IsNotExist(err) {
		t.Errorf("outdated %s survived the rebuild", filepath.Base(wasmNames[0]))
	}
	if _, err := os.Stat(wasmNames[0] + ".br"); !os.IsNotExist(err) {
		t.Error("outdated brotli variant survived the rebuild")
	}
	if _, err := os.Stat(filepath.Join(out, placeholder)); err != nil {
		t.Errorf("the placeholder was removed: %v", err)
	}
}

func TestSizeLine(t *testing.T) {
	for _, tc := range []struct {
		sizes [3]int64
		want  string
	}{
		{[3]int64{3_100_000, 912_000, 689_000}, "wasm: 3.1 MB raw, 0.9 MB gzip, 0.7 MB brotli\n"},
		{[3]int64{16_200, 6_200, 5_500}, "wasm: 16.2 kB raw, 6.2 kB gzip, 5.5 kB brotli\n"},
		{[3]int64{900, 400, 300}, "wasm: 900 B raw, 400 B gzip, 300 B brotli\n"},
	} {
		if got := sizeLine("wasm", tc.sizes); got != tc.want {
			t.Errorf("sizeLine(%v) = %q, want %q", tc.sizes, got, tc.want)
		}
	}
}
