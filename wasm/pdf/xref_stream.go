package pdf

import (
	"fmt"
	"sort"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// readXRefStream parses a cross-reference stream object at off
// (ISO 32000 7.5.8). Its dictionary is the section's trailer. The stream
// is never encrypted, and its /Length must be direct, because the xref
// that would resolve a reference is the one being read.
func (f *File) readXRefStream(off int, s *section) error {
	obj, err := f.readIndirect(off, -1)
	if err != nil {
		return fmt.Errorf("xref stream at %d: %w", off, err)
	}
	if !allWhite(f.data[off:obj.hdr]) {
		addProblem(&s.problems, "xref stream offset %d does not point at its header", off)
	}
	if !obj.stream {
		return fmt.Errorf("object at %d is neither an xref table nor an xref stream", off)
	}
	d := obj.dict()
	if t, _ := d["Type"].(types.Name); t != "XRef" {
		return fmt.Errorf("stream at %d is not /Type /XRef", off)
	}
	if obj.lengthRepaired {
		addProblem(&s.problems, "xref stream at %d: /Length does not match the stream data", off)
	}
	s.stream = true
	s.at = obj.hdr
	s.trailer = d
	s.end = obj.end

	size, ok := d["Size"].(types.Integer)
	if !ok || size < 0 || size > MaxObjectNumber+1 {
		return fmt.Errorf("xref stream at %d: invalid /Size", off)
	}
	w, err := xrefWidths(d)
	if err != nil {
		return fmt.Errorf("xref stream at %d: %w", off, err)
	}
	index, err := xrefIndex(d, int(size))
	if err != nil {
		return fmt.Errorf("xref stream at %d: %w", off, err)
	}
	total := 0
	for i := 1; i < len(index); i += 2 {
		total += index[i]
		if total > MaxXRefEntries {
			return limitErrorf("xref stream at %d has more than MaxXRefEntries (%d) entries", off, MaxXRefEntries)
		}
	}
	data, err := f.decode(obj.raw(f.data), d, -1)
	if err != nil {
		return fmt.Errorf("xref stream at %d: %w", off, err)
	}
	row := w[0] + w[1] + w[2]
	if row == 0 || len(data) < total*row {
		return fmt.Errorf("xref stream at %d: %d bytes of data for %d entries of %d bytes", off, len(data), total, row)
	}
	if len(data) > total*row {
		addProblem(&s.problems, "xref stream at %d has %d bytes after its entries", off, len(data)-total*row)
	}
	seen := map[int32]bool{}
	s.entries = make([]xrefEntry, 0, total)
	p := 0
	for i := 0; i < len(index); i += 2 {
		for j := 0; j < index[i+1]; j++ {
			num := int32(index[i] + j)
			e, ok := xrefStreamEntry(data[p:p+row], w)
			p += row
			if !ok {
				// Unknown types are references to null (7.5.8.3); invalid
				// fields of types 1 and 2 are a problem.
				if t := data[p-row : p-row+w[0]]; w[0] == 0 || (len(t) > 0 && xrefField(t) <= 2) {
					addProblem(&s.problems, "object %d has an invalid entry in the xref stream at %d", num, off)
				}
				continue
			}
			e.num = num
			if seen[num] {
				addProblem(&s.problems, "object %d appears twice in the xref stream at %d", num, off)
				continue
			}
			seen[num] = true
			s.entries = append(s.entries, e)
		}
	}
	sort.SliceStable(s.entries, func(i, j int) bool { return s.entries[i].num < s.entries[j].num })
	checkObjectZero(s)
	return nil
}

// xrefWidths reads /W: three field widths. Offsets need at most 8 bytes.
func xrefWidths(d types.Dict) ([3]int, error) {
	var w [3]int
	a, ok := d["W"].(types.Array)
	if !ok || len(a) != 3 {
		return w, fmt.Errorf("/W is not an array of three integers")
	}
	for i, v := range a {
		n, ok := v.(types.Integer)
		if !ok || n < 0 || n > 8 {
			return w, fmt.Errorf("/W has an invalid width %v", v)
		}
		w[i] = int(n)
	}
	return w, nil
}

// xrefIndex reads /Index (pairs of first object and count), by default
// [0 Size].
func xrefIndex(d types.Dict, size int) ([]int, error) {
	v, ok := d["Index"]
	if !ok {
		return []int{0, size}, nil
	}
	a, ok := v.(types.Array)
	if !ok || len(a)%2 != 0 {
		return nil, fmt.Errorf("/Index is not an array of pairs")
	}
	out := make([]int, len(a))
	for i, v := range a {
		n, ok := v.(types.Integer)
		if !ok || n < 0 || n > MaxObjectNumber+1 {
			return nil, fmt.Errorf("/Index has an invalid value %v", v)
		}
		out[i] = int(n)
	}
	for i := 0; i < len(out); i += 2 {
		if out[i]+out[i+1]-1 > MaxObjectNumber {
			return nil, limitErrorf("/Index subsection %d+%d exceeds MaxObjectNumber (%d)", out[i], out[i+1], MaxObjectNumber)
		}
	}
	return out, nil
}

// xrefField reads a big-endian field of an xref stream row.
func xrefField(b []byte) int64 {
	var n int64
	for _, c := range b {
		n = n<<8 | int64(c)
	}
	return n
}

// xrefStreamEntry decodes one row. A zero-width type field means type 1.
func xrefStreamEntry(row []byte, w [3]int) (xrefEntry, bool) {
	field := xrefField
	typ := int64(1)
	if w[0] > 0 {
		typ = field(row[:w[0]])
	}
	f2 := field(row[w[0] : w[0]+w[1]])
	f3 := field(row[w[0]+w[1]:])
	switch typ {
	case 0:
		return xrefEntry{typ: entryFree, off: f2, gen: uint32(min(max(f3, 0), 65535))}, true
	case 1:
		if f2 < 0 || f3 < 0 || f3 > 65535 {
			return xrefEntry{}, false
		}
		return xrefEntry{typ: entryInUse, off: f2, gen: uint32(f3)}, true
	case 2:
		if f2 < 0 || f2 > MaxObjectNumber || f3 < 0 || f3 >= MaxObjectStreamObjects {
			return xrefEntry{}, false
		}
		return xrefEntry{typ: entryCompressed, off: f2, gen: uint32(f3)}, true
	}
	return xrefEntry{}, false
}
