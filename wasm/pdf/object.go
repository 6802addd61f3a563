package pdf

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"sort"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// indirect is an uncompressed indirect object as found in the file.
type indirect struct {
	num, gen int
	hdr      int          // offset of the object number of "N G obj"
	value    types.Object // the dictionary, for a stream
	stream   bool
	// The stream data is data[dataStart:dataEnd].
	dataStart, dataEnd int
	lengthRepaired     bool // /Length was wrong; the data ends at "endstream"
	end                int  // just past "endobj"
	dupKeys            int
}

func (o *indirect) dict() types.Dict {
	d, _ := o.value.(types.Dict)
	return d
}

// raw returns the stream data, capacity-limited so that an append by a
// caller cannot write into the file's bytes.
func (o *indirect) raw(b []byte) []byte { return b[o.dataStart:o.dataEnd:o.dataEnd] }

// readIndirect parses "N G obj ... endobj" at off. A stream's indirect
// /Length is resolved through revision rev; with rev < 0 only a direct
// /Length is accepted (xref streams).
func (f *File) readIndirect(off, rev int) (*indirect, error) {
	return f.readIndirectDepth(off, rev, 0)
}

func (f *File) readIndirectDepth(off, rev, depth int) (*indirect, error) {
	b := f.data
	if off < 0 || off >= len(b) {
		return nil, fmt.Errorf("object offset %d is outside the file", off)
	}
	p := newParser(b, off)
	lx := p.lx
	tn, err := lx.next()
	if err != nil {
		return nil, err
	}
	tg, err := lx.next()
	if err != nil {
		return nil, err
	}
	to, err := lx.next()
	if err != nil {
		return nil, err
	}
	if tn.kind != tokInt || tg.kind != tokInt || !lx.isKeyword(to, "obj") ||
		tn.n < 0 || tn.n > MaxObjectNumber || tg.n < 0 || tg.n > 65535 {
		return nil, &syntaxError{off: off, msg: "no \"N G obj\" header"}
	}
	o := &indirect{num: int(tn.n), gen: int(tg.n), hdr: tn.start}
	o.value, err = p.value(0)
	if err != nil {
		return nil, fmt.Errorf("object %d %d: %w", o.num, o.gen, err)
	}
	o.dupKeys = p.dupKeys
	t, err := lx.next()
	if err != nil {
		return nil, fmt.Errorf("object %d %d: %w", o.num, o.gen, err)
	}
	switch {
	case lx.isKeyword(t, "endobj"):
		o.end = t.end
		return o, nil
	case lx.isKeyword(t, "stream"):
	default:
		return nil, &syntaxError{off: t.start, msg: fmt.Sprintf("object %d %d: missing endobj", o.num, o.gen)}
	}
	d, ok := o.value.(types.Dict)
	if !ok {
		return nil, &syntaxError{off: t.start, msg: fmt.Sprintf("object %d %d: stream without a dictionary", o.num, o.gen)}
	}
	o.stream = true
	length := f.streamLength(d["Length"], rev, depth)
	o.dataStart, o.dataEnd, o.lengthRepaired, lx.pos, err = f.streamExtent(t.end, length)
	if err != nil {
		return nil, fmt.Errorf("object %d %d: %w", o.num, o.gen, err)
	}
	t, err = lx.next()
	if err != nil || !lx.isKeyword(t, "endobj") {
		return nil, &syntaxError{off: lx.pos, msg: fmt.Sprintf("object %d %d: missing endobj after endstream", o.num, o.gen)}
	}
	o.end = t.end
	return o, nil
}

