// Command bench measures verso against poppler's pdfsig on generated
// signed PDFs of 1, 10, 100 and 300 MB (make bench, from the repository
// root, after make build).
//
//	go run ./build/bench -gen DIR     write the documents into DIR
//	go run ./build/bench -verso BIN   measure: the page in Chromium, the CLI, pdfsig
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
)

// documents are the sizes of issue #11: 1 and 3 signatures.
var documents = []benchDoc{
	{"1mb-1sig", 1, 1}, {"10mb-1sig", 10, 1}, {"100mb-1sig", 100, 1}, {"100mb-3sig", 100, 3}, {"300mb-1sig", 300, 1},
}

func main() {
	gen := flag.String("gen", "", "write the benchmark documents into `dir` and stop")
	verso := flag.String("verso", "", "the native verso CLI to measure")
	out := flag.String("out", "build/bench/out", "where documents and results go")
	runs := flag.Int("runs", 5, "runs per document and tool")
	flag.Parse()
	if *gen != "" {
		if err := writeDocuments(*gen); err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			os.Exit(1)
		}
		return
	}
	if *verso == "" {
		flag.Usage()
		os.Exit(2)
	}
	if err := bench(*out, *verso, *runs); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func bench(out, verso string, runs int) error {
	docs := filepath.Join(out, "docs")
	if err := writeDocuments(docs); err != nil {
		return err
	}
	rep, err := measure(docs, verso, runs, os.Stderr)
	if err != nil {
		return err
	}
	printTable(os.Stdout, rep)
	data, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(out, "results.json"), data, 0o644)
}

// writeDocuments generates every document that is not there yet.
func writeDocuments(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, d := range documents {
		path := filepath.Join(dir, d.name+".pdf")
		if _, err := os.Stat(path); err == nil {
			continue
		}
		data, err := generate(d)
		if err != nil {
			return fmt.Errorf("%s: %w", d.name, err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return err
		}
		fmt.Printf("%s: %.1f MB\n", path, float64(len(data))/1e6)
	}
	return nil
}
