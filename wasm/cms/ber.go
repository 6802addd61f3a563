package cms

import (
	"encoding/asn1"
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

// readElement reads one TLV from in. BER is accepted: indefinite lengths
// (nested at most MaxNestingDepth deep from depth) and long-form lengths
// that could be shorter. Tag numbers of 31 and above are rejected; nothing
// in CMS uses them.
func readElement(in []byte, depth int) (e element, rest []byte, ok bool) {
	if len(in) < 2 || in[0]&highTagNumberForm == highTagNumberForm {
		return element{}, nil, false
	}
	e.tag = in[0]
	l := in[1]
	switch {
	case l < 0x80:
		n := int(l)
		if len(in)-2 < n {
			return element{}, nil, false
		}
		e.body, e.raw = in[2:2+n], in[:2+n]
		return e, in[2+n:], true
	case l == 0x80:
		// Indefinite length: constructed only, ends at 00 00.
		if e.tag&constructed == 0 || depth >= MaxNestingDepth {
			return element{}, nil, false
		}
		pos := 2
		for {
			if len(in)-pos < 2 {
				return element{}, nil, false
			}
			if in[pos] == 0 {
				if in[pos+1] != 0 {
					return element{}, nil, false
				}
				break
			}
			_, r, ok := readElement(in[pos:], depth+1)
			if !ok {
				return element{}, nil, false
			}
			pos = len(in) - len(r)
		}
		e.body, e.raw, e.ber = in[2:pos], in[:pos+2], true
		return e, in[pos+2:], true
	default:
		nb := int(l & 0x7f)
		if nb > 4 || len(in)-2 < nb {
			return element{}, nil, false
		}
		n := 0
		for _, b := range in[2 : 2+nb] {
			n = n<<8 | int(b)
		}
		// DER wants the shortest form: short form below 128, no leading zero.
		e.ber = n < 0x80 || in[2] == 0
		start := 2 + nb
		if n < 0 || len(in)-start < n {
			return element{}, nil, false
		}
		e.body, e.raw = in[start:start+n], in[:start+n]
		return e, in[start+n:], true
	}
}

// reader walks BER contents in the style of cryptobyte.String: every
// method reports success as a bool and consumes nothing on failure of the
// tag check. ber is set when any BER-only encoding was met.
type reader struct {
	s     []byte
	depth int
	ber   *bool
}

func newReader(b []byte) reader {
	return reader{s: b, ber: new(bool)}
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
	e, rest, ok := readElement(r.s, r.depth)
	if !ok {
		return false
	}
	if e.ber {
		*r.ber = true
	}
	*out, r.s = e, rest
	return true
}

// Read reads the next element, which must have identifier tag, and
// returns a reader over its contents.
func (r *reader) Read(out *reader, tag byte) bool {
	var e element
	if !r.ReadElement(&e, tag) || r.depth+1 > MaxNestingDepth {
		return false
	}
	*out = reader{s: e.body, depth: r.depth + 1, ber: r.ber}
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
		*r.ber = true
		var b []byte
		if !appendSegments(&b, e.body, r.depth+1) {
			return false
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
func appendSegments(out *[]byte, body []byte, depth int) bool {
	if depth > MaxNestingDepth {
		return false
	}
	for len(body) > 0 {
		e, rest, ok := readElement(body, depth)
		if !ok {
			return false
		}
		switch e.tag {
		case tagOctetString:
			*out = append(*out, e.body...)
		case tagConstructedOS:
			if !appendSegments(out, e.body, depth+1) {
				return false
			}
		default:
			return false
		}
		body = rest
	}
	return true
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
