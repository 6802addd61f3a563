package main

import (
	"bytes"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/cryptobyte"

	"github.com/verso-pdf/verso/wasm/pdf"
	"github.com/verso-pdf/verso/wasm/trust"
	"github.com/verso-pdf/verso/wasm/verify"
)

// signers notified in turn: SK's demo accounts for notification flows
// that confirm by themselves, Estonian, Belgian and Latvian, each at a
// level of its own, so that a run covers every level.
var signers = []struct {
	identity, level string
	mark            string
}{
	{"PNOEE-40504040001", levelLT, "1:60:40"},
	{"PNOBE-00010299944", levelT, "1:250:40"},
	{"PNOLV-050405-10009", levelB, "1:400:8"},
}

// signInput is one document of the interop matrix.
type signInput struct {
	name string
	data []byte
}

// signInputs are documents from different writers: a hand-written xref
// table, an xref stream, object streams (qpdf), an existing form from the
// shared corpus (rewritten by qpdf, which leaves its fields alone), and an
// unsigned revision of a signed corpus file.
func signInputs(t *testing.T) []signInput {
	t.Helper()
	table := tablePDF()
	in := []signInput{
		{"xref table (hand-written)", table},
		{"xref stream (hand-written)", xrefStreamPDF()},
		{"object streams (qpdf)", qpdfRewrite(t, table, "--object-streams=generate")},
	}
	form := sharedCorpusFile(t, "dss/fieldmdp-exclude.pdf")
	data, err := os.ReadFile(form)
	if err != nil {
		t.Fatal(err)
	}
	in = append(in, signInput{"form fields (corpus dss/fieldmdp-exclude, qpdf)", qpdfRewrite(t, data)})
	in = append(in, signInput{"unsigned revision (corpus digidoc4j/EE_AS-P-BpLT-V-009)", unsignedRevision(t, sharedCorpusFile(t, "digidoc4j/EE_AS-P-BpLT-V-009.pdf"))})
	return in
}

// TestSignInterop signs each input by one, two and three signers through
// the relay and asks every oracle about every result. The table of
// outcomes and the rendered signatures page go to build/out.
func TestSignInterop(t *testing.T) {
	if testing.Short() {
		t.Skip("signs 15 times through the relay")
	}
	for _, tool := range []string{"pdfsig", "qpdf", "openssl", "pdftoppm"} {
		lookTool(t, tool)
	}
	r := startRelay(t)
	var table strings.Builder
	table.WriteString("| input | signers | pdfsig | openssl cms | qpdf --check | verso verify |\n|---|---|---|---|---|---|\n")
	var rendered bool
	for _, in := range signInputs(t) {
		t.Run(in.name, func(t *testing.T) {
			dir := t.TempDir()
			doc := filepath.Join(dir, "in.pdf")
			if err := os.WriteFile(doc, in.data, 0o644); err != nil {
				t.Fatal(err)
			}
			start := time.Now().Add(-time.Second)
			for n, s := range signers {
				out := filepath.Join(dir, fmt.Sprintf("signed-%d.pdf", n+1))
				code, stdout, stderr := runCLI("sign", "--relay", r.URL, "--identity", s.identity, "--mark", s.mark, "--level", s.level, doc, out)
				if code != exitValid {
					t.Fatalf("signer %d: exit %d: %s", n+1, code, stderr)
				}
				if want := fmt.Sprintf("signature %c by", 'A'+n); !strings.Contains(stdout, want) {
					t.Errorf("signer %d: summary %q lacks %q", n+1, stdout, want)
				}
				doc = out
				res := oracles(t, r, out, n+1, start)
				fmt.Fprintf(&table, "| %s | %d | %s | %s | %s | %s |\n", in.name, n+1, res[0], res[1], res[2], res[3])
			}
			if !rendered {
				rendered = true
				renderSignaturesPage(t, doc)
			}
		})
	}
	artefact(t, "sign-oracles.md", []byte(table.String()))
}

