package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"sort"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// Revision is one state of the document: the original file or one
// incremental update, found through the startxref/Prev chain.
type Revision struct {
	// Index is the position among the file's revisions, oldest first.
	Index int
	// EOF is the offset of the "%%EOF" that closes this revision.
	EOF int64
	// End is the offset just past that "%%EOF" and one optional EOL (CR,
	// LF or CRLF): the length of the file as it was when this revision
	// was written, which is what a signer's ByteRange c+d covers.
	End int64
	// XRef is the startxref value that leads to this revision's xref
	// section (for a linearized file, the first-page section).
	XRef int64
	// Trailer is the trailer dictionary, or the xref stream's dictionary.
	Trailer types.Dict
	// Objects are the object numbers this revision's own xref section(s)
	// define or free (object 0 excluded), ascending: what the revision
	// claims to change.
	Objects []int
	// Problems lists deviations from a strictly well-formed structure
	// (xref entries not pointing at a matching "N G obj", shared offsets,
	// a /Prev that does not chain, an inconsistent hybrid /XRefStm,
	// unexpected bytes in the update, ...). Empty when clean.
	Problems []string
}

type entryType uint8

const (
	entryFree entryType = iota
	entryInUse
	entryCompressed
)

// xrefEntry is one cross-reference entry. For entryInUse, off is the
// byte offset and gen the generation; for entryCompressed, off is the
// object stream's number and gen the index inside it.
type xrefEntry struct {
	off int64
	num int32
	gen uint32
	rev int32 // the revision that defines it (set in the lookup index)
	typ entryType
}

// section is one cross-reference section: a classic table with its
// trailer, or an xref stream.
type section struct {
	off     int // the startxref or /Prev value that leads here
	at      int // where the xref keyword or the stream object starts
	stream  bool
	trailer types.Dict
	entries []xrefEntry // sorted by number, unique
	prev    int         // /Prev, -1 when absent
	xrefStm int         // /XRefStm (hybrid files), -1 when absent
	hybrid  *section    // the section /XRefStm points at
	end     int         // just past the trailer dictionary or "endobj"

	// The "startxref N %%EOF" that follows the section. tailStrict says
	// it follows right after the section; when it does not, the fields
	// come from a forward search and tailProblems say so. (The
	// first-page section of a linearized file written with xref streams
	// has no tail at all.)
	tailStrict   bool
	tailProblems []string
	sxPos        int // offset of the "startxref" keyword, -1 when not found
	sxValue      int // -1 when not found
	eofPos       int // offset of "%%EOF", -1 when not found
	eofEnd       int // just past "%%EOF" and one EOL

	problems []string
}

// problem records a structural problem, bounded by MaxProblems.
func addProblem(list *[]string, format string, args ...any) {
	switch {
	case len(*list) < MaxProblems:
		*list = append(*list, fmt.Sprintf(format, args...))
	case len(*list) == MaxProblems:
		*list = append(*list, "further problems not listed (MaxProblems)")
	}
}

// discover finds all revisions: it starts at the last startxref, follows
// /Prev (and /XRefStm), and groups the sections into revisions.
func (f *File) discover() error {
	chain, notes, err := f.readChain()
	if err != nil {
		return err
	}
	groups := groupSections(chain)
	if len(groups) > MaxRevisions {
		return limitErrorf("%d revisions exceed MaxRevisions (%d)", len(groups), MaxRevisions)
	}
	// Oldest first.
	for i, j := 0, len(groups)-1; i < j; i, j = i+1, j-1 {
		groups[i], groups[j] = groups[j], groups[i]
	}
	f.revs = make([]Revision, len(groups))
	f.rd = make([]revData, len(groups))
	start := 0
	for i, g := range groups {
		r := &f.revs[i]
		rd := &f.rd[i]
		r.Index = i
		rd.sections = g
		rd.start = start
		f.buildRevision(r, rd, g)
		if int(r.End) <= start && i > 0 {
			addProblem(&r.Problems, "revision ends at %d, not after the previous revision's end %d", r.End, start)
		}
		start = max(start, int(r.End))
	}
	f.trailEnd = min(max(start, 0), len(f.data))
	f.buildIndex()
	last := &f.revs[len(f.revs)-1]
	for _, n := range notes {
		addProblem(&last.Problems, "%s", n)
	}
	for i := range f.revs {
		f.checkRevision(i)
	}
	return nil
}

