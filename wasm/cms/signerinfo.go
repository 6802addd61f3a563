package cms

import (
	"bytes"
	"crypto/x509"
	"encoding/asn1"
	"math/big"
)

// AlgorithmIdentifier is an algorithm OID with its parameters.
type AlgorithmIdentifier struct {
	Algorithm asn1.ObjectIdentifier
	// Parameters is the encoding of the parameters, nil when absent. An
	// explicit NULL is {0x05, 0x00}.
	Parameters []byte
}

func readAlgorithm(r *reader, out *AlgorithmIdentifier) bool {
	var seq reader
	if !r.Read(&seq, tagSequence) || !seq.ReadOID(&out.Algorithm) {
		return false
	}
	out.Parameters = nil
	if !seq.Empty() {
		var p element
		if !seq.ReadAnyElement(&p) {
			return false
		}
		out.Parameters = p.raw
	}
	return seq.Empty()
}

// paramsAbsentOrNull reports whether the parameters are absent or NULL.
func (a AlgorithmIdentifier) paramsAbsentOrNull() bool {
	return a.Parameters == nil || bytes.Equal(a.Parameters, []byte{tagNull, 0})
}

// SignerIdentifier names the signer's certificate: by issuer and serial
// number, or by subject key identifier.
type SignerIdentifier struct {
	// IssuerRaw is the DER issuer Name; nil when SubjectKeyID is used.
	IssuerRaw    []byte
	SerialNumber *big.Int
	SubjectKeyID []byte
}

// Matches reports whether cert is the certificate the identifier names.
// Issuer names are compared byte for byte.
func (id SignerIdentifier) Matches(cert *x509.Certificate) bool {
	if id.IssuerRaw == nil {
		return len(id.SubjectKeyID) > 0 && bytes.Equal(id.SubjectKeyID, cert.SubjectKeyId)
	}
	return bytes.Equal(id.IssuerRaw, cert.RawIssuer) && id.SerialNumber.Cmp(cert.SerialNumber) == 0
}

// SignerInfo is one signer's part of a SignedData (RFC 5652 5.3).
type SignerInfo struct {
	Version         int
	SID             SignerIdentifier
	DigestAlgorithm AlgorithmIdentifier
	// SignedAttrsRaw is the signedAttrs field exactly as encoded, with its
	// [0] IMPLICIT tag (0xA0); nil when absent. What is signed is this
	// with the tag replaced by SET (0x31), and only if it is DER.
	SignedAttrsRaw     []byte
	SignedAttrs        []Attribute
	SignatureAlgorithm AlgorithmIdentifier
	Signature          []byte
	UnsignedAttrs      []Attribute
}

func parseSignerInfo(r *reader) (SignerInfo, error) {
	var si SignerInfo
	var seq reader
	if !r.Read(&seq, tagSequence) || !seq.ReadInt(&si.Version) {
		return si, malformed("SignerInfo")
	}
	switch {
	case seq.PeekTag(tagSequence):
		var ias reader
		var name element
		si.SID.SerialNumber = new(big.Int)
		if !seq.Read(&ias, tagSequence) ||
			!ias.ReadElement(&name, tagSequence) ||
			!ias.ReadBigInt(si.SID.SerialNumber) ||
			!ias.Empty() {
			return si, malformed("SignerInfo issuerAndSerialNumber")
		}
		si.SID.IssuerRaw = name.raw
		if si.Version != 1 {
			return si, malformed("SignerInfo: version must be 1 with issuerAndSerialNumber")
		}
	case seq.PeekTag(tagContext0Prim):
		var ski element
		if !seq.ReadElement(&ski, tagContext0Prim) || len(ski.body) == 0 {
			return si, malformed("SignerInfo subjectKeyIdentifier")
		}
		si.SID.SubjectKeyID = ski.body
		if si.Version != 3 {
			return si, malformed("SignerInfo: version must be 3 with subjectKeyIdentifier")
		}
	default:
		return si, malformed("SignerInfo sid")
	}
	if !readAlgorithm(&seq, &si.DigestAlgorithm) {
		return si, malformed("SignerInfo digestAlgorithm")
	}
	if seq.PeekTag(tagContext0) {
		var e element
		if !seq.ReadElement(&e, tagContext0) {
			return si, malformed("SignerInfo signedAttrs")
		}
		attrs, err := parseAttributes(seq.nested(e.body))
		if err != nil {
			return si, err
		}
		if len(attrs) == 0 {
			return si, malformed("SignerInfo: empty signedAttrs")
		}
		si.SignedAttrsRaw, si.SignedAttrs = e.raw, attrs
	}
	if !readAlgorithm(&seq, &si.SignatureAlgorithm) {
		return si, malformed("SignerInfo signatureAlgorithm")
	}
	if !seq.ReadOctetString(&si.Signature) {
		return si, malformed("SignerInfo signature")
	}
	if seq.PeekTag(tagContext1) {
		var u reader
		if !seq.Read(&u, tagContext1) {
			return si, malformed("SignerInfo unsignedAttrs")
		}
		// An empty [1] breaks SIZE (1..MAX), but some signers write it
		// and it is outside the signature: accept it.
		attrs, err := parseAttributes(u)
		if err != nil {
			return si, err
		}
		si.UnsignedAttrs = attrs
	}
	if !seq.Empty() {
		return si, malformed("SignerInfo: trailing data")
	}
	return si, nil
}