// oracles runs pdfsig, openssl, qpdf and verso on a document signed by n
// signers and returns one verdict per oracle for the table; each failure
// is also a test error.
func oracles(t *testing.T, r *testRelay, path string, n int, start time.Time) [4]string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	report := verify.Verify(data, verify.Options{Trust: verify.TrustOptions{Test: true, TestAnchors: []*x509.Certificate{r.PKI.Root(), r.PKI.TSACA()}}})
	total := signers[n-1].level == levelB || signers[n-1].level == levelT
	checks := [4]error{
		checkPdfsigAll(path, n, total),
		checkOpenSSL(t, data, report, r),
		checkQpdfClean(path),
		checkReport(report, n, start),
	}
	var out [4]string
	for i, err := range checks {
		out[i] = "✔"
		if err != nil {
			out[i] = "✘ " + strings.ReplaceAll(err.Error(), "\n", " ")
			t.Errorf("%d signers, oracle %d: %v", n, i+1, err)
		}
	}
	return out
}

// checkPdfsigAll: every signature valid for poppler, and the last one
// covering the whole file when nothing (DSS, document timestamp) follows.
func checkPdfsigAll(path string, want int, total bool) error {
	out, _ := exec.Command("pdfsig", path).CombinedOutput()
	var blocks []string
	for _, b := range strings.Split(string(out), "\nSignature #")[1:] {
		// Empty signature fields of the input are listed too.
		if !strings.Contains(b, "The signature form field is not signed.") {
			blocks = append(blocks, b)
		}
	}
	if len(blocks) != want {
		return fmt.Errorf("pdfsig lists %d signatures, want %d", len(blocks), want)
	}
	for i, b := range blocks {
		if !strings.Contains(b, "Signature Validation: Signature is Valid.") {
			return fmt.Errorf("pdfsig: signature %d is not valid:\n%s", i+1, b)
		}
	}
	if last := blocks[len(blocks)-1]; total != strings.Contains(last, "Total document signed") {
		return fmt.Errorf("pdfsig: the last signature covers the whole file: %v, want %v", !total, total)
	}
	return nil
}

// checkOpenSSL verifies each CMS with openssl over the bytes its ByteRange
// names, and each document timestamp with openssl ts against the
// simulator's TSA chain.
func checkOpenSSL(t *testing.T, data []byte, report *verify.Report, r *testRelay) error {
	dir := t.TempDir()
	roots := filepath.Join(dir, "roots.pem")
	var pemData []byte
	for _, c := range []*x509.Certificate{r.PKI.Root(), r.PKI.TSACA()} {
		pemData = append(pemData, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: c.Raw})...)
	}
	if err := os.WriteFile(roots, pemData, 0o644); err != nil {
		return err
	}
	for i, s := range report.Signatures {
		content, der, err := byteRangeParts(data, s.Integrity.ByteRange)
		if err != nil {
			return fmt.Errorf("signature %d: %v", i+1, err)
		}
		cf, sf := filepath.Join(dir, "content.bin"), filepath.Join(dir, "sig.der")
		os.WriteFile(cf, content, 0o644)
		os.WriteFile(sf, der, 0o644)
		var cmd *exec.Cmd
		if s.Kind == "document-timestamp" {
			cmd = exec.Command("openssl", "ts", "-verify", "-data", cf, "-in", sf, "-token_in", "-CAfile", roots)
		} else {
			cmd = exec.Command("openssl", "cms", "-verify", "-binary", "-noverify", "-inform", "DER", "-in", sf, "-content", cf, "-out", os.DevNull)
		}
		if out, err := cmd.CombinedOutput(); err != nil || !bytes.Contains(out, []byte("Verification successful")) && !bytes.Contains(out, []byte("Verification: OK")) {
			return fmt.Errorf("openssl, signature %d (%s): %v %s", i+1, s.Kind, err, out)
		}
	}
	return nil
}

// byteRangeParts returns the signed bytes of a ByteRange and the DER in
// its /Contents gap, without the zero padding.
func byteRangeParts(data []byte, br []int64) (content, der []byte, err error) {
	if len(br) != 4 || br[0] != 0 || br[1] <= 0 || br[2] <= br[1]+2 || br[2]+br[3] > int64(len(data)) {
		return nil, nil, fmt.Errorf("ByteRange %v", br)
	}
	content = append(bytes.Clone(data[:br[1]]), data[br[2]:br[2]+br[3]]...)
	raw, err := hex.DecodeString(string(data[br[1]+1 : br[2]-1]))
	if err != nil {
		return nil, nil, fmt.Errorf("/Contents is not hex: %v", err)
	}
	s := cryptobyte.String(raw)
	var elem cryptobyte.String
	if !s.ReadAnyASN1Element(&elem, nil) {
		return nil, nil, errors.New("/Contents holds no DER element")
	}
	return content, elem, nil
}

