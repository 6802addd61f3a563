package sign

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
	"github.com/verso-pdf/verso/wasm/cms"
)

// markName names the stamps that are marks (/Name and the start of /NM),
// so a verifier can find them and their letter.
const markName = "VersoSignatureMark"

// byteRangePlaceholder is overwritten by seal with the real ByteRange,
// padded with spaces to the same length.
const byteRangePlaceholder = "/ByteRange [0 0000000000 0000000000 0000000000]"

// write adds the update's objects to u.
func (b *builder) write(u *update) error {
	d := b.d
	letter := letterName(b.letter)
	visible := b.letter >= 0
	info := entryInfo{
		letter: letter,
		name:   b.reg.clean(signerName(b.cert)),
		id:     b.reg.clean(identityNumber(b.cert)),
		time:   b.opts.Time.Format("2006-01-02 15:04:05") + " UTC",
	}
	// First pass: collect the characters, then make the font subsets.
	var fontRes string
	if visible {
		for i := range b.newPages {
			pageContent(b.reg, b.bold, i+1, b.newPages)
		}
		entryContent(b.reg, b.bold, info)
		markContent(b.reg, b.bold, letter)
		if err := b.reg.subset(); err != nil {
			return err
		}
		if err := b.bold.subset(); err != nil {
			return err
		}
		r, bd := b.reg.write(u), b.bold.write(u)
		fontRes = fmt.Sprintf("<</Font <</F1 %d 0 R /F2 %d 0 R>>>>", r.ObjectNumber, bd.ObjectNumber)
	}

	b.sigRef = u.alloc()
	annots := map[types.IndirectRef][]types.IndirectRef{} // page -> annotations to add

	// New signatures pages, with the entry's page among them.
	var newPages, contents []types.IndirectRef
	for i := range b.newPages {
		page, content := u.alloc(), u.alloc()
		newPages, contents = append(newPages, page), append(contents, content)
		u.stream(content, "", pageContent(b.reg, b.bold, i+1, b.newPages), true)
		if i == b.entrySlot/EntriesPerPage {
			b.entryPage = page
		}
	}

	// The field and its widget in one dictionary, whose appearance is the
	// entry. (Poppler does not find the value of a signature field whose
	// widgets are kids, so the marks cannot be further widgets of it.)
	field := u.alloc()
	common := fmt.Sprintf("/Type /Annot /Subtype /Widget /FT /Sig /T %s /V %s /F 132", literal(b.field), refString(b.sigRef))
	if visible {
		rect := entryRect(b.entrySlot % EntriesPerPage)
		ap := u.alloc()
		u.stream(ap, fmt.Sprintf("/Type /XObject /Subtype /Form /BBox [0 0 %s %d] /Resources %s", num(entryWidth), entryHeight, fontRes),
			entryContent(b.reg, b.bold, info), true)
		u.object(field, fmt.Appendf(nil, "<<%s /P %s /Rect [%s %s %s %s] /AP <</N %d 0 R>>>>",
			common, refString(b.entryPage), num(rect[0]), num(rect[1]), num(rect[2]), num(rect[3]), ap.ObjectNumber))
	} else {
		// Invisible: a zero-size widget on the last page.
		b.entryPage = d.pages[len(d.pages)-1]
		u.object(field, fmt.Appendf(nil, "<<%s /P %s /Rect [0 0 0 0]>>", common, refString(b.entryPage)))
	}
	annots[b.entryPage] = append(annots[b.entryPage], field)

	// The marks: locked stamp annotations that only draw; each names its
	// letter in /Contents (what screen readers say) and /NM.
	if len(b.placed) > 0 {
		ap := u.alloc()
		w := markWidth(b.reg, letter)
		u.stream(ap, fmt.Sprintf("/Type /XObject /Subtype /Form /BBox [0 0 %s %d] /Resources %s", num(w), markHeight, fontRes),
			markContent(b.reg, b.bold, letter), true)
		for i, m := range b.placed {
			ref := u.alloc()
			u.object(ref, fmt.Appendf(nil, "<</Type /Annot /Subtype /Stamp /Name /%s /NM %s /Contents %s /P %s /Rect [%s %s %s %s] /F 708 /AP <</N %d 0 R>>>>",
				markName, literal(fmt.Sprintf("%s %s %d", markName, letter, i+1)), literal(markText(letter)), refString(m.page),
				num(m.rect[0]), num(m.rect[1]), num(m.rect[2]), num(m.rect[3]), ap.ObjectNumber))
			annots[m.page] = append(annots[m.page], ref)
		}
	}
	b.writeSignatureDict(u)

	for i, page := range newPages {
		u.object(page, fmt.Appendf(nil, "<</Type /Page /Parent %s /MediaBox [0 0 %s %s] /Resources %s /Contents %s /Annots [%s] /%s <</First %d>>>>",
			refString(d.catalogPages()), num(pageWidth), num(pageHeight), fontRes, refString(contents[i]),
			refList(annots[page]), signaturesKey, i*EntriesPerPage))
		delete(annots, page)
	}
	if err := b.addAnnotations(u, annots); err != nil {
		return err
	}
	if len(newPages) > 0 {
		if err := b.addPages(u, newPages); err != nil {
			return err
		}
	}
	return b.addField(u, field)
}

