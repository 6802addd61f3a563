package pdf

import (
	"fmt"
	"sort"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// readXRefTable parses a classic cross-reference table at off ("xref",
// subsections of fixed-width entries, "trailer" and its dictionary).
func (f *File) readXRefTable(off int, s *section) error {
	b := f.data
	pos := off + len("xref")
	if pos < len(b) && !isWhite(b[pos]) {
		return fmt.Errorf("xref keyword at %d not followed by white space", off)
	}
	lx := newLexer(b, pos)
	seen := map[int32]bool{}
	for {
		lx.skipWhite()
		if hasKeywordAt(b, lx.pos, "trailer") {
			lx.pos += len("trailer")
			break
		}
		first, err := lx.next()
		if err != nil {
			return fmt.Errorf("xref table at %d: %w", off, err)
		}
		count, err := lx.next()
		if err != nil {
			return fmt.Errorf("xref table at %d: %w", off, err)
		}
		if first.kind != tokInt || count.kind != tokInt || first.n < 0 || count.n < 0 {
			return fmt.Errorf("xref table at %d: bad subsection header at %d", off, first.start)
		}
		if first.n+count.n-1 > MaxObjectNumber {
			return limitErrorf("xref subsection %d+%d exceeds MaxObjectNumber (%d)", first.n, count.n, MaxObjectNumber)
		}
		if int64(len(s.entries))+count.n > MaxXRefEntries {
			return limitErrorf("xref table at %d has more than MaxXRefEntries (%d) entries", off, MaxXRefEntries)
		}
		// The header line ends with an EOL; the entries follow.
		p := lx.pos
		for p < len(b) && b[p] == ' ' {
			p++
		}
		p = eolEnd(b, p)
		for i := int64(0); i < count.n; i++ {
			e, next, ok := xrefTableEntry(b, p)
			if !ok {
				return fmt.Errorf("xref table at %d: malformed entry for object %d at %d", off, first.n+i, p)
			}
			e.num = int32(first.n + i)
			if seen[e.num] {
				addProblem(&s.problems, "object %d appears twice in the xref table at %d", e.num, off)
			} else {
				seen[e.num] = true
				s.entries = append(s.entries, e)
			}
			p = next
		}
		lx.pos = p
	}
	p := newParser(b, lx.pos)
	v, err := p.value(0)
	if err != nil {
		return fmt.Errorf("trailer after xref table at %d: %w", off, err)
	}
	d, ok := v.(types.Dict)
	if !ok {
		return fmt.Errorf("trailer after xref table at %d is not a dictionary", off)
	}
	if p.dupKeys > 0 {
		addProblem(&s.problems, "trailer at %d has duplicate keys", off)
	}
	s.trailer = d
	s.end = p.lx.pos
	sort.SliceStable(s.entries, func(i, j int) bool { return s.entries[i].num < s.entries[j].num })
	checkObjectZero(s)
	return nil
}

// xrefTableEntry parses one entry "oooooooooo ggggg n" at p. ISO 32000
// says 20 bytes with a two-byte EOL (" \r", " \n" or "\r\n"); we also
// accept the common one-byte EOL variants, which are unambiguous.
func xrefTableEntry(b []byte, p int) (xrefEntry, int, bool) {
	if p < 0 || p+18 > len(b) {
		return xrefEntry{}, 0, false
	}
	var off int64
	for _, c := range b[p : p+10] {
		if !isDigit(c) {
			return xrefEntry{}, 0, false
		}
		off = off*10 + int64(c-'0')
	}
	if b[p+10] != ' ' || b[p+16] != ' ' {
		return xrefEntry{}, 0, false
	}
	var gen uint32
	for _, c := range b[p+11 : p+16] {
		if !isDigit(c) {
			return xrefEntry{}, 0, false
		}
		gen = gen*10 + uint32(c-'0')
	}
	e := xrefEntry{off: off, gen: gen}
	switch b[p+17] {
	case 'n':
		e.typ = entryInUse
	case 'f':
		e.typ = entryFree
	default:
		return xrefEntry{}, 0, false
	}
	q := p + 18
	if q < len(b) && b[q] == ' ' {
		q++
	}
	end := eolEnd(b, q)
	if end == q && q < len(b) {
		return xrefEntry{}, 0, false
	}
	return e, end, true
}

// checkObjectZero notes a first entry that is not the head of the free
// list; a table that starts at 1 with the object-0 entry shifts every
// number by one, which the header checks then show.
func checkObjectZero(s *section) {
	if len(s.entries) > 0 && s.entries[0].num == 0 && s.entries[0].typ != entryFree {
		addProblem(&s.problems, "object 0 is not free in the xref section at %d", s.off)
	}
}
