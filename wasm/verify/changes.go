package verify

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
	"github.com/verso-pdf/verso/wasm/pdf"
)

// Kinds of change an incremental update can make.
const (
	changeSignature = "signature"
	// changeSignatureField is an empty signature field: allowed before any
	// certification, refused after one.
	changeSignatureField = "signature-field"
	changeDocTimestamp   = "document-timestamp"
	changeDSS            = "dss"
	changeFormFill       = "form-fill"
	changeAnnotation     = "annotation"
	changeMetadata       = "metadata"
	changeStructure      = "structure" // tagged-PDF structure and tab order: no effect on what is drawn
	changeVersion        = "version"   // the PDF version or extension levels, raised when DSS is added
	changeOther          = "other"
)

// maxReachable bounds the walk over validation data (DSS) of one revision.
const maxReachable = 100000

// maxObjectsPerChange bounds the object numbers listed for one change: a
// person reads a few, and a hostile update may touch millions.
const maxObjectsPerChange = 50

// increment is what one incremental update did: its changes, in the order
// found, one entry per kind and reason with the objects concerned.
type increment struct {
	entries []*entry
}

type entry struct {
	kind, detail string
	objects      []int
	// field is the qualified name of the form field a form-fill entry
	// filled, for FieldMDP locks.
	field string
}

// add records that object num (-1 for the update as a whole) made a change
// of this kind for this reason.
func (inc *increment) add(kind string, num int, detail string) *entry {
	var e *entry
	for _, x := range inc.entries {
		if x.kind == kind && x.detail == detail {
			e = x
			break
		}
	}
	if e == nil {
		e = &entry{kind: kind, detail: detail}
		inc.entries = append(inc.entries, e)
	}
	if num >= 0 && !slices.Contains(e.objects, num) && len(e.objects) < maxObjectsPerChange {
		e.objects = append(e.objects, num)
	}
	return e
}

// diffRevision compares revision r with revision r-1 object by object. Only
// objects that existed before can change what a reader sees: a new object is
// inert until an existing one refers to it, so new objects only label the
// update while changed ones decide whether it is permitted.
func diffRevision(f *pdf.File, r int) *increment {
	inc := &increment{}
	revs := f.Revisions()
	cur, prev := revs[r], revs[r-1]
	for _, p := range cur.Problems {
		inc.add(changeOther, -1, "malformed update: "+p)
	}
	if !sameObject(cur.Trailer["Root"], prev.Trailer["Root"]) {
		inc.add(changeOther, -1, "the document catalog was replaced")
	}
	if !sameObject(cur.Trailer["Encrypt"], prev.Trailer["Encrypt"]) {
		inc.add(changeOther, -1, "the encryption dictionary was replaced")
	}
	d := newDiffer(f, r)
	for _, num := range cur.Objects {
		d.object(inc, num)
	}
	return inc
}

// differ holds what one revision's classification needs to know.
type differ struct {
	f          *pdf.File
	r          int
	rootNum    int
	infoNum    int
	acroNum    int
	dssNew     map[int]bool
	dssOld     map[int]bool
	sigFields  map[int]bool             // signature fields and their widgets in revision r
	timestamps map[int]bool             // the fields among them whose value is a document timestamp
	resources  map[int]bool             // objects reachable from the form's default resources (/DR)
	refs       *referrers               // who refers to what in revision r-1, built on first need
	drawn      map[int]bool             // objects the pages' resources reach in revision r-1, built on first need
	annotPages map[int][2]int           // annotation → page object and index in revision r, built on first need
	before     map[int]*pdf.PageContent // page object → its content in revision r-1, interpreted on first need
	cur        int                      // the object being classified
}

