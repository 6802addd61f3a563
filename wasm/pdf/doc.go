// Package pdf reads a PDF as the sequence of revisions a signature
// verifier needs, strictly, and finds its signatures.
//
// Call Open (or OpenWithOptions for a password), then Revisions for the
// incremental updates, oldest first, and Signatures(last) for every
// signature value reached from the AcroForm fields. Each Signature says
// which revision it signs (SignedRevision) and whether its ByteRange and
// /Contents pass the strict layout check (ByteRangeProblem): the range
// must cover the whole revision except exactly the /Contents hex string
// of the signature dictionary as that revision defines it. Object,
// Resolve and Stream read any object as a given revision sees it, for
// the object-level comparison of revisions.
//
// The package never repairs a file. It follows startxref and /Prev
// (and /XRefStm) itself, records every deviation from a well-formed
// structure in Revision.Problems, and leaves bytes that no revision
// accounts for in Trailing. The few places where it keeps reading past a
// defect (a /Prev that leads nowhere, a startxref that misses its xref
// table by some bytes) are recorded as problems too.
//
// pdfcpu supplies the object model (types) and the stream filters; the
// tokenizer, the object parser, the cross-reference reader and the
// Standard security handler are this package's own, because the checks
// depend on exact byte offsets and on one strict reading of the bytes.
// Every size the input controls is bounded (limits.go). Nothing here
// panics on any input; a panic in a dependency becomes an error.
//
// PageContent, AnnotationContent and Lines extract text with positions
// and the areas that content paints, in default user space (content.go,
// interp.go, fonts.go, cmap.go, textextract.go, lines.go); their limits
// are in textlimits.go.
//
// The package does no I/O: it works on the bytes it is given, without
// copying them. Object streams are decoded on demand and cached within a
// bound; other streams are decoded only when Stream is called.
package pdf