// readChain reads the xref sections from the last startxref along /Prev,
// newest first. A startxref that no %%EOF follows does not close a
// revision: it is skipped, and its bytes end up in Trailing (an update
// without a proper end, which a viewer would have to repair). When the
// newest startxref leads nowhere, the last xref table before it is tried;
// failing that, earlier startxref keywords are, so that a damaged update
// still leaves the earlier revisions readable. Every such step is
// reported in the returned problems (for the last revision).
func (f *File) readChain() ([]*section, []string, error) {
	b := f.data
	searchEnd := len(b)
	var firstErr error
	var notes []string
	for tries := 0; tries < 16; tries++ {
		pos := bytes.LastIndex(b[:searchEnd], []byte("startxref"))
		if pos < 0 {
			break
		}
		searchEnd = pos
		if !f.closedByEOF(pos) {
			addProblem(&notes, "startxref at %d is not followed by %%%%EOF; the bytes from there on belong to no revision", pos)
			continue
		}
		off, ok := f.startxrefValue(pos)
		var head *section
		var err error
		if ok {
			head, err = f.readSection(off)
		} else {
			err = fmt.Errorf("startxref at %d has no valid offset", pos)
		}
		if err != nil {
			if x := lastXRefKeyword(b[:pos]); x >= 0 && !bytes.Contains(b[x:pos], []byte("startxref")) {
				if h, err2 := f.readSection(x); err2 == nil {
					addProblem(&h.problems, "startxref at %d does not point at an xref section (%v); the xref table at %d is used", pos, err, x)
					head, err = h, nil
				}
			}
		}
		if errors.Is(err, ErrLimit) {
			return nil, nil, err
		}
		if err != nil {
			if firstErr == nil {
				firstErr = fmt.Errorf("startxref at %d: %w", pos, err)
			}
			addProblem(&notes, "startxref at %d: %v", pos, err)
			continue
		}
		if head.sxPos != pos && head.prev <= head.off {
			// The last startxref points back at a section that an earlier
			// startxref already closes: a viewer shows that older state.
			addProblem(&notes, "the last startxref at %d points at the xref section at %d, which the startxref at %d closes", pos, head.off, head.sxPos)
		}
		chain, err := f.followPrev(head)
		return chain, notes, err
	}
	if firstErr == nil {
		firstErr = fmt.Errorf("no startxref followed by %%%%EOF")
	}
	return nil, nil, fmt.Errorf("%w: %v", ErrNotPDF, firstErr)
}

// closedByEOF reports whether "startxref N" at pos is followed by %%EOF.
func (f *File) closedByEOF(pos int) bool {
	lx := newLexer(f.data, pos+len("startxref"))
	if t, err := lx.next(); err != nil || t.kind != tokInt {
		return false
	}
	lx.skipWhite()
	return hasPrefixAt(f.data, lx.pos, "%%EOF")
}

// startxrefValue reads the integer after the "startxref" keyword at pos.
func (f *File) startxrefValue(pos int) (int, bool) {
	lx := newLexer(f.data, pos+len("startxref"))
	t, err := lx.next()
	if err != nil || t.kind != tokInt || t.n < 0 || t.n >= int64(len(f.data)) {
		return 0, false
	}
	return int(t.n), true
}

// followPrev walks /Prev from head, newest first.
func (f *File) followPrev(head *section) ([]*section, error) {
	chain := []*section{head}
	seen := map[int]bool{head.off: true}
	entries := len(head.entries)
	for s := head; s.prev >= 0; {
		if seen[s.prev] {
			addProblem(&s.problems, "/Prev %d loops back to a section already read", s.prev)
			break
		}
		if len(chain) >= 2*MaxRevisions {
			return nil, limitErrorf("more than %d xref sections (MaxRevisions)", 2*MaxRevisions)
		}
		p, err := f.readSection(s.prev)
		if err != nil {
			// A /Prev that leads nowhere: fall back to the startxref that
			// closes the bytes just before this section, so that the
			// earlier revisions (and the signatures they hold) stay
			// visible. The problem stays on record.
			p = f.sectionBefore(s.off, seen)
			if p == nil {
				addProblem(&s.problems, "/Prev %d: %v", s.prev, err)
				break
			}
			addProblem(&s.problems, "/Prev %d: %v; the preceding startxref leads to %d instead", s.prev, err, p.off)
			s.prev = p.off
		}
		entries += len(p.entries)
		if p.hybrid != nil {
			entries += len(p.hybrid.entries)
		}
		if entries > MaxXRefEntries {
			return nil, limitErrorf("more than MaxXRefEntries (%d) xref entries", MaxXRefEntries)
		}
		seen[p.off] = true
		chain = append(chain, p)
		s = p
	}
	return chain, nil
}

// sectionBefore returns the section that the last startxref before off
// points at, if it is readable, earlier than off and not yet in the chain.
// When that startxref is wrong too, the last "xref" table keyword before
// it is tried.
func (f *File) sectionBefore(off int, seen map[int]bool) *section {
	pos := bytes.LastIndex(f.data[:off], []byte("startxref"))
	if pos < 0 {
		return nil
	}
	try := func(v int) *section {
		if v < 0 || v >= pos || seen[v] {
			return nil
		}
		s, err := f.readSection(v)
		if err != nil {
			return nil
		}
		return s
	}
	if v, ok := f.startxrefValue(pos); ok {
		if s := try(v); s != nil {
			return s
		}
	}
	if x := lastXRefKeyword(f.data[:pos]); x >= 0 && !bytes.Contains(f.data[x:pos], []byte("startxref")) {
		return try(x)
	}
	return nil
}

