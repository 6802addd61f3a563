// Package verify is verso's verification pipeline: it reads a PDF as
// revisions, checks every signature and document timestamp, compares what
// changed after each, and returns one Report. It does no I/O: callers hand it
// the file's bytes, so the same code runs in the browser and in the CLI.
package verify

import (
	"errors"
	"fmt"

	"github.com/verso-pdf/verso/wasm/pdf"
)

// Version is the verifier's version, shown by the page and the CLI.
var Version = "0.1.0-dev"

// Kinds of signature in the Report.
const (
	kindSignature    = "signature"
	kindDocTimestamp = "document-timestamp"
)

// Options tune a verification. The zero value is safe.
type Options struct {
	// RangeDigest, when set, computes the digest of the byte ranges a
	// signature covers, each given as {offset, length}, with the named
	// algorithm ("SHA-256"). In the browser WebCrypto does this at native
	// speed, ten times faster than Go compiled to wasm. It returns nil
	// for an algorithm it does not offer, and verso hashes itself.
	RangeDigest func(algorithm string, ranges [][2]int64) ([]byte, error)
	// Trust chooses the trust anchors and trusted lists (trust.go).
	Trust TrustOptions
}

// Verify checks every signature in data and returns the Report. It never
// panics and never fails: problems become the Report's verdict and reasons.
func Verify(data []byte, opts Options) (report *Report) {
	r := &Report{Schema: SchemaVersion, Tool: "verso " + Version, Signatures: []Signature{}}
	r.File.Size = int64(len(data))
	defer func() {
		// Last line of defence: a bug must not take the page down with it.
		if p := recover(); p != nil {
			r.Signatures = []Signature{}
			r.Error = fmt.Sprintf("internal error while verifying: %v", p)
			report = finish(r)
		}
	}()
	f, err := pdf.Open(data)
	if err != nil {
		r.Error = readableOpenError(err)
		return finish(r)
	}
	revs := f.Revisions()
	r.File.Revisions = len(revs)
	r.File.Encrypted = f.Encrypted()
	sigs, err := f.Signatures(len(revs) - 1)
	if err != nil {
		r.Error = "reading the signature fields: " + err.Error()
		return finish(r)
	}
	if len(sigs) == 0 && nonWhitespace(f.Trailing()) {
		// Typically a signed file cut short: its last update is incomplete.
		r.Error = fmt.Sprintf("the file ends with %d bytes that belong to no complete revision: it is truncated or damaged", len(f.Trailing()))
		return finish(r)
	}
	sigs = distinctValues(sigs)
	doc := &document{f: f, data: data, dssCerts: dssCertificates(f), rangeDigest: opts.RangeDigest}
	for i, s := range sigs {
		r.Signatures = append(r.Signatures, checkSignature(doc, i, s))
	}
	assessTrust(f, sigs, r.Signatures, opts.Trust)
	assessChanges(f, sigs, r.Signatures)
	r.References = findReferences(f, sigs, r.Signatures)
	return finish(r)
}

// distinctValues keeps one entry per signature dictionary: fields that
// share a value show one signature (their names are in SharedWith).
func distinctValues(sigs []pdf.Signature) []pdf.Signature {
	seen := map[int]bool{}
	out := sigs[:0:0]
	for _, s := range sigs {
		num := int(s.DictRef.ObjectNumber)
		if num > 0 && seen[num] {
			continue
		}
		seen[num] = true
		out = append(out, s)
	}
	return out
}

func finish(r *Report) *Report {
	r.Verdict = verdictOf(r)
	r.Summary = summaryOf(r)
	if letters := lettersSummary(r); letters != "" {
		r.Summary += " " + letters
	}
	return r
}

func readableOpenError(err error) string {
	if errors.Is(err, pdf.ErrNotPDF) {
		return "not a PDF file: " + err.Error()
	}
	return "the PDF cannot be read: " + err.Error()
}
