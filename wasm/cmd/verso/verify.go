package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/verso-pdf/verso/wasm/verify"
)

// maxFileSize bounds what the CLI reads into memory.
const maxFileSize = 2 << 30

func versionLine() string { return "verso " + verify.Version }

func verifyCommand(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("verify", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print one JSON Report per file, one per line")
	if err := fs.Parse(args); err != nil {
		return exitCannot
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "verso verify: name at least one PDF file")
		return exitCannot
	}
	status := exitValid
	for _, name := range fs.Args() {
		data, free, err := readFile(name)
		if err != nil {
			fmt.Fprintf(stderr, "verso verify: %v\n", err)
			return exitCannot
		}
		report := verify.Verify(data, verify.Options{})
		free() // the Report holds copies, never the file's bytes
		if *asJSON {
			line, err := json.Marshal(report)
			if err != nil {
				fmt.Fprintf(stderr, "verso verify: %v\n", err)
				return exitCannot
			}
			fmt.Fprintf(stdout, "%s\n", line)
		} else {
			printReport(stdout, name, report)
		}
		if report.Verdict != verify.VerdictValid {
			status = exitNotValid
		}
	}
	return status
}

// readFile reads a whole file into memory that free releases; nothing may
// use the bytes after.
func readFile(name string) (data []byte, free func(), err error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, nil, err
	}
	if info.IsDir() {
		return nil, nil, fmt.Errorf("%s is a directory", name)
	}
	if info.Size() > maxFileSize {
		return nil, nil, fmt.Errorf("%s is larger than %d bytes", name, int64(maxFileSize))
	}
	// One allocation of the stated size: io.ReadAll would grow its buffer
	// by copying, twice the memory and time on a 300 MB file.
	data, free = fileBuffer(int(info.Size()))
	if _, err := io.ReadFull(f, data); err != nil {
		free()
		return nil, nil, fmt.Errorf("reading %s: %w", name, err)
	}
	if n, _ := f.Read(make([]byte, 1)); n > 0 {
		free()
		return nil, nil, errors.New("file grew while reading")
	}
	return data, free, nil
}
