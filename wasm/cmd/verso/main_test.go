package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sharedCorpusFile returns a file of ../shared/corpus, or skips.
func sharedCorpusFile(t *testing.T, name string) string {
	t.Helper()
	dir := os.Getenv("VERSO_SHARED")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "..", "shared")
	}
	path := filepath.Join(dir, "corpus", "files", name)
	if _, err := os.Stat(path); err != nil {
		t.Skipf("corpus file %s not found (set VERSO_SHARED to the shared folder): %v", name, err)
	}
	return path
}

func runCLI(args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestExitCodes(t *testing.T) {
	notPDF := filepath.Join(t.TempDir(), "note.txt")
	if err := os.WriteFile(notPDF, []byte("hello"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		want int
	}{
		{nil, exitCannot},
		{[]string{"frobnicate"}, exitCannot},
		{[]string{"verify"}, exitCannot},
		{[]string{"verify", filepath.Join(t.TempDir(), "missing.pdf")}, exitCannot},
		{[]string{"verify", notPDF}, exitNotValid},
		{[]string{"revision", notPDF}, exitCannot},
		{[]string{"revision", notPDF, "0"}, exitCannot},
		{[]string{"version"}, exitValid},
	} {
		if code, _, stderr := runCLI(tc.args...); code != tc.want {
			t.Errorf("verso %s: exit %d, want %d (%s)", strings.Join(tc.args, " "), code, tc.want, stderr)
		}
	}
}

func TestVerifyAndRevisionOnRealFile(t *testing.T) {
	path := sharedCorpusFile(t, "dss/pades-multiple-pages-annots-overlap.pdf")
	code, out, stderr := runCLI("verify", "--json", path)
	var report struct {
		Verdict    string
		Signatures []struct{ Revision struct{ Length int } }
	}
	if err := json.Unmarshal([]byte(out), &report); err != nil || len(report.Signatures) != 3 {
		t.Fatalf("verify --json: exit %d, %v, %s", code, err, stderr)
	}
	code, signed, stderr := runCLI("revision", path, "1")
	if code != exitValid || len(signed) != report.Signatures[0].Revision.Length {
		t.Fatalf("revision 1: exit %d, %d bytes, want %d (%s)", code, len(signed), report.Signatures[0].Revision.Length, stderr)
	}
	if code, _, stderr := runCLI("revision", path, "4"); code != exitCannot || !strings.Contains(stderr, "no such signature") {
		t.Errorf("revision 4 of 3: exit %d, %q", code, stderr)
	}
}
