package sign

import (
	"bytes"
	"crypto/rand"
	"encoding/asn1"
	"errors"
	"fmt"
	"math/big"
	"strings"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"

	"github.com/verso-pdf/verso/wasm/cms"
)

// maxTimestampResponse bounds a TSA's answer: a token with a chain of a
// few certificates is a few kilobytes.
const maxTimestampResponse = 64 << 10

// nonceBytes is the size of a TimeStampReq nonce: enough that a replayed
// answer to another request does not match.
const nonceBytes = 16

// TimestampRequest builds an RFC 3161 TimeStampReq over digest, made with
// h: the message imprint, a random nonce and certReq (the token must
// carry the TSA's certificate so that verifiers can check it). Send it as
// application/timestamp-query (through the relay) and give the answer
// with the request to TimestampToken.
func TimestampRequest(digest []byte, h cms.Hash) ([]byte, error) {
	if h.CryptoHash() == 0 || len(digest) != h.Size() {
		return nil, fmt.Errorf("a %d-byte digest is not a %v digest", len(digest), h)
	}
	nonce := make([]byte, nonceBytes)
	if _, err := rand.Read(nonce); err != nil {
		return nil, err
	}
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddASN1Int64(1)
		b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
			b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
				b.AddASN1ObjectIdentifier(h.OID())
				b.AddASN1NULL()
			})
			b.AddASN1OctetString(digest)
		})
		b.AddASN1BigInt(new(big.Int).SetBytes(nonce))
		b.AddASN1Boolean(true)
	})
	return b.Bytes()
}

// timestampQuery is what TimestampToken needs to know of the request.
type timestampQuery struct {
	hash   asn1.ObjectIdentifier
	digest []byte
	nonce  *big.Int
}

func parseTimestampRequest(der []byte) (*timestampQuery, error) {
	var q timestampQuery
	in := cryptobyte.String(der)
	var s, imprint, alg cryptobyte.String
	var version int64
	q.nonce = new(big.Int)
	if !in.ReadASN1(&s, cbasn1.SEQUENCE) || !in.Empty() ||
		!s.ReadASN1Integer(&version) || version != 1 ||
		!s.ReadASN1(&imprint, cbasn1.SEQUENCE) ||
		!imprint.ReadASN1(&alg, cbasn1.SEQUENCE) || !alg.ReadASN1ObjectIdentifier(&q.hash) ||
		!imprint.ReadASN1Bytes(&q.digest, cbasn1.OCTET_STRING) ||
		!s.ReadASN1Integer(q.nonce) {
		return nil, errors.New("the timestamp request is not one that TimestampRequest made")
	}
	return &q, nil
}

// PKIStatus values of RFC 3161 2.4.2.
const (
	pkiGranted         = 0
	pkiGrantedWithMods = 1
)

// TimestampToken reads a TSA's TimeStampResp to request (as made by
// TimestampRequest) and returns the token, a DER ContentInfo. It checks
// what a replayed or mixed-up answer would get wrong: the status, that
// the token parses, and that its imprint and nonce are the request's.
// The TSA's signature and trust are the verifier's business.
func TimestampToken(response, request []byte) ([]byte, error) {
	q, err := parseTimestampRequest(request)
	if err != nil {
		return nil, err
	}
	if len(response) > maxTimestampResponse {
		return nil, fmt.Errorf("%w: the timestamp answer has %d bytes, at most %d", ErrLimit, len(response), maxTimestampResponse)
	}
	in := cryptobyte.String(response)
	var resp, status cryptobyte.String
	var code int64
	if !in.ReadASN1(&resp, cbasn1.SEQUENCE) || !in.Empty() ||
		!resp.ReadASN1(&status, cbasn1.SEQUENCE) || !status.ReadASN1Integer(&code) {
		return nil, errors.New("the timestamp answer is not an RFC 3161 TimeStampResp")
	}
	if code != pkiGranted && code != pkiGrantedWithMods {
		return nil, fmt.Errorf("the timestamping authority refused the request (status %d%s)", code, statusText(status))
	}
	var token cryptobyte.String
	if !resp.ReadASN1Element(&token, cbasn1.SEQUENCE) || !resp.Empty() {
		return nil, errors.New("the timestamp answer grants the request but carries no token")
	}
	ts, err := cms.ParseTimestampToken(token)
	if err != nil {
		return nil, fmt.Errorf("the timestamp token cannot be read: %w", err)
	}
	switch {
	case !ts.Info.HashAlgorithm.OID().Equal(q.hash) || !bytes.Equal(ts.Info.HashedMessage, q.digest):
		return nil, errors.New("the timestamp token is over other data than the request")
	case ts.Info.Nonce == nil || ts.Info.Nonce.Cmp(q.nonce) != 0:
		return nil, errors.New("the timestamp token does not answer this request (its nonce differs)")
	}
	return bytes.Clone(token), nil
}

// statusText is the PKIFreeText of a refusal, for the error message.
func statusText(s cryptobyte.String) string {
	var texts cryptobyte.String
	if !s.ReadASN1(&texts, cbasn1.SEQUENCE) {
		return ""
	}
	var out []string
	for !texts.Empty() {
		var t cryptobyte.String
		if !texts.ReadASN1(&t, cbasn1.UTF8String) {
			break
		}
		out = append(out, strings.ToValidUTF8(string(t), "?"))
	}
	if len(out) == 0 {
		return ""
	}
	return ": " + truncate(strings.Join(out, "; "))
}