// lastXRefKeyword returns the offset of the last "xref" keyword in b that
// stands alone (not the tail of "startxref"), or -1.
func lastXRefKeyword(b []byte) int {
	for end := len(b); ; {
		i := bytes.LastIndex(b[:end], []byte("xref"))
		if i < 0 {
			return -1
		}
		if (i == 0 || isWhite(b[i-1])) && hasKeywordAt(b, i, "xref") {
			return i
		}
		end = i
	}
}

// readSection reads the xref section at off (a table or a stream), its
// hybrid /XRefStm, and the startxref/%%EOF that follows it.
func (f *File) readSection(off int) (*section, error) {
	if off < 0 || off >= len(f.data) {
		return nil, fmt.Errorf("offset %d is outside the file", off)
	}
	s := &section{off: off, prev: -1, xrefStm: -1, sxPos: -1, sxValue: -1, eofPos: -1, eofEnd: -1}
	// White space before the section is tolerated, as before an object
	// header (see checkHeader).
	lx := newLexer(f.data, off)
	lx.skipWhite()
	s.at = lx.pos
	var err error
	if hasPrefixAt(f.data, lx.pos, "xref") {
		err = f.readXRefTable(lx.pos, s)
	} else {
		err = f.readXRefStream(lx.pos, s)
	}
	if err != nil {
		return nil, err
	}
	if err := f.readPrevEntries(s); err != nil {
		return nil, err
	}
	if s.xrefStm >= 0 {
		if s.stream {
			addProblem(&s.problems, "xref stream has /XRefStm")
		} else {
			h := &section{off: s.xrefStm, prev: -1, xrefStm: -1}
			if s.xrefStm >= len(f.data) {
				addProblem(&s.problems, "/XRefStm %d is outside the file", s.xrefStm)
			} else if err := f.readXRefStream(s.xrefStm, h); err != nil {
				addProblem(&s.problems, "/XRefStm %d: %v", s.xrefStm, err)
			} else {
				s.hybrid = h
				s.problems = append(s.problems, h.problems...)
			}
		}
	}
	f.readTail(s)
	return s, nil
}

// readPrevEntries reads /Prev and /XRefStm from the trailer.
func (f *File) readPrevEntries(s *section) error {
	if v, ok := s.trailer["Prev"]; ok {
		n, ok := v.(types.Integer)
		if !ok || n < 0 || int(n) >= len(f.data) {
			return fmt.Errorf("invalid /Prev %v", v)
		}
		s.prev = int(n)
	}
	if v, ok := s.trailer["XRefStm"]; ok {
		n, ok := v.(types.Integer)
		if !ok || n < 0 {
			addProblem(&s.problems, "invalid /XRefStm %v", v)
		} else {
			s.xrefStm = int(n)
		}
	}
	return nil
}

// readTail reads "startxref N %%EOF" after the section. White space and
// comments may come before startxref, only white space between the number
// and %%EOF. When that strict reading fails we search forward, and say so.
func (f *File) readTail(s *section) {
	b := f.data
	s.tailStrict = true
	lx := newLexer(b, s.end)
	lx.skipSpace()
	sx := lx.pos
	if !hasKeywordAt(b, sx, "startxref") {
		s.tailStrict = false
		sx = f.startxref.find(b, s.end)
		if sx < 0 {
			addProblem(&s.tailProblems, "no startxref after the xref section at %d", s.off)
			return
		}
		addProblem(&s.tailProblems, "unexpected bytes between the xref section at %d and startxref at %d", s.off, sx)
	}
	lx = newLexer(b, sx+len("startxref"))
	t, err := lx.next()
	if err != nil || t.kind != tokInt {
		s.tailStrict = false
		addProblem(&s.tailProblems, "startxref at %d has no offset", sx)
		return
	}
	s.sxPos = sx
	s.sxValue = int(min(max(t.n, -1), int64(len(b))))
	lx.skipWhite()
	if !hasPrefixAt(b, lx.pos, "%%EOF") {
		s.tailStrict = false
		i := f.eof.find(b, lx.pos)
		if i < 0 {
			addProblem(&s.tailProblems, "no %%%%EOF after startxref at %d", sx)
			return
		}
		addProblem(&s.tailProblems, "unexpected bytes between startxref at %d and %%%%EOF", sx)
		lx.pos = i
	}
	s.eofPos = lx.pos
	s.eofEnd = eolEnd(b, lx.pos+len("%%EOF"))
}

