package cms

import (
	"encoding/asn1"
	"errors"
	"math/big"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// ASN.1 identifier octets used below.
const (
	tagInteger        = 0x02
	tagOctetString    = 0x04
	tagNull           = 0x05
	tagOID            = 0x06
	tagSequence       = 0x30
	tagSet            = 0x31
	constructed       = 0x20
	contextSpecific   = 0x80
	tagConstructedOS  = tagOctetString | constructed
	tagContext0       = contextSpecific | constructed | 0
	tagContext1       = contextSpecific | constructed | 1
	tagContext0Prim   = contextSpecific | 0
	highTagNumberForm = 0x1f
)

// element is one BER TLV as found in the input.
type element struct {
	tag  byte
	body []byte // contents; for indefinite length, without the end-of-contents octets
	raw  []byte // identifier through end, as encoded
	ber  bool   // the header used an encoding DER forbids
}

var (
	errTLV     = errors.New("malformed TLV")
	errTooDeep = errors.New("nested too deep")
)

// readElement reads one TLV from in. BER is accepted: indefinite lengths
// (nested at most MaxNestingDepth deep from depth) and long-form lengths
// that could be shorter. Tag numbers of 31 and above are rejected; nothing
// in CMS uses them.
func readElement(in []byte, depth int) (e element, rest []byte, err error) {
	if len(in) < 2 || in[0]&highTagNumberForm == highTagNumberForm {
		return element{}, nil, errTLV
	}
	e.tag = in[0]
	l := in[1]
	switch {
	case l < 0x80:
		n := int(l)
		if len(in)-2 < n {
			return element{}, nil, errTLV
		}
		e.body, e.raw = in[2:2+n], in[:2+n]
		return e, in[2+n:], nil
	case l == 0x80:
		// Indefinite length: constructed only, ends at 00 00.
		if e.tag&constructed == 0 {
			return element{}, nil, errTLV
		}
		if depth >= MaxNestingDepth {
			return element{}, nil, errTooDeep
		}
		pos := 2
		for {
			if len(in)-pos < 2 {
				return element{}, nil, errTLV
			}
			if in[pos] == 0 {
				if in[pos+1] != 0 {
					return element{}, nil, errTLV
				}
				break
			}
			_, r, err := readElement(in[pos:], depth+1)
			if err != nil {
				return element{}, nil, err
			}
			pos = len(in) - len(r)
		}
		e.body, e.raw, e.ber = in[2:pos], in[:pos+2], true
		return e, in[pos+2:], nil
	default:
		nb := int(l & 0x7f)
		if nb > 4 || len(in)-2 < nb {
			return element{}, nil, errTLV
		}
		n := 0
		for _, b := range in[2 : 2+nb] {
			n = n<<8 | int(b)
		}
		// DER wants the shortest form: short form below 128, no leading zero.
		e.ber = n < 0x80 || in[2] == 0
		start := 2 + nb
		if n < 0 || len(in)-start < n {
			return element{}, nil, errTLV
		}
		e.body, e.raw = in[start:start+n], in[:start+n]
		return e, in[start+n:], nil
	}
}

// reader walks BER contents in the style of cryptobyte.String: every
// method reports success as a bool and consumes nothing on failure of the
// tag check.
type reader struct {
	s     []byte
	depth int
	st    *readState
}

// readState is shared by a reader and the readers of its contents.
type readState struct {
	ber     bool // a BER-only encoding was met
	tooDeep bool // nesting went beyond MaxNestingDepth
}

func newReader(b []byte) reader {
	return reader{s: b, st: new(readState)}
}

// nested returns a reader over contents one level down.
func (r *reader) nested(body []byte) reader {
	return reader{s: body, depth: r.depth + 1, st: r.st}
}

func (r *reader) fail(err error) bool {
	if errors.Is(err, errTooDeep) {
		r.st.tooDeep = true
	}
	return false
}

// Empty reports whether all input has been consumed.
func (r *reader) Empty() bool { return len(r.s) == 0 }

// PeekTag reports whether the next element has identifier tag.
func (r *reader) PeekTag(tag byte) bool { return len(r.s) > 0 && r.s[0] == tag }

// ReadElement reads the next element, which must have identifier tag.
func (r *reader) ReadElement(out *element, tag byte) bool {
	if !r.PeekTag(tag) {
		return false
	}
	e, rest, err := readElement(r.s, r.depth)
	if err != nil {
		return r.fail(err)
	}
	if e.ber {
		r.st.ber = true
	}
	*out, r.s = e, rest
	return true
}

// Read reads the next element, which must have identifier tag, and
// returns a reader over its contents.
func (r *reader) Read(out *reader, tag byte) bool {
	var e element
	if !r.ReadElement(&e, tag) {
		return false
	}
	if r.depth+1 > MaxNestingDepth {
		return r.fail(errTooDeep)
	}
	*out = r.nested(e.body)
	return true
}

// ReadOptional reads an element with identifier tag if it is next.
func (r *reader) ReadOptional(out *reader, present *bool, tag byte) bool {
	*present = r.PeekTag(tag)
	if !*present {
		return true
	}
	return r.Read(out, tag)
}

// ReadAnyElement reads the next element whatever its tag.
func (r *reader) ReadAnyElement(out *element) bool {
	if r.Empty() {
		return false
	}
	return r.ReadElement(out, r.s[0])
}

// ReadOctetString reads an OCTET STRING, primitive or (BER) constructed.
func (r *reader) ReadOctetString(out *[]byte) bool {
	switch {
	case r.PeekTag(tagOctetString):
		var e element
		if !r.ReadElement(&e, tagOctetString) {
			return false
		}
		*out = e.body
		return true
	case r.PeekTag(tagConstructedOS):
		var e element
		if !r.ReadElement(&e, tagConstructedOS) {
			return false
		}
		r.st.ber = true
		var b []byte
		if err := appendSegments(&b, e.body, r.depth+1); err != nil {
			return r.fail(err)
		}
		if b == nil {
			b = []byte{}
		}
		*out = b
		return true
	}
	return false
}

// appendSegments concatenates the segments of a constructed OCTET STRING.
func appendSegments(out *[]byte, body []byte, depth int) error {
	if depth > MaxNestingDepth {
		return errTooDeep
	}
	for len(body) > 0 {
		e, rest, err := readElement(body, depth)
		if err != nil {
			return err
		}
		switch e.tag {
		case tagOctetString:
			*out = append(*out, e.body...)
		case tagConstructedOS:
			if err := appendSegments(out, e.body, depth+1); err != nil {
				return err
			}
		default:
			return errTLV
		}
		body = rest
	}
	return nil
}

// primitive returns a DER TLV for a primitive element read as BER, so that
// cryptobyte can check and decode its contents.
func primitive(e element) cryptobyte.String {
	if !e.ber {
		return cryptobyte.String(e.raw)
	}
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.Tag(e.tag), func(b *cryptobyte.Builder) { b.AddBytes(e.body) })
	out, err := b.Bytes()
	if err != nil {
		return nil
	}
	return out
}

// ReadInt reads a small non-negative INTEGER.
func (r *reader) ReadInt(out *int) bool {
	var e element
	if !r.ReadElement(&e, tagInteger) {
		return false
	}
	s := primitive(e)
	return s.ReadASN1Integer(out) && s.Empty() && *out >= 0
}

// ReadBigInt reads an INTEGER of any size, minimally encoded.
func (r *reader) ReadBigInt(out *big.Int) bool {
	var e element
	if !r.ReadElement(&e, tagInteger) {
		return false
	}
	s := primitive(e)
	return s.ReadASN1Integer(out) && s.Empty()
}

// ReadOID reads an OBJECT IDENTIFIER.
func (r *reader) ReadOID(out *asn1.ObjectIdentifier) bool {
	var e element
	if !r.ReadElement(&e, tagOID) {
		return false
	}
	s := primitive(e)
	return s.ReadASN1ObjectIdentifier(out) && s.Empty()
}
