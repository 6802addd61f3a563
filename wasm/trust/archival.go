package trust

import (
	"encoding/asn1"
	"errors"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// OIDAdbeRevocationInfoArchival is Adobe's signed attribute that carries the
// CRLs and OCSP responses of a signature (ISO 32000-1 12.8.3.3.2).
var OIDAdbeRevocationInfoArchival = asn1.ObjectIdentifier{1, 2, 840, 113583, 1, 1, 8}

// oidRIOCSPResponse marks an OCSP response among a SignedData's
// RevocationInfoChoices (RFC 5940).
var oidRIOCSPResponse = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 16, 2}

var errArchival = errors.New("the adbe-revocationInfoArchival attribute is malformed")

// Revocation is revocation data in the DER form it was found in.
type Revocation struct {
	// Origin says where it was found, "CMS" or "DSS", for the Report.
	Origin string
	OCSP   [][]byte // OCSPResponse
	CRLs   [][]byte // CertificateList
}

// Add appends o's items to r.
func (r *Revocation) Add(o Revocation) {
	r.OCSP = append(r.OCSP, o.OCSP...)
	r.CRLs = append(r.CRLs, o.CRLs...)
}

// ParseRevocationInfoArchival reads the value of an
// adbe-revocationInfoArchival attribute:
//
//	RevocationInfoArchival ::= SEQUENCE {
//	  crl          [0] EXPLICIT SEQUENCE OF CRLs OPTIONAL,
//	  ocsp         [1] EXPLICIT SEQUENCE OF OCSPResponse OPTIONAL,
//	  otherRevInfo [2] EXPLICIT SEQUENCE OF OtherRevInfo OPTIONAL }
//
// otherRevInfo is skipped: no signer is known to write it.
func ParseRevocationInfoArchival(der []byte) (Revocation, error) {
	var out Revocation
	in := cryptobyte.String(der)
	var seq cryptobyte.String
	if !in.ReadASN1(&seq, cbasn1.SEQUENCE) || !in.Empty() {
		return out, errArchival
	}
	for _, f := range []struct {
		tag cbasn1.Tag
		to  *[][]byte
	}{{tag0, &out.CRLs}, {tag1, &out.OCSP}, {tag2, nil}} {
		if !seq.PeekASN1Tag(f.tag) {
			continue
		}
		var exp, list cryptobyte.String
		if !seq.ReadASN1(&exp, f.tag) || !exp.ReadASN1(&list, cbasn1.SEQUENCE) || !exp.Empty() {
			return out, errArchival
		}
		for f.to != nil && !list.Empty() {
			var item cryptobyte.String
			if len(out.CRLs)+len(out.OCSP) == MaxRevocationItems || !list.ReadASN1Element(&item, cbasn1.SEQUENCE) {
				return out, errArchival
			}
			*f.to = append(*f.to, item)
		}
	}
	if !seq.Empty() {
		return out, errArchival
	}
	return out, nil
}

// ParseRevocationInfoChoices sorts the raw RevocationInfoChoices of a
// SignedData (RFC 5652 10.2.1): CertificateLists, and OCSP responses in
// [1] OtherRevocationInfoFormat (RFC 5940). Other formats are skipped.
func ParseRevocationInfoChoices(choices [][]byte) Revocation {
	var out Revocation
	for _, c := range choices {
		s := cryptobyte.String(c)
		switch {
		case s.PeekASN1Tag(cbasn1.SEQUENCE):
			out.CRLs = append(out.CRLs, c)
		case s.PeekASN1Tag(tag1):
			var other cryptobyte.String
			var format asn1.ObjectIdentifier
			var info cryptobyte.String
			if s.ReadASN1(&other, tag1) && other.ReadASN1ObjectIdentifier(&format) &&
				format.Equal(oidRIOCSPResponse) && other.ReadASN1Element(&info, cbasn1.SEQUENCE) && other.Empty() {
				out.OCSP = append(out.OCSP, info)
			}
		}
	}
	return out
}
