package sim

import (
	"crypto/ecdsa"
	"crypto/rand"
	"encoding/asn1"
	"errors"
	"math/big"
	"net/http"
	"time"

	"github.com/verso-pdf/verso/wasm/cms"
	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// tsaPolicy is SK's TSA policy OID, which the simulator's tokens carry.
var tsaPolicy = asn1.ObjectIdentifier{0, 4, 0, 2023, 1, 1}

// tsaHashes are the imprint algorithms SK's TSA accepts.
var tsaHashes = map[string]cms.Hash{
	cms.SHA256.OID().String(): cms.SHA256,
	cms.SHA384.OID().String(): cms.SHA384,
	cms.SHA512.OID().String(): cms.SHA512,
}

// PKIFailureInfo bits (RFC 3161 2.4.2).
const (
	failBadAlg              = 0
	failBadRequest          = 2
	failBadDataFormat       = 5
	failUnacceptedPolicy    = 15
	failUnacceptedExtension = 16
	failSystemFailure       = 25
)

// handleTSA serves POST /tsa (RFC 3161 over HTTP, RFC 3161 3.4).
func (s *Simulator) handleTSA(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("Content-Type") != "application/timestamp-query" {
		http.Error(w, "the request must be application/timestamp-query", http.StatusUnsupportedMediaType)
		return
	}
	body, ok := s.readRaw(w, r, MaxTimestampQuery)
	if !ok {
		return
	}
	resp := s.timestampResponse(body)
	w.Header().Set("Content-Type", "application/timestamp-reply")
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(resp)
}

// timestampResponse answers a DER TimeStampReq with a DER TimeStampResp:
// granted with a token, or rejection with the failure reason.
func (s *Simulator) timestampResponse(der []byte) []byte {
	req, err := parseTimestampRequest(der)
	switch {
	case errors.Is(err, errUnsupportedExtension):
		return rejection(failUnacceptedExtension, "extensions are not supported")
	case err != nil:
		return rejection(failBadDataFormat, "the request is not a DER TimeStampReq")
	}
	h, ok := tsaHashes[req.hashOID.String()]
	switch {
	case !ok:
		return rejection(failBadAlg, "the imprint must be SHA-256, SHA-384 or SHA-512")
	case len(req.hashedMessage) != h.Size():
		return rejection(failBadDataFormat, "the imprint has the wrong length for its algorithm")
	case req.policy != nil && !req.policy.Equal(tsaPolicy):
		return rejection(failUnacceptedPolicy, "the only policy is 0.4.0.2023.1.1")
	}
	token, err := s.timestampToken(req, h)
	if err != nil {
		s.log.Error("making a timestamp failed", "error", err)
		return rejection(failSystemFailure, "the timestamp could not be made")
	}
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { b.AddASN1Int64(0) }) // granted
		b.AddBytes(token)
	})
	out, err := b.Bytes()
	if err != nil {
		return rejection(failSystemFailure, "the timestamp could not be encoded")
	}
	return out
}

// rejection is a TimeStampResp with status rejection(2).
func rejection(failBit int, text string) []byte {
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
			b.AddASN1Int64(2)
			b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
				b.AddASN1(cbasn1.UTF8String, func(b *cryptobyte.Builder) { b.AddBytes([]byte(text)) })
			})
			b.AddASN1(cbasn1.BIT_STRING, func(b *cryptobyte.Builder) { b.AddBytes(failureBits(failBit)) })
		})
	})
	out, _ := b.Bytes() // fixed texts and a fixed bit: cannot fail
	return out
}

// failureBits encodes a named-bit BIT STRING with one bit set, in DER
// (no trailing zero bits): the content is the unused-bits octet, then the
// bits.
func failureBits(bit int) []byte {
	n := bit/8 + 1
	out := make([]byte, 1+n)
	out[1+bit/8] = 0x80 >> (bit % 8)
	out[0] = byte(7 - bit%8)
	return out
}

