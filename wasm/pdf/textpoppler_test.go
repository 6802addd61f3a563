package pdf

import (
	"html"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// Cross-checks against poppler's pdftotext -bbox: every word poppler
// finds must be made of the glyphs we place inside its box, and every
// glyph we place must lie in one of poppler's words. Reading order and
// word segmentation are not compared (they are heuristics in both);
// text and positions are.

func needPdftotext(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext (poppler-utils) not installed")
	}
	return p
}

// sharedCorpus is the shared corpus directory: $VERSO_SHARED/corpus,
// $VERSO_CORPUS, or ../shared/corpus from the repository root.
func sharedCorpus(t *testing.T) string {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "shared", "corpus")
	if s := os.Getenv("VERSO_SHARED"); s != "" {
		dir = filepath.Join(s, "corpus")
	} else if c := os.Getenv("VERSO_CORPUS"); c != "" {
		dir = c
	}
	if _, err := os.Stat(filepath.Join(dir, "files")); err != nil {
		t.Skipf("shared corpus not found at %s (set VERSO_SHARED): %v", dir, err)
	}
	return dir
}

type popplerWord struct {
	text string
	box  Rect // poppler's device space: origin top left of the crop box, y down
}

var wordRE = regexp.MustCompile(`<word xMin="([-0-9.]+)" yMin="([-0-9.]+)" xMax="([-0-9.]+)" yMax="([-0-9.]+)">([^<]*)</word>`)

