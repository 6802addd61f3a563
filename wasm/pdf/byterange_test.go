package pdf

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"testing"
)

func TestSignatures(t *testing.T) {
	b := newBuilder()
	onePage(b)
	b.xref("/Root 1 0 R /Info 5 0 R")
	br := sign(t, b, sigOptions{field: "Sig\\051 1", extra: "/Cert [(ab) <0102>] /Location (\\376\\377\\000T\\000a\\000l\\000l\\000i\\000n\\000n)"})
	data := b.bytes()
	f := mustOpen(t, data)
	noProblems(t, f)
	sigs, err := f.Signatures(1)
	if err != nil || len(sigs) != 1 {
		t.Fatalf("Signatures: %v, %v", sigs, err)
	}
	s := sigs[0]
	if s.ByteRangeProblem != "" || s.SignedRevision != 1 || s.DictChanged {
		t.Errorf("problem %q signed revision %d changed %v", s.ByteRangeProblem, s.SignedRevision, s.DictChanged)
	}
	if s.Field != "Sig) 1" || s.FieldRef.ObjectNumber != 6 || s.DictRef.ObjectNumber != 7 {
		t.Errorf("field %q %v %v", s.Field, s.FieldRef, s.DictRef)
	}
	if s.Page != 1 || len(s.Rect) != 4 || s.Rect[2] != 110 {
		t.Errorf("page %d rect %v", s.Page, s.Rect)
	}
	if s.Type != "Sig" || s.Filter != "Adobe.PPKLite" || s.SubFilter != "ETSI.CAdES.detached" {
		t.Errorf("type %q filter %q subfilter %q", s.Type, s.Filter, s.SubFilter)
	}
	if s.M != "D:20260101120000Z" || s.Reason != "Testing" || s.Name != "Tester" || s.Location != "Tallinn" {
		t.Errorf("M %q Reason %q Name %q Location %q", s.M, s.Reason, s.Name, s.Location)
	}
	if len(s.Cert) != 2 || string(s.Cert[0]) != "ab" || !bytes.Equal(s.Cert[1], []byte{1, 2}) {
		t.Errorf("Cert %q", s.Cert)
	}
	if len(s.Contents) != 32 || s.ByteRange[1] != int64(br[1]) || s.ByteRange[3] != int64(br[3]) {
		t.Errorf("Contents %d bytes, ByteRange %v (want %v)", len(s.Contents), s.ByteRange, br)
	}
	if s.DocMDP != 0 || s.FieldMDP != nil {
		t.Errorf("DocMDP %d FieldMDP %v", s.DocMDP, s.FieldMDP)
	}
	// The previous revision has no signature.
	if sigs, _ := f.Signatures(0); len(sigs) != 0 {
		t.Errorf("revision 0 signatures: %v", sigs)
	}
}

func TestDocTimeStampAndCertification(t *testing.T) {
	b := newBuilder()
	onePage(b)
	b.xref("/Root 1 0 R /Info 5 0 R")
	sign(t, b, sigOptions{extra: "/Reference [<< /Type /SigRef /TransformMethod /DocMDP /TransformParams << /Type /TransformParams /P 1 /V /1.2 >> >>]"})
	f := mustOpen(t, b.bytes())
	sigs, _ := f.Signatures(1)
	if len(sigs) != 1 || sigs[0].DocMDP != 1 {
		t.Fatalf("certification: %+v", sigs)
	}

	b = newBuilder()
	onePage(b)
	b.xref("/Root 1 0 R /Info 5 0 R")
	sign(t, b, sigOptions{docTimeStamp: true})
	f = mustOpen(t, b.bytes())
	sigs, _ = f.Signatures(1)
	if len(sigs) != 1 || sigs[0].Type != "DocTimeStamp" || sigs[0].ByteRangeProblem != "" || sigs[0].DocMDP != 0 {
		t.Fatalf("document timestamp: %+v", sigs)
	}
}

