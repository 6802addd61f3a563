package pdf

import "github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

// The strict structure checks of one revision (attacks.md §4 C): every
// in-use entry of its own xref sections points at a matching "N G obj"
// inside the file as it was then; no two entries share an offset; an
// entry that points back into an earlier revision's bytes is a
// re-pointing (shadow hide-and-replace), unless it restates the entry the
// previous revision already had; an object in use keeps its generation;
// and the revision's own bytes are a sequence of objects and its xref
// section, nothing else.

// bodyObject is an object found by scanning a revision's bytes.
type bodyObject struct {
	num, gen, hdr int
}

func (f *File) checkRevision(i int) {
	r := &f.revs[i]
	rd := &f.rd[i]
	hdrOf := map[int]int{}   // header offset -> object number, own in-use entries
	byOff := map[int64]int{} // entry offset -> object number
	for _, e := range rd.entries {
		num := int(e.num)
		if e.typ != entryFree {
			// "N G R" names one object: a number kept in use under another
			// generation is another object, and every existing reference
			// to the old one now resolves to null, although the body can
			// be the same (a hide that changes no object's value).
			if prev, _, ok := f.lookup(i-1, num); ok && prev.typ != entryFree && entryGen(prev) != entryGen(e) {
				addProblem(&r.Problems, "object %d changes generation from %d to %d while in use: references to %d %d R no longer resolve", num, entryGen(prev), entryGen(e), num, entryGen(prev))
			}
		}
		switch e.typ {
		case entryInUse:
			if prev, _, ok := f.lookup(i-1, num); ok && sameEntry(prev, e) && int(e.off) < rd.start {
				continue // restated unchanged
			}
			if other, dup := byOff[e.off]; dup {
				addProblem(&r.Problems, "objects %d and %d share offset %d", other, num, e.off)
				continue
			}
			byOff[e.off] = num
			if e.off <= 0 || e.off >= r.End {
				addProblem(&r.Problems, "object %d: offset %d lies outside the revision (which ends at %d)", num, e.off, r.End)
				continue
			}
			hdr, ok := f.checkHeader(r, num, e)
			if !ok {
				continue
			}
			hdrOf[hdr] = num
			if hdr < rd.start {
				if prev, _, ok := f.lookup(i-1, num); ok && prev.typ != entryFree {
					addProblem(&r.Problems, "object %d is re-pointed to an older body at %d", num, hdr)
				} else {
					addProblem(&r.Problems, "object %d is brought into use from a body at %d that the earlier revisions did not use", num, hdr)
				}
			}
		case entryCompressed:
			se, _, ok := f.lookup(i, int(e.off))
			if !ok || se.typ != entryInUse {
				addProblem(&r.Problems, "object %d is in object stream %d, which is not an uncompressed object in use", num, e.off)
			}
		}
	}
	if sz, ok := intValue(r.Trailer["Size"]); !ok {
		addProblem(&r.Problems, "trailer has no valid /Size")
	} else if n := len(rd.entries); n > 0 && int(rd.entries[n-1].num) >= sz {
		addProblem(&r.Problems, "object %d is not below the trailer's /Size %d", rd.entries[n-1].num, sz)
	}
	body, complete := f.scanBody(i)
	seen := map[int]int{}
	sectionObj := map[int]bool{}
	for _, s := range rd.sections {
		sectionObj[s.at] = s.stream
		if s.hybrid != nil {
			sectionObj[s.hybrid.at] = true
		}
	}
	atHeader := map[int]bool{}
	for _, o := range body {
		atHeader[o.hdr] = true
		if first, dup := seen[o.num]; dup {
			addProblem(&r.Problems, "object %d is defined twice in this revision (at %d and %d)", o.num, first, o.hdr)
		} else {
			seen[o.num] = o.hdr
		}
		if num, ok := hdrOf[o.hdr]; ok && num == o.num || sectionObj[o.hdr] {
			continue
		}
		addProblem(&r.Problems, "object %d %d at %d is not referenced by this revision's xref", o.num, o.gen, o.hdr)
	}
	if complete {
		for hdr, num := range hdrOf {
			if hdr >= rd.start && !atHeader[hdr] {
				addProblem(&r.Problems, "object %d at %d lies inside another object", num, hdr)
			}
		}
	}
}

