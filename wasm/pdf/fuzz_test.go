package pdf

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// fuzzSeeds are the generated documents: plain, signed, with xref
// streams and object streams, linearized, hybrid, with layout anomalies.
func fuzzSeeds(t testing.TB) [][]byte {
	seeds := [][]byte{onePagePDF(), signedPDF(t), xrefStreamPDF(t), linearizedPDF()}
	b := newBuilder()
	onePage(b)
	b.xref("/Root 1 0 R /Info 5 0 R")
	sign(t, b, sigOptions{contents: "/Contents <00> /Contents <00>", extra: "/Reference [<< /TransformMethod /DocMDP >>]"})
	seeds = append(seeds, b.bytes())
	b = newBuilder()
	onePage(b)
	b.xrefStream(9, "/Root 1 0 R /Info 5 0 R", nil)
	sign(t, b, sigOptions{xrefStream: true, docTimeStamp: true})
	seeds = append(seeds, b.bytes())
	return seeds
}

// noCatch lets panics through for the duration of a fuzz target.
func noCatch(f *testing.F) {
	catchPanics = false
	f.Cleanup(func() { catchPanics = true })
}

// FuzzOpen: Open, then everything a verifier asks of a file, on
// arbitrary bytes. Nothing may panic or take long.
func FuzzOpen(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	// The smaller real files of the shared corpus, when it is there. They
	// are read in place; seeds are not written into the repository.
	dir := os.Getenv("VERSO_CORPUS")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared", "corpus")
	}
	paths, _ := filepath.Glob(filepath.Join(dir, "files", "*", "*.pdf"))
	for _, p := range paths {
		if st, err := os.Stat(p); err == nil && st.Size() <= 64<<10 {
			if data, err := os.ReadFile(p); err == nil {
				f.Add(data)
			}
		}
	}
	noCatch(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		start := time.Now()
		file, err := Open(data)
		if err != nil {
			return
		}
		revs := file.Revisions()
		last := len(revs) - 1
		_, _ = file.Signatures(last)
		_, _ = file.Pages(last)
		_ = file.Trailing()
		for _, r := range revs {
			_, _ = file.Catalog(r.Index)
			for i, n := range r.Objects {
				if i >= 50 {
					break
				}
				o, _ := file.Object(r.Index, n)
				if sd, ok := o.(types.StreamDict); ok {
					_, _ = file.Stream(r.Index, sd)
				}
				_, _ = file.Resolve(r.Index, o)
				file.ObjectOffset(r.Index, n)
			}
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Fatalf("took %v", d)
		}
	})
}

// FuzzSignatureDictTokenizer: the offset-aware reading of a signature
// dictionary object keeps its spans consistent on any input.
func FuzzSignatureDictTokenizer(f *testing.F) {
	zeros := strings.Repeat("0", 16)
	for _, s := range []string{
		"7 0 obj\n<< /Type /Sig /ByteRange [0 10 20 30] /Contents <" + zeros + "> >>\nendobj\n",
		"7 0 obj << /Contents <" + zeros + "> /Contents <00> /Sub << /Contents (x) >> >> endobj",
		"7 0 obj<</Contents    <" + zeros + ">/ByteRange[0 1 2 3]/Name(a\\)b)/M<FEFF0041>>>endobj",
		"7 0 obj\n<< /A [1 2 R] /B 3 0 R /C -.5 /D true /E null >>\nendobj",
	} {
		f.Add([]byte(s))
	}
	noCatch(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := readDictLayout(data, 0)
		if err != nil {
			return
		}
		if !(0 <= l.hdr && l.hdr < l.dictStart && l.dictStart < l.dictEnd && l.dictEnd <= l.end && l.end <= len(data)) {
			t.Fatalf("spans out of order: %+v", l)
		}
		if data[l.dictStart] != '<' || data[l.dictEnd-1] != '>' {
			t.Fatalf("dictionary span %d-%d", l.dictStart, l.dictEnd)
		}
		prev := l.dictStart + 2
		for _, e := range l.entries {
			if !(prev <= e.keyStart && e.keyStart < e.valStart && e.valStart < e.valEnd && e.valEnd < l.dictEnd) {
				t.Fatalf("entry %q spans out of order: %+v", e.key, e)
			}
			if data[e.keyStart] != '/' {
				t.Fatalf("key at %d is not a name", e.keyStart)
			}
			if e.valKind == tokHex && (data[e.valStart] != '<' || data[e.valEnd-1] != '>') {
				t.Fatalf("hex value span %d-%d", e.valStart, e.valEnd)
			}
			prev = e.valEnd
		}
	})
}

// FuzzObjectExtent: the allocation-free scan used by the revision checks
// accepts exactly the objects the parser accepts, with the same extent.
func FuzzObjectExtent(f *testing.F) {
	for _, s := range []string{
		"1 0 obj\n<< /Length 3 /A [1 2 0 R << /B (x) >>] >>\nstream\nabc\nendstream\nendobj",
		"1 0 obj\n[1 2 R /N (s) <00> 1.5 true null]\nendobj",
		"2 0 obj << /Length 9 >> stream\nxy\nendstream endobj",
		"3 0 obj 4 0 R endobj",
		"4 0 obj << /K 1 0 R /L 2 >> endobj",
	} {
		f.Add([]byte(s))
	}
	noCatch(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		file := newFile(data)
		o, err1 := file.readIndirect(0, -1)
		x, err2 := file.objectExtent(0, -1)
		if (err1 == nil) != (err2 == nil) {
			t.Fatalf("parser: %v; scan: %v", err1, err2)
		}
		if err1 == nil && (o.num != x.num || o.gen != x.gen || o.hdr != x.hdr || o.end != x.end || o.lengthRepaired != x.lengthRepaired) {
			t.Fatalf("parser %+v; scan %+v", o, x)
		}
	})
}
