package pdf

import (
	"sort"
	"unicode/utf16"
)

// CMaps (ISO 32000-2 9.7.5, 9.10.3; Adobe Technical Note 5014): the
// code space ranges that split a string into codes of one to four bytes,
// and the mappings from codes to Unicode (ToUnicode: bfchar, bfrange)
// or to CIDs (embedded encoding CMaps: cidchar, cidrange). Ranges are
// kept as ranges, not expanded, so a CMap costs memory in proportion to
// its entries, which MaxCMapEntries bounds.

type codeSpace struct {
	n      int
	lo, hi [4]byte
}

// cmapKey is a code and its byte length: <0041> and <41> differ.
type cmapKey uint64

func keyOf(code uint32, n int) cmapKey { return cmapKey(uint64(n)<<32 | uint64(code)) }

type cmapRange struct {
	lo, hi cmapKey
	dst    []uint16   // bfrange: UTF-16 of lo's text; the last unit counts up
	arr    [][]uint16 // bfrange with an array of destinations
	cid    uint32     // cidrange: CID of lo
}

type cmap struct {
	spaces   []codeSpace
	chars    map[cmapKey]string
	cids     map[cmapKey]uint32
	ranges   []cmapRange // bfrange, sorted by lo
	cranges  []cmapRange // cidrange, sorted by lo
	vertical bool        // /WMode 1
	entries  int
}

// parseCMap reads a CMap stream. It is tolerant the way viewers are: it
// skips what it does not understand (PostScript around the sections,
// usecmap) and stops at the first token it cannot read, keeping what it
// has. Exceeding MaxCMapEntries is an error.
func parseCMap(b []byte) (*cmap, error) {
	return parseCMapLimit(b, MaxCMapEntries)
}

func parseCMapLimit(b []byte, limit int) (*cmap, error) {
	cm := &cmap{chars: map[cmapKey]string{}, cids: map[cmapKey]uint32{}}
	lx := newLexer(b, 0)
	var prev []token // the last two tokens, for "/WMode 1 def"
	add := func() error {
		if cm.entries++; cm.entries > limit {
			return limitErrorf("CMap with more than MaxCMapEntries (%d) entries", limit)
		}
		return nil
	}
	// section reads groups of k values up to the end keyword.
	section := func(end string, k int, fn func(v []token) error) error {
		var v []token
		for {
			t, err := lx.next()
			if err != nil || t.kind == tokEOF {
				return nil
			}
			if lx.isKeyword(t, end) {
				return nil
			}
			if t.kind == tokArrayOpen {
				// An array of destinations: keep its open token and
				// collect its elements as one value, flattened below.
				arr := []token{t}
				for {
					e, err := lx.next()
					if err != nil || e.kind == tokEOF {
						return nil
					}
					if e.kind == tokArrayClose {
						break
					}
					if arr = append(arr, e); len(arr) > limit {
						return limitErrorf("CMap with more than MaxCMapEntries (%d) entries", limit)
					}
				}
				v = append(v, arr...)
				v = append(v, token{kind: tokArrayClose})
			} else {
				v = append(v, t)
			}
			if groups := countValues(v); groups == k {
				if err := add(); err != nil {
					return err
				}
				if err := fn(v); err != nil {
					return err
				}
				v = v[:0]
			}
		}
	}
	for {
		t, err := lx.next()
		if err != nil || t.kind == tokEOF {
			break
		}
		var serr error
		switch {
		case lx.isKeyword(t, "begincodespacerange"):
			serr = section("endcodespacerange", 2, func(v []token) error {
				lo, hi := hexBytes(lx, v[0]), hexBytes(lx, v[1])
				if len(lo) >= 1 && len(lo) <= 4 && len(lo) == len(hi) {
					cs := codeSpace{n: len(lo)}
					copy(cs.lo[:], lo)
					copy(cs.hi[:], hi)
					cm.spaces = append(cm.spaces, cs)
				}
				return nil
			})
		case lx.isKeyword(t, "beginbfchar"):
			serr = section("endbfchar", 2, func(v []token) error {
				if k, ok := codeKey(hexBytes(lx, v[0])); ok {
					if v[1].kind == tokName {
						if s, ok := glyphText(nameValue(lx.text(v[1]))); ok {
							cm.chars[k] = s
						}
					} else if dst := hexBytes(lx, v[1]); dst != nil {
						cm.chars[k] = string(utf16.Decode(utf16Units(dst)))
					}
				}
				return nil
			})
		case lx.isKeyword(t, "beginbfrange"):
			serr = section("endbfrange", 3, func(v []token) error {
				lo, ok1 := codeKey(hexBytes(lx, v[0]))
				hi, ok2 := codeKey(hexBytes(lx, v[1]))
				if !ok1 || !ok2 || hi < lo || hi>>32 != lo>>32 {
					return nil
				}
				r := cmapRange{lo: lo, hi: hi}
				if v[2].kind == tokArrayOpen {
					for _, e := range v[3 : len(v)-1] {
						r.arr = append(r.arr, utf16Units(hexBytes(lx, e)))
					}
				} else {
					r.dst = utf16Units(hexBytes(lx, v[2]))
				}
				cm.ranges = append(cm.ranges, r)
				return nil
			})
		case lx.isKeyword(t, "begincidchar"):
			serr = section("endcidchar", 2, func(v []token) error {
				if k, ok := codeKey(hexBytes(lx, v[0])); ok && v[1].kind == tokInt && v[1].n >= 0 && v[1].n <= 0xFFFF {
					cm.cids[k] = uint32(v[1].n)
				}
				return nil
			})
		case lx.isKeyword(t, "begincidrange"):
			serr = section("endcidrange", 3, func(v []token) error {
				lo, ok1 := codeKey(hexBytes(lx, v[0]))
				hi, ok2 := codeKey(hexBytes(lx, v[1]))
				if ok1 && ok2 && hi >= lo && hi>>32 == lo>>32 && v[2].kind == tokInt && v[2].n >= 0 && v[2].n <= 0xFFFF {
					cm.cranges = append(cm.cranges, cmapRange{lo: lo, hi: hi, cid: uint32(v[2].n)})
				}
				return nil
			})
		case lx.isKeyword(t, "def") && len(prev) == 2 && prev[0].kind == tokName &&
			nameValue(lx.text(prev[0])) == "WMode" && prev[1].kind == tokInt:
			cm.vertical = prev[1].n == 1
		}
		if serr != nil {
			return nil, serr
		}
		prev = append(prev, t)
		if len(prev) > 2 {
			prev = prev[1:]
		}
	}
	sortRanges(cm.ranges)
	sortRanges(cm.cranges)
	return cm, nil
}

