package sign

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
	"github.com/verso-pdf/verso/wasm/cms"
	"github.com/verso-pdf/verso/wasm/pdf"
)

// DefaultDocumentTimestampReserve is room, in bytes, for a document
// timestamp token with its TSA chain.
const DefaultDocumentTimestampReserve = 12288

// PreparedTimestamp is a document ready for a document timestamp (B-LTA):
// the PDF with an empty /Contents, and the digest the TSA must stamp.
type PreparedTimestamp struct {
	// PDF is the prepared document; FinishDocumentTimestamp fills it.
	PDF []byte
	// Hash and Digest are the algorithm and value of the ByteRange
	// digest: the message imprint of the token to ask for.
	Hash   cms.Hash
	Digest []byte
	// Field is the name of the timestamp's (invisible) signature field.
	Field string

	contentsAt, contentsEnd int
}

// PrepareDocumentTimestamp appends to a signed PDF an incremental update
// with a document timestamp field (ISO 32000-2 12.8.5, SubFilter
// ETSI.RFC3161) and a placeholder of reserve bytes (zero means
// DefaultDocumentTimestampReserve), and returns the digest of its
// ByteRange with h (zero means SHA-256) for the TSA. Called after AddDSS,
// it makes the B-LTA level: the timestamp covers the signatures and their
// validation data. Verifiers count a document timestamp as permitted at
// every DocMDP level, so it changes nothing of the earlier signatures.
func PrepareDocumentTimestamp(signed []byte, h cms.Hash, reserve int) (p *PreparedTimestamp, err error) {
	defer func() {
		if r := recover(); r != nil {
			p, err = nil, fmt.Errorf("internal error while preparing the document timestamp: %v", r)
		}
	}()
	if h == 0 {
		h = cms.SHA256
	}
	if reserve == 0 {
		reserve = DefaultDocumentTimestampReserve
	}
	switch {
	case len(signed) > MaxInputSize:
		return nil, fmt.Errorf("%w: the PDF has %d bytes, more than MaxInputSize (%d)", ErrLimit, len(signed), MaxInputSize)
	case reserve < 0 || reserve > maxReserve:
		return nil, fmt.Errorf("%w: a reserve of %d bytes (at most %d)", ErrLimit, reserve, maxReserve)
	case h.CryptoHash() == 0:
		return nil, fmt.Errorf("digest algorithm %v cannot be used for a timestamp", h)
	}
	f, err := pdf.Open(signed)
	if err != nil {
		return nil, fmt.Errorf("reading the PDF: %w", err)
	}
	if f.Encrypted() {
		return nil, ErrEncrypted
	}
	if nonWhite(f.Trailing()) {
		return nil, errors.New("the PDF has bytes after its last %%EOF that belong to no revision")
	}
	d := &document{f: f, last: len(f.Revisions()) - 1}
	if d.catalog, err = f.Catalog(d.last); err != nil {
		return nil, err
	}
	if d.pages, err = f.Pages(d.last); err != nil || len(d.pages) == 0 {
		return nil, fmt.Errorf("reading the pages: %v", err)
	}
	b := &builder{d: d, reserve: reserve}
	for n := 1; ; n++ {
		b.field = fmt.Sprintf("Document timestamp %d", n)
		if !d.hasField(b.field) {
			break
		}
	}
	u, err := newUpdate(signed, f)
	if err != nil {
		return nil, err
	}
	b.sigRef = u.alloc()
	b.sigBody = fmt.Appendf(nil, "<</Type /DocTimeStamp /Filter /Adobe.PPKLite /SubFilter /ETSI.RFC3161 %s /Contents <%s>>>",
		byteRangePlaceholder, strings.Repeat("0", 2*reserve))
	b.sigAt = u.offset() + len(fmt.Sprintf("%d 0 obj\n", b.sigRef.ObjectNumber))
	u.object(b.sigRef, b.sigBody)
	// An invisible widget on the last page, as for any signature field
	// that has no appearance.
	last := d.pages[len(d.pages)-1]
	field := u.alloc()
	u.object(field, fmt.Appendf(nil, "<</Type /Annot /Subtype /Widget /FT /Sig /T %s /V %s /F 132 /P %s /Rect [0 0 0 0]>>",
		literal(b.field), refString(b.sigRef), refString(last)))
	if err := b.addAnnotations(u, map[types.IndirectRef][]types.IndirectRef{last: {field}}); err != nil {
		return nil, err
	}
	if err := b.addField(u, field); err != nil {
		return nil, err
	}
	out := u.finish()
	at, end, digest, err := placeByteRange(out, b.sigAt, b.sigBody, reserve, h)
	if err != nil {
		return nil, err
	}
	return &PreparedTimestamp{PDF: out, Hash: h, Digest: digest, Field: b.field, contentsAt: at, contentsEnd: end}, nil
}

// FinishDocumentTimestamp embeds an RFC 3161 token over p.Digest (from
// TimestampToken) and returns the timestamped PDF. p is not changed.
func FinishDocumentTimestamp(p *PreparedTimestamp, token []byte) ([]byte, error) {
	if p == nil || p.contentsEnd <= p.contentsAt || p.contentsEnd > len(p.PDF) {
		return nil, errors.New("the prepared document is incomplete; use the result of PrepareDocumentTimestamp")
	}
	ts, err := cms.ParseTimestampToken(token)
	if err != nil {
		return nil, fmt.Errorf("the timestamp token cannot be read: %w", err)
	}
	if ts.Info.HashAlgorithm != p.Hash || !bytes.Equal(ts.Info.HashedMessage, p.Digest) {
		return nil, errors.New("the timestamp token is not over this document")
	}
	if _, err := ts.Verify(); err != nil {
		return nil, fmt.Errorf("the timestamp token does not verify: %w", err)
	}
	if room := (p.contentsEnd - p.contentsAt) / 2; len(token) > room {
		return nil, fmt.Errorf("the timestamp token has %d bytes but %d were reserved; prepare again with a larger reserve", len(token), room)
	}
	out := bytes.Clone(p.PDF)
	hex.Encode(out[p.contentsAt:], token)
	return out, nil
}
