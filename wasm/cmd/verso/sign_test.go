package main

import (
	"crypto/x509"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/verso-pdf/verso/wasm/verify"
)

// TestSignOutcomes: every way a session can end other than OK, and every
// mistake on the command line, gives exit status 1 or 2, a sentence a
// person understands, and no output file.
func TestSignOutcomes(t *testing.T) {
	r := startRelay(t)
	dir := t.TempDir()
	in := filepath.Join(dir, "in.pdf")
	if err := os.WriteFile(in, tablePDF(), 0o644); err != nil {
		t.Fatal(err)
	}
	enc := filepath.Join(dir, "encrypted.pdf")
	if _, err := exec.LookPath("qpdf"); err == nil {
		if out, err := exec.Command("qpdf", "--encrypt", "", "owner", "256", "--", in, enc).CombinedOutput(); err != nil {
			t.Fatalf("qpdf --encrypt: %v %s", err, out)
		}
	}
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"refused", []string{"--identity", "PNOEE-30403039917"}, exitNotValid, "the signer refused in the Smart-ID app (USER_REFUSED)"},
		{"refused a screen", []string{"--identity", "PNOEE-30403039946"}, exitNotValid, "USER_REFUSED_INTERACTION"},
		{"timeout", []string{"--identity", "PNOEE-30403039983"}, exitNotValid, "did not answer in time (TIMEOUT)"},
		{"account unusable", []string{"--identity", "PNOEE-30403039046"}, exitNotValid, "ACCOUNT_UNUSABLE"},
		{"no such account", []string{"--identity", "PNOEE-38001085718"}, exitNotValid, "certificate choice"},
		{"bad check digit", []string{"--identity", "PNOEE-40504040002"}, exitNotValid, "check digit"},
		{"encrypted", []string{"--identity", "PNOEE-40504040001", enc}, exitNotValid, "encrypted"},
		{"mark off the page", []string{"--identity", "PNOEE-40504040001", "--mark", "1:580:40"}, exitNotValid, "does not fit on page 1"},
		{"mark on no page", []string{"--identity", "PNOEE-40504040001", "--mark", "7:10:10"}, exitNotValid, "page 7 does not exist"},
		{"mark syntax", []string{"--identity", "PNOEE-40504040001", "--mark", "1:x:10"}, exitCannot, "PAGE:X:Y"},
		{"level", []string{"--identity", "PNOEE-40504040001", "--level", "B-XL"}, exitCannot, "--level"},
		{"no identity", nil, exitCannot, "--identity is missing"},
		{"relay down", []string{"--identity", "PNOEE-40504040001", "--relay", "http://127.0.0.1:1"}, exitNotValid, "cannot be reached"},
		{"relay not a URL", []string{"--identity", "PNOEE-40504040001", "--relay", "ftp://x"}, exitCannot, "not an http(s) URL"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out.pdf")
			args := append([]string{"sign", "--relay", r.URL}, tc.args...)
			if len(tc.args) == 0 || !strings.HasSuffix(tc.args[len(tc.args)-1], ".pdf") {
				args = append(args, in)
			}
			if tc.name == "encrypted" && !fileExists(enc) {
				t.Skip("qpdf is not installed")
			}
			code, _, stderr := runCLI(append(args, out)...)
			if code != tc.code || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, want %d; stderr %q should say %q", code, tc.code, stderr, tc.want)
			}
			if fileExists(out) {
				t.Error("an output file was written")
			}
		})
	}
}

func fileExists(p string) bool { _, err := os.Stat(p); return err == nil }

