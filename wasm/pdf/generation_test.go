package pdf

import (
	"fmt"
	"testing"
)

// An update that restates an object in use under a new generation leaves
// every "N 0 R" dangling (poppler and pdf.js read null) while the object's
// value stays the same: shadow hide without a visible change to any
// object. It must be a problem of that update; freeing a number and
// reusing it later is not.
func TestGenerationChangeWhileInUse(t *testing.T) {
	b := newBuilder()
	onePage(b)
	b.xref("/Root 1 0 R")
	base := b.bytes()
	prev := b.prev
	at := len(base)
	data := fmt.Appendf(base, "5 1 obj\n<< /Title (One) >>\nendobj\n")
	xref := len(data)
	data = fmt.Appendf(data, "xref\n5 1\n%010d 00001 n\r\ntrailer\n<< /Size 6 /Root 1 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n", at, prev, xref)
	f := mustOpen(t, data)
	if r := f.Revisions()[1]; !containsProblem(r, "changes generation from 0 to 1") {
		t.Errorf("problems %q", r.Problems)
	}

	// Freed in one update, reused under generation 1 in the next.
	free := fmt.Appendf(base, "xref\n5 1\n0000000000 00001 f\r\ntrailer\n<< /Size 6 /Root 1 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n", prev, len(base))
	at = len(free)
	reuse := fmt.Appendf(free, "5 1 obj\n<< /Title (Two) >>\nendobj\n")
	xref = len(reuse)
	reuse = fmt.Appendf(reuse, "xref\n5 1\n%010d 00001 n\r\ntrailer\n<< /Size 6 /Root 1 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n", at, len(base), xref)
	f = mustOpen(t, reuse)
	for _, r := range f.Revisions() {
		if containsProblem(r, "changes generation") {
			t.Errorf("revision %d: %q", r.Index, r.Problems)
		}
	}
}