func TestFieldMDP(t *testing.T) {
	b := newBuilder()
	onePage(b)
	b.xref("/Root 1 0 R /Info 5 0 R")
	sign(t, b, sigOptions{extra: "/Reference [<< /TransformMethod /FieldMDP /TransformParams << /Action /Include /Fields [(a) (b)] >> >>]"})
	f := mustOpen(t, b.bytes())
	sigs, _ := f.Signatures(1)
	if len(sigs) != 1 || sigs[0].FieldMDP == nil || sigs[0].FieldMDP.Action != "Include" || strings.Join(sigs[0].FieldMDP.Fields, ",") != "a,b" {
		t.Fatalf("FieldMDP: %+v", sigs[0].FieldMDP)
	}
}

// TestByteRangeProblems builds each layout anomaly of attacks.md §4 A and
// checks that the strict check names it.
func TestByteRangeProblems(t *testing.T) {
	zeros := strings.Repeat("0", 64)
	for _, tc := range []struct {
		name   string
		opts   sigOptions
		want   string
		signed int // expected SignedRevision
	}{
		{"two Contents", sigOptions{contents: "/Contents <" + zeros + "> /Contents <" + zeros + ">"}, "2 /Contents entries", 1},
		{"spaces before Contents", sigOptions{contents: "/Contents    <" + zeros + ">", adjust: func(br *[4]int) { br[1] -= 3 }},
			"begins at white space before the '<'", 1},
		{"gap not at Contents", sigOptions{adjust: func(br *[4]int) { br[1] -= 20 }}, "is not the offset", 1},
		{"gap end not after Contents", sigOptions{adjust: func(br *[4]int) { br[2] += 2; br[3] -= 2 }}, "just after the '>'", 1},
		{"range beyond the file", sigOptions{adjust: func(br *[4]int) { br[3] += 10 }}, "beyond the end of the file", -1},
		{"end not at a revision end", sigOptions{adjust: func(br *[4]int) { br[3] -= 1 }}, "not the end of a revision", -1},
		{"EOL not covered", sigOptions{adjust: func(br *[4]int) { br[3] -= 1 }}, "stops before the EOL", -1},
		{"white space in the gap", sigOptions{contents: "/Contents <" + zeros[:32] + " " + zeros[:32] + ">"}, "bytes other than the hex digits", 1},
		{"Contents nested in a dictionary", sigOptions{contents: "/Prop_Build << /Contents <" + zeros + "> >> /Contents <" + zeros + ">"}, "not the offset", 1},
		{"Contents a literal string", sigOptions{contents: "/Contents (" + zeros + ")"}, "not a direct hex string (it starts with a literal string)", 1},
		{"no Contents", sigOptions{contents: "/Contentz <" + zeros + "> /Foo <00>", adjust: func(br *[4]int) {}}, "no /Contents", 1},
		{"ByteRange zero", sigOptions{adjust: func(br *[4]int) { *br = [4]int{0, 0, 0, 0} }}, "does not leave a gap", -1},
		{"ByteRange not from 0", sigOptions{adjust: func(br *[4]int) { br[0] = 1 }}, "does not start at 0", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := newBuilder()
			onePage(b)
			b.xref("/Root 1 0 R /Info 5 0 R")
			sign(t, b, tc.opts)
			f := mustOpen(t, b.bytes())
			sigs, err := f.Signatures(1)
			if err != nil || len(sigs) != 1 {
				t.Fatalf("Signatures: %v, %v", sigs, err)
			}
			s := sigs[0]
			if !strings.Contains(s.ByteRangeProblem, tc.want) {
				t.Errorf("problem %q, want %q", s.ByteRangeProblem, tc.want)
			}
			if s.SignedRevision != tc.signed {
				t.Errorf("signed revision %d, want %d", s.SignedRevision, tc.signed)
			}
		})
	}
}

