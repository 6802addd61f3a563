package sign

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/x509"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
	"github.com/verso-pdf/verso/wasm/cms"
	"github.com/verso-pdf/verso/wasm/pdf"
)

// Mark is a place for a signer's mark "Signature: see last page (A)".
type Mark struct {
	// Page is the 1-based page number.
	Page int
	// X and Y place the mark's lower-left corner, in points from the
	// lower-left corner of the page's MediaBox, in the page's unrotated
	// coordinates.
	X, Y float64
}

// Options tune Prepare. The zero value signs now with SHA-256, makes room
// for one signatures page, and reserves space for a chain and a timestamp.
type Options struct {
	// Time is the signing time written in /M and in the entry; zero means
	// now. It is the signer's claim: a timestamp (B-T) proves a time.
	Time time.Time
	// Hash is the digest algorithm of the ByteRange; zero means SHA-256.
	// The signature algorithm given to Finish must use the same.
	Hash cms.Hash
	// Signers is how many signers the first signer makes room for: the
	// number of signatures pages is Signers / EntriesPerPage rounded up,
	// at most MaxSignaturePages. Later signers cannot add pages. Zero
	// means one page.
	Signers int
	// ChainReserve is room, in bytes, for the certificates Finish adds
	// besides the signer's; zero means DefaultChainReserve.
	ChainReserve int
	// TimestampReserve is room, in bytes, for a signature timestamp
	// token; zero means DefaultTimestampReserve, negative none (B-B).
	TimestampReserve int
}

// Reserves for the CMS placeholder.
const (
	DefaultChainReserve     = 4096 // two intermediate certificates
	DefaultTimestampReserve = 8192 // a token with its TSA chain
	maxReserve              = 65536
	cmsOverhead             = 1500 // structure, algorithms, signed attributes
)

// Prepared is a document ready for its signature value: the prepared PDF
// with an empty /Contents, and the signed attributes to be signed.
type Prepared struct {
	// PDF is the prepared document; Finish fills its placeholder.
	PDF []byte
	// SignedAttributes is the DER SET OF signed attributes (content type,
	// message digest, signing-certificate-v2): what the signer signs.
	SignedAttributes []byte
	// Hash and Digest are the algorithm and value of the ByteRange digest.
	Hash   cms.Hash
	Digest []byte
	// Letter is this signature's reference ("A", "B", …); empty for an
	// invisible signature (see Prepare).
	Letter string
	// Field is the name of the signature field.
	Field string
	// Time is the signing time written in the document.
	Time time.Time
	// Certificate is the signer's certificate.
	Certificate *x509.Certificate

	contentsAt, contentsEnd int // the hex digits of /Contents
}

// Errors a caller can act on.
var (
	ErrEncrypted        = errors.New("the PDF is encrypted; signing encrypted documents is not supported")
	ErrCertified        = errors.New("the document is certified with no changes permitted (DocMDP 1): it cannot take another signature")
	ErrPageFull         = errors.New("the signatures page is full: every entry is used, and a page can only be added before the first signature")
	ErrNoSignaturesPage = errors.New("the document was signed before without a signatures page, and adding one now would break those signatures: only an invisible signature without marks is possible")
	ErrLimit            = errors.New("limit exceeded")
)