// writeSignatureDict writes the signature dictionary with placeholders.
func (b *builder) writeSignatureDict(u *update) {
	t := b.opts.Time
	body := fmt.Sprintf("<</Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /M (D:%s) /Name %s %s /Contents <%s>>>",
		t.Format("20060102150405Z"), literal(b.reg.clean(signerName(b.cert))), byteRangePlaceholder, strings.Repeat("0", 2*b.reserve))
	b.sigBody = []byte(body)
	b.sigAt = u.offset() + len(fmt.Sprintf("%d 0 obj\n", b.sigRef.ObjectNumber))
	u.object(b.sigRef, b.sigBody)
}

// seal writes the ByteRange into the finished update, hashes it and builds
// the signed attributes.
func (b *builder) seal(out []byte) (*Prepared, error) {
	at, end, digest, err := placeByteRange(out, b.sigAt, b.sigBody, b.reserve, b.opts.Hash)
	if err != nil {
		return nil, err
	}
	attrs, err := cms.BuildSignedAttributes(cms.SignedAttributes{MessageDigest: digest, SigningCertificate: b.cert})
	if err != nil {
		return nil, err
	}
	return &Prepared{
		PDF: out, SignedAttributes: attrs, Hash: b.opts.Hash, Digest: digest,
		Letter: letterName(b.letter), Field: b.field, Time: b.opts.Time, Certificate: b.cert,
		contentsAt: at, contentsEnd: end,
	}, nil
}

// placeByteRange writes the real ByteRange over the placeholder of the
// signature dictionary body written at sigAt in out, whose /Contents holds
// reserve bytes, and hashes the ranges with h. It returns where the hex
// digits of /Contents start and end, and the digest.
func placeByteRange(out []byte, sigAt int, body []byte, reserve int, h cms.Hash) (at, end int, digest []byte, err error) {
	lt := sigAt + bytes.Index(body, []byte("/Contents <")) + len("/Contents ")
	gt := lt + 2 + 2*reserve
	br := sigAt + bytes.Index(body, []byte(byteRangePlaceholder))
	value := fmt.Sprintf("/ByteRange [0 %d %d %d]", lt, gt, len(out)-gt)
	if len(value) > len(byteRangePlaceholder) || gt > len(out) || out[lt] != '<' || out[gt-1] != '>' {
		return 0, 0, nil, fmt.Errorf("internal error: the placeholder is not where it was written")
	}
	copy(out[br:], value+strings.Repeat(" ", len(byteRangePlaceholder)-len(value)))
	w := h.New()
	w.Write(out[:lt])
	w.Write(out[gt:])
	return lt + 1, gt - 1, w.Sum(nil), nil
}

// catalogPages is the root of the page tree.
func (d *document) catalogPages() types.IndirectRef {
	ref, _ := d.catalog["Pages"].(types.IndirectRef)
	return ref
}