func TestByteRangeMalformedValues(t *testing.T) {
	for _, v := range []string{"[0 10 20]", "[0 10 20 30 40]", "[0 -10 20 30]", "[0 10.0 20 30]", "null", "(0 10 20 30)", "[0 10 20 99999999999999999999]"} {
		b := newBuilder()
		onePage(b)
		b.xref("/Root 1 0 R /Info 5 0 R")
		b.obj(1, "<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [6 0 R] >> >>")
		b.obj(6, "<< /FT /Sig /T (S) /V 7 0 R >>")
		b.obj(7, "<< /Type /Sig /ByteRange "+v+" /Contents <00> >>")
		b.xref("/Root 1 0 R")
		f, err := Open(b.bytes())
		if err != nil {
			// An unparseable value makes object 7 unreadable: no signature.
			t.Logf("%s: Open: %v", v, err)
			continue
		}
		sigs, err := f.Signatures(1)
		if err != nil {
			t.Errorf("%s: %v", v, err)
			continue
		}
		if len(sigs) == 1 && sigs[0].ByteRangeProblem == "" {
			t.Errorf("%s: accepted", v)
		}
	}
}

// TestByteRangeRedefinedLater: the signed revision's dictionary holds a
// placeholder ByteRange; a later revision redefines the dictionary with
// values that point at the signed revision. The values must be read from
// the signed revision.
func TestByteRangeRedefinedLater(t *testing.T) {
	b := newBuilder()
	onePage(b)
	b.xref("/Root 1 0 R /Info 5 0 R")
	br := sign(t, b, sigOptions{adjust: func(br *[4]int) {}})
	// Undo the fill: leave the placeholder [0 0 0 0] in the signed bytes.
	data := b.buf.Bytes()
	i := bytes.Index(data, []byte("/ByteRange ["))
	copy(data[i:], placeholderBR)
	zeros := strings.Repeat("0", 64)
	b.obj(7, "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange ["+
		strconv.Itoa(br[0])+" "+strconv.Itoa(br[1])+" "+strconv.Itoa(br[2])+" "+strconv.Itoa(br[3])+"] /Contents <"+zeros+"> >>")
	b.xref("/Root 1 0 R /Info 5 0 R")
	f := mustOpen(t, b.bytes())
	sigs, _ := f.Signatures(2)
	if len(sigs) != 1 {
		t.Fatalf("signatures %+v", sigs)
	}
	s := sigs[0]
	if s.SignedRevision != 1 || !strings.Contains(s.ByteRangeProblem, "differs") || !s.DictChanged {
		t.Errorf("signed %d problem %q changed %v", s.SignedRevision, s.ByteRangeProblem, s.DictChanged)
	}
}

// TestSignatureDictionarySpoofed: a later revision redefines the
// signature dictionary with the same ByteRange and Contents but a forged
// /Reason. The layout check passes; DictChanged is set and the metadata
// come from the signed revision.
func TestSignatureDictionarySpoofed(t *testing.T) {
	b := newBuilder()
	onePage(b)
	b.xref("/Root 1 0 R /Info 5 0 R")
	sign(t, b, sigOptions{})
	data := b.buf.Bytes()
	start := bytes.Index(data, []byte("7 0 obj"))
	end := bytes.Index(data[start:], []byte("endobj")) + start
	body := string(data[start+len("7 0 obj\n") : end-1])
	b.obj(7, strings.Replace(body, "(Testing)", "(FORGED)", 1))
	b.xref("/Root 1 0 R /Info 5 0 R")
	f := mustOpen(t, b.bytes())
	sigs, _ := f.Signatures(2)
	if len(sigs) != 1 {
		t.Fatalf("signatures %+v", sigs)
	}
	s := sigs[0]
	if s.ByteRangeProblem != "" || s.SignedRevision != 1 || !s.DictChanged || s.Reason != "Testing" {
		t.Errorf("problem %q signed %d changed %v reason %q", s.ByteRangeProblem, s.SignedRevision, s.DictChanged, s.Reason)
	}
}