func newDiffer(f *pdf.File, r int) *differ {
	d := &differ{f: f, r: r, rootNum: -1, infoNum: -1, acroNum: -1, before: map[int]*pdf.PageContent{}}
	trailer := f.Revisions()[r].Trailer
	if ref, ok := trailer["Root"].(types.IndirectRef); ok {
		d.rootNum = int(ref.ObjectNumber)
	}
	if ref, ok := trailer["Info"].(types.IndirectRef); ok {
		d.infoNum = int(ref.ObjectNumber)
	}
	if cat, err := f.Catalog(r); err == nil {
		if ref, ok := cat["AcroForm"].(types.IndirectRef); ok {
			d.acroNum = int(ref.ObjectNumber)
		}
	}
	d.dssNew = reachable(f, r, catalogEntry(f, r, "DSS"))
	d.dssOld = reachable(f, r-1, catalogEntry(f, r-1, "DSS"))
	if acro, err := f.Resolve(r, catalogEntry(f, r, "AcroForm")); err == nil {
		if form, ok := dictOf(acro); ok {
			d.resources = reachable(f, r, form["DR"])
		}
	}
	d.sigFields, d.timestamps = map[int]bool{}, map[int]bool{}
	if sigs, err := f.Signatures(r); err == nil {
		for _, s := range sigs {
			d.sigFields[int(s.FieldRef.ObjectNumber)] = true
			if s.Type == "DocTimeStamp" || s.SubFilter == "ETSI.RFC3161" {
				d.timestamps[int(s.FieldRef.ObjectNumber)] = true
			}
		}
	}
	return d
}

// object classifies the change this revision made to object num.
func (d *differ) object(inc *increment, num int) {
	f, r := d.f, d.r
	d.cur = num
	newObj, errNew := f.Object(r, num)
	oldObj, errOld := f.Object(r-1, num)
	if errNew != nil {
		inc.add(changeOther, num, fmt.Sprintf("cannot be read: %v", errNew))
		return
	}
	if errOld == nil && sameObject(oldObj, newObj) {
		return
	}
	if d.structural(oldObj) || d.structural(newObj) {
		return
	}
	switch {
	case oldObj == nil || errOld != nil:
		d.added(inc, num, newObj)
	case newObj == nil:
		inc.add(changeOther, num, fmt.Sprintf("%s deleted", describe(oldObj)))
	default:
		d.changed(inc, num, oldObj, newObj)
	}
}

// structural objects carry the file's layout, not its content.
func (d *differ) structural(o types.Object) bool {
	dict, ok := dictOf(o)
	if !ok {
		return false
	}
	t := nameOf(dict["Type"])
	return t == "XRef" || t == "ObjStm"
}

func (d *differ) added(inc *increment, num int, o types.Object) {
	switch {
	case d.dssNew[num]:
		inc.add(changeDSS, d.cur, "")
	case isSigDict(o):
		if dict, _ := dictOf(o); nameOf(dict["Type"]) == "DocTimeStamp" || nameOf(dict["SubFilter"]) == "ETSI.RFC3161" {
			inc.add(changeDocTimestamp, d.cur, "")
		} else {
			inc.add(changeSignature, d.cur, "")
		}
	}
}