// TestSignLTA: two signers at B-LTA; each document timestamp covers the
// signatures and validation data before it, and the earlier signatures
// stay valid for every oracle but poppler, which cannot check document
// timestamps ("Unable to validate this type of signature").
func TestSignLTA(t *testing.T) {
	lookTool(t, "openssl")
	lookTool(t, "qpdf")
	r := startRelay(t)
	dir := t.TempDir()
	doc := filepath.Join(dir, "in.pdf")
	os.WriteFile(doc, xrefStreamPDF(), 0o644)
	for i, id := range []string{"PNOEE-40504040001", "PNOLT-40504040001"} {
		out := filepath.Join(dir, "lta.pdf")
		if code, _, stderr := runCLI("sign", "--relay", r.URL, "--identity", id, "--level", "B-LTA", doc, out); code != exitValid {
			t.Fatalf("signer %d: %s", i+1, stderr)
		}
		doc = out
	}
	data, _ := os.ReadFile(doc)
	rep := verify.Verify(data, verify.Options{Trust: verify.TrustOptions{Test: true, TestAnchors: []*x509.Certificate{r.PKI.Root(), r.PKI.TSACA()}}})
	if rep.Verdict != verify.VerdictValid || len(rep.Signatures) != 4 {
		t.Fatalf("verdict %s, %d signatures: %s", rep.Verdict, len(rep.Signatures), rep.Summary)
	}
	for i, s := range rep.Signatures {
		wantKind := []string{"signature", "document-timestamp"}[i%2]
		if s.Kind != wantKind {
			t.Errorf("signature %d is a %s, want %s", i+1, s.Kind, wantKind)
		}
		if s.Kind == "signature" {
			if l := levelOf(rep, s); l != levelLTA {
				t.Errorf("signature %d: level %s, want B-LTA", i+1, l)
			}
		}
	}
	if err := checkOpenSSL(t, data, rep, r); err != nil {
		t.Error(err)
	}
	if err := checkQpdfClean(doc); err != nil {
		t.Error(err)
	}
	if _, err := exec.LookPath("pdfsig"); err == nil {
		out, _ := exec.Command("pdfsig", doc).CombinedOutput()
		if n := strings.Count(string(out), "Signature Validation: Signature is Valid."); n != 2 {
			t.Errorf("pdfsig: %d valid CAdES signatures, want 2:\n%s", n, out)
		}
	}
}

// TestSignTwoSigners: the contract's example, a.pdf → b.pdf →
// c.pdf, with the default level.
func TestSignTwoSigners(t *testing.T) {
	r := startRelay(t)
	dir := t.TempDir()
	a, b, c := filepath.Join(dir, "a.pdf"), filepath.Join(dir, "b.pdf"), filepath.Join(dir, "c.pdf")
	os.WriteFile(a, tablePDF(), 0o644)
	if code, _, stderr := runCLI("sign", "--relay", r.URL, "--identity", "PNOEE-40504040001", "--mark", "1:400:40", a, b); code != exitValid {
		t.Fatal(stderr)
	}
	if code, _, stderr := runCLI("sign", "--relay", r.URL, "--identity", "PNOBE-00010299944", b, c); code != exitValid {
		t.Fatal(stderr)
	}
	data, _ := os.ReadFile(c)
	rep := verify.Verify(data, verify.Options{})
	if rep.Verdict != verify.VerdictValid || len(rep.Signatures) != 2 || rep.Signatures[0].Letter != "A" || rep.Signatures[1].Letter != "B" {
		t.Fatalf("verdict %s: %s", rep.Verdict, rep.Summary)
	}
}

// TestOutcomeMessages: every end result the relay documents has words
// for people. (The simulator's WRONG_VC account ends OK in the relay's
// notification flow, which asks for no code choice, so WRONG_VC cannot be
// had end to end.)
func TestOutcomeMessages(t *testing.T) {
	for _, result := range []string{"USER_REFUSED", "USER_REFUSED_INTERACTION", "USER_REFUSED_CERT_CHOICE", "TIMEOUT",
		"DOCUMENT_UNUSABLE", "ACCOUNT_UNUSABLE", "WRONG_VC", "REQUIRED_INTERACTION_NOT_SUPPORTED_BY_APP", "PROTOCOL_FAILURE",
		"EXPECTED_LINKED_SESSION", "SERVER_ERROR"} {
		if outcomeWords[result] == "" {
			t.Errorf("no words for %s", result)
		}
	}
	e := &outcomeError{Op: "signature", Result: "WRONG_VC", Message: "The person chose the wrong code."}
	if got := e.Error(); got != "signature: the signer chose the wrong verification code in the app (WRONG_VC): The person chose the wrong code." {
		t.Errorf("%q", got)
	}
	if got := (&outcomeError{Op: "signature", Result: "NEW_RESULT"}).Error(); !strings.Contains(got, "NEW_RESULT") {
		t.Errorf("an unknown result is not named: %q", got)
	}
}