// TestSignatureWrapping builds SWA (attacks.md §3.3): the signed tail is
// moved to the end of the file and a forged ByteRange plus new objects
// sit in the enlarged gap. The check must reject the gap.
func TestSignatureWrapping(t *testing.T) {
	orig := signedPDF(t)
	f := mustOpen(t, orig)
	sigs, _ := f.Signatures(1)
	br := sigs[0].ByteRange
	a, c := int(br[1]), int(br[2])
	p1, cont, p2 := orig[:a], orig[a:c], orig[c:]
	// Q = P1 + C + forged ByteRange and junk, P2 appended; the digest over
	// P1||P2 is unchanged.
	var q bytes.Buffer
	q.Write(p1)
	q.Write(cont)
	q.WriteString(" /ByteRange [0 " + strconv.Itoa(a) + " CCCCCC " + strconv.Itoa(len(p2)) + "] >>\nendobj\n% junk\n")
	cNew := q.Len()
	out := bytes.Replace(q.Bytes(), []byte("CCCCCC"), fmt.Appendf(nil, "%6d", cNew), 1)
	out = append(out[:cNew:cNew], p2...)
	f, err := Open(out)
	if err != nil {
		t.Fatal(err)
	}
	sigs, err = f.Signatures(len(f.Revisions()) - 1)
	if err != nil || len(sigs) != 1 {
		t.Fatalf("signatures %v, %v", sigs, err)
	}
	if sigs[0].ByteRangeProblem == "" {
		t.Errorf("signature wrapping accepted: %+v", sigs[0].ByteRange)
	}
}

func TestSignatureInObjectStreamOrDirect(t *testing.T) {
	// Direct /V.
	b := newBuilder()
	onePage(b)
	b.xref("/Root 1 0 R /Info 5 0 R")
	b.obj(1, "<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [6 0 R] >> >>")
	b.obj(6, "<< /FT /Sig /T (S) /V << /Type /Sig /ByteRange [0 1 2 3] /Contents <00> >> >>")
	b.xref("/Root 1 0 R")
	f := mustOpen(t, b.bytes())
	sigs, _ := f.Signatures(1)
	if len(sigs) != 1 || !strings.Contains(sigs[0].ByteRangeProblem, "direct object") {
		t.Errorf("direct /V: %+v", sigs)
	}

	// Signature dictionary inside an object stream.
	b = newBuilder()
	onePage(b)
	b.xref("/Root 1 0 R /Info 5 0 R")
	b.obj(1, "<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [6 0 R] >> >>")
	b.obj(6, "<< /FT /Sig /T (S) /V 7 0 R >>")
	comp := b.objectStream(8, map[int]string{7: "<< /Type /Sig /ByteRange [0 10 20 DDDDDDDDDD] /Contents <00> >>"})
	b.xrefStream(9, "/Root 1 0 R", comp)
	data := b.bytes()
	// Let the ByteRange end at the revision end.
	data = bytes.Replace(data, []byte("DDDDDDDDDD"), fmt.Appendf(nil, "%010d", len(data)-20), 1)
	f = mustOpen(t, data)
	sigs, err := f.Signatures(1)
	if err != nil || len(sigs) != 1 || !strings.Contains(sigs[0].ByteRangeProblem, "inside an object stream") || sigs[0].SignedRevision != 1 {
		t.Errorf("signature in object stream: %+v, %v", sigs, err)
	}
}

func TestSharedSignatureValue(t *testing.T) {
	b := newBuilder()
	onePage(b)
	b.xref("/Root 1 0 R /Info 5 0 R")
	sign(t, b, sigOptions{})
	b.obj(1, "<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [6 0 R 8 0 R] /SigFlags 3 >> >>")
	b.obj(8, "<< /FT /Sig /T (Copy) /V 7 0 R /Subtype /Widget /Rect [0 0 0 0] >>")
	b.xref("/Root 1 0 R /Info 5 0 R")
	f := mustOpen(t, b.bytes())
	sigs, _ := f.Signatures(2)
	if len(sigs) != 1 || len(sigs[0].SharedWith) != 1 || sigs[0].SharedWith[0] != "Copy" {
		t.Errorf("shared: %+v", sigs)
	}
}

