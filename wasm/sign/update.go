package sign

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"sort"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
	"github.com/verso-pdf/verso/wasm/pdf"
)

// update is one incremental update being written after the bytes of an
// existing file: new and replaced objects, then a cross-reference section
// of the same kind as the file's last one (table or stream) chained to it
// by /Prev. Nothing before the end of the file is touched, which is what
// keeps earlier signatures valid.
type update struct {
	base       []byte
	buf        bytes.Buffer // the bytes after base
	next       int          // next free object number
	offsets    map[int]int  // object number -> offset in the whole file
	gens       map[int]int
	xrefStream bool
	prev       int64
	trailer    types.Dict // the previous revision's trailer
}

// newUpdate starts an update after the last revision of f (whose bytes are
// base).
func newUpdate(base []byte, f *pdf.File) (*update, error) {
	revs := f.Revisions()
	last := revs[len(revs)-1]
	u := &update{base: base, offsets: map[int]int{}, gens: map[int]int{}, prev: last.XRef, trailer: last.Trailer}
	if last.XRef < 0 || last.XRef >= int64(len(base)) {
		return nil, fmt.Errorf("the last cross-reference section is not inside the file")
	}
	u.xrefStream = !bytes.HasPrefix(base[last.XRef:], []byte("xref"))
	size, _ := last.Trailer["Size"].(types.Integer)
	u.next = int(size)
	for _, r := range revs {
		for _, n := range r.Objects {
			u.next = max(u.next, n+1)
		}
	}
	if u.next <= 0 || u.next > pdf.MaxObjectNumber-1000 {
		return nil, fmt.Errorf("the file's object numbers (/Size %d) leave no room for new objects", size)
	}
	// The update starts on a line of its own.
	if n := len(base); n > 0 && base[n-1] != '\n' && base[n-1] != '\r' {
		u.buf.WriteByte('\n')
	}
	return u, nil
}

// alloc reserves a new object number.
func (u *update) alloc() types.IndirectRef {
	n := u.next
	u.next++
	return types.IndirectRef{ObjectNumber: types.Integer(n)}
}

// offset is where the next byte of the update lands in the whole file.
func (u *update) offset() int { return len(u.base) + u.buf.Len() }

// object writes an object (new, or a new version of an existing one).
func (u *update) object(ref types.IndirectRef, body []byte) {
	n := int(ref.ObjectNumber)
	u.offsets[n] = u.offset()
	u.gens[n] = int(ref.GenerationNumber)
	fmt.Fprintf(&u.buf, "%d %d obj\n", n, ref.GenerationNumber)
	u.buf.Write(body)
	u.buf.WriteString("\nendobj\n")
}

// value writes a parsed object as a new version of ref.
func (u *update) value(ref types.IndirectRef, o types.Object) error {
	body, err := serialize(o)
	if err != nil {
		return fmt.Errorf("writing object %d: %w", ref.ObjectNumber, err)
	}
	u.object(ref, body)
	return nil
}

// stream writes a stream object, Flate-compressed when compress is set;
// dict holds the entries besides /Length and /Filter.
func (u *update) stream(ref types.IndirectRef, dict string, data []byte, compress bool) {
	if compress {
		var z bytes.Buffer
		w, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
		w.Write(data)
		w.Close()
		data = z.Bytes()
		dict += " /Filter /FlateDecode"
	}
	u.object(ref, fmt.Appendf(nil, "<<%s /Length %d>>\nstream\n%s\nendstream", dict, len(data), data))
}

// finish writes the cross-reference section and the trailer and returns
// the whole file.
func (u *update) finish() []byte {
	tr := ""
	for _, k := range []string{"Root", "Info", "ID"} {
		if v, ok := u.trailer[k]; ok {
			b, err := serialize(v)
			if err == nil {
				tr += " /" + k + " " + string(b)
			}
		}
	}
	if u.xrefStream {
		u.finishStream(tr)
	} else {
		u.finishTable(tr)
	}
	out := make([]byte, 0, len(u.base)+u.buf.Len())
	out = append(out, u.base...)
	return append(out, u.buf.Bytes()...)
}

func (u *update) sortedNumbers() []int {
	nums := make([]int, 0, len(u.offsets))
	for n := range u.offsets {
		nums = append(nums, n)
	}
	sort.Ints(nums)
	return nums
}

// subsections groups sorted numbers into runs of consecutive numbers.
func subsections(nums []int) [][]int {
	var out [][]int
	for _, n := range nums {
		if k := len(out) - 1; k >= 0 && out[k][len(out[k])-1]+1 == n {
			out[k] = append(out[k], n)
			continue
		}
		out = append(out, []int{n})
	}
	return out
}

func (u *update) finishTable(tr string) {
	at := u.offset()
	u.buf.WriteString("xref\n")
	for _, run := range subsections(u.sortedNumbers()) {
		fmt.Fprintf(&u.buf, "%d %d\n", run[0], len(run))
		for _, n := range run {
			fmt.Fprintf(&u.buf, "%010d %05d n\r\n", u.offsets[n], u.gens[n])
		}
	}
	fmt.Fprintf(&u.buf, "trailer\n<</Size %d%s /Prev %d>>\nstartxref\n%d\n%%%%EOF\n", u.next, tr, u.prev, at)
}

func (u *update) finishStream(tr string) {
	self := u.alloc()
	at := u.offset()
	u.offsets[int(self.ObjectNumber)] = at
	var data bytes.Buffer
	index := ""
	for _, run := range subsections(u.sortedNumbers()) {
		index += fmt.Sprintf(" %d %d", run[0], len(run))
		for _, n := range run {
			data.WriteByte(1)
			binary.Write(&data, binary.BigEndian, uint32(u.offsets[n]))
			binary.Write(&data, binary.BigEndian, uint16(u.gens[n]))
		}
	}
	dict := fmt.Sprintf("/Type /XRef /Size %d /W [1 4 2] /Index [%s] /Prev %d%s", u.next, index[1:], u.prev, tr)
	u.stream(self, dict, data.Bytes(), true)
	fmt.Fprintf(&u.buf, "startxref\n%d\n%%%%EOF\n", at)
}
