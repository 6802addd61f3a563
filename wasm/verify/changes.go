package verify

import (
	"fmt"
	"sort"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
	"github.com/verso-pdf/verso/wasm/pdf"
)

// Kinds of change an incremental update can make.
const (
	changeSignature    = "signature"
	changeDocTimestamp = "document-timestamp"
	changeDSS          = "dss"
	changeFormFill     = "form-fill"
	changeAnnotation   = "annotation"
	changeMetadata     = "metadata"
	changeStructure    = "structure" // tagged-PDF structure and tab order: no effect on what is drawn
	changeVersion      = "version"   // the PDF version or extension levels, raised when DSS is added
	changeOther        = "other"
)

// maxReachable bounds the walk over validation data (DSS) of one revision.
const maxReachable = 100000

// increment is what one incremental update did, by kind, with the reasons.
type increment map[string][]string

func (inc increment) add(kind, detail string) {
	if detail == "" {
		inc[kind] = append(inc[kind], "")
		return
	}
	for _, d := range inc[kind] {
		if d == detail {
			return
		}
	}
	inc[kind] = append(inc[kind], detail)
}

// diffRevision compares revision r with revision r-1 object by object. Only
// objects that existed before can change what a reader sees: a new object is
// inert until an existing one refers to it, so new objects only label the
// update while changed ones decide whether it is permitted.
func diffRevision(f *pdf.File, r int) increment {
	inc := increment{}
	revs := f.Revisions()
	cur, prev := revs[r], revs[r-1]
	for _, p := range cur.Problems {
		inc.add(changeOther, "malformed update: "+p)
	}
	if !sameObject(cur.Trailer["Root"], prev.Trailer["Root"]) {
		inc.add(changeOther, "the document catalog was replaced")
	}
	if !sameObject(cur.Trailer["Encrypt"], prev.Trailer["Encrypt"]) {
		inc.add(changeOther, "the encryption dictionary was replaced")
	}
	d := newDiffer(f, r)
	for _, num := range cur.Objects {
		d.object(inc, num)
	}
	return inc
}

// differ holds what one revision's classification needs to know.
type differ struct {
	f         *pdf.File
	r         int
	rootNum   int
	infoNum   int
	acroNum   int
	dssNew    map[int]bool
	dssOld    map[int]bool
	sigFields map[int]bool // signature fields and their widgets in revision r
	resources map[int]bool // objects reachable from the form's default resources (/DR)
	refs      *referrers   // who refers to what in revision r-1, built on first need
}

func newDiffer(f *pdf.File, r int) *differ {
	d := &differ{f: f, r: r, rootNum: -1, infoNum: -1, acroNum: -1}
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
	d.sigFields = map[int]bool{}
	if sigs, err := f.Signatures(r); err == nil {
		for _, s := range sigs {
			d.sigFields[int(s.FieldRef.ObjectNumber)] = true
		}
	}
	return d
}

