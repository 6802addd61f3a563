package pdf

import (
	"reflect"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// Signature is one signature value (a signature or a document timestamp)
// reached from a signature field of the AcroForm, with what the strict
// layout check found.
type Signature struct {
	// Field is the fully qualified field name (the /T values joined with
	// '.'), decoded from PDFDocEncoding or UTF-16.
	Field    string
	FieldRef types.IndirectRef
	// SharedWith lists the other fields whose /V is the same signature
	// dictionary. A signature value belongs to one field; reuse is an
	// attack (attacks.md §1.4, "signature value reuse").
	SharedWith []string
	// DictRef is the /V signature dictionary. It must be indirect; a
	// direct /V leaves it zero and is a ByteRangeProblem.
	DictRef types.IndirectRef
	// Page is the 1-based page of the field's widget (via /P, else by
	// scanning the pages' /Annots), 0 if none.
	Page int
	// Rect is the widget's /Rect.
	Rect []float64

	Type, Filter, SubFilter string
	// ByteRange is the /ByteRange as the last revision shows it; the
	// check requires the signed revision's own to be the same.
	ByteRange []int64
	// Contents holds the decoded bytes of the /Contents hex string (never
	// encrypted, ISO 32000 7.6.2): taken from the signed revision's bytes
	// when the check got that far, else from the last revision's
	// dictionary.
	Contents []byte
	// Cert is /Cert (a string or an array of strings), used by
	// adbe.x509.rsa_sha1.
	Cert [][]byte
	// M, Name, Reason, Location, ContactInfo are decoded text. Like the
	// other metadata they come from the signed revision's dictionary
	// when it exists there. In an encrypted file that cannot be
	// decrypted (see File.DecryptionError) the text fields, Field
	// included, and Cert are left empty rather than filled with
	// ciphertext; ByteRange and Contents are never encrypted.
	M, Name, Reason, Location, ContactInfo string

	// SignedRevision is the index of the revision whose End equals
	// ByteRange[2]+ByteRange[3], or -1.
	SignedRevision int
	// ByteRangeProblem is "" when the strict layout check passes, else
	// the reasons.
	ByteRangeProblem string
	// DictChanged says that the signature dictionary in the last revision
	// differs from the one in SignedRevision, or did not exist there.
	DictChanged bool
	// DocMDP is /P (1, 2 or 3; 2 when absent) of a /Reference with
	// /TransformMethod /DocMDP, or 0 for a signature that certifies
	// nothing.
	DocMDP int
	// FieldMDP is the lock from a /Reference with /TransformMethod
	// /FieldMDP, else from the field's /Lock; nil when neither exists.
	FieldMDP *FieldLock
}

// FieldLock is a FieldMDP lock: which fields a signature locks.
type FieldLock struct {
	Action string   // All, Include or Exclude
	Fields []string // for Include and Exclude
}

// Locks reports whether the lock covers the field with this fully
// qualified name. A name in Fields covers its descendants too ("a" covers
// "a.b"), as a field's value lives in its terminal fields. An unknown
// action locks everything: a lock that cannot be read must not open up.
func (l *FieldLock) Locks(name string) bool {
	listed := false
	for _, f := range l.Fields {
		listed = listed || name == f || strings.HasPrefix(name, f+".")
	}
	switch l.Action {
	case "Include":
		return listed
	case "Exclude":
		return !listed
	}
	return true
}

// Signatures returns every signature value reached from revision rev's
// AcroForm /Fields tree, in tree order: each terminal field whose /FT is
// /Sig (inherited) and whose /V is a dictionary. A dictionary referenced
// by several fields counts once (see SharedWith). Usage-rights signatures
// in /Perms and signature dictionaries no field points at are not
// listed. Normally rev is the last revision.
func (f *File) Signatures(rev int) (sigs []Signature, err error) {
	defer recoverError(&err)
	if err := f.checkRev(rev); err != nil {
		return nil, err
	}
	return f.signatures(rev, MaxFieldsVisited)
}

// signatures is Signatures with the field limit as a parameter, for the
// limit's test.
func (f *File) signatures(rev, maxVisits int) ([]Signature, error) {
	cat, err := f.catalog(rev)
	if err != nil {
		return nil, err
	}
	af, err := f.resolveDict(rev, cat["AcroForm"])
	if err != nil || af == nil {
		return nil, err
	}
	fv, err := f.resolve(rev, af["Fields"])
	if err != nil {
		return nil, err
	}
	fields, _ := fv.(types.Array)
	w := &fieldWalker{f: f, rev: rev, seen: map[int]bool{}, byDict: map[int]int{}, maxVisits: maxVisits}
	for _, kid := range fields {
		name, inh := w.ancestors(kid)
		if err := w.visit(kid, name, inh, 0); err != nil {
			return nil, err
		}
	}
	return w.sigs, nil
}

// ancestors returns the name prefix and inherited attributes of a field
// that /Fields lists although it has a /Parent (some writers list kids
// there too), following /Parent up to MaxFieldDepth levels.
func (w *fieldWalker) ancestors(o types.Object) (string, inherited) {
	var inh inherited
	var names []string
	d, _ := w.f.resolveDict(w.rev, o)
	seen := map[int]bool{}
	for depth := 0; d != nil && depth < MaxFieldDepth; depth++ {
		pref, ok := d["Parent"].(types.IndirectRef)
		if !ok || seen[int(pref.ObjectNumber)] {
			break
		}
		seen[int(pref.ObjectNumber)] = true
		d, _ = w.f.resolveDict(w.rev, pref)
		if d == nil {
			break
		}
		if t, ok := d["T"]; ok {
			names = append([]string{w.f.text(t)}, names...)
		}
		if ft, ok := d["FT"].(types.Name); ok && inh.ft == "" {
			inh.ft = ft
		}
		if v, ok := d["V"]; ok && !inh.hasV {
			inh.v, inh.hasV = v, true
		}
	}
	return strings.Join(names, "."), inh
}

// inherited holds the inheritable field attributes we need.
type inherited struct {
	ft   types.Name
	v    types.Object
	hasV bool
}

type fieldWalker struct {
	f         *File
	rev       int
	seen      map[int]bool
	visits    int
	maxVisits int
	byDict    map[int]int // signature dictionary number -> index in sigs
	sigs      []Signature
	// Built lazily: page object number -> 1-based page, and annotation
	// object number -> the first page whose /Annots lists it.
	pageIndex, annotPage map[int]int
}

func (w *fieldWalker) visit(o types.Object, parent string, inh inherited, depth int) error {
	if depth > MaxFieldDepth {
		return limitErrorf("field tree deeper than MaxFieldDepth (%d)", MaxFieldDepth)
	}
	if w.visits++; w.visits > w.maxVisits {
		return limitErrorf("more than MaxFieldsVisited (%d) fields", MaxFieldsVisited)
	}
	ref, isRef := o.(types.IndirectRef)
	if isRef {
		if w.seen[int(ref.ObjectNumber)] {
			return nil // a cycle, or a field listed twice
		}
		w.seen[int(ref.ObjectNumber)] = true
	}
	d, err := w.f.resolveDict(w.rev, o)
	if err != nil || d == nil {
		return nil // not a field; the diff layer judges broken trees
	}
	name := parent
	if t, ok := d["T"]; ok {
		if name != "" {
			name += "."
		}
		name += w.f.text(t)
	}
	if ft, ok := d["FT"].(types.Name); ok {
		inh.ft = ft
	}
	if v, ok := d["V"]; ok {
		inh.v, inh.hasV = v, true
	}
	var fieldKids, widgets []types.Object
	if kv, err := w.f.resolve(w.rev, d["Kids"]); err == nil {
		kids, _ := kv.(types.Array)
		for _, k := range kids {
			kd, err := w.f.resolveDict(w.rev, k)
			if err != nil || kd == nil {
				continue
			}
			if isWidgetOnly(kd) {
				widgets = append(widgets, k)
			} else {
				fieldKids = append(fieldKids, k)
			}
		}
	}
	if len(fieldKids) > 0 {
		for _, k := range fieldKids {
			if err := w.visit(k, name, inh, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	if inh.ft != "Sig" || !inh.hasV {
		return nil
	}
	if _, merged := d["Subtype"]; merged || d["Rect"] != nil {
		widgets = append([]types.Object{o}, widgets...)
	}
	w.addSignature(name, ref, d, inh.v, widgets)
	return nil
}

// isWidgetOnly tells a pure widget annotation (a kid that is not a field)
// from a field: a widget has none of /T, /Kids, /FT and /V.
func isWidgetOnly(d types.Dict) bool {
	for _, k := range []string{"T", "Kids", "FT", "V"} {
		if _, ok := d[k]; ok {
			return false
		}
	}
	st, _ := d["Subtype"].(types.Name)
	return st == "Widget" || st == ""
}

func (w *fieldWalker) addSignature(name string, fieldRef types.IndirectRef, field types.Dict, v types.Object, widgets []types.Object) {
	f, rev := w.f, w.rev
	dictRef, indirect := v.(types.IndirectRef)
	if indirect {
		if i, dup := w.byDict[int(dictRef.ObjectNumber)]; dup {
			w.sigs[i].SharedWith = append(w.sigs[i].SharedWith, name)
			return
		}
	}
	vv, err := f.resolve(rev, v)
	if err != nil {
		return
	}
	latest, ok := vv.(types.Dict) // a stream is not a signature dictionary
	if !ok {
		return
	}
	sig := Signature{Field: name, FieldRef: fieldRef}
	if indirect {
		sig.DictRef = dictRef
		w.byDict[int(dictRef.ObjectNumber)] = len(w.sigs)
	}
	sig.ByteRangeProblem = f.checkByteRange(&sig, sig.DictRef, latest)
	if !indirect {
		sig.ByteRangeProblem = joinProblems("the signature dictionary is a direct object, not an indirect one", sig.ByteRangeProblem)
	}
	meta, metaRev := latest, rev
	if s := sig.SignedRevision; s >= 0 && indirect {
		signed, err := f.object(s, int(dictRef.ObjectNumber), -1, 0)
		sd, isDict := signed.(types.Dict)
		switch {
		case err != nil || !isDict:
			sig.DictChanged = true
		default:
			meta, metaRev = sd, s
			sig.DictChanged = !reflect.DeepEqual(sd, latest)
		}
	}
	if sig.Contents == nil {
		sig.Contents = stringBytes(latest["Contents"])
	}
	w.fillMeta(&sig, metaRev, meta)
	w.fillLocks(&sig, metaRev, meta, field)
	w.fillWidget(&sig, widgets)
	w.sigs = append(w.sigs, sig)
}

func joinProblems(a, b string) string {
	switch {
	case b == "":
		return a
	case a == "":
		return b
	}
	return a + "; " + b
}

// fillMeta copies the descriptive entries of the signature dictionary d
// of revision rev.
func (w *fieldWalker) fillMeta(sig *Signature, rev int, d types.Dict) {
	res := func(k string) types.Object {
		v, err := w.f.resolve(rev, d[k])
		if err != nil {
			return nil
		}
		return v
	}
	name := func(k string) string {
		n, _ := res(k).(types.Name)
		return string(n)
	}
	sig.Type, sig.Filter, sig.SubFilter = name("Type"), name("Filter"), name("SubFilter")
	sig.M = w.f.text(res("M"))
	sig.Name = w.f.text(res("Name"))
	sig.Reason = w.f.text(res("Reason"))
	sig.Location = w.f.text(res("Location"))
	sig.ContactInfo = w.f.text(res("ContactInfo"))
	if w.f.encrypted && w.f.sec == nil {
		return
	}
	switch c := res("Cert").(type) {
	case types.StringLiteral, types.HexLiteral:
		sig.Cert = [][]byte{stringBytes(c)}
	case types.Array:
		for _, e := range c {
			if ev, err := w.f.resolve(rev, e); err == nil {
				if b := stringBytes(ev); b != nil {
					sig.Cert = append(sig.Cert, b)
				}
			}
		}
	}
}

// fillLocks reads DocMDP and FieldMDP from the /Reference of signature
// dictionary d of revision rev, and the field's /Lock.
func (w *fieldWalker) fillLocks(sig *Signature, rev int, d, field types.Dict) {
	rv, _ := w.f.resolve(rev, d["Reference"])
	refs, _ := rv.(types.Array)
	for _, r := range refs {
		sr, err := w.f.resolveDict(rev, r)
		if err != nil || sr == nil {
			continue
		}
		params, _ := w.f.resolveDict(rev, sr["TransformParams"])
		switch m, _ := sr["TransformMethod"].(types.Name); m {
		case "DocMDP":
			sig.DocMDP = 2
			if p, ok := params["P"].(types.Integer); ok {
				sig.DocMDP = int(p)
			}
		case "FieldMDP":
			if sig.FieldMDP == nil {
				sig.FieldMDP = w.fieldLock(rev, params)
			}
		}
	}
	if sig.FieldMDP == nil {
		if lock, _ := w.f.resolveDict(w.rev, field["Lock"]); lock != nil {
			sig.FieldMDP = w.fieldLock(w.rev, lock)
		}
	}
}

func (w *fieldWalker) fieldLock(rev int, d types.Dict) *FieldLock {
	if d == nil {
		return nil
	}
	a, _ := d["Action"].(types.Name)
	l := &FieldLock{Action: string(a)}
	fv, _ := w.f.resolve(rev, d["Fields"])
	fs, _ := fv.(types.Array)
	for _, e := range fs {
		if ev, err := w.f.resolve(rev, e); err == nil {
			l.Fields = append(l.Fields, w.f.text(ev))
		}
	}
	return l
}

// fillWidget finds the page and rectangle of the first widget.
func (w *fieldWalker) fillWidget(sig *Signature, widgets []types.Object) {
	for _, wo := range widgets {
		wd, err := w.f.resolveDict(w.rev, wo)
		if err != nil || wd == nil {
			continue
		}
		if rv, err := w.f.resolve(w.rev, wd["Rect"]); err == nil {
			if a, ok := rv.(types.Array); ok && len(a) == 4 {
				sig.Rect = numbers(a)
			}
		}
		if ref, ok := wo.(types.IndirectRef); ok {
			sig.Page = w.pageOfWidget(ref, wd)
		}
		return
	}
}

// pageOfWidget returns the 1-based page of a widget: its /P if that is a
// page of the tree, else the page whose /Annots lists it, else 0.
func (w *fieldWalker) pageOfWidget(ref types.IndirectRef, wd types.Dict) int {
	if w.pageIndex == nil {
		w.pageIndex, w.annotPage = map[int]int{}, map[int]int{}
		pages, _ := w.f.pages(w.rev)
		for i, p := range pages {
			w.pageIndex[int(p.ObjectNumber)] = i + 1
			pd, err := w.f.resolveDict(w.rev, p)
			if err != nil || pd == nil {
				continue
			}
			av, _ := w.f.resolve(w.rev, pd["Annots"])
			annots, _ := av.(types.Array)
			for _, a := range annots {
				if ar, ok := a.(types.IndirectRef); ok {
					if _, dup := w.annotPage[int(ar.ObjectNumber)]; !dup {
						w.annotPage[int(ar.ObjectNumber)] = i + 1
					}
				}
			}
		}
	}
	if p, ok := wd["P"].(types.IndirectRef); ok {
		if n := w.pageIndex[int(p.ObjectNumber)]; n > 0 {
			return n
		}
	}
	return w.annotPage[int(ref.ObjectNumber)]
}

func numbers(a types.Array) []float64 {
	out := make([]float64, 0, len(a))
	for _, v := range a {
		switch n := v.(type) {
		case types.Integer:
			out = append(out, float64(n))
		case types.Float:
			out = append(out, float64(n))
		default:
			return nil
		}
	}
	return out
}
