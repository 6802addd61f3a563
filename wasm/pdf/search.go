package pdf

import (
	"bytes"
	"sync"
)

// forwardSearch finds the first occurrence of a keyword at or after an
// offset, remembering the last answer. The places that search forward
// (a stream whose /Length is wrong, an xref section not followed by its
// startxref) can be many in a hostile file; with the memo, queries that
// move forward or backward through the file cost the bytes between them,
// not the rest of the file each time.
type forwardSearch struct {
	kw []byte

	mu          sync.Mutex
	valid       bool
	from, found int // the first kw at or after from is at found; -1: none
}

func newForwardSearch(kw string) *forwardSearch { return &forwardSearch{kw: []byte(kw)} }

func (m *forwardSearch) find(b []byte, from int) int {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.valid {
		switch {
		case from >= m.from && (m.found < 0 || from <= m.found):
			return m.found
		case from < m.from:
			// Only the stretch before the remembered start is new.
			end := min(len(b), m.from+len(m.kw)-1)
			if i := bytes.Index(b[from:end], m.kw); i >= 0 {
				m.from, m.found = from, from+i
				return m.found
			}
			m.from = from
			return m.found
		}
	}
	i := bytes.Index(b[from:], m.kw)
	if i >= 0 {
		i += from
	}
	m.from, m.found, m.valid = from, i, true
	return i
}