// eolEnd returns pos advanced past one EOL (CRLF, LF or CR) if present.
func eolEnd(b []byte, pos int) int {
	switch {
	case pos+1 < len(b) && b[pos] == '\r' && b[pos+1] == '\n':
		return pos + 2
	case pos < len(b) && (b[pos] == '\r' || b[pos] == '\n'):
		return pos + 1
	}
	return pos
}

func hasPrefixAt(b []byte, pos int, s string) bool {
	return pos >= 0 && pos <= len(b) && bytes.HasPrefix(b[pos:], []byte(s))
}

// hasKeywordAt reports whether keyword kw starts at pos and is not the
// prefix of a longer regular-character run.
func hasKeywordAt(b []byte, pos int, kw string) bool {
	if !hasPrefixAt(b, pos, kw) {
		return false
	}
	e := pos + len(kw)
	return e >= len(b) || !isRegular(b[e])
}

// groupSections groups the chain (newest first) into revisions. Each
// section is a revision of its own, except the first-page section of a
// linearized file, whose /Prev points forward to the main section of the
// same revision.
func groupSections(chain []*section) [][]*section {
	var groups [][]*section
	for i := 0; i < len(chain); {
		g := []*section{chain[i]}
		j := i
		for chain[j].prev > chain[j].off && j+1 < len(chain) {
			j++
			g = append(g, chain[j])
		}
		groups = append(groups, g)
		i = j + 1
	}
	return groups
}

// buildRevision fills a Revision from its sections: the end, trailer,
// merged entries, and the problems found so far.
func (f *File) buildRevision(r *Revision, rd *revData, g []*section) {
	head, tail := g[0], g[len(g)-1]
	r.XRef = int64(head.off)
	r.Trailer = head.trailer
	for i, s := range g {
		r.Problems = append(r.Problems, s.problems...)
		if i == len(g)-1 || s.tailStrict {
			r.Problems = append(r.Problems, s.tailProblems...)
		}
	}
	r.Problems = r.Problems[:min(len(r.Problems), MaxProblems)]
	if tail.eofPos < 0 {
		// No %%EOF: the revision ends where its section ends, which no
		// signer's ByteRange can match by accident.
		r.EOF = -1
		r.End = int64(tail.end)
	} else {
		r.EOF = int64(tail.eofPos)
		r.End = int64(tail.eofEnd)
	}
	if tail.sxValue >= 0 && tail.sxValue != head.off {
		addProblem(&r.Problems, "startxref after the xref section says %d, not %d", tail.sxValue, head.off)
	}
	if len(g) > 1 && (r.Index != 0 || !f.linearized()) {
		addProblem(&r.Problems, "/Prev %d points forward, but the file is not linearized", head.prev)
	}
	rd.entries = mergeEntries(g, &r.Problems)
	r.Objects = make([]int, 0, len(rd.entries))
	for _, e := range rd.entries {
		if e.num != 0 {
			r.Objects = append(r.Objects, int(e.num))
		}
	}
}

// linearized reports whether the file starts with a linearization
// dictionary (a cheap check: "/Linearized" in the first kilobyte).
func (f *File) linearized() bool {
	return bytes.Contains(f.data[:min(len(f.data), 1024)], []byte("/Linearized"))
}

// mergeEntries combines a revision's sections into one sorted entry list.
// Within a hybrid section the table wins and the /XRefStm stream fills in
// objects the table does not have in use; in a linearized revision the
// first-page section wins over the main one. Conflicts are problems.
func mergeEntries(g []*section, problems *[]string) []xrefEntry {
	var out []xrefEntry
	add := func(es []xrefEntry, what string, fillOnly bool) {
		if out == nil {
			out = append([]xrefEntry(nil), es...)
			return
		}
		idx := make(map[int32]int, len(out))
		for i, e := range out {
			idx[e.num] = i
		}
		for _, e := range es {
			i, ok := idx[e.num]
			if !ok {
				out = append(out, e)
				continue
			}
			old := out[i]
			switch {
			case fillOnly && e.typ == entryFree:
				// The stream only adds objects; a free entry there says
				// nothing about the table's object.
			case fillOnly && old.typ == entryFree:
				out[i] = e
			case old.typ == entryFree || e.typ == entryFree:
				if old.typ != e.typ {
					addProblem(problems, "object %d is free in one xref section and in use in %s", e.num, what)
				}
			case old != e:
				addProblem(problems, "object %d has conflicting entries in the xref table and %s", e.num, what)
			}
		}
		sort.Slice(out, func(a, b int) bool { return out[a].num < out[b].num })
	}
	for _, s := range g {
		add(s.entries, "another section of the revision", false)
		if s.hybrid != nil {
			add(s.hybrid.entries, "its /XRefStm", true)
		}
	}
	return out
}
