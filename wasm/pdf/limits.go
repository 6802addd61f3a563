package pdf

// Limits on every size that the input controls. A file that exceeds one is
// rejected (Open) or the operation fails with an error wrapping ErrLimit;
// nothing is truncated silently. Each limit has its own test in
// limits_test.go.
const (
	// MaxFileSize is the largest file Open accepts. The browser holds the
	// whole file in memory, so this also bounds what we ask of it.
	MaxFileSize = 1 << 30

	// MaxRevisions bounds the number of incremental updates (revisions) in
	// the /Prev chain. Real documents with many signatures have a few
	// dozen.
	MaxRevisions = 1000

	// MaxXRefEntries bounds the total number of cross-reference entries
	// over all sections of the file (each costs memory).
	MaxXRefEntries = 1 << 22

	// MaxObjectNumber is the highest object number accepted in an xref
	// section, an object stream or a reference: the implementation limit
	// of ISO 32000-1 Annex C (8,388,607 indirect objects).
	MaxObjectNumber = 8_388_607

	// MaxNestingDepth bounds how deeply arrays and dictionaries may nest
	// inside one object, and how long a chain of references may be.
	MaxNestingDepth = 64

	// MaxStreamSize bounds the decoded size of one stream (after all
	// filters), and of each intermediate filter stage.
	MaxStreamSize = 128 << 20

	// MaxPageTreeDepth bounds the depth of the /Pages tree.
	MaxPageTreeDepth = 64

	// MaxPages bounds the number of leaves (pages) collected from the page
	// tree.
	MaxPages = 1 << 20

	// MaxFieldsVisited bounds the number of AcroForm field nodes visited
	// when collecting signatures, and MaxFieldDepth the depth of the field
	// tree.
	MaxFieldsVisited = 100_000
	MaxFieldDepth    = 64

	// MaxObjectStreamObjects bounds /N of one object stream.
	MaxObjectStreamObjects = 1 << 20

	// MaxProblems bounds the problems recorded for one revision; further
	// ones are summarised in a final line.
	MaxProblems = 200
)

// objectStreamCacheBytes is how many decoded object-stream bytes we keep
// around; object streams are decoded lazily and reused across lookups.
const objectStreamCacheBytes = 64 << 20
