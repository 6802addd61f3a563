package cms

import (
	"encoding/asn1"
	"time"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// Attribute is one signed or unsigned attribute of a SignerInfo.
type Attribute struct {
	Type asn1.ObjectIdentifier
	// Values holds the encoding of each value, in the order found.
	Values [][]byte
}

// parseAttributes reads the contents of a SET OF Attribute.
func parseAttributes(r reader) ([]Attribute, error) {
	var attrs []Attribute
	for !r.Empty() {
		if len(attrs) == MaxAttributes {
			return nil, overLimit("attributes", MaxAttributes)
		}
		var a Attribute
		var seq, set reader
		if !r.Read(&seq, tagSequence) ||
			!seq.ReadOID(&a.Type) ||
			!seq.Read(&set, tagSet) ||
			!seq.Empty() {
			return nil, malformed("attribute")
		}
		for !set.Empty() {
			if len(a.Values) == MaxAttributeValues {
				return nil, overLimit("values in an attribute", MaxAttributeValues)
			}
			var v element
			if !set.ReadAnyElement(&v) {
				return nil, malformed("attribute value")
			}
			a.Values = append(a.Values, v.raw)
		}
		attrs = append(attrs, a)
	}
	return attrs, nil
}

// Find returns the attributes of the given type.
func findAttributes(attrs []Attribute, typ asn1.ObjectIdentifier) []Attribute {
	var out []Attribute
	for _, a := range attrs {
		if a.Type.Equal(typ) {
			out = append(out, a)
		}
	}
	return out
}

// singleValue returns the one value of the one attribute of type typ.
// present is false when there is no such attribute; ok is false when there
// are several attributes or values.
func singleValue(attrs []Attribute, typ asn1.ObjectIdentifier) (v []byte, present, ok bool) {
	found := findAttributes(attrs, typ)
	switch {
	case len(found) == 0:
		return nil, false, true
	case len(found) > 1 || len(found[0].Values) != 1:
		return nil, true, false
	}
	return found[0].Values[0], true, true
}

// decodeOID decodes an attribute value that is an OBJECT IDENTIFIER.
func decodeOID(v []byte) (asn1.ObjectIdentifier, bool) {
	s := cryptobyte.String(v)
	var oid asn1.ObjectIdentifier
	return oid, s.ReadASN1ObjectIdentifier(&oid) && s.Empty()
}

// decodeOctetString decodes an attribute value that is an OCTET STRING.
func decodeOctetString(v []byte) ([]byte, bool) {
	s := cryptobyte.String(v)
	var out cryptobyte.String
	return out, s.ReadASN1(&out, cbasn1.OCTET_STRING) && s.Empty()
}

// decodeTime decodes a Time (RFC 5652 11.3): UTCTime or GeneralizedTime.
func decodeTime(v []byte) (time.Time, bool) {
	s := cryptobyte.String(v)
	var body cryptobyte.String
	switch {
	case s.PeekASN1Tag(cbasn1.UTCTime):
		if !s.ReadASN1(&body, cbasn1.UTCTime) || !s.Empty() {
			return time.Time{}, false
		}
		return parseUTCTime(body)
	case s.PeekASN1Tag(cbasn1.GeneralizedTime):
		if !s.ReadASN1(&body, cbasn1.GeneralizedTime) || !s.Empty() {
			return time.Time{}, false
		}
		return parseGeneralizedTime(body)
	}
	return time.Time{}, false
}

// readOptionalBool reads a BOOLEAN DEFAULT FALSE if one is next.
// (cryptobyte's ReadOptionalASN1Boolean expects an EXPLICIT tag.)
func readOptionalBool(s *cryptobyte.String, out *bool) bool {
	*out = false
	return !s.PeekASN1Tag(cbasn1.BOOLEAN) || s.ReadASN1Boolean(out)
}
