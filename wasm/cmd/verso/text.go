package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/verso-pdf/verso/wasm/verify"
)

// printReport writes the multi-line human form of a Report.
func printReport(w io.Writer, name string, r *verify.Report) {
	fmt.Fprintf(w, "%s: %s — %s\n", name, r.Verdict, r.Summary)
	for _, s := range r.Signatures {
		if line := trustHeadline(r, s); line != "" {
			fmt.Fprintf(w, "  %s\n", line)
		}
	}
	if r.Error != "" {
		fmt.Fprintf(w, "  error: %s\n", r.Error)
	}
	for _, s := range r.Signatures {
		printSignature(w, r, s)
	}
	printReferences(w, r.References)
}

// printReferences lists the letters of the signatures page: who stands
// behind each, where the marks are, and what does not add up.
func printReferences(w io.Writer, refs []verify.Reference) {
	if len(refs) == 0 {
		return
	}
	fmt.Fprintf(w, "\n  signatures page:\n")
	for _, ref := range refs {
		who := "no signature"
		if ref.Signature >= 0 {
			who = fmt.Sprintf("signature [%d], %s (%s)", ref.Signature+1, ref.CertifiedName, ref.CertifiedIdentity)
		}
		fmt.Fprintf(w, "    (%s) %s: %s\n", ref.Letter, ref.Status, who)
		for _, m := range ref.Marks {
			fmt.Fprintf(w, "        mark on page %d (%s, revision %d): %q\n", m.Page, m.Kind, m.Revision+1, m.Text)
		}
		for _, warning := range ref.Warnings {
			fmt.Fprintf(w, "        look: %s\n", warning)
		}
	}
}

func printSignature(w io.Writer, r *verify.Report, s verify.Signature) {
	where := fmt.Sprintf("field %q", s.Field)
	if s.Page > 0 {
		where += fmt.Sprintf(" on page %d", s.Page)
	}
	letter := ""
	if s.Letter != "" {
		letter = " (" + s.Letter + ")"
	}
	fmt.Fprintf(w, "\n  [%d]%s %s, %s (%s)\n", s.Index+1, letter, s.Kind, where, s.SubFilter)
	if s.Certification > 0 {
		fmt.Fprintf(w, "      certification: DocMDP level %d\n", s.Certification)
	}
	in := s.Integrity
	line := string(in.Status)
	if in.SignatureAlgorithm != "" {
		line += " (" + in.SignatureAlgorithm + ")"
	}
	if in.Reason != "" {
		line += ": " + in.Reason
	}
	fmt.Fprintf(w, "      integrity: %s\n", line)
	cover := fmt.Sprintf("revision %d of %d, %d bytes", s.Revision.Index+1, r.File.Revisions, s.Revision.Length)
	if s.Revision.WholeFile {
		cover += ", the whole file"
	}
	fmt.Fprintf(w, "      signs:     %s\n", cover)
	for _, warn := range in.Warnings {
		fmt.Fprintf(w, "      warning:   %s\n", warn)
	}
	if sg := s.Signer; sg != nil {
		who := sg.CommonName
		if sg.SerialNumber != "" {
			who += " (" + sg.SerialNumber + ")"
		}
		if sg.Country != "" {
			who += ", " + sg.Country
		}
		fmt.Fprintf(w, "      signer:    %s\n", who)
		fmt.Fprintf(w, "      issuer:    %s\n", sg.Issuer)
		fmt.Fprintf(w, "      key:       %s %d, valid %s to %s\n", sg.KeyType, sg.KeySize, sg.NotBefore, sg.NotAfter)
	}
	printTime(w, s.Time)
	printTrust(w, s)
	m := s.Modifications
	fmt.Fprintf(w, "      changes:   %s: %s\n", m.Status, m.Reason)
	for _, c := range m.Changes {
		fmt.Fprintf(w, "                 %s\n", describeChange(c))
	}
	for _, warning := range m.Warnings {
		fmt.Fprintf(w, "      look:      %s\n", warning)
	}
}

// describeChange is one line per change: where, what, whether permitted.
func describeChange(c verify.Change) string {
	mark := "permitted"
	if !c.Permitted {
		mark = "NOT permitted"
	}
	line := fmt.Sprintf("revision %d, %s (%s)", c.Revision+1, c.Kind, mark)
	if c.Page > 0 {
		line += fmt.Sprintf(", page %d", c.Page)
	}
	if len(c.Objects) > 0 {
		nums := make([]string, len(c.Objects))
		for i, n := range c.Objects {
			nums[i] = fmt.Sprint(n)
		}
		line += ", objects " + strings.Join(nums, " ")
	}
	if c.Detail != "" {
		line += ": " + c.Detail
	}
	return line
}

func printTime(w io.Writer, t verify.Time) {
	var claims []string
	if t.SigningTime != "" {
		claims = append(claims, "signing-time "+t.SigningTime)
	}
	if t.ClaimedM != "" {
		claims = append(claims, "/M "+t.ClaimedM)
	}
	if len(claims) > 0 {
		fmt.Fprintf(w, "      claimed:   %s (not proven)\n", strings.Join(claims, ", "))
	}
	if ts := t.Timestamp; ts != nil {
		line := fmt.Sprintf("%s at %s by %s", ts.Status, ts.GenTime, ts.Authority)
		if ts.Reason != "" {
			line += ": " + ts.Reason
		}
		fmt.Fprintf(w, "      timestamp: %s\n", line)
	}
}