func TestFieldTree(t *testing.T) {
	b := newBuilder()
	onePage(b)
	b.xref("/Root 1 0 R /Info 5 0 R")
	sign(t, b, sigOptions{})
	// A parent with /FT /Sig, a kid field that inherits it, a widget kid,
	// a cycle, and an unsigned signature field.
	b.obj(1, "<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [10 0 R 6 0 R 13 0 R] >> >>")
	b.obj(10, "<< /FT /Sig /T (\\376\\377\\000P) /Kids [11 0 R 10 0 R] >>")
	b.obj(11, "<< /T (kid) /Parent 10 0 R /V 7 0 R /Kids [12 0 R] >>")
	b.obj(12, "<< /Type /Annot /Subtype /Widget /Parent 11 0 R /Rect [1 2 3 4] /P 3 0 R >>")
	b.obj(13, "<< /FT /Sig /T (empty) >>")
	b.xref("/Root 1 0 R /Info 5 0 R")
	f := mustOpen(t, b.bytes())
	sigs, err := f.Signatures(2)
	if err != nil || len(sigs) != 1 {
		t.Fatalf("signatures %+v, %v", sigs, err)
	}
	s := sigs[0]
	if s.Field != "P.kid" || s.Page != 1 || len(s.Rect) != 4 || s.Rect[0] != 1 || len(s.SharedWith) != 1 {
		t.Errorf("field %q page %d rect %v shared %v", s.Field, s.Page, s.Rect, s.SharedWith)
	}
}

func TestFieldListedWithParent(t *testing.T) {
	// /Fields lists a kid whose /FT and name prefix come from its parent.
	b := newBuilder()
	onePage(b)
	b.xref("/Root 1 0 R /Info 5 0 R")
	sign(t, b, sigOptions{})
	b.obj(1, "<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [11 0 R] >> >>")
	b.obj(10, "<< /FT /Sig /T (top) /Kids [11 0 R] >>")
	b.obj(11, "<< /T (kid) /Parent 10 0 R /V 7 0 R /Subtype /Widget /Rect [0 0 1 1] >>")
	b.xref("/Root 1 0 R /Info 5 0 R")
	f := mustOpen(t, b.bytes())
	sigs, err := f.Signatures(2)
	if err != nil || len(sigs) != 1 || sigs[0].Field != "top.kid" {
		t.Fatalf("signatures %+v, %v", sigs, err)
	}
}

func TestReadDictLayout(t *testing.T) {
	src := []byte("12 0 obj\n<< /Type /Sig /Contents <0A0b> /ByteRange [0 1 2 3] /Sub << /Contents (x) >> >>\nendobj\n")
	l, err := readDictLayout(src, 0)
	if err != nil {
		t.Fatal(err)
	}
	if l.num != 12 || len(l.entries) != 4 || l.end != len(src)-1 {
		t.Fatalf("layout %+v", l)
	}
	c := l.entriesNamed("Contents")
	if len(c) != 1 || string(src[c[0].valStart:c[0].valEnd]) != "<0A0b>" || c[0].valKind != tokHex {
		t.Errorf("Contents entry %+v", c)
	}
	for _, bad := range []string{
		"1 0 obj << /A >> endobj",
		"1 0 obj << /A 1 >> stream",
		"1 0 obj [1] endobj",
		"1 0 obj << /A <zz> >> endobj",
		"1 0 obj << (k) 1 >> endobj",
		"1 0 obj << /A 1",
	} {
		if _, err := readDictLayout([]byte(bad), 0); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
