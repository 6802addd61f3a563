package cms

import (
	"bytes"
	"crypto/x509"
	"encoding/asn1"
	"fmt"
	"slices"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// Timestamp is an RFC 3161 timestamp token: a SignedData whose content is
// a TSTInfo.
type Timestamp struct {
	SignedData *SignedData
	Info       *TSTInfo
}

// ParseTimestampToken parses a timestamp token (a ContentInfo holding a
// SignedData of id-ct-TSTInfo), as embedded in a signature's unsigned
// attributes or in the /Contents of a document timestamp (zero padding
// allowed). It does not verify anything; see Verify and CheckImprint.
func ParseTimestampToken(der []byte) (*Timestamp, error) {
	sd, err := Parse(der)
	if err != nil {
		return nil, err
	}
	if !sd.EncapContentType.Equal(OIDTSTInfo) {
		return nil, fmt.Errorf("%w: timestamp token content type is %v, not id-ct-TSTInfo", ErrMalformed, sd.EncapContentType)
	}
	if !sd.HasEContent {
		return nil, malformed("timestamp token: TSTInfo is missing")
	}
	info, err := parseTSTInfo(sd.EContent)
	if err != nil {
		return nil, err
	}
	return &Timestamp{SignedData: sd, Info: info}, nil
}

// Verify checks the token's own signature: the messageDigest over the
// TSTInfo, DER signed attributes, the TSA certificate found by its
// identifier and named by an ESS signing-certificate(-v2) attribute, the
// signature value. A token carries the TSA certificate only if it was
// requested; extra are further certificates to find it among (for
// example the DSS's). Whether the TSA is trusted is not decided here.
func (t *Timestamp) Verify(extra ...*x509.Certificate) (*Result, error) {
	res, err := t.SignedData.Verify(VerifyOptions{
		Content:                   ContentEncapsulated,
		RequireSigningCertificate: true,
		ExtraCertificates:         extra,
		noTimestamps:              true,
	})
	if err != nil {
		return res, err
	}
	if !timeStamping(res.Signer) {
		res.warn("TSA certificate lacks the timeStamping extended key usage")
	}
	return res, nil
}

var (
	oidExtKeyUsage    = asn1.ObjectIdentifier{2, 5, 29, 37}
	oidKPTimeStamping = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 3, 8}
)

// timeStamping reports whether cert has the timeStamping extended key
// usage; for a leniently read certificate, from the raw extension.
func timeStamping(cert *x509.Certificate) bool {
	if slices.Contains(cert.ExtKeyUsage, x509.ExtKeyUsageTimeStamping) {
		return true
	}
	for _, e := range cert.Extensions {
		if !e.Id.Equal(oidExtKeyUsage) {
			continue
		}
		s := cryptobyte.String(e.Value)
		var seq cryptobyte.String
		if !s.ReadASN1(&seq, cbasn1.SEQUENCE) {
			return false
		}
		for !seq.Empty() {
			var oid asn1.ObjectIdentifier
			if !seq.ReadASN1ObjectIdentifier(&oid) {
				return false
			}
			if oid.Equal(oidKPTimeStamping) {
				return true
			}
		}
	}
	return false
}

// CheckImprint checks that the token's message imprint is the digest of
// data, e.g. of the signature value a signature timestamp covers.
func (t *Timestamp) CheckImprint(data []byte) error {
	return t.checkDigest(t.Info.HashAlgorithm.Sum(data))
}

// CheckImprintWith checks the message imprint against digest(h) for the
// imprint's algorithm h: for a document timestamp, the digest of its
// ByteRange.
func (t *Timestamp) CheckImprintWith(digest DigestFunc) error {
	d, err := callDigest(digest, t.Info.HashAlgorithm)
	if err != nil {
		return err
	}
	return t.checkDigest(d)
}

func (t *Timestamp) checkDigest(d []byte) error {
	if !bytes.Equal(d, t.Info.HashedMessage) {
		return verifyErr(ReasonImprint, "timestamp imprint does not match the timestamped data")
	}
	return nil
}

// SignatureTimestamp is one signature timestamp token of a SignerInfo
// with its own verification outcome.
type SignatureTimestamp struct {
	// Token is nil when the token could not be parsed.
	Token *Timestamp
	// Result is the token's own verification result, nil when unparsed.
	Result *Result
	// Err is nil when the token verifies and its imprint is the digest of
	// the SignerInfo's signature value.
	Err error
}

// verifySignatureTimestamps checks the id-aa-signatureTimeStampToken
// values of si's unsigned attributes. A token without the TSA certificate
// may find it among certs, the certificates of the signature.
func verifySignatureTimestamps(si *SignerInfo, certs []*x509.Certificate) []SignatureTimestamp {
	var out []SignatureTimestamp
	for _, a := range findAttributes(si.UnsignedAttrs, OIDAttrTimestampToken) {
		for _, v := range a.Values {
			if len(out) == MaxSignatureTimestamps {
				out = append(out, SignatureTimestamp{Err: overLimit("signature timestamps", MaxSignatureTimestamps)})
				return out
			}
			var st SignatureTimestamp
			st.Token, st.Err = ParseTimestampToken(v)
			if st.Err == nil {
				st.Result, st.Err = st.Token.Verify(certs...)
			}
			if st.Err == nil {
				st.Err = st.Token.CheckImprint(si.Signature)
			}
			out = append(out, st)
		}
	}
	return out
}
