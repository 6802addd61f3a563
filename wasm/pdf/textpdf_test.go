package pdf

import (
	"fmt"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
	"strings"
	"testing"
)

// Hand-built documents for the text extraction tests. Objects 1 and 2
// are the catalog and the page tree, page i is object 10+2i with its
// content at 11+2i; fonts and other resources are numbered from 100.

type tpage struct {
	extra   string // more page dictionary entries, e.g. "/Rotate 90"
	res     string // the /Resources dictionary
	content string
}

const (
	helvetica   = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
	stdFontsRes = "<< /Font << /F1 100 0 R >> >>"
)

// textDoc writes pages and the extra objects (number -> body; a body
// that starts with "stream:" is a stream "dict|data").
func textDoc(t testing.TB, objs map[int]string, pages ...tpage) []byte {
	t.Helper()
	b := newBuilder()
	b.obj(1, "<< /Type /Catalog /Pages 2 0 R >>")
	var kids []string
	for i := range pages {
		kids = append(kids, fmt.Sprintf("%d 0 R", 10+2*i))
	}
	b.obj(2, fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(pages)))
	for i, p := range pages {
		res := p.res
		if res == "" {
			res = stdFontsRes
		}
		b.obj(10+2*i, fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources %s /Contents %d 0 R %s >>", res, 11+2*i, p.extra))
		b.stream(11+2*i, "", []byte(p.content))
	}
	if _, ok := objs[100]; !ok {
		b.obj(100, helvetica)
	}
	for num, body := range objs {
		if s, ok := strings.CutPrefix(body, "stream:"); ok {
			dict, data, _ := strings.Cut(s, "|")
			b.stream(num, dict, []byte(data))
			continue
		}
		b.obj(num, body)
	}
	b.xref("/Root 1 0 R")
	return b.bytes()
}

func pageContent(t testing.TB, data []byte, page int) *PageContent {
	t.Helper()
	f := mustOpen(t, data)
	pc, err := f.PageContent(len(f.Revisions())-1, page)
	if err != nil {
		t.Fatal(err)
	}
	return pc
}

func lineTexts(runs []TextRun) []string {
	var out []string
	for _, l := range Lines(runs) {
		out = append(out, l.Text)
	}
	return out
}

func near(a, b, tol float64) bool { return a-b <= tol && b-a <= tol }

type (
	typesRef = types.IndirectRef
	typesInt = types.Integer
)
