package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/verso-pdf/verso/wasm/verify"
)

// trustHeadline is the sentence that joins integrity and trust for one
// signature: "Signed, valid, qualified electronic signature by …".
func trustHeadline(r *verify.Report, s verify.Signature) string {
	if s.Trust.Summary == "" {
		return ""
	}
	state := "valid"
	switch {
	case s.Status != verify.StatusPassed:
		return fmt.Sprintf("[%d] Signed, NOT valid: the signature is not intact", s.Index+1)
	case s.Modifications.Status == verify.StatusFailed:
		state = "valid but changed afterwards"
	}
	verb := "Signed"
	if s.Kind == "document-timestamp" {
		verb = "Timestamped"
	}
	return fmt.Sprintf("[%d] %s, %s, %s.", s.Index+1, verb, state, s.Trust.Summary)
}

// printTrust writes the trust block of a signature.
func printTrust(w io.Writer, s verify.Signature) {
	t := s.Trust
	line := t.Status
	if t.Reason != "" {
		line += ": " + t.Reason
	}
	fmt.Fprintf(w, "      trust:     %s\n", line)
	if t.Qualified.Label != "" {
		fmt.Fprintf(w, "      qualified: %s: %s\n", t.Qualified.Label, t.Qualified.Reason)
	}
	if t.TimeBasis != "" {
		fmt.Fprintf(w, "      judged at: %s (%s)\n", t.Time, strings.ReplaceAll(t.TimeBasis, "-", " "))
	}
	for _, c := range t.Chain {
		rev := c.Revocation.Status
		if c.Revocation.Source != "" {
			rev += " (" + c.Revocation.Source + ")"
		}
		if !c.Revocation.RevokedAt.IsZero() {
			rev += " at " + c.Revocation.RevokedAt.UTC().Format("2006-01-02T15:04:05Z")
		}
		fmt.Fprintf(w, "      chain:     %s, to %s, revocation %s\n", c.Subject, c.NotAfter, rev)
	}
	for _, warn := range t.Warnings {
		fmt.Fprintf(w, "      warning:   %s\n", warn)
	}
	if t.Bundle != "" {
		fmt.Fprintf(w, "      lists:     EU trusted lists of %s\n", t.Bundle)
	}
}