// Prepare writes, as one incremental update of pdfBytes, everything the
// signature of cert will cover: the marks, for the first signature the
// signatures page, this signature's entry on it (the widget appearance of
// its field), the field and a signature dictionary with a /Contents
// placeholder. It returns the prepared PDF and the signed attributes over
// its ByteRange.
//
// Nothing before the end of pdfBytes changes, so earlier signatures stay
// valid, and a later signature's update only adds a signature field, its
// widgets and their appearances, which verifiers count as permitted.
//
// A document already signed without a signatures page (by another tool)
// cannot get one: a new page would change the page tree that those
// signatures cover. Prepare then makes an invisible signature and refuses
// marks (ErrNoSignaturesPage), since they would point at nothing. When all
// entries are used, Prepare fails with ErrPageFull; the first signer can
// make room with Options.Signers.
func Prepare(pdfBytes []byte, cert *x509.Certificate, marks []Mark, opts Options) (p *Prepared, err error) {
	defer func() {
		// Every input is hostile; a bug must become an error, not a crash.
		if r := recover(); r != nil {
			p, err = nil, fmt.Errorf("internal error while preparing the signature: %v", r)
		}
	}()
	switch {
	case len(pdfBytes) > MaxInputSize:
		return nil, fmt.Errorf("%w: the PDF has %d bytes, more than MaxInputSize (%d)", ErrLimit, len(pdfBytes), MaxInputSize)
	case len(marks) > MaxMarks:
		return nil, fmt.Errorf("%w: %d marks, more than MaxMarks (%d)", ErrLimit, len(marks), MaxMarks)
	case cert == nil:
		return nil, errors.New("no signer certificate")
	case opts.Signers < 0 || opts.Signers > MaxSigners:
		return nil, fmt.Errorf("%w: room for %d signers asked, at most MaxSigners (%d)", ErrLimit, opts.Signers, MaxSigners)
	case opts.ChainReserve < 0 || opts.ChainReserve > maxReserve || opts.TimestampReserve > maxReserve:
		return nil, fmt.Errorf("%w: a reserve above %d bytes", ErrLimit, maxReserve)
	}
	if opts.Hash == 0 {
		opts.Hash = cms.SHA256
	}
	if opts.Hash.CryptoHash() == 0 {
		return nil, fmt.Errorf("digest algorithm %v cannot be used for signing", opts.Hash)
	}
	if opts.Time.IsZero() {
		opts.Time = time.Now()
	}
	opts.Time = opts.Time.UTC().Truncate(time.Second)

	f, err := pdf.Open(pdfBytes)
	if err != nil {
		return nil, fmt.Errorf("reading the PDF: %w", err)
	}
	if f.Encrypted() {
		return nil, ErrEncrypted
	}
	if nonWhite(f.Trailing()) {
		return nil, errors.New("the PDF has bytes after its last %%EOF that belong to no revision; it may be truncated or damaged")
	}
	d, err := readDocument(f)
	if err != nil {
		return nil, err
	}
	b, err := plan(d, cert, marks, opts)
	if err != nil {
		return nil, err
	}
	u, err := newUpdate(pdfBytes, f)
	if err != nil {
		return nil, err
	}
	if err := b.write(u); err != nil {
		return nil, err
	}
	out := u.finish()
	return b.seal(out)
}

func nonWhite(b []byte) bool {
	return len(bytes.Trim(b, "\x00\t\n\f\r ")) > 0
}

// placement is a mark resolved to its page and rectangle.
type placement struct {
	page types.IndirectRef
	rect [4]float64
}

// builder plans and writes one signature's update.
type builder struct {
	d      *document
	cert   *x509.Certificate
	opts   Options
	letter int // -1: invisible signature
	field  string

	newPages  int // signatures pages to create (first signer)
	entryPage types.IndirectRef
	entrySlot int
	marks     []Mark
	placed    []placement

	reg, bold *textFont
	reserve   int // bytes for the CMS
	sigRef    types.IndirectRef
	sigAt     int // offset of the signature dictionary's body
	sigBody   []byte
}

func plan(d *document, cert *x509.Certificate, marks []Mark, opts Options) (*builder, error) {
	b := &builder{d: d, cert: cert, opts: opts, marks: marks, letter: d.nextLetter()}
	switch {
	case len(d.sigPages) > 0:
		if b.letter >= MaxSigners {
			return nil, fmt.Errorf("%w: the document has MaxSigners (%d) signatures", ErrPageFull, MaxSigners)
		}
		ref, slot, ok := d.slotFor(b.letter)
		if !ok {
			return nil, ErrPageFull
		}
		b.entryPage, b.entrySlot = ref, slot
	case !d.signed:
		b.newPages = max(1, (opts.Signers+EntriesPerPage-1)/EntriesPerPage)
		if b.newPages > MaxSignaturePages {
			return nil, fmt.Errorf("%w: %d signatures pages, more than MaxSignaturePages (%d)", ErrLimit, b.newPages, MaxSignaturePages)
		}
		if b.letter >= EntriesPerPage*b.newPages {
			return nil, ErrPageFull
		}
		b.entrySlot = b.letter
	default:
		if len(marks) > 0 {
			return nil, ErrNoSignaturesPage
		}
		b.letter = -1
	}
	b.field = fieldPrefix + letterName(b.letter)
	if b.letter < 0 {
		// No letter: name the field after the count of signatures.
		for n := 1; ; n++ {
			b.field = fmt.Sprintf("Signature %d", n)
			if !d.hasField(b.field) {
				break
			}
		}
	} else if d.hasField(b.field) {
		return nil, fmt.Errorf("the document already has a field named %q", b.field)
	}
	reg, bold, err := fonts()
	if err != nil {
		return nil, err
	}
	b.reg, b.bold = newTextFont("DejaVuSans", reg), newTextFont("DejaVuSans-Bold", bold)
	for i, m := range marks {
		if m.Page < 1 || m.Page > len(d.pages) {
			return nil, fmt.Errorf("mark %d: page %d does not exist (the document has %d pages)", i+1, m.Page, len(d.pages))
		}
		ref := d.pages[m.Page-1]
		if d.isSignaturesPage(ref) {
			// A mark there would cover the signed entries or their
			// explanation, which verifiers rightly report.
			return nil, fmt.Errorf("mark %d: page %d is the signatures page; marks go on the document's own pages", i+1, m.Page)
		}
		box, err := d.mediaBox(ref)
		if err != nil {
			return nil, fmt.Errorf("mark %d: page %d: %w", i+1, m.Page, err)
		}
		w := markWidth(b.reg, letterName(b.letter))
		x, y := box[0]+m.X, box[1]+m.Y
		if math.IsNaN(m.X) || math.IsNaN(m.Y) || m.X < 0 || m.Y < 0 || x+w > box[2] || y+markHeight > box[3] {
			return nil, fmt.Errorf("mark %d does not fit on page %d at (%.0f, %.0f): the page is %.0f × %.0f points and the mark %.0f × %d",
				i+1, m.Page, m.X, m.Y, box[2]-box[0], box[3]-box[1], w, markHeight)
		}
		b.placed = append(b.placed, placement{page: ref, rect: [4]float64{x, y, x + w, y + markHeight}})
	}
	b.reserve = cmsOverhead + len(cert.Raw) + signatureSize(cert) + opts.ChainReserve
	if opts.ChainReserve == 0 {
		b.reserve += DefaultChainReserve
	}
	switch {
	case opts.TimestampReserve == 0:
		b.reserve += DefaultTimestampReserve
	case opts.TimestampReserve > 0:
		b.reserve += opts.TimestampReserve
	}
	return b, nil
}