func (d *differ) changed(inc *increment, num int, oldObj, newObj types.Object) {
	if d.dssNew[num] && (d.dssOld[num] || !d.referencedBefore(num)) {
		inc.add(changeDSS, d.cur, "")
		return
	}
	if num == d.infoNum {
		inc.add(changeMetadata, d.cur, "document information changed")
		return
	}
	if d.resources[num] && !d.pageResources()[num] {
		// Filling a form may extend the fonts of its default resources;
		// a font the pages draw with must not change (shadow attack,
		// variant "overwrite", attacks.md 1.2).
		inc.add(changeFormFill, d.cur, "form resources changed")
		return
	}
	oldDict, oldIsDict := dictOf(oldObj)
	newDict, newIsDict := dictOf(newObj)
	if _, isStream := oldObj.(types.StreamDict); isStream {
		if nameOf(oldDict["Type"]) == "Metadata" {
			inc.add(changeMetadata, d.cur, "XMP metadata changed")
			return
		}
		if field, ok := d.exclusiveAppearance(num); ok {
			inc.add(changeFormFill, d.cur, fmt.Sprintf("appearance of field %d redrawn", field))
			return
		}
		inc.add(changeOther, d.cur, fmt.Sprintf("stream object %d (%s) was rewritten", num, describe(oldObj)))
		return
	}
	if oldArr, ok := oldObj.(types.Array); ok {
		d.changedArray(inc, num, oldArr, newObj)
		return
	}
	if !oldIsDict || !newIsDict {
		inc.add(changeOther, d.cur, fmt.Sprintf("object %d (%s) was replaced", num, describe(oldObj)))
		return
	}
	switch {
	case num == d.rootNum:
		d.changedCatalog(inc, oldDict, newDict)
	case num == d.acroNum:
		d.changedAcroForm(inc, oldDict, newDict)
	case isSigDict(oldDict):
		inc.add(changeOther, d.cur, fmt.Sprintf("signature dictionary %d was rewritten", num))
	case nameOf(oldDict["Type"]) == "Page":
		d.changedPage(inc, num, oldDict, newDict)
	case isField(oldDict):
		d.changedField(inc, num, oldDict, newDict)
	case isAnnotation(oldDict):
		inc.add(changeAnnotation, d.cur, fmt.Sprintf("annotation %d (%s) changed", num, nameOf(oldDict["Subtype"])))
	case d.isCatalogNames(num):
		d.changedNames(inc, oldDict, newDict)
	default:
		if field, ok := d.exclusiveAppearance(num); ok {
			inc.add(changeFormFill, d.cur, fmt.Sprintf("appearance of field %d changed", field))
			return
		}
		inc.add(changeOther, d.cur, fmt.Sprintf("object %d (%s) changed: %s", num, describe(oldObj), strings.Join(sorted(changedKeys(oldDict, newDict)), ", ")))
	}
}

// referencedBefore is conservative: an object that a DSS adopts without
// having been part of an earlier DSS is treated as changed content unless it
// was unknown to the previous revision.
func (d *differ) referencedBefore(num int) bool {
	o, err := d.f.Object(d.r-1, num)
	return err != nil || o != nil
}

func (d *differ) changedCatalog(inc *increment, old, new types.Dict) {
	for _, k := range changedKeys(old, new) {
		switch k {
		case "DSS":
			inc.add(changeDSS, d.cur, "")
		case "AcroForm":
			oldForm, ok1 := old["AcroForm"].(types.Dict)
			newForm, ok2 := new["AcroForm"].(types.Dict)
			if ok1 && ok2 {
				d.changedAcroForm(inc, oldForm, newForm)
			} else if _, isRef := new["AcroForm"].(types.IndirectRef); isRef || ok2 {
				if old["AcroForm"] == nil {
					inc.add(changeSignature, d.cur, "form added to the catalog")
				} else {
					inc.add(changeOther, d.cur, "the catalog's form was replaced")
				}
			} else {
				inc.add(changeOther, d.cur, "the catalog's form was removed")
			}
		case "Extensions", "Version":
			inc.add(changeVersion, d.cur, "")
		case "Perms":
			// A certification added after approval signatures names its
			// signature here; the signature itself is checked on its own.
			inc.add(changeSignature, d.cur, "permissions (certification) added")
		case "Metadata", "Lang":
			inc.add(changeMetadata, d.cur, "catalog /"+k+" changed")
		case "StructTreeRoot", "MarkInfo":
			inc.add(changeStructure, d.cur, "")
		case "Names":
			oldNames, _ := d.f.Resolve(d.r-1, old["Names"])
			newNames, _ := d.f.Resolve(d.r, new["Names"])
			o, _ := dictOf(oldNames)
			n, _ := dictOf(newNames)
			d.changedNames(inc, o, n)
		default:
			inc.add(changeOther, d.cur, "catalog /"+k+" changed")
		}
	}
}

// pageResources returns the objects that the pages' resources (their own
// and those inherited from the page tree) reach in revision r-1: what the
// signed pages draw with.
func (d *differ) pageResources() map[int]bool {
	if d.drawn != nil {
		return d.drawn
	}
	d.drawn = map[int]bool{}
	pages, err := d.f.Pages(d.r - 1)
	if err != nil {
		return d.drawn
	}
	visited := map[int]bool{}
	for _, ref := range pages {
		for n, depth := int(ref.ObjectNumber), 0; n > 0 && !visited[n] && depth < pdf.MaxPageTreeDepth; depth++ {
			visited[n] = true
			o, err := d.f.Object(d.r-1, n)
			node, ok := dictOf(o)
			if err != nil || !ok {
				break
			}
			reachableInto(d.drawn, d.f, d.r-1, node["Resources"])
			parent, _ := node["Parent"].(types.IndirectRef)
			n = int(parent.ObjectNumber)
		}
	}
	return d.drawn
}

