package verify

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// corpusAgreementBar is the share of non-SKIP corpus files whose verdict must
// match expected.tsv (issue #3's acceptance).
const corpusAgreementBar = 0.95

// maxCorpusFileTime is the time budget for one corpus file.
const maxCorpusFileTime = 2 * time.Second

// corpusDir finds ../shared/corpus, or the folder named by VERSO_CORPUS.
func corpusDir(t testing.TB) string {
	dir := os.Getenv("VERSO_CORPUS")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared", "corpus")
	}
	if _, err := os.Stat(filepath.Join(dir, "expected.tsv")); err != nil {
		t.Skipf("corpus not found at %s (set VERSO_CORPUS to the folder holding expected.tsv): %v", dir, err)
	}
	return dir
}

type corpusRow struct{ file, verdict, why string }

func readExpected(t testing.TB, dir string) []corpusRow {
	f, err := os.Open(filepath.Join(dir, "expected.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []corpusRow
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) < 9 || cols[0] == "file" {
			continue
		}
		want := cols[1]
		if want == "NOSIG" {
			want = string(VerdictNoSignatures)
		}
		rows = append(rows, corpusRow{file: cols[0], verdict: want, why: cols[8]})
	}
	return rows
}

func TestCorpusConformance(t *testing.T) {
	dir := corpusDir(t)
	rows := readExpected(t, dir)
	agree, judged := 0, 0
	var wrong []string
	for _, row := range rows {
		data, err := os.ReadFile(filepath.Join(dir, row.file))
		if err != nil {
			t.Fatalf("%s: %v", row.file, err)
		}
		start := time.Now()
		r := Verify(data, Options{})
		if d := time.Since(start); d > maxCorpusFileTime {
			t.Errorf("%s: took %v, over %v", row.file, d, maxCorpusFileTime)
		}
		if strings.HasPrefix(r.Error, "internal error") {
			t.Errorf("%s: %s", row.file, r.Error)
		}
		if row.verdict == "SKIP" {
			continue
		}
		judged++
		if string(r.Verdict) == row.verdict {
			agree++
			continue
		}
		wrong = append(wrong, row.file+": got "+string(r.Verdict)+", want "+row.verdict+" — "+firstReason(r))
	}
	share := float64(agree) / float64(judged)
	t.Logf("corpus: verdict agrees on %d of %d files (%.1f %%)", agree, judged, 100*share)
	for _, w := range wrong {
		t.Logf("  disagreement: %s", w)
	}
	if share < corpusAgreementBar {
		t.Errorf("agreement %.1f %% is below the bar of %.0f %%", 100*share, 100*corpusAgreementBar)
	}
}

// firstReason picks the reason that decided a verdict, for disagreement lists.
func firstReason(r *Report) string {
	if r.Error != "" {
		return r.Error
	}
	for _, s := range r.Signatures {
		if s.Integrity.Status != StatusPassed {
			return s.Field + ": " + s.Integrity.Reason
		}
		if ts := s.Time.Timestamp; ts != nil && ts.Status == StatusFailed {
			return s.Field + ": timestamp: " + ts.Reason
		}
	}
	for _, s := range r.Signatures {
		if s.Modifications.Status == ModificationsDisallowed {
			var d []string
			for _, c := range s.Modifications.Changes {
				if !c.Permitted {
					d = append(d, c.Kind+" "+c.Detail)
				}
			}
			return s.Field + ": " + strings.Join(d, "; ")
		}
	}
	return r.Summary
}