// hasField reports whether a top-level form field is named name.
func (d *document) hasField(name string) bool {
	form, _ := d.dict(d.catalog["AcroForm"])
	fields, _ := d.array(form["Fields"])
	for _, fr := range fields {
		if fd, err := d.dict(fr); err == nil && fd != nil && stringValue(fd["T"]) == name {
			return true
		}
	}
	return false
}

// letterName is "A" for 0, "B" for 1, …
func letterName(l int) string {
	if l < 0 || l >= MaxSigners {
		return ""
	}
	return string(rune('A' + l))
}

// signatureSize is the size of a signature value by cert's key.
func signatureSize(cert *x509.Certificate) int {
	switch k := cert.PublicKey.(type) {
	case *rsa.PublicKey:
		return (k.N.BitLen() + 7) / 8
	case *ecdsa.PublicKey:
		return 2*((k.Curve.Params().BitSize+7)/8) + 9
	case ed25519.PublicKey:
		return ed25519.SignatureSize
	}
	return 1024
}

// signerName is the name as the certificate states it: given name and
// surname when present (Smart-ID certificates have them), else the common
// name.
func signerName(c *x509.Certificate) string {
	var gn, sn []string
	for _, a := range c.Subject.Names {
		v, _ := a.Value.(string)
		switch a.Type.String() {
		case "2.5.4.42":
			gn = append(gn, v)
		case "2.5.4.4":
			sn = append(sn, v)
		}
	}
	if len(gn)+len(sn) > 0 {
		return truncate(strings.TrimSpace(strings.Join(append(gn, sn...), " ")))
	}
	return truncate(c.Subject.CommonName)
}

// identityNumber is the subject's serialNumber (e.g. PNOEE-40504040001).
func identityNumber(c *x509.Certificate) string {
	if c.Subject.SerialNumber == "" {
		return "not stated in the certificate"
	}
	return truncate(c.Subject.SerialNumber)
}

func truncate(s string) string {
	if r := []rune(s); len(r) > maxNameLength {
		return string(r[:maxNameLength])
	}
	return s
}

// Check tells, before anyone is asked to sign, whether Prepare would
// accept pdfBytes with these marks and options: the document reads, is not
// encrypted or certified against changes, has room for the entry, and
// every mark fits on its page. The signer's certificate is not known yet,
// so only Prepare can tell whether the CMS fits its placeholder.
func Check(pdfBytes []byte, marks []Mark, opts Options) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("internal error while reading the document: %v", r)
		}
	}()
	if len(pdfBytes) > MaxInputSize {
		return fmt.Errorf("%w: the PDF has %d bytes, more than MaxInputSize (%d)", ErrLimit, len(pdfBytes), MaxInputSize)
	}
	if len(marks) > MaxMarks {
		return fmt.Errorf("%w: %d marks, more than MaxMarks (%d)", ErrLimit, len(marks), MaxMarks)
	}
	f, err := pdf.Open(pdfBytes)
	if err != nil {
		return fmt.Errorf("reading the PDF: %w", err)
	}
	if f.Encrypted() {
		return ErrEncrypted
	}
	if nonWhite(f.Trailing()) {
		return errors.New("the PDF has bytes after its last %%EOF that belong to no revision; it may be truncated or damaged")
	}
	d, err := readDocument(f)
	if err != nil {
		return err
	}
	_, err = plan(d, &x509.Certificate{}, marks, opts)
	return err
}
