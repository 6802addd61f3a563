package verify

import (
	"fmt"
	"slices"

	"github.com/verso-pdf/verso/wasm/pdf"
)

// assessChanges fills each signature's Modifications: every change that a
// revision after the one it signs made, classified, and whether the locks in
// force (DocMDP certification level, FieldMDP field locks) permit it.
func assessChanges(f *pdf.File, sigs []pdf.Signature, out []Signature) {
	revs := f.Revisions()
	last := len(revs) - 1
	increments := make([]*increment, len(revs)) // filled lazily, once per revision
	pages := newPageIndex(f)
	trailing := nonWhitespace(f.Trailing())
	for i := range out {
		s := &out[i]
		signed := sigs[i].SignedRevision
		if signed < 0 {
			s.Modifications = Modifications{Status: StatusNotChecked, Reason: "the signature does not sign a revision of this file"}
			continue
		}
		var changes []Change
		for r := signed + 1; r <= last; r++ {
			if increments[r] == nil {
				increments[r] = diffRevision(f, r)
			}
			locks := locksAt(sigs, r)
			for _, e := range increments[r].entries {
				c := Change{Revision: r, Kind: e.kind, Objects: e.objects, Page: pages.first(r, e.objects), Detail: e.detail}
				c.Permitted, c.Detail = locks.permit(e, c.Detail)
				changes = append(changes, c)
			}
		}
		if s.replacedDictionary != "" {
			changes = append(changes, Change{Revision: last, Kind: changeOther, Objects: []int{int(sigs[i].DictRef.ObjectNumber)}, Detail: s.replacedDictionary})
		}
		if trailing {
			changes = append(changes, Change{Revision: last + 1, Kind: changeOther, Detail: "bytes after the last %%EOF that no revision accounts for"})
		}
		s.Modifications = modificationsOf(changes)
		s.Modifications.Warnings = append(shadowIndicators(f, signed), overlays(f, pages, signed, changes)...)
	}
}

func modificationsOf(changes []Change) Modifications {
	switch {
	case slices.ContainsFunc(changes, func(c Change) bool { return !c.Permitted }):
		return Modifications{Status: ModificationsDisallowed, Reason: "the document was changed after this signature in a way that is not permitted", Changes: changes}
	case len(changes) > 0:
		return Modifications{Status: ModificationsPermitted, Reason: "only permitted changes after this signature", Changes: changes}
	}
	return Modifications{Status: ModificationsNone, Reason: "no changes after this signature"}
}

// locks are the restrictions in force for one revision: those of every
// signature over an earlier revision.
type locks struct {
	// level is the strictest DocMDP level (1-3), 0 when nothing is certified.
	level int
	// fields are the FieldMDP locks, each with the field that set it.
	fields []fieldLock
}

type fieldLock struct {
	by   string
	lock *pdf.FieldLock
}

func locksAt(sigs []pdf.Signature, r int) locks {
	var l locks
	for _, s := range sigs {
		if s.SignedRevision < 0 || s.SignedRevision >= r {
			continue
		}
		if s.DocMDP > 0 && (l.level == 0 || s.DocMDP < l.level) {
			l.level = s.DocMDP
		}
		if s.FieldMDP != nil {
			l.fields = append(l.fields, fieldLock{by: s.Field, lock: s.FieldMDP})
		}
	}
	return l
}

// permit says whether a change is allowed under the locks, and why not.
func (l locks) permit(e *entry, detail string) (bool, string) {
	if !permitted(e.kind, l.level) {
		return false, detail
	}
	if e.kind == changeFormFill && e.field != "" {
		for _, fl := range l.fields {
			if fl.lock.Locks(e.field) {
				return false, fmt.Sprintf("%s, which signature field %q locks", detail, fl.by)
			}
		}
	}
	return true, detail
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
	case changeSignatureField:
		return level == 0
	case changeCover:
		return false
	}
	return false
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