// isCatalogNames reports whether num is the catalog's name dictionary.
func (d *differ) isCatalogNames(num int) bool {
	ref, ok := catalogEntry(d.f, d.r, "Names").(types.IndirectRef)
	return ok && int(ref.ObjectNumber) == num
}

// changedNames allows the named appearances that annotation tools add
// (/AP); scripts, embedded files and destinations change the document.
func (d *differ) changedNames(inc *increment, old, new types.Dict) {
	for _, k := range changedKeys(old, new) {
		if k == "AP" {
			inc.add(changeAnnotation, d.cur, "named appearances changed")
			continue
		}
		inc.add(changeOther, d.cur, "document names /"+k+" changed")
	}
}

func (d *differ) changedAcroForm(inc *increment, old, new types.Dict) {
	for _, k := range changedKeys(old, new) {
		switch k {
		case "Fields":
			d.changedRefList(inc, "form field", old["Fields"], new["Fields"])
		case "SigFlags", "DR", "DA", "NeedAppearances":
			inc.add(changeFormFill, d.cur, "")
		default:
			inc.add(changeOther, d.cur, "form /"+k+" changed")
		}
	}
}

// changedRefList checks that an array of references (fields, annotations)
// only grew, and classifies what was added.
func (d *differ) changedRefList(inc *increment, what string, oldV, newV types.Object) {
	oldArr, errOld := d.array(d.r-1, oldV)
	newArr, errNew := d.array(d.r, newV)
	if errOld != nil || errNew != nil {
		inc.add(changeOther, d.cur, what+" list cannot be read")
		return
	}
	have := map[types.IndirectRef]bool{}
	for _, ref := range refsIn(newArr) {
		have[ref] = true
	}
	for _, ref := range refsIn(oldArr) {
		if !have[ref] {
			inc.add(changeOther, int(ref.ObjectNumber), what+" removed")
		}
		delete(have, ref)
	}
	for ref := range have {
		d.classifyAddedAnnotOrField(inc, ref)
	}
	if what != "form field" && reordered(refsIn(oldArr), refsIn(newArr)) {
		// Annotations are drawn in array order: restacking them can put
		// a cover on top (shadow hide, attacks.md 1.2).
		inc.add(changeOther, d.cur, "the drawing order of annotations changed")
	}
}

// reordered reports whether the references kept from old appear in new in
// another order.
func reordered(old, new []types.IndirectRef) bool {
	kept := map[types.IndirectRef]bool{}
	for _, ref := range new {
		kept[ref] = true
	}
	i := 0
	for _, ref := range old {
		if !kept[ref] {
			continue
		}
		for i < len(new) && new[i] != ref {
			i++
		}
		if i == len(new) {
			return true
		}
		i++
	}
	return false
}

func (d *differ) classifyAddedAnnotOrField(inc *increment, ref types.IndirectRef) {
	o, err := d.f.Object(d.r, int(ref.ObjectNumber))
	dict, ok := dictOf(o)
	if err != nil || !ok {
		inc.add(changeOther, int(ref.ObjectNumber), "added object cannot be read")
		return
	}
	switch {
	case d.isSigWidget(dict) && !d.signed(int(ref.ObjectNumber), dict):
		// An empty signature field: after certification it must be
		// signed in the revision that adds it (ISO 32000-2 12.8.2.2.2).
		inc.add(changeSignatureField, int(ref.ObjectNumber), "empty signature field added")
	case d.sigFields[int(ref.ObjectNumber)] || d.isSigWidget(dict):
		if d.recycledValue(dict) {
			inc.add(changeOther, int(ref.ObjectNumber), "a new signature field reuses an existing signature")
			return
		}
		inc.add(d.valueKind(int(ref.ObjectNumber), dict), int(ref.ObjectNumber), "")
	case isField(dict):
		inc.add(changeOther, int(ref.ObjectNumber), "form field added")
	default:
		inc.add(changeAnnotation, int(ref.ObjectNumber), nameOf(dict["Subtype"])+" annotation added")
	}
	d.coverCheck(inc, int(ref.ObjectNumber), dict)
}

