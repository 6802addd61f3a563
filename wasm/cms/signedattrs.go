package cms

import (
	"bytes"
	"encoding/asn1"
)

// checkSignedAttributes checks that content-type equals eContentType and
// message-digest the content digest. It returns the DER encoding of the
// attributes, tagged SET OF, or nil when a value is not DER.
func checkSignedAttributes(si *SignerInfo, eContentType asn1.ObjectIdentifier, contentDigest []byte) ([]byte, *VerifyError) {
	if err := checkAttributeValues(si, eContentType, contentDigest); err != nil {
		return nil, err
	}
	der, ok := canonicalAttributes(si.SignedAttrs)
	if !ok {
		return nil, nil
	}
	return der, nil
}

func checkAttributeValues(si *SignerInfo, eContentType asn1.ObjectIdentifier, contentDigest []byte) *VerifyError {
	v, present, ok := singleValue(si.SignedAttrs, OIDAttrContentType)
	switch {
	case !present:
		return verifyErr(ReasonContentType, "content-type attribute is missing")
	case !ok:
		return verifyErr(ReasonSignedAttributes, "content-type attribute must occur once with one value")
	}
	ct, ok := decodeOID(v)
	if !ok {
		return verifyErr(ReasonSignedAttributes, "malformed content-type attribute")
	}
	if !ct.Equal(eContentType) {
		return verifyErr(ReasonContentType, "content-type attribute %v differs from the encapsulated content type %v", ct, eContentType)
	}

	v, present, ok = singleValue(si.SignedAttrs, OIDAttrMessageDigest)
	switch {
	case !present:
		return verifyErr(ReasonMessageDigest, "message-digest attribute is missing")
	case !ok:
		return verifyErr(ReasonSignedAttributes, "message-digest attribute must occur once with one value")
	}
	md, ok := decodeOctetString(v)
	if !ok {
		return verifyErr(ReasonSignedAttributes, "malformed message-digest attribute")
	}
	if !bytes.Equal(md, contentDigest) {
		return verifyErr(ReasonMessageDigest, "message digest does not match the content")
	}

	return nil
}

// readSigningTime reads the signing-time attribute, if any.
func readSigningTime(attrs []Attribute, res *Result) *VerifyError {
	v, present, ok := singleValue(attrs, OIDAttrSigningTime)
	if !ok {
		return verifyErr(ReasonSignedAttributes, "signing-time attribute must occur once with one value")
	}
	if present {
		t, ok := decodeTime(v)
		if !ok {
			return verifyErr(ReasonSignedAttributes, "malformed signing-time attribute")
		}
		res.SigningTime = t
	}
	return nil
}