// countValues counts complete values in v: an array (open ... close) is
// one.
func countValues(v []token) int {
	n, inArr := 0, false
	for _, t := range v {
		switch {
		case t.kind == tokArrayOpen:
			inArr = true
		case t.kind == tokArrayClose:
			inArr = false
			n++
		case !inArr:
			n++
		}
	}
	return n
}

func sortRanges(r []cmapRange) {
	sort.SliceStable(r, func(i, j int) bool { return r[i].lo < r[j].lo })
}

// hexBytes returns the bytes of a hex string token, nil for another
// token.
func hexBytes(lx *lexer, t token) []byte {
	if t.kind != tokHex {
		return nil
	}
	return decodeHex(hexDigits(lx.text(t)))
}

func codeKey(b []byte) (cmapKey, bool) {
	if len(b) < 1 || len(b) > 4 {
		return 0, false
	}
	var c uint32
	for _, x := range b {
		c = c<<8 | uint32(x)
	}
	return keyOf(c, len(b)), true
}

func utf16Units(b []byte) []uint16 {
	u := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
	}
	return u
}

// findRange returns the range holding k, or nil.
func findRange(rs []cmapRange, k cmapKey) *cmapRange {
	i := sort.Search(len(rs), func(i int) bool { return rs[i].lo > k }) - 1
	if i >= 0 && k <= rs[i].hi {
		return &rs[i]
	}
	return nil
}

// unicode maps a code to text through bfchar and bfrange entries.
func (cm *cmap) unicode(code uint32, n int) (string, bool) {
	k := keyOf(code, n)
	if s, ok := cm.chars[k]; ok {
		return s, true
	}
	r := findRange(cm.ranges, k)
	if r == nil {
		return "", false
	}
	off := int(k - r.lo)
	if r.arr != nil {
		if off >= len(r.arr) {
			return "", false
		}
		return string(utf16.Decode(r.arr[off])), true
	}
	if len(r.dst) == 0 {
		return "", false
	}
	u := append([]uint16(nil), r.dst...)
	u[len(u)-1] += uint16(off)
	return string(utf16.Decode(u)), true
}

// cid maps a code to a CID through cidchar and cidrange entries.
func (cm *cmap) cid(code uint32, n int) (uint32, bool) {
	k := keyOf(code, n)
	if c, ok := cm.cids[k]; ok {
		return c, true
	}
	if r := findRange(cm.cranges, k); r != nil {
		return r.cid + uint32(k-r.lo), true
	}
	return 0, false
}

// nextCode splits the code at the start of b by the code space ranges
// (ISO 32000-2 9.7.6.2): the shortest range that matches all its bytes;
// failing that, as many bytes as the shortest range whose first byte
// matches, or one byte. ok is false when b is empty.
func (cm *cmap) nextCode(b []byte) (code uint32, n int, ok bool) {
	if len(b) == 0 {
		return 0, 0, false
	}
	partial := 0
	for k := 1; k <= 4 && k <= len(b); k++ {
		for _, cs := range cm.spaces {
			if cs.n != k {
				continue
			}
			match := true
			for i := 0; i < k; i++ {
				if b[i] < cs.lo[i] || b[i] > cs.hi[i] {
					match = false
					break
				}
			}
			if match {
				return bytesCode(b[:k]), k, true
			}
			if partial == 0 && b[0] >= cs.lo[0] && b[0] <= cs.hi[0] {
				partial = k
			}
		}
	}
	n = 1
	if partial > 0 {
		n = partial
	} else if len(cm.spaces) > 0 {
		n = cm.spaces[0].n
	}
	n = min(n, len(b))
	return bytesCode(b[:n]), n, true
}

func bytesCode(b []byte) uint32 {
	var c uint32
	for _, x := range b {
		c = c<<8 | uint32(x)
	}
	return c
}