// entryGen is the generation an entry gives its object: objects in an
// object stream have generation 0, and their entry's gen is an index.
func entryGen(e xrefEntry) uint32 {
	if e.typ == entryCompressed {
		return 0
	}
	return e.gen
}

// sameEntry compares two entries, whichever revision defines them.
func sameEntry(a, b xrefEntry) bool {
	return a.off == b.off && a.num == b.num && a.gen == b.gen && a.typ == b.typ
}

// checkHeader verifies that entry e of object num points at "num gen obj"
// and returns the header offset.
func (f *File) checkHeader(r *Revision, num int, e xrefEntry) (int, bool) {
	lx := newLexer(f.data, int(e.off))
	tn, err1 := lx.next()
	tg, err2 := lx.next()
	to, err3 := lx.next()
	if err1 != nil || err2 != nil || err3 != nil || tn.kind != tokInt || tg.kind != tokInt || !lx.isKeyword(to, "obj") {
		addProblem(&r.Problems, "object %d: no \"N G obj\" header at offset %d", num, e.off)
		return 0, false
	}
	if tn.n != int64(num) || tg.n != int64(e.gen) {
		addProblem(&r.Problems, "object %d %d: offset %d holds object %d %d", num, e.gen, e.off, tn.n, tg.n)
		return 0, false
	}
	// An offset that points at white space just before the header is a
	// common writer bug; every reader skips the white space and reads the
	// same object, so it is not a problem. Anything else in between
	// (a comment) is.
	if !allWhite(f.data[e.off:tn.start]) {
		addProblem(&r.Problems, "object %d: offset %d is not the start of its header (at %d)", num, e.off, tn.start)
	}
	return tn.start, true
}

// scanBody reads revision i's bytes from the previous revision's end to
// its own: objects, its xref section(s) and tail, white space and
// comments. Anything else is a problem, and stops the scan (complete is
// then false).
func (f *File) scanBody(i int) (objs []bodyObject, complete bool) {
	r := &f.revs[i]
	rd := &f.rd[i]
	b := f.data
	end := int(r.End)
	skip := map[int]int{} // section start -> where its tail ends
	for i, s := range rd.sections {
		skip[s.at] = s.end
		if s.eofEnd > 0 && (s.tailStrict || i == len(rd.sections)-1) {
			skip[s.at] = s.eofEnd
		}
	}
	pos := rd.start
	for {
		lx := newLexer(b, pos)
		lx.skipSpace()
		pos = lx.pos
		if pos >= end {
			return objs, true
		}
		if to, ok := skip[pos]; ok && !isDigit(b[pos]) {
			pos = to
			continue
		}
		switch {
		case hasKeywordAt(b, pos, "xref"):
			addProblem(&r.Problems, "xref table at %d is not in the /Prev chain", pos)
			return objs, false
		case hasKeywordAt(b, pos, "startxref"):
			addProblem(&r.Problems, "startxref at %d is not the end of a revision in the /Prev chain", pos)
			return objs, false
		case !isDigit(b[pos]):
			addProblem(&r.Problems, "unexpected bytes at %d: %q", pos, truncate(b[pos:min(end, pos+16)], 16))
			return objs, false
		}
		o, err := f.objectExtent(pos, i)
		if err != nil {
			addProblem(&r.Problems, "unreadable object at %d: %v", pos, err)
			return objs, false
		}
		if o.end > end {
			addProblem(&r.Problems, "object %d at %d extends beyond the revision's end %d", o.num, pos, end)
			return objs, false
		}
		if o.lengthRepaired {
			addProblem(&r.Problems, "object %d: stream /Length does not match its data", o.num)
		}
		objs = append(objs, bodyObject{num: o.num, gen: o.gen, hdr: o.hdr})
		pos = o.end
		if to, ok := skip[o.hdr]; ok {
			pos = max(pos, to)
		}
	}
}

func intValue(o types.Object) (int, bool) {
	n, ok := o.(types.Integer)
	return int(n), ok
}