// streamExtent finds the data of a stream whose "stream" keyword ends at
// kwEnd: [start, end), and the offset just past "endstream". A /Length
// that does not lead to "endstream" (or is unknown, -1) is replaced by a
// search for the keyword, and repaired says so.
func (f *File) streamExtent(kwEnd, length int) (start, end int, repaired bool, after int, err error) {
	b := f.data
	// The keyword is followed by CRLF or LF (7.3.8.1); a lone CR is
	// tolerated because the data start is still unambiguous.
	start = eolEnd(b, kwEnd)
	if length >= 0 && length <= len(b)-start {
		q := newLexer(b, start+length)
		q.skipWhite()
		if hasKeywordAt(b, q.pos, "endstream") {
			return start, start + length, false, q.pos + len("endstream"), nil
		}
	}
	// The data then ends before the EOL that precedes "endstream".
	i := f.endstream.find(b, start)
	if i < 0 {
		return 0, 0, false, 0, errors.New("stream without endstream")
	}
	end = i
	if end > start && b[end-1] == '\n' {
		end--
	}
	if end > start && b[end-1] == '\r' {
		end--
	}
	return start, end, true, i + len("endstream"), nil
}

// streamLength returns the value of /Length: direct, or resolved through
// revision rev. -1 means unknown (the caller then looks for endstream).
func (f *File) streamLength(lv types.Object, rev, depth int) int {
	switch v := lv.(type) {
	case types.Integer:
		return int(v)
	case types.IndirectRef:
		if rev < 0 || depth > 0 {
			return -1
		}
		e, _, ok := f.lookup(rev, int(v.ObjectNumber))
		if !ok || e.typ == entryFree {
			return -1
		}
		var lv types.Object
		if e.typ == entryInUse {
			o, err := f.readIndirectDepth(int(e.off), rev, depth+1)
			if err != nil || o.stream || o.num != int(v.ObjectNumber) {
				return -1
			}
			lv = o.value
		} else {
			var err error
			lv, err = f.compressedObject(rev, e, depth+1)
			if err != nil {
				return -1
			}
		}
		if n, ok := lv.(types.Integer); ok {
			return int(n)
		}
	}
	return -1
}

// lookup finds object num as revision rev sees it: in rev's own sections,
// then in earlier revisions. It returns the entry and the revision that
// defines it. One binary search over the index of all entries, so that
// the cost does not grow with the number of revisions.
func (f *File) lookup(rev, num int) (xrefEntry, int, bool) {
	if num <= 0 || num > MaxObjectNumber || rev < 0 || rev >= len(f.rd) {
		return xrefEntry{}, -1, false
	}
	idx := f.index
	i := sort.Search(len(idx), func(i int) bool {
		return int(idx[i].num) > num || int(idx[i].num) == num && int(idx[i].rev) > rev
	})
	if i > 0 && int(idx[i-1].num) == num {
		return idx[i-1], int(idx[i-1].rev), true
	}
	return xrefEntry{}, -1, false
}

// buildIndex collects every revision's entries, ordered by object number
// and revision, for lookup.
func (f *File) buildIndex() {
	n := 0
	for _, rd := range f.rd {
		n += len(rd.entries)
	}
	f.index = make([]xrefEntry, 0, n)
	for r, rd := range f.rd {
		for _, e := range rd.entries {
			e.rev = int32(r)
			f.index = append(f.index, e)
		}
	}
	slices.SortStableFunc(f.index, func(a, b xrefEntry) int { return cmp.Compare(a.num, b.num) })
}

// Object returns object num as revision rev sees it (through rev's xref
// section, then the earlier ones), decrypted where the file is encrypted
// and the key is known. It returns nil, nil for a free or missing object.
// A stream is a types.StreamDict whose Raw aliases the file's bytes
// (do not modify it); decode it with Stream.
func (f *File) Object(rev, num int) (obj types.Object, err error) {
	defer recoverError(&err)
	if err := f.checkRev(rev); err != nil {
		return nil, err
	}
	return f.object(rev, num, -1, 0)
}

