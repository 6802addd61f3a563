package pdf

import (
	"fmt"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// The strict ByteRange/Contents layout check (attacks.md §4 A). The
// integrity verdict rests on it: a CMS that verifies over the ByteRange
// proves nothing unless the ByteRange covers the whole revision except
// exactly the /Contents hex string of the very dictionary that revision
// defines. This defeats USF (missing or absurd values), signature
// wrapping (a forged ByteRange read from the excluded gap), the
// "twoContents" and "spacesBeforeContents" tricks, and ranges that end
// anywhere but at a revision end.

// dictEntry is one top-level entry of a dictionary with its byte spans.
type dictEntry struct {
	key              string
	keyStart         int
	valStart, valEnd int       // the value's bytes: data[valStart:valEnd]
	valKind          tokenKind // kind of the value's first token
	value            types.Object
}

// dictLayout is the byte layout of an uncompressed object whose value is
// a dictionary.
type dictLayout struct {
	num, gen           int
	hdr, end           int // the object: "N G obj" to just past "endobj"
	dictStart, dictEnd int // "<<" to just past ">>"
	entries            []dictEntry
}

// readDictLayout tokenizes the object at off, "N G obj << ... >> endobj",
// and records the top-level entries with their offsets. It accepts no
// stream and nothing between ">>" and "endobj".
func readDictLayout(b []byte, off int) (*dictLayout, error) {
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
	if tn.kind != tokInt || tg.kind != tokInt || !lx.isKeyword(to, "obj") {
		return nil, &syntaxError{off: off, msg: "no \"N G obj\" header"}
	}
	l := &dictLayout{num: int(tn.n), gen: int(tg.n), hdr: tn.start}
	open, err := lx.next()
	if err != nil {
		return nil, err
	}
	if open.kind != tokDictOpen {
		return nil, &syntaxError{off: open.start, msg: "object is not a dictionary"}
	}
	l.dictStart = open.start
	for {
		k, err := lx.next()
		if err != nil {
			return nil, err
		}
		if k.kind == tokDictClose {
			l.dictEnd = k.end
			break
		}
		if k.kind != tokName {
			return nil, &syntaxError{off: k.start, msg: fmt.Sprintf("dictionary key is a %s, not a name", k.kind)}
		}
		v, err := lx.next()
		if err != nil {
			return nil, err
		}
		if v.kind == tokDictClose || v.kind == tokEOF {
			return nil, &syntaxError{off: v.start, msg: "dictionary key without a value"}
		}
		val, err := p.valueFrom(v, 1)
		if err != nil {
			return nil, err
		}
		l.entries = append(l.entries, dictEntry{
			key: nameValue(lx.text(k)), keyStart: k.start,
			valStart: v.start, valEnd: lx.pos, valKind: v.kind, value: val,
		})
	}
	e, err := lx.next()
	if err != nil {
		return nil, err
	}
	if !lx.isKeyword(e, "endobj") {
		return nil, &syntaxError{off: e.start, msg: "expected endobj after the dictionary"}
	}
	l.end = e.end
	return l, nil
}

// entriesNamed returns the top-level entries with key k.
func (l *dictLayout) entriesNamed(k string) []dictEntry {
	var out []dictEntry
	for _, e := range l.entries {
		if e.key == k {
			out = append(out, e)
		}
	}
	return out
}

// byteRangeValue reads a ByteRange: every element an integer. ok is true
// only for exactly four non-negative integers.
func byteRangeValue(o types.Object) (br []int64, ok bool) {
	a, isArray := o.(types.Array)
	if !isArray {
		return nil, false
	}
	ok = len(a) == 4
	for _, v := range a {
		n, isInt := v.(types.Integer)
		if !isInt {
			return br, false
		}
		if n < 0 {
			ok = false
		}
		br = append(br, int64(n))
	}
	return br, ok
}

// problems collects distinct reasons in order.
type problems []string

func (p *problems) add(format string, args ...any) {
	s := fmt.Sprintf(format, args...)
	for _, q := range *p {
		if q == s {
			return
		}
	}
	*p = append(*p, s)
}

func (p problems) String() string { return strings.Join(p, "; ") }

// checkByteRange runs the strict layout check for the signature whose
// dictionary is ref and looks like latest in the last revision. It sets
// ByteRange, SignedRevision and, from the signed revision's own bytes,
// Contents; it returns the reasons the check fails ("" when it passes).
func (f *File) checkByteRange(sig *Signature, ref types.IndirectRef, latest types.Dict) string {
	var p problems
	sig.SignedRevision = -1
	br, ok := byteRangeValue(latest["ByteRange"])
	sig.ByteRange = br
	switch {
	case latest["ByteRange"] == nil:
		p.add("no /ByteRange")
	case !ok:
		p.add("/ByteRange is not four non-negative integers")
	}
	if len(p) > 0 {
		return p.String()
	}
	size := int64(len(f.data))
	a, c, d := br[1], br[2], br[3]
	if a > size || c > size || d > size || c+d > size {
		p.add("/ByteRange extends beyond the end of the file (%d bytes)", size)
		return p.String()
	}
	s := f.revisionEndingAt(c + d)
	if s < 0 {
		p.add("/ByteRange ends at %d, which is not the end of a revision%s", c+d, f.nearestEnd(c+d))
	}
	if br[0] != 0 {
		p.add("/ByteRange does not start at 0")
	}
	if a <= 0 || c <= a {
		p.add("/ByteRange [0 %d %d %d] does not leave a gap between its two ranges", a, c, d)
	}
	sig.SignedRevision = s
	if len(p) > 0 {
		return p.String()
	}
	if ref.ObjectNumber <= 0 {
		return "" // a direct dictionary: the caller reports that
	}
	e, _, found := f.lookup(s, int(ref.ObjectNumber))
	switch {
	case !found || e.typ == entryFree:
		p.add("the signature dictionary does not exist in the signed revision %d", s)
		return p.String()
	case e.typ == entryCompressed:
		p.add("the signature dictionary is inside an object stream in the signed revision")
		return p.String()
	case e.gen != uint32(ref.GenerationNumber):
		p.add("the signature dictionary has generation %d in the signed revision, not %d", e.gen, ref.GenerationNumber)
		return p.String()
	}
	l, err := readDictLayout(f.data, int(e.off))
	if err != nil {
		p.add("the signature dictionary in the signed revision cannot be read strictly: %v", err)
		return p.String()
	}
	if l.num != int(ref.ObjectNumber) || l.gen != int(ref.GenerationNumber) {
		p.add("the xref entry of the signature dictionary points at object %d %d", l.num, l.gen)
		return p.String()
	}
	f.checkLayout(&p, sig, l, br)
	return p.String()
}

// checkLayout compares the ByteRange with the dictionary's own bytes.
func (f *File) checkLayout(p *problems, sig *Signature, l *dictLayout, br []int64) {
	b := f.data
	a, c := int(br[1]), int(br[2])
	contents := l.entriesNamed("Contents")
	ranges := l.entriesNamed("ByteRange")
	switch {
	case len(contents) == 0:
		p.add("the signature dictionary has no /Contents")
	case len(contents) > 1:
		p.add("the signature dictionary has %d /Contents entries", len(contents))
	}
	switch {
	case len(ranges) == 0:
		p.add("the signature dictionary in the signed revision has no /ByteRange")
	case len(ranges) > 1:
		p.add("the signature dictionary has %d /ByteRange entries", len(ranges))
	}
	if len(ranges) == 1 {
		signed, _ := byteRangeValue(ranges[0].value)
		if !equalInts(signed, br) {
			p.add("the signed revision's /ByteRange %v differs from %v", signed, br)
		}
		if r := ranges[0]; r.valEnd > a && r.valStart < c {
			p.add("the /ByteRange value lies inside the excluded gap")
		}
	}
	if len(contents) != 1 {
		return
	}
	ct := contents[0]
	if ct.valKind != tokHex {
		p.add("/Contents is not a direct hex string (it starts with a %s)", ct.valKind)
		return
	}
	sig.Contents = decodeHex(hexDigits(b[ct.valStart:ct.valEnd]))
	if a != ct.valStart {
		if a < ct.valStart && allWhite(b[a:ct.valStart]) {
			p.add("the excluded gap begins at white space before the '<' of /Contents")
		} else {
			p.add("/ByteRange[1] = %d is not the offset %d of the '<' of /Contents", a, ct.valStart)
		}
	}
	if c != ct.valEnd {
		p.add("/ByteRange[2] = %d is not the offset %d just after the '>' of /Contents", c, ct.valEnd)
	}
	if a < l.hdr || c > l.end {
		p.add("the excluded gap [%d, %d) lies outside the signature dictionary object [%d, %d)", a, c, l.hdr, l.end)
	}
	if a < c && c <= len(b) {
		gap := b[a:c]
		if len(gap) < 2 || gap[0] != '<' || gap[len(gap)-1] != '>' || !allHex(gap[1:len(gap)-1]) {
			p.add("the excluded gap holds bytes other than the hex digits of /Contents")
		}
	}
}

// revisionEndingAt returns the revision whose End is end, or -1.
func (f *File) revisionEndingAt(end int64) int {
	for i, r := range f.revs {
		if r.End == end {
			return i
		}
	}
	return -1
}

// nearestEnd explains a near miss, such as a range that stops before the
// EOL after %%EOF.
func (f *File) nearestEnd(end int64) string {
	for _, r := range f.revs {
		switch {
		case r.EOF >= 0 && end == r.EOF+5:
			return fmt.Sprintf(" (it stops before the EOL after the %%%%EOF of revision %d, which ends at %d)", r.Index, r.End)
		case end > r.EOF && end < r.End+2 && end != r.End:
			return fmt.Sprintf(" (revision %d ends at %d)", r.Index, r.End)
		}
	}
	return ""
}

func allWhite(b []byte) bool {
	for _, c := range b {
		if !isWhite(c) {
			return false
		}
	}
	return true
}

func allHex(b []byte) bool {
	for _, c := range b {
		if !isHex(c) {
			return false
		}
	}
	return true
}

func equalInts(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
