package pdf

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// Cross-checks with qpdf, skipped where it is not installed.

func needQPDF(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("qpdf")
	if err != nil {
		t.Skip("qpdf not installed")
	}
	return p
}

// TestQPDFCheck: qpdf finds nothing wrong with the files the test writer
// produces, so the tests above run on well-formed input.
func TestQPDFCheck(t *testing.T) {
	qpdf := needQPDF(t)
	dir := t.TempDir()
	for name, data := range map[string][]byte{
		"signed.pdf":     signedPDF(t),
		"xrefstream.pdf": xrefStreamPDF(t),
	} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(qpdf, "--check", p).CombinedOutput()
		if err != nil || !strings.Contains(string(out), "No syntax or stream encoding errors") {
			t.Errorf("qpdf --check %s: %v\n%s", name, err, out)
		}
	}
}

// TestQPDFLinearized reads a file that qpdf linearized (first-page xref
// section with a forward /Prev, hint stream), plain and with object
// streams, then with an incremental update appended.
func TestQPDFLinearized(t *testing.T) {
	qpdf := needQPDF(t)
	dir := t.TempDir()
	in := filepath.Join(dir, "in.pdf")
	if err := os.WriteFile(in, signedPDF(t), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, mode := range []string{"preserve", "generate"} {
		out := filepath.Join(dir, mode+".pdf")
		if msg, err := exec.Command(qpdf, "--linearize", "--object-streams="+mode, in, out).CombinedOutput(); err != nil {
			t.Fatalf("qpdf: %v\n%s", err, msg)
		}
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		f := mustOpen(t, data)
		noProblems(t, f)
		revs := f.Revisions()
		if len(revs) != 1 || revs[0].End != int64(len(data)) {
			t.Fatalf("%s: revisions %+v (file %d)", mode, revs, len(data))
		}
		if p, err := f.Pages(0); err != nil || len(p) != 1 {
			t.Errorf("%s: Pages %v, %v", mode, p, err)
		}
		// qpdf rewrote the file, so the signature no longer matches its
		// ByteRange; the field is still found.
		if s, err := f.Signatures(0); err != nil || len(s) != 1 || s[0].Field != "Sig1" {
			t.Errorf("%s: Signatures %+v, %v", mode, s, err)
		}
		// Append an update that chains to the first-page section.
		x := int(revs[0].XRef)
		upd := len(data)
		data = append(data, "99 0 obj\n(update)\nendobj\n"...)
		xr := len(data)
		data = fmt.Appendf(data, "xref\n99 1\n%010d 00000 n\r\ntrailer\n<< /Size 100 /Root %v /Prev %d >>\nstartxref\n%d\n%%%%EOF\n",
			upd, revs[0].Trailer["Root"], x, xr)
		f = mustOpen(t, data)
		revs = f.Revisions()
		if len(revs) != 2 || revs[0].End != int64(upd) || len(revs[1].Problems) != 0 {
			t.Fatalf("%s: after update: %+v", mode, revs)
		}
		if o, err := f.Object(1, 99); err != nil || textString(o) != "update" {
			t.Errorf("%s: object 99: %v, %v", mode, o, err)
		}
	}
}

// TestDecryption encrypts the one-page document with qpdf (RC4 40 and
// 128, AES-128, AES-256) and reads strings and streams back.
func TestDecryption(t *testing.T) {
	qpdf := needQPDF(t)
	dir := t.TempDir()
	in := filepath.Join(dir, "in.pdf")
	if err := os.WriteFile(in, onePagePDF(), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, user string
		args       []string
	}{
		{"rc4-40", "", []string{"40"}},
		{"rc4-128", "", []string{"128", "--use-aes=n"}},
		{"aes-128", "", []string{"128", "--use-aes=y"}},
		{"aes-256", "", []string{"256"}},
		{"aes-256-pw", "secret", []string{"256"}},
		{"rc4-128-pw", "secret", []string{"128", "--use-aes=n"}},
		{"objstm", "", []string{"256", "--", "--object-streams=generate"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(dir, tc.name+".pdf")
			args := append([]string{"--allow-weak-crypto", "--encrypt", tc.user, "owner"}, tc.args...)
			if !strings.Contains(strings.Join(args, " "), " -- ") {
				args = append(args, "--")
			}
			args = append(args, in, out)
			if msg, err := exec.Command(qpdf, args...).CombinedOutput(); err != nil {
				t.Skipf("qpdf %v: %v\n%s", args, err, msg)
			}
			data, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			f, err := OpenWithOptions(data, Options{Password: tc.user})
			if err != nil {
				t.Fatal(err)
			}
			if !f.Encrypted() || f.DecryptionError() != nil {
				t.Fatalf("Encrypted %v, DecryptionError %v", f.Encrypted(), f.DecryptionError())
			}
			last := len(f.Revisions()) - 1
			info, err := f.Resolve(last, f.Revisions()[last].Trailer["Info"])
			if err != nil {
				t.Fatal(err)
			}
			if d, _ := info.(types.Dict); textString(d["Title"]) != "One page" {
				t.Errorf("Title %q", textString(d["Title"]))
			}
			pages, err := f.Pages(last)
			if err != nil || len(pages) != 1 {
				t.Fatalf("Pages %v, %v", pages, err)
			}
			page, _ := f.Resolve(last, pages[0])
			content, _ := f.Resolve(last, page.(types.Dict)["Contents"])
			got, err := f.Stream(last, content.(types.StreamDict))
			if err != nil || !strings.Contains(string(got), "(Hello) Tj") {
				t.Errorf("content %q, %v", got, err)
			}
			if tc.user != "" {
				g, err := Open(data)
				if err != nil || !errors.Is(g.DecryptionError(), ErrEncrypted) {
					t.Errorf("without the password: %v, %v", err, g.DecryptionError())
				}
			}
		})
	}
}
