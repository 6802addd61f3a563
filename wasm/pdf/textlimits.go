package pdf

// Limits of the content-stream interpreter (content.go, interp.go) and
// the font and CMap readers, on top of those in limits.go. A page or
// CMap that exceeds one fails with an error wrapping ErrLimit. Each has
// its own test in textlimits_test.go.
const (
	// MaxContentOperators bounds the operators interpreted for one page
	// (or one appearance), summed over its content streams and over every
	// drawing of a form XObject: a small form drawn many times must not
	// cost unbounded time.
	MaxContentOperators = 4_000_000

	// MaxContentBytes bounds the decoded content bytes tokenized for one
	// page, counting a form XObject each time it is drawn (a form of
	// nothing but white space has no operators but costs time).
	MaxContentBytes = 512 << 20

	// MaxOperands bounds the operands of one operator, counting the
	// elements of array operands (a TJ array is one operand).
	MaxOperands = 1 << 17

	// MaxGraphicsStateDepth bounds the nesting of q/Q. Acrobat's own
	// limit is 28 (ISO 32000-1 Annex C); real producers stay well below
	// this.
	MaxGraphicsStateDepth = 256

	// MaxFormDepth bounds the nesting of form XObjects (Do inside a form
	// drawn by Do). A form that draws itself is an error at any depth.
	MaxFormDepth = 16

	// MaxTextRuns bounds the text runs (shown strings) of one page.
	MaxTextRuns = 200_000

	// MaxGlyphs bounds the glyphs of one page, over all its runs. Each
	// costs about 80 bytes; a dense real page has some tens of thousands.
	MaxGlyphs = 500_000

	// MaxPaintBoxes bounds the painted boxes (text, paths, images) of
	// one page.
	MaxPaintBoxes = 200_000

	// MaxCMapEntries bounds the entries of one CMap (code space ranges,
	// bfchar, bfrange, cidchar, cidrange) and of one CIDFont /W array.
	MaxCMapEntries = 100_000

	// MaxFonts bounds the distinct fonts loaded for one page.
	MaxFonts = 1000
)