// timestampToken signs a TSTInfo for req: a SignedData (version 3, as
// the content is not id-data) by the timestamping unit with contentType,
// messageDigest and ESS signing-certificate-v2 signed attributes.
func (s *Simulator) timestampToken(req *timestampRequest, h cms.Hash) ([]byte, error) {
	serial := new(big.Int).SetUint64(s.tsaSerial.Add(1))
	serial.Lsh(serial, 64).Or(serial, big.NewInt(s.now().UnixNano()))
	var tb cryptobyte.Builder
	tb.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddASN1Int64(1)
		b.AddASN1ObjectIdentifier(tsaPolicy)
		b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
			b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
				b.AddASN1ObjectIdentifier(req.hashOID)
				b.AddBytes(req.hashParams)
			})
			b.AddASN1OctetString(req.hashedMessage)
		})
		b.AddASN1BigInt(serial)
		b.AddASN1GeneralizedTime(s.now().UTC().Truncate(time.Second))
		b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { b.AddASN1Int64(1) }) // accuracy: 1 s, as SK's
		if req.nonce != nil {
			b.AddASN1BigInt(req.nonce)
		}
	})
	tstInfo, err := tb.Bytes()
	if err != nil {
		return nil, err
	}
	tsu := s.pki.tsaUnit
	signedAttrs, err := cms.BuildSignedAttributes(cms.SignedAttributes{
		ContentType:        cms.OIDTSTInfo,
		MessageDigest:      cms.SHA256.Sum(tstInfo),
		SigningCertificate: tsu.cert,
	})
	if err != nil {
		return nil, err
	}
	key, ok := tsu.key.(*ecdsa.PrivateKey)
	if !ok {
		return nil, errors.New("the timestamping unit's key is not ECDSA")
	}
	sig, err := ecdsa.SignASN1(rand.Reader, key, cms.SHA256.Sum(signedAttrs))
	if err != nil {
		return nil, err
	}
	sigAlg, err := cms.ECDSAAlgorithm(cms.SHA256)
	if err != nil {
		return nil, err
	}
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddASN1ObjectIdentifier(cms.OIDSignedData)
		b.AddASN1(cbasn1.Tag(0).Constructed().ContextSpecific(), func(b *cryptobyte.Builder) {
			b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
				b.AddASN1Int64(3)
				b.AddASN1(cbasn1.SET, func(b *cryptobyte.Builder) { addAlgorithm(b, cms.SHA256.OID(), true) })
				b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
					b.AddASN1ObjectIdentifier(cms.OIDTSTInfo)
					b.AddASN1(cbasn1.Tag(0).Constructed().ContextSpecific(), func(b *cryptobyte.Builder) {
						b.AddASN1OctetString(tstInfo)
					})
				})
				if req.certReq {
					b.AddASN1(cbasn1.Tag(0).Constructed().ContextSpecific(), func(b *cryptobyte.Builder) {
						b.AddBytes(tsu.cert.Raw)
					})
				}
				b.AddASN1(cbasn1.SET, func(b *cryptobyte.Builder) {
					b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
						b.AddASN1Int64(1)
						b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { // issuerAndSerialNumber
							b.AddBytes(tsu.cert.RawIssuer)
							b.AddASN1BigInt(tsu.cert.SerialNumber)
						})
						addAlgorithm(b, cms.SHA256.OID(), true)
						// [0] IMPLICIT: the SET's tag replaced.
						b.AddASN1(cbasn1.Tag(0).Constructed().ContextSpecific(), func(b *cryptobyte.Builder) {
							b.AddBytes(setContents(signedAttrs))
						})
						b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { b.AddASN1ObjectIdentifier(sigAlg.Algorithm) })
						b.AddASN1OctetString(sig)
					})
				})
			})
		})
	})
	return b.Bytes()
}

// addAlgorithm writes an AlgorithmIdentifier, with NULL parameters if
// asked.
func addAlgorithm(b *cryptobyte.Builder, oid asn1.ObjectIdentifier, null bool) {
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddASN1ObjectIdentifier(oid)
		if null {
			b.AddASN1NULL()
		}
	})
}

// setContents returns the contents of a DER SET (BuildSignedAttributes'
// output), to re-tag them.
func setContents(der []byte) []byte {
	s := cryptobyte.String(der)
	var inner cryptobyte.String
	if !s.ReadASN1(&inner, cbasn1.SET) {
		return nil
	}
	return inner
}

// readRaw reads a binary body of at most limit bytes (413 beyond).
func (s *Simulator) readRaw(w http.ResponseWriter, r *http.Request, limit int64) ([]byte, bool) {
	body, err := readLimited(w, r, limit)
	if err != nil {
		http.Error(w, err.Error(), statusOf(err))
		return nil, false
	}
	return body, true
}
