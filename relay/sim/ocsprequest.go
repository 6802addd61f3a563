package sim

import (
	"crypto"
	"encoding/asn1"
	"errors"
	"math/big"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// ocspRequest is the one certificate an OCSP request asks about.
type ocspRequest struct {
	hash           crypto.Hash
	issuerNameHash []byte
	issuerKeyHash  []byte
	serial         *big.Int
	nonce          []byte // the nonce extension's value, nil when absent
}

var (
	oidOCSPNonce = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 48, 1, 2}

	ocspHashes = map[string]crypto.Hash{
		"1.3.14.3.2.26":          crypto.SHA1,
		"2.16.840.1.101.3.4.2.1": crypto.SHA256,
		"2.16.840.1.101.3.4.2.2": crypto.SHA384,
		"2.16.840.1.101.3.4.2.3": crypto.SHA512,
	}

	errMalformedOCSP   = errors.New("malformed OCSP request")
	errUnsupportedOCSP = errors.New("unsupported OCSP request")
)

// maxOCSPNonce bounds the nonce (RFC 8954 allows 1 to 32 octets; some
// clients send a little more with the inner OCTET STRING).
const maxOCSPNonce = 64

// parseOCSPRequest parses an RFC 6960 OCSPRequest in DER with exactly one
// Request. Signed requests are accepted and the signature ignored, as
// public responders do.
func parseOCSPRequest(der []byte) (*ocspRequest, error) {
	input := cryptobyte.String(der)
	var req, tbs, list cryptobyte.String
	if !input.ReadASN1(&req, cbasn1.SEQUENCE) || !input.Empty() || !req.ReadASN1(&tbs, cbasn1.SEQUENCE) {
		return nil, errMalformedOCSP
	}
	if !req.SkipOptionalASN1(cbasn1.Tag(0).Constructed().ContextSpecific()) || !req.Empty() {
		return nil, errMalformedOCSP
	}
	var version cryptobyte.String
	var hasVersion bool
	if !tbs.ReadOptionalASN1(&version, &hasVersion, cbasn1.Tag(0).Constructed().ContextSpecific()) {
		return nil, errMalformedOCSP
	}
	if hasVersion {
		var v int
		if !version.ReadASN1Integer(&v) || v != 0 || !version.Empty() {
			return nil, errMalformedOCSP
		}
	}
	if !tbs.SkipOptionalASN1(cbasn1.Tag(1).Constructed().ContextSpecific()) || !tbs.ReadASN1(&list, cbasn1.SEQUENCE) {
		return nil, errMalformedOCSP
	}
	var one, certID, alg cryptobyte.String
	if !list.ReadASN1(&one, cbasn1.SEQUENCE) {
		return nil, errMalformedOCSP
	}
	if !list.Empty() {
		return nil, errUnsupportedOCSP // one certificate per request
	}
	out := &ocspRequest{serial: new(big.Int)}
	var hashOID asn1.ObjectIdentifier
	if !one.ReadASN1(&certID, cbasn1.SEQUENCE) ||
		!certID.ReadASN1(&alg, cbasn1.SEQUENCE) || !alg.ReadASN1ObjectIdentifier(&hashOID) ||
		!(alg.Empty() || (alg.SkipASN1(cbasn1.NULL) && alg.Empty())) ||
		!certID.ReadASN1Bytes(&out.issuerNameHash, cbasn1.OCTET_STRING) ||
		!certID.ReadASN1Bytes(&out.issuerKeyHash, cbasn1.OCTET_STRING) ||
		!certID.ReadASN1Integer(out.serial) || !certID.Empty() ||
		!one.SkipOptionalASN1(cbasn1.Tag(0).Constructed().ContextSpecific()) || !one.Empty() {
		return nil, errMalformedOCSP
	}
	h, ok := ocspHashes[hashOID.String()]
	if !ok {
		return nil, errUnsupportedOCSP
	}
	out.hash = h
	var exts cryptobyte.String
	var hasExts bool
	if !tbs.ReadOptionalASN1(&exts, &hasExts, cbasn1.Tag(2).Constructed().ContextSpecific()) || !tbs.Empty() {
		return nil, errMalformedOCSP
	}
	if hasExts {
		var seq cryptobyte.String
		if !exts.ReadASN1(&seq, cbasn1.SEQUENCE) || !exts.Empty() {
			return nil, errMalformedOCSP
		}
		for !seq.Empty() {
			var ext cryptobyte.String
			var id asn1.ObjectIdentifier
			var value []byte
			if !seq.ReadASN1(&ext, cbasn1.SEQUENCE) || !ext.ReadASN1ObjectIdentifier(&id) ||
				!ext.SkipOptionalASN1(cbasn1.BOOLEAN) || !ext.ReadASN1Bytes(&value, cbasn1.OCTET_STRING) || !ext.Empty() {
				return nil, errMalformedOCSP
			}
			if id.Equal(oidOCSPNonce) {
				if len(value) == 0 || len(value) > maxOCSPNonce {
					return nil, errMalformedOCSP
				}
				out.nonce = value
			}
		}
	}
	return out, nil
}