// checkQpdfClean: qpdf finds no error and no warning.
func checkQpdfClean(path string) error {
	out, err := exec.Command("qpdf", "--check", path).CombinedOutput()
	if err != nil || bytes.Contains(out, []byte("WARNING")) || !bytes.Contains(out, []byte("No syntax or stream encoding errors")) {
		return fmt.Errorf("qpdf --check: %v %s", err, out)
	}
	return nil
}

// checkReport: verso's verifier says VALID, names each signer and letter,
// finds each level's evidence, and maps every letter of the signatures
// page to its signature and marks.
func checkReport(r *verify.Report, n int, start time.Time) error {
	if r.Verdict != verify.VerdictValid {
		return fmt.Errorf("verdict %s: %s %s", r.Verdict, r.Summary, r.Error)
	}
	var sigs []verify.Signature
	for _, s := range r.Signatures {
		if s.Kind == "signature" {
			sigs = append(sigs, s)
		}
	}
	if len(sigs) != n {
		return fmt.Errorf("%d signatures, want %d", len(sigs), n)
	}
	for i, s := range sigs {
		want := signers[i]
		letter := string(rune('A' + i))
		switch {
		case s.Signer == nil || s.Signer.SerialNumber != want.identity:
			return fmt.Errorf("signature %s: signer %+v, want %s", letter, s.Signer, want.identity)
		case s.Field != "Signature "+letter || s.Letter != letter:
			return fmt.Errorf("signature %s: field %q letter %q", letter, s.Field, s.Letter)
		case s.Trust.Status != string(trust.StatusTrusted) && (want.level != levelB && want.level != levelT || s.Trust.Status != string(trust.StatusIndeterminate)):
			// Without revocation data (B-B, B-T) a trusted chain is
			// INDETERMINATE; from B-LT on it must be TRUSTED.
			return fmt.Errorf("signature %s: trust %s: %s", letter, s.Trust.Status, s.Trust.Reason)
		}
		claimed, err := time.Parse(time.RFC3339, s.Time.ClaimedM)
		if err != nil || claimed.Before(start) || claimed.After(time.Now()) {
			return fmt.Errorf("signature %s: /M %q is not the time of signing", letter, s.Time.ClaimedM)
		}
		if level := levelOf(r, s); level != want.level && !(want.level == levelLT && level == levelLTA) {
			return fmt.Errorf("signature %s: level %s, want %s", letter, level, want.level)
		}
	}
	if len(r.References) != n {
		return fmt.Errorf("%d references on the signatures page, want %d", len(r.References), n)
	}
	for i, ref := range r.References {
		if ref.Status != verify.ReferenceConsistent || ref.Signature != sigs[i].Index || ref.Entry == nil || len(ref.Marks) != 1 {
			return fmt.Errorf("reference %s: %s, signature %d, %d marks, warnings %q", ref.Letter, ref.Status, ref.Signature, len(ref.Marks), ref.Warnings)
		}
	}
	return nil
}

// levelOf reads a signature's PAdES level from the evidence the verifier
// found: a valid signature timestamp (B-T), the signer's revocation data
// in the DSS (B-LT), a later document timestamp (B-LTA).
func levelOf(r *verify.Report, s verify.Signature) string {
	if s.Time.Timestamp == nil || s.Time.Timestamp.Status != verify.StatusPassed {
		return levelB
	}
	if len(s.Trust.Chain) == 0 {
		return levelT
	}
	rev := s.Trust.Chain[0].Revocation
	if rev.Status != trust.RevocationGood || !strings.Contains(rev.Source, "DSS") {
		return levelT
	}
	for _, d := range r.Signatures {
		if d.Kind == "document-timestamp" && d.Index > s.Index && d.Status == verify.StatusPassed {
			return levelLTA
		}
	}
	return levelLT
}