// object implements Object; gen >= 0 also checks the generation.
func (f *File) object(rev, num, gen, depth int) (types.Object, error) {
	e, _, ok := f.lookup(rev, num)
	if !ok || e.typ == entryFree {
		return nil, nil
	}
	if e.typ == entryCompressed {
		if gen > 0 {
			return nil, fmt.Errorf("object %d %d R: the object is compressed, with generation 0", num, gen)
		}
		return f.compressedObject(rev, e, depth)
	}
	if gen >= 0 && uint32(gen) != e.gen {
		return nil, fmt.Errorf("object %d %d R: the xref entry has generation %d", num, gen, e.gen)
	}
	o, err := f.readIndirect(int(e.off), rev)
	if err != nil {
		return nil, err
	}
	if o.num != num || uint32(o.gen) != e.gen {
		return nil, fmt.Errorf("xref entry for object %d %d points at object %d %d", num, e.gen, o.num, o.gen)
	}
	if !o.stream {
		return f.decryptObject(o.value, o.num, o.gen), nil
	}
	return f.streamDict(rev, o), nil
}

// streamDict builds pdfcpu's StreamDict for a stream object.
func (f *File) streamDict(rev int, o *indirect) types.StreamDict {
	d := f.decryptObject(o.value, o.num, o.gen).(types.Dict)
	length := int64(o.dataEnd - o.dataStart)
	sd := types.NewStreamDict(d, int64(o.dataStart), &length, nil, nil)
	sd.Raw = o.raw(f.data)
	sd.FilterPipeline, _ = f.filterPipeline(rev, d)
	if f.encrypted {
		f.mu.Lock()
		f.streamOwners[int64(o.dataStart)] = objID{o.num, o.gen}
		f.mu.Unlock()
	}
	return sd
}

// Resolve follows o while it is an indirect reference, through revision
// rev. A chain longer than MaxNestingDepth is an error. A reference to a
// free or missing object resolves to nil.
func (f *File) Resolve(rev int, o types.Object) (obj types.Object, err error) {
	defer recoverError(&err)
	if err := f.checkRev(rev); err != nil {
		return nil, err
	}
	return f.resolve(rev, o)
}

func (f *File) resolve(rev int, o types.Object) (types.Object, error) {
	for depth := 0; ; depth++ {
		ref, ok := o.(types.IndirectRef)
		if !ok {
			return o, nil
		}
		if depth >= MaxNestingDepth {
			return nil, limitErrorf("reference chain longer than MaxNestingDepth (%d)", MaxNestingDepth)
		}
		var err error
		o, err = f.object(rev, int(ref.ObjectNumber), int(ref.GenerationNumber), 0)
		if err != nil {
			return nil, err
		}
	}
}

// resolveDict resolves o and returns it as a dictionary (the dictionary
// of a stream too), or nil.
func (f *File) resolveDict(rev int, o types.Object) (types.Dict, error) {
	v, err := f.resolve(rev, o)
	if err != nil {
		return nil, err
	}
	d, _ := dictValue(v)
	return d, nil
}

// ObjectOffset returns the offset of the "N G obj" header of object num
// as revision rev sees it, when the object is uncompressed and in use.
func (f *File) ObjectOffset(rev, num int) (int64, bool) {
	e, _, ok := f.lookup(rev, num)
	if !ok || e.typ != entryInUse {
		return 0, false
	}
	return e.off, true
}

// objStmKey identifies a decoded object stream in the cache.
type objStmKey struct{ off, end, rev int }

// hasRef reports whether o is or directly contains a reference.
func hasRef(o types.Object) bool {
	switch v := o.(type) {
	case types.IndirectRef:
		return true
	case types.Array:
		for _, e := range v {
			if _, ok := e.(types.IndirectRef); ok {
				return true
			}
		}
	}
	return false
}

// objStm is a decoded object stream.
type objStm struct {
	data  []byte
	first int
	nums  []int
	offs  []int
}

