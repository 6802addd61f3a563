package verify

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// The test certificate's signer (newTestCert): OK TESTNUMBER, PNOEE-30303039914.
const (
	testSignerName = "OK TESTNUMBER"
	testSignerID   = "PNOEE-30303039914"
)

// twoPageDoc is an unsigned document whose page 1 shows content1 and whose
// page 2, the signatures page, shows content2. Objects: 1 catalog, 2 pages,
// 3 and 6 the pages, 4 and 7 their contents, 5 a font with
// WinAnsiEncoding.
func twoPageDoc(content1, content2 string) []byte {
	p := newTestPDF()
	p.obj(1, "<< /Type /Catalog /Pages 2 0 R >>")
	p.obj(2, "<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 >>")
	p.obj(3, pageDict(4, ""))
	p.obj(4, contentStream(content1))
	// Codes 128-132 carry Lithuanian letters by glyph name, as a writer
	// with a custom encoding would.
	p.obj(5, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /BaseEncoding /WinAnsiEncoding "+
		"/Differences [128 /zcaron /umacron /edotaccent /iogonek /scaron] >> >>")
	p.obj(6, pageDict(7, ""))
	p.obj(7, contentStream(content2))
	return p.finish(8, 0)
}

func pageDict(contents int, annots string) string {
	return fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R /Resources << /Font << /F1 5 0 R >> >>%s >>", contents, annots)
}

func contentStream(content string) string {
	return fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content)
}

// entryAppearance draws an entry as verso lays it out: the letter, the
// name, the identity number.
func entryAppearance(letter, name, id string) string {
	return fmt.Sprintf("BT /F1 28 Tf 12 40 Td (%s) Tj ET BT /F1 14 Tf 60 60 Td (%s) Tj ET "+
		"BT /F1 9 Tf 60 40 Td (Identity number: %s) Tj ET", letter, name, id)
}

// signEntry appends an update that adds a signature field on page 2 at
// rect, drawing appearance, and signs it.
func signEntry(t *testing.T, base []byte, field string, rect [4]int, appearance string, others ...int) []byte {
	t.Helper()
	prev := lastStartXRef(t, base)
	size := trailerSize(t, base)
	sigNum, fieldNum, apNum := size, size+1, size+2
	fields := ""
	for _, n := range append(others, fieldNum) {
		fields += fmt.Sprintf("%d 0 R ", n)
	}
	p := &testPDF{offsets: map[int]int{}}
	p.buf.Write(base)
	p.obj(1, fmt.Sprintf("<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [%s] /SigFlags 3 >> >>", fields))
	p.obj(6, pageDict(7, " /Annots ["+fields+"]"))
	p.obj(sigNum, "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached "+
		"/ByteRange [0 ********** ********** **********] /Contents <"+strings.Repeat("0", contentsPlaceholder)+"> >>")
	w, h := rect[2]-rect[0], rect[3]-rect[1]
	p.obj(fieldNum, fmt.Sprintf("<< /Type /Annot /Subtype /Widget /FT /Sig /T (%s) /V %d 0 R /F 132 /Rect [%d %d %d %d] /P 6 0 R /AP << /N %d 0 R >> >>",
		field, sigNum, rect[0], rect[1], rect[2], rect[3], apNum))
	p.obj(apNum, fmt.Sprintf("<< /Type /XObject /Subtype /Form /BBox [0 0 %d %d] /Resources << /Font << /F1 5 0 R >> >> /Length %d >>\nstream\n%s\nendstream",
		w, h, len(appearance), appearance))
	return fillSignature(t, p.finish(size+3, prev), rsaPKCS1Signer(t).cmsSign())
}

var (
	rectA = [4]int{50, 600, 560, 700}
	rectB = [4]int{50, 480, 560, 580}
)

func referencesOf(t *testing.T, pdf []byte) (*Report, map[string]Reference) {
	t.Helper()
	r := Verify(pdf, Options{})
	refs := map[string]Reference{}
	for _, ref := range r.References {
		refs[ref.Letter] = ref
	}
	return r, refs
}

