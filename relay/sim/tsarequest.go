package sim

import (
	"encoding/asn1"
	"errors"
	"math/big"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// timestampRequest is an RFC 3161 TimeStampReq.
type timestampRequest struct {
	hashOID       asn1.ObjectIdentifier
	hashParams    []byte // the raw parameters of the AlgorithmIdentifier, if any
	hashedMessage []byte
	policy        asn1.ObjectIdentifier // nil when absent
	nonce         *big.Int              // nil when absent
	certReq       bool
}

// maxNonceBytes bounds the request nonce; RFC 3161 suggests 64 bits,
// OpenSSL sends 64, some clients 160.
const maxNonceBytes = 32

var errMalformedQuery = errors.New("malformed TimeStampReq")

// parseTimestampRequest parses DER strictly:
//
//	TimeStampReq ::= SEQUENCE {
//	  version INTEGER { v1(1) }, messageImprint MessageImprint,
//	  reqPolicy TSAPolicyId OPTIONAL, nonce INTEGER OPTIONAL,
//	  certReq BOOLEAN DEFAULT FALSE, extensions [0] IMPLICIT Extensions OPTIONAL }
func parseTimestampRequest(der []byte) (*timestampRequest, error) {
	var req timestampRequest
	input := cryptobyte.String(der)
	var s, imprint, alg cryptobyte.String
	var version int
	if !input.ReadASN1(&s, cbasn1.SEQUENCE) || !input.Empty() ||
		!s.ReadASN1Integer(&version) || version != 1 ||
		!s.ReadASN1(&imprint, cbasn1.SEQUENCE) ||
		!imprint.ReadASN1(&alg, cbasn1.SEQUENCE) ||
		!alg.ReadASN1ObjectIdentifier(&req.hashOID) ||
		!imprint.ReadASN1Bytes(&req.hashedMessage, cbasn1.OCTET_STRING) || !imprint.Empty() {
		return nil, errMalformedQuery
	}
	req.hashParams = alg
	if len(alg) > 0 && !(len(alg) == 2 && alg[0] == 0x05 && alg[1] == 0) {
		return nil, errMalformedQuery // only NULL or absent parameters
	}
	if s.PeekASN1Tag(cbasn1.OBJECT_IDENTIFIER) {
		if !s.ReadASN1ObjectIdentifier(&req.policy) {
			return nil, errMalformedQuery
		}
	}
	if s.PeekASN1Tag(cbasn1.INTEGER) {
		req.nonce = new(big.Int)
		if !s.ReadASN1Integer(req.nonce) || req.nonce.Sign() < 0 || req.nonce.BitLen() > 8*maxNonceBytes {
			return nil, errMalformedQuery
		}
	}
	if s.PeekASN1Tag(cbasn1.BOOLEAN) {
		if !s.ReadASN1Boolean(&req.certReq) || !req.certReq {
			return nil, errMalformedQuery // DER omits a DEFAULT value
		}
	}
	if s.PeekASN1Tag(cbasn1.Tag(0).Constructed().ContextSpecific()) {
		return nil, errUnsupportedExtension
	}
	if !s.Empty() {
		return nil, errMalformedQuery
	}
	return &req, nil
}

// errUnsupportedExtension: RFC 3161 2.4.1 says a TSA rejects requests
// with extensions it does not know, and this one knows none.
var errUnsupportedExtension = errors.New("unsupported extension")