// isSignatureValue reports whether v resolves, in this revision, to a
// signature dictionary.
func (d *differ) isSignatureValue(v types.Object) bool {
	o, err := d.f.Resolve(d.r, v)
	return err == nil && isSigDict(o)
}

// valueKind says whether the signature field (or widget) num holds a
// signature or a document timestamp, which PAdES allows even under P1.
func (d *differ) valueKind(num int, dict types.Dict) string {
	for depth := 0; depth < 8 && dict != nil; depth++ {
		if d.sigFields[num] {
			if d.timestamps[num] {
				return changeDocTimestamp
			}
			return changeSignature
		}
		parent, ok := dict["Parent"].(types.IndirectRef)
		if !ok {
			break
		}
		num = int(parent.ObjectNumber)
		o, err := d.f.Object(d.r, num)
		if err != nil {
			break
		}
		dict, _ = dictOf(o)
	}
	return changeSignature
}

// signed reports whether field or widget num belongs to a signature field
// that has a value in this revision.
func (d *differ) signed(num int, dict types.Dict) bool {
	for depth := 0; depth < 8 && dict != nil; depth++ {
		if d.sigFields[num] {
			return true
		}
		if _, hasV := dict["V"]; hasV {
			// Only a signature dictionary makes a field signed: any other
			// /V leaves it an empty field that merely looks signed.
			return d.isSignatureValue(dict["V"])
		}
		parent, ok := dict["Parent"].(types.IndirectRef)
		if !ok {
			return false
		}
		num = int(parent.ObjectNumber)
		o, err := d.f.Object(d.r, num)
		if err != nil {
			return false
		}
		dict, _ = dictOf(o)
	}
	return false
}

// isSigWidget reports whether dict is a signature field or the widget of one.
func (d *differ) isSigWidget(dict types.Dict) bool {
	for depth := 0; depth < 8 && dict != nil; depth++ {
		if ft := nameOf(dict["FT"]); ft != "" {
			return ft == "Sig"
		}
		parent, ok := dict["Parent"].(types.IndirectRef)
		if !ok {
			return false
		}
		if d.sigFields[int(parent.ObjectNumber)] {
			return true
		}
		o, err := d.f.Object(d.r, int(parent.ObjectNumber))
		if err != nil {
			return false
		}
		dict, _ = dictOf(o)
	}
	return false
}

func (d *differ) array(rev int, v types.Object) (types.Array, error) {
	o, err := d.f.Resolve(rev, v)
	if err != nil {
		return nil, err
	}
	if o == nil {
		return nil, nil
	}
	a, ok := o.(types.Array)
	if !ok {
		return nil, fmt.Errorf("not an array")
	}
	return a, nil
}

func (d *differ) changedArray(inc *increment, num int, old types.Array, newObj types.Object) {
	if _, ok := newObj.(types.Array); !ok {
		inc.add(changeOther, d.cur, fmt.Sprintf("array %d was replaced", num))
		return
	}
	// An indirect array that only grows by signature widgets or annotations is
	// a page's /Annots or the form's /Fields; anything else is content.
	if len(refsIn(old)) != len(old) {
		inc.add(changeOther, d.cur, fmt.Sprintf("array %d changed", num))
		return
	}
	d.changedRefList(inc, "entry of array", old, newObj)
}

func (d *differ) changedPage(inc *increment, num int, old, new types.Dict) {
	for _, k := range changedKeys(old, new) {
		switch k {
		case "Annots":
			d.changedRefList(inc, "annotation", old["Annots"], new["Annots"])
		case "StructParents", "Tabs":
			inc.add(changeStructure, d.cur, "")
		default:
			inc.add(changeOther, d.cur, fmt.Sprintf("page %d: /%s changed", num, k))
		}
	}
}

