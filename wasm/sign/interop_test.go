package sign

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// checkPdfsig asserts poppler's pdfsig finds want signatures, all valid.
func checkPdfsig(t *testing.T, path string, want int) {
	t.Helper()
	out, _ := exec.Command(tool(t, "pdfsig"), path).CombinedOutput()
	if n := strings.Count(string(out), "Signature Validation: Signature is Valid."); n != want {
		t.Fatalf("pdfsig: %d valid signatures, want %d:\n%s", n, want, out)
	}
}

// checkQpdf asserts qpdf --check finds nothing wrong.
func checkQpdf(t *testing.T, path string) {
	t.Helper()
	out, err := exec.Command(tool(t, "qpdf"), "--check", path).CombinedOutput()
	if err != nil || bytes.Contains(out, []byte("WARNING")) || !bytes.Contains(out, []byte("No syntax or stream encoding errors")) {
		t.Fatalf("qpdf --check: %v\n%s", err, out)
	}
}

// pdfText extracts the text of page (1-based; 0 for all) with pdftotext.
func pdfText(t *testing.T, path string, page int) string {
	t.Helper()
	args := []string{"-enc", "UTF-8"}
	if page > 0 {
		args = append(args, "-f", strconv.Itoa(page), "-l", strconv.Itoa(page))
	}
	out, err := exec.Command(tool(t, "pdftotext"), append(args, path, "-")...).Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// qpdfVariant rewrites a PDF with qpdf (object streams, xref stream), as
// another producer would; it skips the test without qpdf.
func qpdfVariant(t *testing.T, in []byte, args ...string) []byte {
	t.Helper()
	src := writeTemp(t, "in.pdf", in)
	dst := filepath.Join(filepath.Dir(src), "out.pdf")
	if out, err := exec.Command(tool(t, "qpdf"), append(append(args, src), dst)...).CombinedOutput(); err != nil {
		t.Fatalf("qpdf: %v\n%s", err, out)
	}
	b, err := os.ReadFile(dst)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