func popplerWords(t *testing.T, bin, path string, page int) []popplerWord {
	t.Helper()
	p := strconv.Itoa(page + 1)
	out, err := exec.Command(bin, "-q", "-bbox", "-f", p, "-l", p, path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	var words []popplerWord
	for _, m := range wordRE.FindAllStringSubmatch(string(out), -1) {
		var v [4]float64
		for i := range v {
			v[i], _ = strconv.ParseFloat(m[i+1], 64)
		}
		words = append(words, popplerWord{text: html.UnescapeString(m[5]), box: Rect{v[0], v[1], v[2], v[3]}})
	}
	return words
}

// toDevice maps default user space to poppler's output space: the crop
// box, rotated by /Rotate clockwise, origin at the top left.
func toDevice(p Point, crop Rect, rotate int) Point {
	switch rotate {
	case 90:
		return Point{p.Y - crop.Y0, p.X - crop.X0}
	case 180:
		return Point{crop.X1 - p.X, p.Y - crop.Y0}
	case 270:
		return Point{crop.Y1 - p.Y, crop.X1 - p.X}
	}
	return Point{p.X - crop.X0, crop.Y1 - p.Y}
}

// normText drops white space and expands the ligatures that poppler
// expands, for comparing sets of characters.
func normText(s string) []rune {
	s = strings.NewReplacer("ﬀ", "ff", "ﬁ", "fi", "ﬂ", "fl", "ﬃ", "ffi", "ﬄ", "ffl", "\u00AD", "-").Replace(s)
	var out []rune
	for _, r := range s {
		switch {
		case unicode.IsSpace(r) || r == 0xA0:
		case r < 0x20 || r == 0xFFFD:
			// Text that neither reader knows: poppler writes the code,
			// we write U+FFFD.
			out = append(out, 0xFFFD)
		default:
			out = append(out, r)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

type agreement struct {
	words, wordsOK, glyphs, glyphsOK int
	misses                           []string
}

func (a agreement) wordRate() float64  { return float64(a.wordsOK) / math.Max(1, float64(a.words)) }
func (a agreement) glyphRate() float64 { return float64(a.glyphsOK) / math.Max(1, float64(a.glyphs)) }

// viewContent is a page's content with the appearances of its visible
// annotations, which pdftotext draws too.
func viewContent(t *testing.T, f *File, rev, page int) *PageContent {
	t.Helper()
	pc, err := f.PageContent(rev, page)
	if err != nil {
		t.Fatalf("page %d: %v", page, err)
	}
	pages, _ := f.Pages(rev)
	pd, _ := f.Resolve(rev, pages[page])
	annots, _ := f.Resolve(rev, pd.(types.Dict)["Annots"])
	arr, _ := annots.(types.Array)
	for _, a := range arr {
		ad, _ := f.Resolve(rev, a)
		d, _ := ad.(types.Dict)
		if fl, ok := d["F"].(types.Integer); ok && fl&(2|32) != 0 {
			continue // Hidden or NoView
		}
		ac, err := f.AnnotationContent(rev, a)
		if err != nil {
			t.Logf("page %d: annotation %v: %v", page, a, err)
			continue
		}
		pc.Runs = append(pc.Runs, ac.Runs...)
	}
	return pc
}

// comparePoppler compares one page's runs with poppler's words.
func comparePoppler(pc *PageContent, words []popplerWord) agreement {
	type dg struct {
		text string
		at   Point
		used bool
	}
	var gs []*dg
	for _, r := range pc.Runs {
		for _, g := range r.Glyphs {
			if len(normText(g.Text)) == 0 {
				continue
			}
			c := Point{(g.Box.X0 + g.Box.X1) / 2, (g.Box.Y0 + g.Box.Y1) / 2}
			at := toDevice(c, pc.CropBox, pc.Rotate)
			// Poppler drops a glyph drawn again on itself (fake bold,
			// several widgets with one appearance); so do we here.
			if slices.ContainsFunc(gs, func(o *dg) bool {
				return o.text == g.Text && math.Abs(o.at.X-at.X) < 0.5 && math.Abs(o.at.Y-at.Y) < 0.5
			}) {
				continue
			}
			gs = append(gs, &dg{text: g.Text, at: at})
		}
	}
	var a agreement
	for _, w := range words {
		want := normText(w.text)
		if len(want) == 0 {
			continue
		}
		a.words++
		// Glyph centres lie within poppler's box; the slack is for
		// rounding, less than half of the narrowest glyph.
		tol := 0.8
		box := Rect{w.box.X0 - tol, w.box.Y0 - tol, w.box.X1 + tol, w.box.Y1 + tol}
		var got strings.Builder
		var in []*dg
		for _, g := range gs {
			if box.Contains(g.at) {
				got.WriteString(g.text)
				in = append(in, g)
			}
		}
		if string(normText(got.String())) == string(want) {
			a.wordsOK++
			for _, g := range in {
				g.used = true
			}
		} else if len(a.misses) < 10 {
			a.misses = append(a.misses, w.text+" ≠ "+got.String())
		}
	}
	for _, g := range gs {
		a.glyphs++
		if g.used {
			a.glyphsOK++
		}
	}
	return a
}

func TestPopplerAgreementHandBuilt(t *testing.T) {
	bin := needPdftotext(t)
	docs := map[string][]byte{
		"kerning": textDoc(t, nil, tpage{content: "BT /F1 10 Tf 50 400 Td [(Sig) 20 (na) -15 (ture:) -280 (see) -300 (last) -250 (page) -250 (\\(A\\))] TJ ET"}),
		"rotated": textDoc(t, nil, tpage{extra: "/Rotate 90", content: "BT /F1 12 Tf 0 1 -1 0 300 100 Tm (zie laatste pagina) Tj 0 -14 Td (\\(B\\)) Tj ET BT /F1 8 Tf 20 20 Td (upright) Tj ET"}),
		"baltic": textDoc(t, map[int]string{100: balticFont}, tpage{content: decodeEscapes(
			`BT /F1 11 Tf 72 700 Td (Paraksts: skat\x8bt p\x85d\x85jo lapu \(A\)) Tj 0 -20 Td (Para\x95as: \x9br. paskutin\x8d puslap\x8d \(C\)) Tj ET`)}),
		"type0": textDoc(t, type0Objects(), tpage{res: "<< /Font << /F2 104 0 R >> >>",
			content: "BT /F2 10 Tf 100 100 Td <0001000200030020000A000B0014> Tj ET"}),
		"form": textDoc(t, map[int]string{
			200: "stream:/Type /XObject /Subtype /Form /BBox [0 0 300 50] /Matrix [2 0 0 2 0 0] /Resources << /Font << /F1 100 0 R >> >>|BT /F1 10 Tf 5 5 Td (Signature: see last page) Tj ET",
		}, tpage{res: "<< /Font << /F1 100 0 R >> /XObject << /Fm1 200 0 R >> >>", content: "q 1 0 0 1 20 200 cm /Fm1 Do Q BT /F1 10 Tf 10 30 Td (Unterschrift: siehe letzte Seite) Tj ET"}),
	}
	dir := t.TempDir()
	for name, data := range docs {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, name+".pdf")
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			pc := pageContent(t, data, 0)
			a := comparePoppler(pc, popplerWords(t, bin, path, 0))
			if a.words == 0 || a.wordsOK != a.words || a.glyphsOK != a.glyphs {
				t.Errorf("words %d/%d, glyphs %d/%d; misses %q", a.wordsOK, a.words, a.glyphsOK, a.glyphs, a.misses)
			}
		})
	}
}

// popplerCorpus are real files with text from several producers: the
// production Smart-ID file (Word with a CID TrueType stamp), DSS, iText,
// SiVa and pdfcpu test files.
var popplerCorpus = []string{
	"siva-test/PadesTestAdesQC.pdf",
	"siva-test/hellopades-lt-b.pdf",
	"siva-test/TEST_ESTEID2018_PAdES_B_enveloped.pdf",
	"siva-test/Regulatione-signedbyco-legislators.pdf",
	"dss/doc-firmado-LT.pdf",
	"dss/DSS-1983.pdf",
	"dss/pades-multiple-pages-annots-overlap.pdf",
	"dss/Signature-P-SK-6.pdf",
	"itext/itext-simpleSignature.pdf",
	"pdfcpu/pdfcpu-sample1.pdf",
	"pyhanko/minimal-two-fields-signed-twice.pdf",
}

func TestPopplerAgreementCorpus(t *testing.T) {
	bin := needPdftotext(t)
	dir := sharedCorpus(t)
	for _, name := range popplerCorpus {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, "files", name)
			data, err := os.ReadFile(path)
			if err != nil {
				t.Skipf("not in the corpus: %v", err)
			}
			f := mustOpen(t, data)
			rev := len(f.Revisions()) - 1
			pages, err := f.Pages(rev)
			if err != nil {
				t.Fatal(err)
			}
			var total agreement
			var elapsed time.Duration
			for p := range min(len(pages), 4) {
				start := time.Now()
				pc := viewContent(t, f, rev, p)
				elapsed += time.Since(start)
				a := comparePoppler(pc, popplerWords(t, bin, path, p))
				total.words += a.words
				total.wordsOK += a.wordsOK
				total.glyphs += a.glyphs
				total.glyphsOK += a.glyphsOK
				if len(a.misses) > 0 {
					t.Logf("page %d misses: %q", p, a.misses)
				}
			}
			t.Logf("%d pages, words %d/%d (%.1f%%), glyphs %d/%d (%.1f%%), %v per page", min(len(pages), 4),
				total.wordsOK, total.words, 100*total.wordRate(), total.glyphsOK, total.glyphs, 100*total.glyphRate(),
				elapsed/time.Duration(max(1, min(len(pages), 4))))
			if total.wordRate() < 0.95 || total.glyphRate() < 0.95 {
				t.Errorf("agreement with pdftotext below 95%%")
			}
		})
	}
}
