package cms

import (
	"crypto/x509"
	"encoding/asn1"
	"fmt"
)

// SignedData is a parsed CMS SignedData (RFC 5652 5.1).
type SignedData struct {
	Version          int
	DigestAlgorithms []AlgorithmIdentifier
	// EncapContentType is eContentType: id-data for PDF signatures,
	// id-ct-TSTInfo for timestamp tokens.
	EncapContentType asn1.ObjectIdentifier
	// EContent is the encapsulated content; HasEContent tells an absent
	// eContent from an empty one.
	EContent    []byte
	HasEContent bool
	// Certificates are the certificates that crypto/x509 could parse, in
	// order. Certificates it rejects are in UnparsedCertificates.
	Certificates         []*x509.Certificate
	UnparsedCertificates []UnparsedCertificate
	// OtherCertificates are the raw encodings of the CertificateChoices
	// that are not X.509 certificates (attribute and other certificates).
	OtherCertificates [][]byte
	// CRLs are the raw RevocationInfoChoices: CertificateLists, or [1]
	// OtherRevocationInfoFormat.
	CRLs        [][]byte
	SignerInfos []SignerInfo
	// BER is true when the structure used encodings that DER forbids
	// (indefinite or non-minimal lengths, constructed OCTET STRINGs).
	BER bool
}

// UnparsedCertificate is an entry of the certificates field that
// crypto/x509 rejected.
type UnparsedCertificate struct {
	Raw []byte
	// Err is crypto/x509's reason.
	Err error
	// Lenient is what a lenient reading recovered (names, serial, validity,
	// public key, extensions; see Verify), or nil. It is enough to check a
	// signature made with the key, not to validate the certificate.
	Lenient *x509.Certificate
}

// Parse parses a ContentInfo holding a SignedData. Trailing zero bytes, the
// padding of a PDF /Contents string, are ignored; any other trailing data
// is an error.
func Parse(der []byte) (*SignedData, error) {
	sd, trailing, err := ParseTrailing(der)
	if err != nil {
		return nil, err
	}
	if trailing != nil {
		return nil, malformed("ContentInfo: trailing data")
	}
	return sd, nil
}

// ParseTrailing is Parse for callers that report data after the
// ContentInfo rather than reject it: Adobe Acrobat and DSS ignore it, and
// it is outside what a PDF signature covers. trailing is what follows the
// ContentInfo, nil when that is only zero padding.
func ParseTrailing(der []byte) (sd *SignedData, trailing []byte, err error) {
	if len(der) > MaxInputSize {
		return nil, nil, overLimit("bytes of input", MaxInputSize)
	}
	r := newReader(der)
	defer func() {
		if err != nil && r.st.tooDeep {
			sd, trailing, err = nil, nil, overLimit("levels of nesting", MaxNestingDepth)
		}
	}()
	var ci, content reader
	var ct asn1.ObjectIdentifier
	if !r.Read(&ci, tagSequence) {
		return nil, nil, malformed("ContentInfo")
	}
	for _, b := range r.s {
		if b != 0 {
			trailing = r.s
			break
		}
	}
	if !ci.ReadOID(&ct) {
		return nil, nil, malformed("ContentInfo content type")
	}
	if !ct.Equal(OIDSignedData) {
		return nil, nil, fmt.Errorf("%w: content type is %v, not signedData", ErrMalformed, ct)
	}
	if !ci.Read(&content, tagContext0) || !ci.Empty() {
		return nil, nil, malformed("ContentInfo content")
	}
	sd, err = parseSignedData(content)
	if err != nil {
		return nil, nil, err
	}
	sd.BER = r.st.ber
	return sd, trailing, nil
}