// addAnnotations appends widgets to existing pages' /Annots.
func (b *builder) addAnnotations(u *update, annots map[types.IndirectRef][]types.IndirectRef) error {
	d := b.d
	for page, widgets := range annots {
		pd, err := d.dict(page)
		if err != nil || pd == nil {
			return fmt.Errorf("page object %d cannot be read: %v", page.ObjectNumber, err)
		}
		pd = copyDict(pd)
		arr, err := d.array(pd["Annots"])
		if err != nil {
			return fmt.Errorf("page object %d: /Annots: %w", page.ObjectNumber, err)
		}
		arr = appendRefs(arr, widgets)
		if ref, ok := pd["Annots"].(types.IndirectRef); ok {
			// An indirect array is changed where it is; the page stays.
			if err := u.value(ref, arr); err != nil {
				return err
			}
			continue
		}
		pd["Annots"] = arr
		if err := u.value(page, pd); err != nil {
			return err
		}
	}
	return nil
}

// addPages appends the signatures pages to the root of the page tree.
func (b *builder) addPages(u *update, pages []types.IndirectRef) error {
	d := b.d
	root := d.catalogPages()
	rd, err := d.dict(root)
	if err != nil || rd == nil || root.ObjectNumber == 0 {
		return fmt.Errorf("the page tree cannot be read: %v", err)
	}
	rd = copyDict(rd)
	count, _ := rd["Count"].(types.Integer)
	rd["Count"] = count + types.Integer(len(pages))
	kids, err := d.array(rd["Kids"])
	if err != nil {
		return fmt.Errorf("the page tree's /Kids: %w", err)
	}
	kids = appendRefs(kids, pages)
	if ref, ok := rd["Kids"].(types.IndirectRef); ok {
		if err := u.value(ref, kids); err != nil {
			return err
		}
	} else {
		rd["Kids"] = kids
	}
	return u.value(root, rd)
}

// addField lists the new field in the form, creating the form if needed.
func (b *builder) addField(u *update, field types.IndirectRef) error {
	d := b.d
	rootRef, ok := u.trailer["Root"].(types.IndirectRef)
	if !ok {
		return fmt.Errorf("the trailer's /Root is not a reference")
	}
	formV := d.catalog["AcroForm"]
	if formV == nil {
		form := u.alloc()
		u.object(form, fmt.Appendf(nil, "<</Fields [%s] /SigFlags 3>>", refString(field)))
		cat := copyDict(d.catalog)
		cat["AcroForm"] = form
		return u.value(rootRef, cat)
	}
	form, err := d.dict(formV)
	if err != nil || form == nil {
		return fmt.Errorf("the document's form (/AcroForm) cannot be read: %v", err)
	}
	form = copyDict(form)
	fields, err := d.array(form["Fields"])
	if err != nil {
		return fmt.Errorf("the form's /Fields: %w", err)
	}
	fields = appendRefs(fields, []types.IndirectRef{field})
	if ref, ok := form["Fields"].(types.IndirectRef); ok {
		if err := u.value(ref, fields); err != nil {
			return err
		}
	} else {
		form["Fields"] = fields
	}
	flags, _ := form["SigFlags"].(types.Integer)
	form["SigFlags"] = flags | 3
	if ref, ok := formV.(types.IndirectRef); ok {
		return u.value(ref, form)
	}
	cat := copyDict(d.catalog)
	cat["AcroForm"] = form
	return u.value(rootRef, cat)
}

func copyDict(d types.Dict) types.Dict {
	out := make(types.Dict, len(d)+1)
	for k, v := range d {
		out[k] = v
	}
	return out
}

func appendRefs(a types.Array, refs []types.IndirectRef) types.Array {
	out := make(types.Array, 0, len(a)+len(refs))
	out = append(out, a...)
	for _, r := range refs {
		out = append(out, r)
	}
	return out
}

func refString(r types.IndirectRef) string {
	return fmt.Sprintf("%d %d R", r.ObjectNumber, r.GenerationNumber)
}

func refList(refs []types.IndirectRef) string {
	var s []string
	for _, r := range refs {
		s = append(s, refString(r))
	}
	return strings.Join(s, " ")
}