func (d *differ) changedField(inc *increment, num int, old, new types.Dict) {
	keys := changedKeys(old, new)
	var private []string
	var standard []string
	for _, k := range keys {
		if standardFieldKeys[k] {
			standard = append(standard, k)
		} else {
			private = append(private, k)
		}
	}
	if len(private) > 0 {
		// Keys ISO 32000 does not define (e.g. a producer's marker) are
		// ignored by conforming readers.
		inc.add(changeMetadata, d.cur, fmt.Sprintf("field %d: private entries %s changed", num, strings.Join(sorted(private), ", ")))
	}
	if slices.Contains(standard, "Ff") && onlyReadOnlyAdded(old["Ff"], new["Ff"]) {
		// Signing tools lock the fields a signature covers by setting
		// ReadOnly in the next revision; locking reveals nothing new.
		inc.add(changeFormFill, num, "field made read-only")
		standard = slices.DeleteFunc(standard, func(k string) bool { return k == "Ff" })
	}
	if len(standard) == 0 {
		return
	}
	if onlyKeys([]string{"AP"}, standard...) && !d.ownAppearance(num, old["AP"]) {
		inc.add(changeOther, d.cur, fmt.Sprintf("field %d: an appearance shared with other content was replaced", num))
		return
	}
	if d.isSigWidget(old) || d.isSigWidget(new) {
		_, hadValue := old["V"]
		if !hadValue && onlyKeys(standard, "V", "AP", "AS", "MK", "F", "DA", "P", "Lock", "SV") {
			d.signedExistingField(inc, num, new)
			return
		}
		if hadValue {
			// What a signed field shows is part of the signature's
			// claim; redrawing it is not form filling.
			inc.add(changeOther, num, "a signed signature field was redefined: "+strings.Join(sorted(standard), ", "))
			return
		}
		inc.add(changeOther, d.cur, fmt.Sprintf("signature field %d changed: %s", num, strings.Join(sorted(standard), ", ")))
		return
	}
	if onlyKeys(standard, "V", "AS", "AP", "MK", "M", "DV", "I", "DA") {
		name := d.fieldName(new)
		inc.add(changeFormFill, num, fmt.Sprintf("field %q filled", name)).field = name
		return
	}
	inc.add(changeOther, d.cur, fmt.Sprintf("form field %d changed: %s", num, strings.Join(sorted(standard), ", ")))
}

// signedExistingField checks that an empty signature field was signed with
// a signature dictionary new in this revision, not a recycled one.
func (d *differ) signedExistingField(inc *increment, num int, field types.Dict) {
	if d.recycledValue(field) {
		inc.add(changeOther, d.cur, fmt.Sprintf("signature field %d reuses an existing signature", num))
		return
	}
	inc.add(changeSignature, d.cur, "")
}

// recycledValue reports whether a signature field's /V is a dictionary that
// already existed before this revision (pyHanko's recycled-signature attack).
func (d *differ) recycledValue(field types.Dict) bool {
	ref, ok := field["V"].(types.IndirectRef)
	if !ok {
		return false
	}
	old, err := d.f.Object(d.r-1, int(ref.ObjectNumber))
	return err == nil && old != nil
}

// standardFieldKeys are the entries ISO 32000-2 defines for fields, widgets
// and annotations (12.5, 12.7).
var standardFieldKeys = map[string]bool{
	"Type": true, "Subtype": true, "Rect": true, "Contents": true, "P": true, "NM": true, "M": true,
	"F": true, "AP": true, "AS": true, "Border": true, "C": true, "StructParent": true, "OC": true,
	"AF": true, "ca": true, "CA": true, "BM": true, "Lang": true, "H": true, "MK": true, "A": true,
	"AA": true, "BS": true, "Parent": true, "FT": true, "Kids": true, "T": true, "TU": true, "TM": true,
	"Ff": true, "V": true, "DV": true, "DA": true, "Q": true, "DS": true, "RV": true, "MaxLen": true,
	"Opt": true, "TI": true, "I": true, "Lock": true, "SV": true,
}

