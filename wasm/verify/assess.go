package verify

import (
	"sort"
	"strings"

	"github.com/verso-pdf/verso/wasm/pdf"
)

// assessChanges fills each signature's Modifications: every revision after
// the one it signs, classified, and whether the certification level (DocMDP)
// in force permits it.
func assessChanges(f *pdf.File, sigs []pdf.Signature, out []Signature) {
	revs := f.Revisions()
	last := len(revs) - 1
	increments := make([]increment, len(revs)) // filled lazily, once per revision
	trailing := nonWhitespace(f.Trailing())
	for i := range out {
		s := &out[i]
		signed := sigs[i].SignedRevision
		if signed < 0 {
			s.Modifications = Modifications{Status: StatusNotChecked, Reason: "the signature does not sign a revision of this file"}
			continue
		}
		var later []Change
		failed := false
		for r := signed + 1; r <= last; r++ {
			if increments[r] == nil {
				increments[r] = diffRevision(f, r)
			}
			level := docMDPAt(sigs, r)
			for _, c := range changesOf(r, increments[r], level) {
				later = append(later, c)
				failed = failed || !c.Permitted
			}
		}
		if s.replacedDictionary != "" {
			later = append(later, Change{Revision: last, Kind: changeOther, Detail: s.replacedDictionary})
			failed = true
		}
		if trailing {
			later = append(later, Change{Revision: last + 1, Kind: changeOther, Detail: "bytes after the last %%EOF that no revision accounts for"})
			failed = true
		}
		switch {
		case failed:
			s.Modifications = Modifications{Status: StatusFailed, Reason: "the document was changed after this signature in a way that is not permitted", Later: later}
		case len(later) > 0:
			s.Modifications = Modifications{Status: StatusPassed, Reason: "only permitted changes after this signature", Later: later}
		default:
			s.Modifications = Modifications{Status: StatusPassed, Reason: "no changes after this signature"}
		}
	}
}

// docMDPAt is the strictest certification level in force for revision r:
// that of any certification signature over an earlier revision (0 if none).
func docMDPAt(sigs []pdf.Signature, r int) int {
	level := 0
	for _, s := range sigs {
		if s.DocMDP > 0 && s.SignedRevision >= 0 && s.SignedRevision < r && (level == 0 || s.DocMDP < level) {
			level = s.DocMDP
		}
	}
	return level
}

// permitted says what each certification level allows after signing
// (ISO 32000-2 12.8.2.2; PAdES adds DSS and document timestamps to every level).
func permitted(kind string, level int) bool {
	switch kind {
	case changeDSS, changeDocTimestamp, changeVersion:
		return true
	case changeSignature, changeFormFill, changeMetadata, changeStructure:
		return level != 1
	case changeAnnotation:
		return level == 0 || level == 3
	}
	return false
}

func changesOf(r int, inc increment, level int) []Change {
	kinds := make([]string, 0, len(inc))
	for k := range inc {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	var out []Change
	for _, k := range kinds {
		var details []string
		for _, d := range inc[k] {
			if d != "" {
				details = append(details, d)
			}
		}
		out = append(out, Change{Revision: r, Kind: k, Permitted: permitted(k, level), Detail: strings.Join(details, "; ")})
	}
	return out
}

func nonWhitespace(b []byte) bool {
	for _, c := range b {
		switch c {
		case 0, '\t', '\n', '\f', '\r', ' ':
		default:
			return true
		}
	}
	return false
}