func parseSignedData(outer reader) (*SignedData, error) {
	sd := &SignedData{}
	var r, algs, eci, certs, crls, sis reader
	var hasCerts, hasCRLs bool
	if !outer.Read(&r, tagSequence) || !outer.Empty() {
		return nil, malformed("SignedData")
	}
	if !r.ReadInt(&sd.Version) {
		return nil, malformed("SignedData version")
	}
	switch sd.Version {
	case 1, 3, 4, 5:
	default:
		return nil, fmt.Errorf("%w: SignedData version %d", ErrMalformed, sd.Version)
	}
	if !r.Read(&algs, tagSet) {
		return nil, malformed("SignedData digestAlgorithms")
	}
	for !algs.Empty() {
		if len(sd.DigestAlgorithms) == MaxDigestAlgorithms {
			return nil, overLimit("digest algorithms", MaxDigestAlgorithms)
		}
		var a AlgorithmIdentifier
		if !readAlgorithm(&algs, &a) {
			return nil, malformed("SignedData digestAlgorithms")
		}
		sd.DigestAlgorithms = append(sd.DigestAlgorithms, a)
	}
	if !r.Read(&eci, tagSequence) || !eci.ReadOID(&sd.EncapContentType) {
		return nil, malformed("EncapsulatedContentInfo")
	}
	if eci.PeekTag(tagContext0) {
		var ec reader
		if !eci.Read(&ec, tagContext0) || !ec.ReadOctetString(&sd.EContent) || !ec.Empty() {
			return nil, malformed("eContent")
		}
		sd.HasEContent = true
	}
	if !eci.Empty() {
		return nil, malformed("EncapsulatedContentInfo: trailing data")
	}
	if !r.ReadOptional(&certs, &hasCerts, tagContext0) {
		return nil, malformed("SignedData certificates")
	}
	if hasCerts {
		if err := sd.parseCertificates(certs); err != nil {
			return nil, err
		}
	}
	if !r.ReadOptional(&crls, &hasCRLs, tagContext1) {
		return nil, malformed("SignedData crls")
	}
	for hasCRLs && !crls.Empty() {
		if len(sd.CRLs) == MaxCRLs {
			return nil, overLimit("CRLs", MaxCRLs)
		}
		var e element
		if !(crls.PeekTag(tagSequence) || crls.PeekTag(tagContext1)) || !crls.ReadAnyElement(&e) {
			return nil, malformed("SignedData crls")
		}
		sd.CRLs = append(sd.CRLs, e.raw)
	}
	if !r.Read(&sis, tagSet) || !r.Empty() {
		return nil, malformed("SignedData signerInfos")
	}
	for i := 0; !sis.Empty(); i++ {
		if i == MaxSignerInfos {
			return nil, overLimit("signer infos", MaxSignerInfos)
		}
		si, err := parseSignerInfo(&sis)
		if err != nil {
			return nil, fmt.Errorf("SignerInfo %d: %w", i+1, err)
		}
		sd.SignerInfos = append(sd.SignerInfos, si)
	}
	return sd, nil
}

// parseCertificates reads a CertificateSet. Entries that crypto/x509
// rejects are kept with the reason; they cannot be signers.
func (sd *SignedData) parseCertificates(r reader) error {
	for n := 0; !r.Empty(); n++ {
		if n == MaxCertificates {
			return overLimit("certificates", MaxCertificates)
		}
		var e element
		if !r.ReadAnyElement(&e) {
			return malformed("certificate")
		}
		switch e.tag {
		case tagSequence:
			cert, err := x509.ParseCertificate(e.raw)
			if err != nil {
				u := UnparsedCertificate{Raw: e.raw, Err: err}
				if c, ok := parseLenient(e.raw); ok {
					u.Lenient = c
				}
				sd.UnparsedCertificates = append(sd.UnparsedCertificates, u)
				continue
			}
			sd.Certificates = append(sd.Certificates, cert)
		case tagContext0, tagContext1, tagContext0 | 2, tagContext0 | 3:
			sd.OtherCertificates = append(sd.OtherCertificates, e.raw)
		default:
			return malformed("certificate choice")
		}
	}
	return nil
}