// object classifies the change this revision made to object num.
func (d *differ) object(inc increment, num int) {
	f, r := d.f, d.r
	newObj, errNew := f.Object(r, num)
	oldObj, errOld := f.Object(r-1, num)
	if errNew != nil {
		inc.add(changeOther, fmt.Sprintf("object %d cannot be read: %v", num, errNew))
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
		inc.add(changeOther, fmt.Sprintf("object %d (%s) was deleted", num, describe(oldObj)))
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

func (d *differ) added(inc increment, num int, o types.Object) {
	switch {
	case d.dssNew[num]:
		inc.add(changeDSS, "")
	case isSigDict(o):
		if dict, _ := dictOf(o); nameOf(dict["Type"]) == "DocTimeStamp" || nameOf(dict["SubFilter"]) == "ETSI.RFC3161" {
			inc.add(changeDocTimestamp, "")
		} else {
			inc.add(changeSignature, "")
		}
	}
}

func (d *differ) changed(inc increment, num int, oldObj, newObj types.Object) {
	if d.dssNew[num] && (d.dssOld[num] || !d.referencedBefore(num)) {
		inc.add(changeDSS, "")
		return
	}
	if num == d.infoNum {
		inc.add(changeMetadata, "document information changed")
		return
	}
	if d.resources[num] {
		inc.add(changeFormFill, "form resources changed")
		return
	}
	oldDict, oldIsDict := dictOf(oldObj)
	newDict, newIsDict := dictOf(newObj)
	if _, isStream := oldObj.(types.StreamDict); isStream {
		if nameOf(oldDict["Type"]) == "Metadata" {
			inc.add(changeMetadata, "XMP metadata changed")
			return
		}
		if field, ok := d.exclusiveAppearance(num); ok {
			inc.add(changeFormFill, fmt.Sprintf("appearance of field %d redrawn", field))
			return
		}
		inc.add(changeOther, fmt.Sprintf("stream object %d (%s) was rewritten", num, describe(oldObj)))
		return
	}
	if oldArr, ok := oldObj.(types.Array); ok {
		d.changedArray(inc, num, oldArr, newObj)
		return
	}
	if !oldIsDict || !newIsDict {
		inc.add(changeOther, fmt.Sprintf("object %d (%s) was replaced", num, describe(oldObj)))
		return
	}
	switch {
	case num == d.rootNum:
		d.changedCatalog(inc, oldDict, newDict)
	case num == d.acroNum:
		d.changedAcroForm(inc, oldDict, newDict)
	case isSigDict(oldDict):
		inc.add(changeOther, fmt.Sprintf("signature dictionary %d was rewritten", num))
	case nameOf(oldDict["Type"]) == "Page":
		d.changedPage(inc, num, oldDict, newDict)
	case isField(oldDict):
		d.changedField(inc, num, oldDict, newDict)
	case isAnnotation(oldDict):
		inc.add(changeAnnotation, fmt.Sprintf("annotation %d (%s) changed", num, nameOf(oldDict["Subtype"])))
	case d.isCatalogNames(num):
		d.changedNames(inc, oldDict, newDict)
	default:
		if field, ok := d.exclusiveAppearance(num); ok {
			inc.add(changeFormFill, fmt.Sprintf("appearance of field %d changed", field))
			return
		}
		inc.add(changeOther, fmt.Sprintf("object %d (%s) changed: %s", num, describe(oldObj), strings.Join(sorted(changedKeys(oldDict, newDict)), ", ")))
	}
}

// referencedBefore is conservative: an object that a DSS adopts without
// having been part of an earlier DSS is treated as changed content unless it
// was unknown to the previous revision.
func (d *differ) referencedBefore(num int) bool {
	o, err := d.f.Object(d.r-1, num)
	return err != nil || o != nil
}

func (d *differ) changedCatalog(inc increment, old, new types.Dict) {
	for _, k := range changedKeys(old, new) {
		switch k {
		case "DSS":
			inc.add(changeDSS, "")
		case "AcroForm":
			oldForm, ok1 := old["AcroForm"].(types.Dict)
			newForm, ok2 := new["AcroForm"].(types.Dict)
			if ok1 && ok2 {
				d.changedAcroForm(inc, oldForm, newForm)
			} else if _, isRef := new["AcroForm"].(types.IndirectRef); isRef || ok2 {
				if old["AcroForm"] == nil {
					inc.add(changeSignature, "form added to the catalog")
				} else {
					inc.add(changeOther, "the catalog's form was replaced")
				}
			} else {
				inc.add(changeOther, "the catalog's form was removed")
			}
		case "Extensions", "Version":
			inc.add(changeVersion, "")
		case "Perms":
			// A certification added after approval signatures names its
			// signature here; the signature itself is checked on its own.
			inc.add(changeSignature, "permissions (certification) added")
		case "Metadata", "Lang":
			inc.add(changeMetadata, "catalog /"+k+" changed")
		case "StructTreeRoot", "MarkInfo":
			inc.add(changeStructure, "")
		case "Names":
			oldNames, _ := d.f.Resolve(d.r-1, old["Names"])
			newNames, _ := d.f.Resolve(d.r, new["Names"])
			o, _ := dictOf(oldNames)
			n, _ := dictOf(newNames)
			d.changedNames(inc, o, n)
		default:
			inc.add(changeOther, "catalog /"+k+" changed")
		}
	}
}

// isCatalogNames reports whether num is the catalog's name dictionary.
func (d *differ) isCatalogNames(num int) bool {
	ref, ok := catalogEntry(d.f, d.r, "Names").(types.IndirectRef)
	return ok && int(ref.ObjectNumber) == num
}

// changedNames allows the named appearances that annotation tools add
// (/AP); scripts, embedded files and destinations change the document.
func (d *differ) changedNames(inc increment, old, new types.Dict) {
	for _, k := range changedKeys(old, new) {
		if k == "AP" {
			inc.add(changeAnnotation, "named appearances changed")
			continue
		}
		inc.add(changeOther, "document names /"+k+" changed")
	}
}

func (d *differ) changedAcroForm(inc increment, old, new types.Dict) {
	for _, k := range changedKeys(old, new) {
		switch k {
		case "Fields":
			d.changedRefList(inc, "form field", old["Fields"], new["Fields"])
		case "SigFlags", "DR", "DA", "NeedAppearances":
			inc.add(changeFormFill, "")
		default:
			inc.add(changeOther, "form /"+k+" changed")
		}
	}
}

// changedRefList checks that an array of references (fields, annotations)
// only grew, and classifies what was added.
func (d *differ) changedRefList(inc increment, what string, oldV, newV types.Object) {
	oldArr, errOld := d.array(d.r-1, oldV)
	newArr, errNew := d.array(d.r, newV)
	if errOld != nil || errNew != nil {
		inc.add(changeOther, what+" list cannot be read")
		return
	}
	have := map[types.IndirectRef]bool{}
	for _, ref := range refsIn(newArr) {
		have[ref] = true
	}
	for _, ref := range refsIn(oldArr) {
		if !have[ref] {
			inc.add(changeOther, fmt.Sprintf("%s %d was removed", what, ref.ObjectNumber))
		}
		delete(have, ref)
	}
	for ref := range have {
		d.classifyAddedAnnotOrField(inc, ref)
	}
}

func (d *differ) classifyAddedAnnotOrField(inc increment, ref types.IndirectRef) {
	o, err := d.f.Object(d.r, int(ref.ObjectNumber))
	dict, ok := dictOf(o)
	if err != nil || !ok {
		inc.add(changeOther, fmt.Sprintf("added object %d cannot be read", ref.ObjectNumber))
		return
	}
	switch {
	case d.sigFields[int(ref.ObjectNumber)] || d.isSigWidget(dict):
		if d.recycledValue(dict) {
			inc.add(changeOther, fmt.Sprintf("new signature field %d reuses an existing signature", ref.ObjectNumber))
			return
		}
		inc.add(changeSignature, "")
	case isField(dict):
		inc.add(changeOther, fmt.Sprintf("form field %d added", ref.ObjectNumber))
	default:
		inc.add(changeAnnotation, fmt.Sprintf("%s annotation %d added", nameOf(dict["Subtype"]), ref.ObjectNumber))
	}
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

func (d *differ) changedArray(inc increment, num int, old types.Array, newObj types.Object) {
	if _, ok := newObj.(types.Array); !ok {
		inc.add(changeOther, fmt.Sprintf("array %d was replaced", num))
		return
	}
	// An indirect array that only grows by signature widgets or annotations is
	// a page's /Annots or the form's /Fields; anything else is content.
	if len(refsIn(old)) != len(old) {
		inc.add(changeOther, fmt.Sprintf("array %d changed", num))
		return
	}
	d.changedRefList(inc, "entry of array", old, newObj)
}

func (d *differ) changedPage(inc increment, num int, old, new types.Dict) {
	for _, k := range changedKeys(old, new) {
		switch k {
		case "Annots":
			d.changedRefList(inc, "annotation", old["Annots"], new["Annots"])
		case "StructParents", "Tabs":
			inc.add(changeStructure, "")
		default:
			inc.add(changeOther, fmt.Sprintf("page %d: /%s changed", num, k))
		}
	}
}

func (d *differ) changedField(inc increment, num int, old, new types.Dict) {
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
		inc.add(changeMetadata, fmt.Sprintf("field %d: private entries %s changed", num, strings.Join(sorted(private), ", ")))
	}
	if len(standard) == 0 {
		return
	}
	if onlyKeys([]string{"AP"}, standard...) && !d.ownAppearance(num, old["AP"]) {
		inc.add(changeOther, fmt.Sprintf("field %d: an appearance shared with other content was replaced", num))
		return
	}
	if d.isSigWidget(old) || d.isSigWidget(new) {
		_, hadValue := old["V"]
		if !hadValue && onlyKeys(standard, "V", "AP", "AS", "MK", "F", "DA", "P", "Lock", "SV") {
			d.signedExistingField(inc, num, new)
			return
		}
		if onlyKeys(standard, "AP", "MK") && hadValue {
			inc.add(changeFormFill, fmt.Sprintf("appearance of signature field %d changed", num))
			return
		}
		inc.add(changeOther, fmt.Sprintf("signature field %d changed: %s", num, strings.Join(sorted(standard), ", ")))
		return
	}
	if onlyKeys(standard, "V", "AS", "AP", "MK", "M", "DV", "I", "DA") {
		inc.add(changeFormFill, fmt.Sprintf("field %d filled", num))
		return
	}
	inc.add(changeOther, fmt.Sprintf("form field %d changed: %s", num, strings.Join(sorted(standard), ", ")))
}

// signedExistingField checks that an empty signature field was signed with
// a signature dictionary new in this revision, not a recycled one.
func (d *differ) signedExistingField(inc increment, num int, field types.Dict) {
	if d.recycledValue(field) {
		inc.add(changeOther, fmt.Sprintf("signature field %d reuses an existing signature", num))
		return
	}
	inc.add(changeSignature, "")
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
	seen := map[int]bool{}
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
