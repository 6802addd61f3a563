package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"sync"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// ErrNotPDF means the data has no usable cross-reference section at all
// (no startxref that leads to one). Open wraps it with the detail. A file
// whose "%PDF-" header is damaged but whose xref chain reads is opened,
// with the missing header as a problem of revision 0: its signatures can
// still be checked, and fail on their own terms.
var ErrNotPDF = errors.New("not a PDF file")

// ErrLimit means the input exceeds one of the limits in limits.go.
var ErrLimit = errors.New("limit exceeded")

// ErrEncrypted means encrypted content was needed but cannot be decrypted
// (unsupported security handler, or a wrong or missing password).
var ErrEncrypted = errors.New("cannot decrypt")

func limitErrorf(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrLimit}, args...)...)
}

// Options tune Open. The zero value is what a verifier wants.
type Options struct {
	// Password is tried as the user password of a file encrypted with
	// the Standard security handler. Most encrypted signed files open
	// with the empty password.
	Password string
}

// File is a PDF read as a sequence of revisions. It keeps a reference to
// the caller's bytes, which must not change while the File is in use.
// A File is safe for concurrent use.
type File struct {
	data     []byte
	revs     []Revision
	rd       []revData
	index    []xrefEntry // all entries by object number, then revision
	trailEnd int         // End of the last revision

	sec        *security // nil when not encrypted or not decryptable
	secErr     error     // why an encrypted file cannot be decrypted
	encrypted  bool
	encryptNum int // object number of the /Encrypt dictionary, never decrypted

	mu           sync.Mutex
	objStms      map[objStmKey]*objStm
	objStmBytes  int
	streamOwners map[int64]objID // stream data offset -> object, for decryption
	// Forward keyword searches, memoized (search.go).
	endstream, startxref, eof *forwardSearch
	// pageTrees memoizes pages per revision: text extraction asks for
	// the tree once per page, which would walk it n times.
	pageTrees map[int]pageWalk
}

// pageWalk is the outcome of one page-tree walk.
type pageWalk struct {
	pages []types.IndirectRef
	err   error
}

// objID names an indirect object.
type objID struct{ num, gen int }

// revData is what we keep per revision besides the exported Revision.
type revData struct {
	start    int         // End of the previous revision; 0 for the first
	entries  []xrefEntry // own entries, sorted by object number, unique
	sections []*section  // head first
}

// Open reads data as a PDF. It finds every revision through the xref
// chain, strictly, and records what is wrong with each in
// Revision.Problems rather than repairing it. Objects are parsed lazily.
// Open never panics; it returns an error wrapping ErrNotPDF when there is
// no usable cross-reference section, and ErrLimit when a limit is
// exceeded.
func Open(data []byte) (*File, error) { return OpenWithOptions(data, Options{}) }

// OpenWithOptions is Open with options (a password for encrypted files).
func OpenWithOptions(data []byte, opts Options) (f *File, err error) {
	defer recoverError(&err)
	if len(data) > MaxFileSize {
		return nil, limitErrorf("file of %d bytes exceeds MaxFileSize (%d)", len(data), MaxFileSize)
	}
	header := bytes.Index(data[:min(len(data), 1024)], []byte("%PDF-"))
	f = newFile(data)
	if err := f.discover(); err != nil {
		if header < 0 {
			return nil, fmt.Errorf("%w: no %%PDF- header", ErrNotPDF)
		}
		return nil, err
	}
	// A damaged header does not hide a readable xref chain (the
	// signature over such a file is still checked); it is a problem.
	switch {
	case header < 0:
		addProblem(&f.revs[0].Problems, "no %%PDF- header in the first 1024 bytes")
	case header > 0:
		addProblem(&f.revs[0].Problems, "the %%PDF- header is at offset %d, not 0", header)
	}
	f.setupSecurity(opts.Password)
	return f, nil
}

// catchPanics is switched off by the fuzz tests, so that a panic shows
// up with its stack instead of as an error.
var catchPanics = true

// newFile returns a File over data with its caches, before discovery.
func newFile(data []byte) *File {
	return &File{
		data:         data,
		objStms:      map[objStmKey]*objStm{},
		streamOwners: map[int64]objID{},
		encryptNum:   -1,
		endstream:    newForwardSearch("endstream"),
		startxref:    newForwardSearch("startxref"),
		eof:          newForwardSearch("%%EOF"),
	}
}

// recoverError turns a panic into an error. It is the last line of
// defence at the package boundary (pdfcpu's filters run on hostile
// bytes); the code is written so that it never fires.
func recoverError(err *error) {
	if !catchPanics {
		return
	}
	if r := recover(); r != nil {
		*err = fmt.Errorf("pdf: internal error: %v", r)
	}
}

// Size is the length of the file in bytes.
func (f *File) Size() int64 { return int64(len(f.data)) }

// Revisions returns the revisions, oldest first. The slice is a copy;
// the trailers are shared and must not be modified.
func (f *File) Revisions() []Revision {
	out := make([]Revision, len(f.revs))
	copy(out, f.revs)
	return out
}

// Trailing returns the bytes after the End of the last revision. In a
// well-formed file they are empty or white space; anything else is data
// that no revision accounts for (an incremental update without xref, or
// garbage). The slice aliases the file's bytes.
func (f *File) Trailing() []byte { return f.data[f.trailEnd:len(f.data):len(f.data)] }

// Encrypted reports whether the file has an /Encrypt dictionary.
func (f *File) Encrypted() bool { return f.encrypted }

// DecryptionError says why an encrypted file's strings and streams cannot
// be decrypted (unsupported handler, wrong password), or nil when they
// can or the file is not encrypted. The revision structure, and the
// signature dictionaries' /Contents and /ByteRange, are available either
// way.
func (f *File) DecryptionError() error {
	if f.encrypted && f.sec == nil {
		return f.secErr
	}
	return nil
}

// checkRev validates a revision index.
func (f *File) checkRev(rev int) error {
	if rev < 0 || rev >= len(f.revs) {
		return fmt.Errorf("pdf: no revision %d (file has %d)", rev, len(f.revs))
	}
	return nil
}

// Trailer dictionaries are shared between revisions and callers; this
// helper keeps the type assertion in one place.
func dictValue(o types.Object) (types.Dict, bool) {
	switch d := o.(type) {
	case types.Dict:
		return d, true
	case types.StreamDict:
		return d.Dict, true
	}
	return nil, false
}