// compressedObject reads the object of a compressed entry.
func (f *File) compressedObject(rev int, e xrefEntry, depth int) (types.Object, error) {
	if depth > 1 {
		return nil, errors.New("object stream nested in an object stream")
	}
	stmNum := int(e.off)
	se, _, ok := f.lookup(rev, stmNum)
	if !ok || se.typ != entryInUse {
		return nil, fmt.Errorf("object %d: object stream %d is not an uncompressed object in use", e.num, stmNum)
	}
	os, err := f.objectStream(rev, int(se.off), stmNum, depth)
	if err != nil {
		return nil, fmt.Errorf("object %d: %w", e.num, err)
	}
	i := int(e.gen)
	if i >= len(os.nums) || os.nums[i] != int(e.num) {
		return nil, fmt.Errorf("object %d is not at index %d of object stream %d", e.num, i, stmNum)
	}
	start := os.first + os.offs[i]
	end := len(os.data)
	if i+1 < len(os.offs) && os.first+os.offs[i+1] >= start {
		end = os.first + os.offs[i+1]
	}
	p := newParser(os.data[:end], start)
	v, err := p.value(0)
	if err != nil {
		return nil, fmt.Errorf("object %d in object stream %d: %w", e.num, stmNum, err)
	}
	return v, nil
}

// objectStream decodes (or returns from the cache) the object stream at
// offset off.
func (f *File) objectStream(rev, off, num, depth int) (*objStm, error) {
	// Reading the object itself is cheap; decoding is what the cache
	// saves. The key holds what can make the same object decode
	// differently in two revisions: the data span (an indirect /Length
	// redefined later) and, when /Filter or /DecodeParms are indirect,
	// the revision.
	o, err := f.readIndirectDepth(off, rev, depth)
	if err != nil {
		return nil, err
	}
	if o.num != num || !o.stream {
		return nil, fmt.Errorf("object stream %d: the xref entry points at object %d", num, o.num)
	}
	d := o.dict()
	key := objStmKey{off: off, end: o.dataEnd, rev: -1}
	if hasRef(d["Filter"]) || hasRef(d["DecodeParms"]) {
		key.rev = rev
	}
	f.mu.Lock()
	os := f.objStms[key]
	f.mu.Unlock()
	if os != nil {
		return os, nil
	}
	if t, _ := d["Type"].(types.Name); t != "ObjStm" {
		return nil, fmt.Errorf("object %d is not an object stream", num)
	}
	n, ok1 := d["N"].(types.Integer)
	first, ok2 := d["First"].(types.Integer)
	if !ok1 || !ok2 || n < 0 || first < 0 {
		return nil, fmt.Errorf("object stream %d: invalid /N or /First", num)
	}
	if n > MaxObjectStreamObjects {
		return nil, limitErrorf("object stream %d: /N %d exceeds MaxObjectStreamObjects (%d)", num, n, MaxObjectStreamObjects)
	}
	raw, err := f.decryptStream(o.raw(f.data), o.num, o.gen, d)
	if err != nil {
		return nil, fmt.Errorf("object stream %d: %w", num, err)
	}
	data, err := f.decode(raw, d, rev)
	if err != nil {
		return nil, fmt.Errorf("object stream %d: %w", num, err)
	}
	if int(first) > len(data) {
		return nil, fmt.Errorf("object stream %d: /First beyond the data", num)
	}
	os = &objStm{data: data, first: int(first), nums: make([]int, 0, n), offs: make([]int, 0, n)}
	lx := newLexer(data[:first], 0)
	for i := 0; i < int(n); i++ {
		a, err1 := lx.next()
		b, err2 := lx.next()
		if err1 != nil || err2 != nil || a.kind != tokInt || b.kind != tokInt ||
			a.n <= 0 || a.n > MaxObjectNumber || b.n < 0 || int(first)+int(b.n) > len(data) {
			return nil, fmt.Errorf("object stream %d: invalid header pair %d", num, i)
		}
		os.nums = append(os.nums, int(a.n))
		os.offs = append(os.offs, int(b.n))
	}
	f.mu.Lock()
	if f.objStmBytes+len(data) > objectStreamCacheBytes {
		f.objStms = map[objStmKey]*objStm{}
		f.objStmBytes = 0
	}
	f.objStms[key] = os
	f.objStmBytes += len(data)
	f.mu.Unlock()
	return os, nil
}
