package cms

import (
	"bytes"
	"slices"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// isDER reports whether b is exactly one TLV whose encoding, at every
// level, is what DER prescribes: definite, minimal lengths and primitive
// strings. It does not look inside primitive contents.
func isDER(b []byte) bool {
	rest, ok := derTLV(b, 0)
	return ok && len(rest) == 0
}

func derTLV(b []byte, depth int) (rest []byte, ok bool) {
	if depth > MaxNestingDepth {
		return nil, false
	}
	e, rest, err := readElement(b, depth)
	if err != nil || e.ber {
		return nil, false
	}
	if e.tag&constructed == 0 {
		return rest, true
	}
	if e.tag&0xc0 == 0 {
		// Universal constructed types: only SEQUENCE, SET, EXTERNAL and
		// EMBEDDED PDV; strings must be primitive in DER.
		switch e.tag & 0x1f {
		case 8, 11, 16, 17:
		default:
			return nil, false
		}
	}
	body := e.body
	for len(body) > 0 {
		var ok bool
		if body, ok = derTLV(body, depth+1); !ok {
			return nil, false
		}
	}
	return rest, true
}

// derSetOf returns the DER encoding of a SET OF with the given element
// encodings: sorted ascending as octet strings (X.690 11.6).
func derSetOf(b *cryptobyte.Builder, tag cbasn1.Tag, elems [][]byte) {
	sorted := slices.Clone(elems)
	slices.SortFunc(sorted, bytes.Compare)
	b.AddASN1(tag, func(b *cryptobyte.Builder) {
		for _, e := range sorted {
			b.AddBytes(e)
		}
	})
}

// canonicalAttributes re-encodes attrs as the DER SET OF Attribute (tag
// 0x31): attributes and each attribute's values in DER order. It fails
// when a value is not itself DER.
func canonicalAttributes(attrs []Attribute) ([]byte, bool) {
	encoded := make([][]byte, 0, len(attrs))
	for _, a := range attrs {
		for _, v := range a.Values {
			if !isDER(v) {
				return nil, false
			}
		}
		var b cryptobyte.Builder
		b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
			b.AddASN1ObjectIdentifier(a.Type)
			derSetOf(b, cbasn1.SET, a.Values)
		})
		enc, err := b.Bytes()
		if err != nil {
			return nil, false
		}
		encoded = append(encoded, enc)
	}
	var b cryptobyte.Builder
	derSetOf(&b, cbasn1.SET, encoded)
	out, err := b.Bytes()
	return out, err == nil
}
