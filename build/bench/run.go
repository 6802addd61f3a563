package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"syscall"
	"time"
)

// result is one document's measurements, in milliseconds and bytes.
type result struct {
	Document   string    `json:"document"`
	Bytes      int64     `json:"bytes"`
	Browser    []float64 `json:"browserMs"`
	Native     []float64 `json:"nativeMs"`
	Pdfsig     []float64 `json:"pdfsigMs"`
	BrowserRSS int64     `json:"browserPeakRSS"`
	WasmMemory int64     `json:"wasmMemory"`
	NativeRSS  int64     `json:"nativePeakRSS"`
	PdfsigRSS  int64     `json:"pdfsigPeakRSS"`
	Verdict    string    `json:"verdict"`
}

// report is what make bench writes to build/bench/out/results.json.
type report struct {
	Date      string   `json:"date"`
	Machine   string   `json:"machine"`
	Runs      int      `json:"runs"`
	WasmRaw   int64    `json:"wasmBytes"`
	WasmGzip  int64    `json:"wasmGzipBytes"`
	WasmBrotl int64    `json:"wasmBrotliBytes"`
	Results   []result `json:"results"`
}

// measure runs the benchmark: every document through the page in
// Chromium, through the native CLI and through pdfsig, runs times each.
func measure(dir, verso string, runs int, w io.Writer) (*report, error) {
	rep := &report{Date: time.Now().UTC().Format(time.RFC3339), Machine: machine(), Runs: runs}
	rep.WasmRaw, rep.WasmGzip, rep.WasmBrotl = wasmSizes()
	var paths []string
	for _, d := range documents {
		paths = append(paths, filepath.Join(dir, d.name+".pdf"))
	}
	browser, err := browserRuns(runs, paths)
	if err != nil {
		return nil, err
	}
	for i, d := range documents {
		info, err := os.Stat(paths[i])
		if err != nil {
			return nil, err
		}
		r := browser[paths[i]]
		r.Document, r.Bytes = d.name, info.Size()
		if r.Native, r.NativeRSS, err = timeCommand(runs, verso, "verify", paths[i]); err != nil {
			return nil, fmt.Errorf("verso verify %s: %w", d.name, err)
		}
		if r.Pdfsig, r.PdfsigRSS, err = timeCommand(runs, "pdfsig", "-nocert", paths[i]); err != nil {
			return nil, fmt.Errorf("pdfsig %s: %w", d.name, err)
		}
		rep.Results = append(rep.Results, r)
		fmt.Fprintf(w, "%s done\n", d.name)
	}
	return rep, nil
}

// timeCommand runs a command runs times and returns the wall times and
// the largest peak RSS. Exit status 1 (a verdict other than VALID) is
// not a failure of the run.
func timeCommand(runs int, name string, args ...string) ([]float64, int64, error) {
	var times []float64
	var peak int64
	for range runs {
		cmd := exec.Command(name, args...)
		start := time.Now()
		err := cmd.Run()
		elapsed := time.Since(start)
		if ee, ok := err.(*exec.ExitError); err != nil && !(ok && ee.ExitCode() == 1) {
			return nil, 0, err
		}
		times = append(times, float64(elapsed.Microseconds())/1000)
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			peak = max(peak, ru.Maxrss*1024)
		}
	}
	return times, peak, nil
}

// browserRuns drives build/bench/browser.mjs and reads its JSON lines.
func browserRuns(runs int, paths []string) (map[string]result, error) {
	args := append([]string{"build/bench/browser.mjs", fmt.Sprint(runs)}, paths...)
	cmd := exec.Command("node", args...)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("browser benchmark: %w", err)
	}
	results := map[string]result{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		var line struct {
			File       string
			Verdict    string
			Times      []float64
			PeakRSS    int64
			WasmMemory int64
		}
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			continue
		}
		results[line.File] = result{Browser: line.Times, BrowserRSS: line.PeakRSS, WasmMemory: line.WasmMemory, Verdict: line.Verdict}
	}
	return results, sc.Err()
}

// wasmSizes reads the built verifier's raw and precompressed sizes.
func wasmSizes() (raw, gz, br int64) {
	size := func(pattern string) int64 {
		matches, _ := filepath.Glob(pattern)
		if len(matches) == 0 {
			return 0
		}
		info, err := os.Stat(matches[0])
		if err != nil {
			return 0
		}
		return info.Size()
	}
	return size("build/out/verso.wasm"), size("www/dist/assets/*.wasm.gz"), size("www/dist/assets/*.wasm.br")
}

func machine() string {
	cpu := "unknown CPU"
	if data, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range bytes.Split(data, []byte("\n")) {
			if bytes.HasPrefix(line, []byte("model name")) {
				cpu = string(bytes.TrimSpace(line[bytes.IndexByte(line, ':')+1:]))
				break
			}
		}
	}
	return fmt.Sprintf("%s, %d cores", cpu, numCPU())
}

func numCPU() int {
	data, _ := os.ReadFile("/proc/cpuinfo")
	return bytes.Count(data, []byte("processor\t:"))
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// printTable writes the human table: medians, the ratio browser/pdfsig,
// and peak memory.
func printTable(w io.Writer, rep *report) {
	fmt.Fprintf(w, "\n%s, %s, median of %d runs\n", rep.Date, rep.Machine, rep.Runs)
	fmt.Fprintf(w, "verifier wasm: %.2f MB raw, %.2f MB gzip, %.2f MB brotli\n\n",
		float64(rep.WasmRaw)/1e6, float64(rep.WasmGzip)/1e6, float64(rep.WasmBrotl)/1e6)
	fmt.Fprintf(w, "| document | size | verso browser | verso native | pdfsig -nocert | browser/pdfsig | native/pdfsig | browser peak RSS | wasm memory | native RSS | pdfsig RSS |\n")
	fmt.Fprintf(w, "|---|---|---|---|---|---|---|---|---|---|---|\n")
	for _, r := range rep.Results {
		b, n, p := median(r.Browser), median(r.Native), median(r.Pdfsig)
		fmt.Fprintf(w, "| %s | %.1f MB | %.0f ms | %.0f ms | %.0f ms | %.2f | %.2f | %.0f MB | %.0f MB | %.0f MB | %.0f MB |\n",
			r.Document, float64(r.Bytes)/1e6, b, n, p, b/p, n/p,
			float64(r.BrowserRSS)/1e6, float64(r.WasmMemory)/1e6, float64(r.NativeRSS)/1e6, float64(r.PdfsigRSS)/1e6)
	}
}