func isSigDict(o types.Object) bool {
	dict, ok := dictOf(o)
	if !ok {
		return false
	}
	t := nameOf(dict["Type"])
	if t == "Sig" || t == "DocTimeStamp" {
		return true
	}
	_, br := dict["ByteRange"]
	_, c := dict["Contents"]
	return br && c && t == ""
}

func isField(d types.Dict) bool {
	if sub := nameOf(d["Subtype"]); sub != "" && sub != "Widget" {
		return false // a markup annotation's /T is its author, not a field name
	}
	for _, k := range []string{"FT", "T", "Parent", "Kids"} {
		if _, ok := d[k]; ok {
			return true
		}
	}
	return nameOf(d["Subtype"]) == "Widget"
}

func isAnnotation(d types.Dict) bool {
	if nameOf(d["Type"]) == "Annot" {
		return true
	}
	_, rect := d["Rect"]
	_, sub := d["Subtype"]
	return rect && sub
}

func describe(o types.Object) string {
	switch v := o.(type) {
	case types.StreamDict:
		if t := nameOf(v.Dict["Subtype"]); t != "" {
			return "stream " + t
		}
		return "stream"
	case types.Dict:
		if t := nameOf(v["Type"]); t != "" {
			return t
		}
		if t := nameOf(v["Subtype"]); t != "" {
			return t
		}
		return "dictionary"
	case types.Array:
		return "array"
	case nil:
		return "null"
	}
	return fmt.Sprintf("%T", o)
}

func sorted(s []string) []string {
	sort.Strings(s)
	return s
}

// catalogEntry returns the value of a catalog key in revision r, or nil.
func catalogEntry(f *pdf.File, r int, key string) types.Object {
	cat, err := f.Catalog(r)
	if err != nil {
		return nil
	}
	return cat[key]
}

// reachable collects the objects reachable from root in revision r without
// entering streams: the DSS's validation data, the form's resources.
func reachable(f *pdf.File, r int, root types.Object) map[int]bool {
	return reachableInto(map[int]bool{}, f, r, root)
}

// reachableInto adds to seen what reachable would return, sharing the walk
// across several roots.
func reachableInto(seen map[int]bool, f *pdf.File, r int, root types.Object) map[int]bool {
	var walk func(o types.Object, depth int)
	walk = func(o types.Object, depth int) {
		if depth > 16 || len(seen) > maxReachable {
			return
		}
		switch v := o.(type) {
		case types.IndirectRef:
			n := int(v.ObjectNumber)
			if seen[n] {
				return
			}
			seen[n] = true
			obj, err := f.Object(r, n)
			if err == nil {
				if _, isStream := obj.(types.StreamDict); !isStream {
					walk(obj, depth+1)
				}
			}
		case types.Dict:
			for _, e := range v {
				walk(e, depth+1)
			}
		case types.Array:
			for _, e := range v {
				walk(e, depth+1)
			}
		}
	}
	walk(root, 0)
	return seen
}

// fieldName is the fully qualified name of a field (ISO 32000-2 12.7.4.2):
// the /T of the field and of its ancestors, joined by periods.
func (d *differ) fieldName(field types.Dict) string {
	var parts []string
	for depth := 0; depth < pdf.MaxFieldDepth && field != nil; depth++ {
		if t, err := d.f.Resolve(d.r, field["T"]); err == nil && t != nil {
			parts = append([]string{d.f.Text(t)}, parts...)
		}
		parent, ok := field["Parent"].(types.IndirectRef)
		if !ok {
			break
		}
		o, err := d.f.Object(d.r, int(parent.ObjectNumber))
		if err != nil {
			break
		}
		field, _ = dictOf(o)
	}
	return strings.Join(parts, ".")
}

// fieldReadOnly is the ReadOnly bit of a field's /Ff (ISO 32000-2 12.7.4.1).
const fieldReadOnly = 1

// onlyReadOnlyAdded reports whether the field flags changed only by
// setting ReadOnly.
func onlyReadOnlyAdded(oldFf, newFf types.Object) bool {
	o, _ := oldFf.(types.Integer)
	n, ok := newFf.(types.Integer)
	return ok && int(n) == int(o)|fieldReadOnly
}