func wantReference(t *testing.T, refs map[string]Reference, letter string, status Status, warning string) {
	t.Helper()
	ref, ok := refs[letter]
	if !ok {
		t.Fatalf("no reference %s in %v", letter, refs)
	}
	if ref.Status != status {
		t.Errorf("reference %s: status %s (%q), want %s", letter, ref.Status, ref.Warnings, status)
	}
	if warning != "" && !slices.ContainsFunc(ref.Warnings, func(w string) bool { return strings.Contains(w, warning) }) {
		t.Errorf("reference %s: warnings %q, want one containing %q", letter, ref.Warnings, warning)
	}
}

func TestReferencesConsistent(t *testing.T) {
	marks := "BT /F1 10 Tf 72 300 Td (Signature: see last page \\(A\\)) Tj ET"
	doc := twoPageDoc(marks, "BT /F1 18 Tf 72 740 Td (Signatures) Tj ET")
	signed := signEntry(t, doc, "Signature A", rectA, entryAppearance("A", testSignerName, testSignerID))
	r, refs := referencesOf(t, signed)
	if r.Verdict != VerdictValid {
		t.Fatalf("verdict %s (%s)", r.Verdict, firstReason(r))
	}
	wantReference(t, refs, "A", ReferenceConsistent, "")
	a := refs["A"]
	if a.Signature != 0 || len(a.Marks) != 1 || a.Marks[0].Page != 1 || a.Entry.Name != testSignerName || a.Entry.Identity != testSignerID {
		t.Errorf("reference A: %+v (entry %+v)", a, a.Entry)
	}
	if r.Signatures[0].Letter != "A" || !strings.Contains(r.Summary, "A: OK TESTNUMBER") {
		t.Errorf("letter %q, summary %q", r.Signatures[0].Letter, r.Summary)
	}
}

// Lookalikes: pages that say what the cryptography does not.
func TestReferencesLookalikes(t *testing.T) {
	t.Run("entry names someone else", func(t *testing.T) {
		doc := twoPageDoc("", "")
		signed := signEntry(t, doc, "Signature A", rectA, entryAppearance("A", "JANE DOE", "PNOEE-49001010000"))
		_, refs := referencesOf(t, signed)
		wantReference(t, refs, "A", ReferenceMismatch, `prints the name "JANE DOE", the certificate says "OK TESTNUMBER"`)
		wantReference(t, refs, "A", ReferenceMismatch, `prints identity "PNOEE-49001010000"`)
	})
	t.Run("letter printed without a signature", func(t *testing.T) {
		unsigned := "BT /F1 28 Tf 62 520 Td (B) Tj ET BT /F1 14 Tf 110 540 Td (JOHN SMITH) Tj ET " +
			"BT /F1 9 Tf 110 520 Td (Identity number: PNOLT-38001010000) Tj ET"
		signed := signEntry(t, twoPageDoc("", unsigned), "Signature A", rectA, entryAppearance("A", testSignerName, testSignerID))
		_, refs := referencesOf(t, signed)
		wantReference(t, refs, "A", ReferenceConsistent, "")
		wantReference(t, refs, "B", ReferenceUnsigned, `"JOHN SMITH"`)
	})
	t.Run("mark points to a missing letter", func(t *testing.T) {
		marks := "BT /F1 10 Tf 72 300 Td (Handtekening: zie laatste pagina \\(D\\)) Tj ET"
		signed := signEntry(t, twoPageDoc(marks, ""), "Signature A", rectA, entryAppearance("A", testSignerName, testSignerID))
		_, refs := referencesOf(t, signed)
		wantReference(t, refs, "D", ReferenceUnsigned, "no entry D")
	})
	t.Run("mark added after signing", func(t *testing.T) {
		signed := signEntry(t, twoPageDoc("BT /F1 10 Tf 72 500 Td (Contract) Tj ET", ""), "Signature A", rectA, entryAppearance("A", testSignerName, testSignerID))
		later := appendUpdate(t, signed, map[int]string{4: contentStream("BT /F1 10 Tf 72 500 Td (Contract) Tj ET BT /F1 10 Tf 72 300 Td (Allkiri: vaata viimast lehek\\374lge \\(A\\)) Tj ET")})
		r, refs := referencesOf(t, later)
		wantReference(t, refs, "A", ReferenceMismatch, "was added after signature A")
		if r.Verdict != VerdictModified {
			t.Errorf("verdict %s, want MODIFIED", r.Verdict)
		}
	})
	t.Run("one letter, two signatures", func(t *testing.T) {
		first := signEntry(t, twoPageDoc("", ""), "Signature A", rectA, entryAppearance("A", testSignerName, testSignerID))
		fieldA := trailerSize(t, first) - 2
		second := signEntry(t, first, "Signature B", rectB, entryAppearance("A", testSignerName, testSignerID), fieldA)
		_, refs := referencesOf(t, second)
		wantReference(t, refs, "A", ReferenceMismatch, "shown by 2 signatures")
	})
}

