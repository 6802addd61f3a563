// Package verify is verso's verification pipeline: it reads a PDF as
// revisions, checks every signature and document timestamp, and returns one
// Report. It does no I/O: callers hand it the file's bytes.
package verify

import "bytes"

// Version is the verifier's version, shown by the page and the CLI.
var Version = "0.1.0-dev"

// Options tune a verification. The zero value is safe.
type Options struct{}

// Verify checks every signature in data and returns the Report. It never
// panics and never fails: problems become the Report's verdict and reasons.
func Verify(data []byte, opts Options) *Report {
	r := &Report{Schema: SchemaVersion, Tool: "verso " + Version, Signatures: []Signature{}}
	r.File.Size = int64(len(data))
	if !bytes.HasPrefix(bytes.TrimLeft(data[:min(len(data), 1024)], "\x00\t\n\f\r "), []byte("%PDF-")) {
		r.Verdict, r.Error = VerdictError, "not a PDF file: no %PDF- header"
		r.Summary = "This file could not be read as a PDF."
		return r
	}
	r.Verdict, r.Summary = VerdictNoSignatures, "Not signed."
	return r
}
