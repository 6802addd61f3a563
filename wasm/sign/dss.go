package sign

import (
	"errors"
	"fmt"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
	"github.com/verso-pdf/verso/wasm/pdf"
)

// Limits on validation data added in one DSS increment.
const (
	MaxValidationItems    = 100
	MaxValidationItemSize = 1 << 20
)

// ValidationData is what a B-LT increment adds: DER certificates, OCSP
// responses and CRLs, fetched by the caller (through the relay).
type ValidationData struct {
	Certs, OCSPs, CRLs [][]byte
}

// AddDSS appends to a signed PDF an incremental update with a Document
// Security Store (ISO 32000-2 12.8.4.3) holding v and whatever the
// document's DSS already held: the B-LT level. The signatures before it
// stay valid: verifiers count a DSS update as permitted at every level.
func AddDSS(signed []byte, v ValidationData) (out []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("internal error while adding validation data: %v", r)
		}
	}()
	n := len(v.Certs) + len(v.OCSPs) + len(v.CRLs)
	switch {
	case len(signed) > MaxInputSize:
		return nil, fmt.Errorf("%w: the PDF has %d bytes, more than MaxInputSize (%d)", ErrLimit, len(signed), MaxInputSize)
	case n == 0:
		return nil, errors.New("no validation data to add")
	case n > MaxValidationItems:
		return nil, fmt.Errorf("%w: %d validation items, more than MaxValidationItems (%d)", ErrLimit, n, MaxValidationItems)
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
	u, err := newUpdate(signed, f)
	if err != nil {
		return nil, err
	}
	old, err := d.dict(d.catalog["DSS"])
	if err != nil {
		return nil, fmt.Errorf("the document's DSS cannot be read: %w", err)
	}
	dss := types.Dict{"Type": types.Name("DSS")}
	for k, v := range old {
		if k != "VRI" { // per-signature VRI entries are optional; keep the shared arrays only
			dss[k] = v
		}
	}
	for _, part := range []struct {
		key   string
		items [][]byte
	}{{"Certs", v.Certs}, {"OCSPs", v.OCSPs}, {"CRLs", v.CRLs}} {
		if len(part.items) == 0 {
			continue
		}
		arr, err := d.array(dss[part.key])
		if err != nil {
			return nil, fmt.Errorf("the DSS /%s: %w", part.key, err)
		}
		var refs []types.IndirectRef
		for _, item := range part.items {
			if len(item) == 0 || len(item) > MaxValidationItemSize {
				return nil, fmt.Errorf("%w: a validation item of %d bytes (at most %d)", ErrLimit, len(item), MaxValidationItemSize)
			}
			ref := u.alloc()
			u.stream(ref, "", item, true)
			refs = append(refs, ref)
		}
		dss[part.key] = appendRefs(arr, refs)
	}
	ref := u.alloc()
	if err := u.value(ref, dss); err != nil {
		return nil, err
	}
	cat := copyDict(d.catalog)
	cat["DSS"] = ref
	root, ok := u.trailer["Root"].(types.IndirectRef)
	if !ok {
		return nil, errors.New("the trailer's /Root is not a reference")
	}
	if err := u.value(root, cat); err != nil {
		return nil, err
	}
	return u.finish(), nil
}