// Marks must be found however a writer places its text.
func TestMarksHoweverWritten(t *testing.T) {
	for name, content := range map[string]string{
		"one glyph per string": "BT /F1 10 Tf 72 300 Td [(s)(e)(e)( )(l)(a)(s)(t)( )(p)(a)(g)(e)( )(\\()(A)(\\))] TJ ET",
		"kerned words":         "BT /F1 10 Tf 72 300 Td [(Signature:)-300(see)-280(last)-300(page)-250(\\(A\\))] TJ ET",
		"one glyph per move":   glyphByGlyph("voir derniere page (A)"),
		"rotated text":         "BT /F1 10 Tf 0 1 -1 0 300 100 Tm (siehe letzte Seite \\(A\\)) Tj ET",
		"custom encoding":      "BT /F1 10 Tf 72 300 Td (Para\\204as: \\200i\\201r\\202ti paskutin\\203 puslap\\203 \\(A\\)) Tj ET",
	} {
		t.Run(name, func(t *testing.T) {
			signed := signEntry(t, twoPageDoc(content, ""), "Signature A", rectA, entryAppearance("A", testSignerName, testSignerID))
			_, refs := referencesOf(t, signed)
			wantReference(t, refs, "A", ReferenceConsistent, "")
			if marks := refs["A"].Marks; len(marks) != 1 || marks[0].Page != 1 || marks[0].Kind != "page-content" {
				t.Errorf("marks %+v, want one in the content of page 1", marks)
			}
		})
	}
}

// glyphByGlyph writes text one glyph at a time, each moved into place
// with Td by Helvetica's advance (digits and letters used here are all
// about 0.556 em; the space is 0.278 em).
func glyphByGlyph(text string) string {
	var b strings.Builder
	b.WriteString("BT /F1 10 Tf 72 300 Td ")
	for _, r := range text {
		c := string(r)
		if c == "(" || c == ")" {
			c = "\\" + c
		}
		fmt.Fprintf(&b, "(%s) Tj %.3f 0 Td ", c, helveticaAdvance(r)*10)
	}
	b.WriteString("ET")
	return b.String()
}

// helveticaAdvance is Helvetica's advance in em for the ASCII letters the
// tests write (Adobe's AFM widths).
func helveticaAdvance(r rune) float64 {
	widths := map[rune]float64{' ': 0.278, '(': 0.333, ')': 0.333, 'A': 0.667, 'a': 0.556, 'd': 0.556, 'e': 0.556,
		'g': 0.556, 'i': 0.222, 'o': 0.556, 'p': 0.556, 'r': 0.333, 'v': 0.5}
	if w, ok := widths[r]; ok {
		return w
	}
	return 0.556
}