// renderSignaturesPage renders the last page with pdftoppm and keeps it.
func renderSignaturesPage(t *testing.T, path string) {
	t.Helper()
	prefix := filepath.Join(t.TempDir(), "page")
	if out, err := exec.Command("pdftoppm", "-png", "-r", "100", "-singlefile", "-f", "999", path, prefix).CombinedOutput(); err != nil {
		// -f beyond the last page: ask for the page count instead.
		pages := pageCount(t, path)
		if out2, err := exec.Command("pdftoppm", "-png", "-r", "100", "-singlefile", "-f", pages, "-l", pages, path, prefix).CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm: %v %s %s", err, out, out2)
		}
	}
	png, err := os.ReadFile(prefix + ".png")
	if err != nil || !bytes.HasPrefix(png, []byte("\x89PNG")) {
		t.Fatalf("pdftoppm made no PNG: %v", err)
	}
	artefact(t, "signatures-page.png", png)
	signedPDF, _ := os.ReadFile(path)
	artefact(t, "signed-3-signers.pdf", signedPDF)
}

func pageCount(t *testing.T, path string) string {
	out, err := exec.Command("pdfinfo", path).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	for _, line := range strings.Split(string(out), "\n") {
		if v, ok := strings.CutPrefix(line, "Pages:"); ok {
			return strings.TrimSpace(v)
		}
	}
	t.Fatal("pdfinfo names no page count")
	return ""
}

// artefact keeps a file under build/out of the repository.
func artefact(t *testing.T, name string, data []byte) {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "build", "out")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("kept build/out/%s", name)
}

func lookTool(t *testing.T, name string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		t.Skipf("%s is not installed", name)
	}
}

// qpdfRewrite writes data again with qpdf and args, as another producer
// would.
func qpdfRewrite(t *testing.T, data []byte, args ...string) []byte {
	t.Helper()
	dir := t.TempDir()
	src, dst := filepath.Join(dir, "in.pdf"), filepath.Join(dir, "out.pdf")
	if err := os.WriteFile(src, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("qpdf", append(args, src, dst)...).CombinedOutput(); err != nil {
		t.Fatalf("qpdf: %v %s", err, out)
	}
	out, err := os.ReadFile(dst)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// unsignedRevision returns the revision of a signed file just before its
// first signature: a document as it was before anyone signed it.
func unsignedRevision(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r := verify.Verify(data, verify.Options{})
	if len(r.Signatures) == 0 || r.Signatures[0].Revision.Index == 0 {
		t.Fatalf("%s: its first signature is in the first revision", path)
	}
	f, err := pdf.Open(data)
	if err != nil {
		t.Fatal(err)
	}
	cut := data[:f.Revisions()[r.Signatures[0].Revision.Index-1].End]
	if v := verify.Verify(cut, verify.Options{}); v.Verdict != verify.VerdictNoSignatures {
		t.Fatalf("%s: the revision before the first signature is %s", path, v.Verdict)
	}
	return cut
}

// tablePDF is a two-page document with a classic xref table.
func tablePDF() []byte {
	return buildPDF(false)
}

// xrefStreamPDF is the same document with a cross-reference stream
// (PDF 1.5) and no object streams.
func xrefStreamPDF() []byte {
	return buildPDF(true)
}

func buildPDF(xrefStream bool) []byte {
	content := "BT /F1 20 Tf 72 760 Td (Agreement) Tj 0 -30 Td /F1 11 Tf (The parties agree to the terms below.) Tj ET"
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 6 0 R >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 6 0 R >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content),
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(objs)+1)
	for i, o := range objs {
		offsets[i+1] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	at := b.Len()
	if !xrefStream {
		fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f\r\n", len(objs)+1)
		for _, off := range offsets[1:] {
			fmt.Fprintf(&b, "%010d 00000 n\r\n", off)
		}
		fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, at)
		return b.Bytes()
	}
	self := len(objs) + 1
	offsets = append(offsets, at)
	var rows bytes.Buffer
	rows.Write([]byte{0, 0, 0, 0, 0, 0xff, 0xff})
	for _, off := range offsets[1:] {
		rows.Write([]byte{1, byte(off >> 24), byte(off >> 16), byte(off >> 8), byte(off), 0, 0})
	}
	fmt.Fprintf(&b, "%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n", self, self+1, rows.Len())
	b.Write(rows.Bytes())
	fmt.Fprintf(&b, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", at)
	return b.Bytes()
}
