package trust

import (
	"bytes"
	"crypto"
	"crypto/x509"
	"encoding/asn1"
	"errors"
	"fmt"
	"math/big"
	"time"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// An OCSP response (RFC 6960) as read here: strictly, with every
// SingleResponse and the CertID fields that golang.org/x/crypto/ocsp does
// not expose, so that a response is matched to a certificate by issuer name
// and key hash as well as serial number.
type ocspResponse struct {
	tbs              []byte
	sigAlg           x509.SignatureAlgorithm
	signature        []byte
	responderName    []byte // DER Name, when the responder is named
	responderKeyHash []byte // SHA-1 of the responder key, otherwise
	producedAt       time.Time
	singles          []ocspSingle
	certs            []*x509.Certificate
}

type certStatus int

const (
	statusGood certStatus = iota
	statusRevoked
	statusUnknown
)

type ocspSingle struct {
	hash                crypto.Hash
	nameHash, keyHash   []byte
	serial              *big.Int
	status              certStatus
	revokedAt           time.Time
	reason              int
	thisUpdate, nextUpd time.Time
}

var (
	oidOCSPBasic = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 48, 1, 1}
	errOCSP      = errors.New("the OCSP response is malformed")
)

// Context-specific tags of RFC 6960.
var (
	tag0  = cbasn1.Tag(0).ContextSpecific().Constructed()
	tag1  = cbasn1.Tag(1).ContextSpecific().Constructed()
	tag2  = cbasn1.Tag(2).ContextSpecific().Constructed()
	tag0p = cbasn1.Tag(0).ContextSpecific()
	tag2p = cbasn1.Tag(2).ContextSpecific()
)

// parseOCSP reads a DER OCSPResponse whose status is successful and whose
// type is id-pkix-ocsp-basic.
func parseOCSP(der []byte) (*ocspResponse, error) {
	if len(der) > MaxRevocationSize {
		return nil, fmt.Errorf("the OCSP response is larger than %d bytes", MaxRevocationSize)
	}
	in := cryptobyte.String(der)
	var resp, rb, rbSeq cryptobyte.String
	var status int
	var typ asn1.ObjectIdentifier
	var basic []byte
	if !in.ReadASN1(&resp, cbasn1.SEQUENCE) || !in.Empty() ||
		!resp.ReadASN1Enum(&status) {
		return nil, errOCSP
	}
	if status != 0 {
		return nil, fmt.Errorf("the OCSP responder did not answer (status %d)", status)
	}
	if !resp.ReadASN1(&rb, tag0) || !resp.Empty() ||
		!rb.ReadASN1(&rbSeq, cbasn1.SEQUENCE) || !rb.Empty() ||
		!rbSeq.ReadASN1ObjectIdentifier(&typ) || !rbSeq.ReadASN1Bytes(&basic, cbasn1.OCTET_STRING) || !rbSeq.Empty() {
		return nil, errOCSP
	}
	if !typ.Equal(oidOCSPBasic) {
		return nil, fmt.Errorf("the OCSP response type %v is not supported", typ)
	}
	return parseBasicOCSP(basic)
}

func parseBasicOCSP(der []byte) (*ocspResponse, error) {
	in := cryptobyte.String(der)
	var seq, tbs, alg cryptobyte.String
	var sig asn1.BitString
	if !in.ReadASN1(&seq, cbasn1.SEQUENCE) || !in.Empty() ||
		!seq.ReadASN1Element(&tbs, cbasn1.SEQUENCE) ||
		!seq.ReadASN1Element(&alg, cbasn1.SEQUENCE) ||
		!seq.ReadASN1BitString(&sig) || sig.BitLength%8 != 0 {
		return nil, errOCSP
	}
	r := &ocspResponse{tbs: tbs, signature: sig.Bytes}
	var err error
	if r.sigAlg, err = signatureAlgorithm(alg); err != nil {
		return nil, err
	}
	if seq.PeekASN1Tag(tag0) {
		var certs, list cryptobyte.String
		if !seq.ReadASN1(&certs, tag0) || !certs.ReadASN1(&list, cbasn1.SEQUENCE) || !certs.Empty() {
			return nil, errOCSP
		}
		for !list.Empty() {
			var c cryptobyte.String
			if len(r.certs) == MaxOCSPCertificates || !list.ReadASN1Element(&c, cbasn1.SEQUENCE) {
				return nil, errOCSP
			}
			cert, err := x509.ParseCertificate(c)
			if err != nil {
				return nil, fmt.Errorf("a certificate in the OCSP response cannot be read: %w", err)
			}
			r.certs = append(r.certs, cert)
		}
	}
	if !seq.Empty() {
		return nil, errOCSP
	}
	if err := r.readTBS(tbs); err != nil {
		return nil, err
	}
	return r, nil
}

func (r *ocspResponse) readTBS(tbs cryptobyte.String) error {
	var data, responder, responses cryptobyte.String
	if !tbs.ReadASN1(&data, cbasn1.SEQUENCE) {
		return errOCSP
	}
	if data.PeekASN1Tag(tag0) {
		var v cryptobyte.String
		var version int
		if !data.ReadASN1(&v, tag0) || !v.ReadASN1Integer(&version) || !v.Empty() || version != 0 {
			return errOCSP
		}
	}
	switch {
	case data.PeekASN1Tag(tag1):
		var name cryptobyte.String
		if !data.ReadASN1(&responder, tag1) || !responder.ReadASN1Element(&name, cbasn1.SEQUENCE) || !responder.Empty() {
			return errOCSP
		}
		r.responderName = name
	case data.PeekASN1Tag(tag2):
		if !data.ReadASN1(&responder, tag2) || !responder.ReadASN1Bytes(&r.responderKeyHash, cbasn1.OCTET_STRING) || !responder.Empty() {
			return errOCSP
		}
	default:
		return errOCSP
	}
	if !data.ReadASN1GeneralizedTime(&r.producedAt) || !data.ReadASN1(&responses, cbasn1.SEQUENCE) {
		return errOCSP
	}
	if data.PeekASN1Tag(tag1) && !data.SkipASN1(tag1) || !data.Empty() {
		return errOCSP
	}
	for !responses.Empty() {
		if len(r.singles) == MaxOCSPSingleResponses {
			return fmt.Errorf("the OCSP response holds more than %d single responses", MaxOCSPSingleResponses)
		}
		s, ok := readSingle(&responses)
		if !ok {
			return errOCSP
		}
		r.singles = append(r.singles, s)
	}
	if len(r.singles) == 0 {
		return errOCSP
	}
	return nil
}

func readSingle(in *cryptobyte.String) (ocspSingle, bool) {
	var s ocspSingle
	var seq, id, alg cryptobyte.String
	var hashOID asn1.ObjectIdentifier
	s.serial = new(big.Int)
	if !in.ReadASN1(&seq, cbasn1.SEQUENCE) || !seq.ReadASN1(&id, cbasn1.SEQUENCE) ||
		!id.ReadASN1(&alg, cbasn1.SEQUENCE) || !alg.ReadASN1ObjectIdentifier(&hashOID) ||
		!id.ReadASN1Bytes(&s.nameHash, cbasn1.OCTET_STRING) || !id.ReadASN1Bytes(&s.keyHash, cbasn1.OCTET_STRING) ||
		!id.ReadASN1Integer(s.serial) || !id.Empty() {
		return s, false
	}
	// Parameters are absent or NULL.
	if !alg.Empty() && (!alg.SkipASN1(cbasn1.NULL) || !alg.Empty()) {
		return s, false
	}
	var ok bool
	if s.hash, ok = hashOf(hashOID); !ok {
		return s, false
	}
	switch {
	case seq.PeekASN1Tag(tag0p):
		var null cryptobyte.String
		if !seq.ReadASN1(&null, tag0p) || !null.Empty() {
			return s, false
		}
		s.status = statusGood
	case seq.PeekASN1Tag(tag1):
		var rev cryptobyte.String
		if !seq.ReadASN1(&rev, tag1) || !rev.ReadASN1GeneralizedTime(&s.revokedAt) {
			return s, false
		}
		if rev.PeekASN1Tag(tag0) {
			var r cryptobyte.String
			if !rev.ReadASN1(&r, tag0) || !r.ReadASN1Enum(&s.reason) || !r.Empty() {
				return s, false
			}
		}
		if !rev.Empty() {
			return s, false
		}
		s.status = statusRevoked
	case seq.PeekASN1Tag(tag2p):
		var null cryptobyte.String
		if !seq.ReadASN1(&null, tag2p) || !null.Empty() {
			return s, false
		}
		s.status = statusUnknown
	default:
		return s, false
	}
	if !seq.ReadASN1GeneralizedTime(&s.thisUpdate) {
		return s, false
	}
	if seq.PeekASN1Tag(tag0) {
		var n cryptobyte.String
		if !seq.ReadASN1(&n, tag0) || !n.ReadASN1GeneralizedTime(&s.nextUpd) || !n.Empty() {
			return s, false
		}
	}
	if seq.PeekASN1Tag(tag1) && !seq.SkipASN1(tag1) {
		return s, false
	}
	return s, seq.Empty()
}

// single returns the SingleResponse about cert, whose issuer is issuer.
func (r *ocspResponse) single(cert, issuer *x509.Certificate) (ocspSingle, bool) {
	key, ok := subjectPublicKeyBits(issuer)
	if !ok {
		return ocspSingle{}, false
	}
	for _, s := range r.singles {
		if s.serial.Cmp(cert.SerialNumber) != 0 || !s.hash.Available() {
			continue
		}
		h := s.hash.New()
		h.Write(cert.RawIssuer)
		name := h.Sum(nil)
		h.Reset()
		h.Write(key)
		if bytes.Equal(name, s.nameHash) && bytes.Equal(h.Sum(nil), s.keyHash) {
			return s, true
		}
	}
	return ocspSingle{}, false
}

// signedBy reports whether c is the responder the ResponderID names and
// its key made the response's signature.
func (r *ocspResponse) signedBy(c *x509.Certificate) bool {
	if r.responderName != nil && !bytes.Equal(r.responderName, c.RawSubject) {
		return false
	}
	if r.responderKeyHash != nil {
		key, ok := subjectPublicKeyBits(c)
		if !ok {
			return false
		}
		h := crypto.SHA1.New()
		h.Write(key)
		if !bytes.Equal(h.Sum(nil), r.responderKeyHash) {
			return false
		}
	}
	return signatureValid(c, r.sigAlg, r.tbs, r.signature)
}

// subjectPublicKeyBits returns the contents of the subjectPublicKey BIT
// STRING, what OCSP key hashes are computed over.
func subjectPublicKeyBits(c *x509.Certificate) ([]byte, bool) {
	in := cryptobyte.String(c.RawSubjectPublicKeyInfo)
	var spki cryptobyte.String
	var key asn1.BitString
	if !in.ReadASN1(&spki, cbasn1.SEQUENCE) || !spki.SkipASN1(cbasn1.SEQUENCE) || !spki.ReadASN1BitString(&key) {
		return nil, false
	}
	return key.Bytes, true
}

var hashOIDs = []struct {
	oid  asn1.ObjectIdentifier
	hash crypto.Hash
}{
	{asn1.ObjectIdentifier{1, 3, 14, 3, 2, 26}, crypto.SHA1},
	{asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 1}, crypto.SHA256},
	{asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 2}, crypto.SHA384},
	{asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 3}, crypto.SHA512},
}

func hashOf(oid asn1.ObjectIdentifier) (crypto.Hash, bool) {
	for _, h := range hashOIDs {
		if h.oid.Equal(oid) {
			return h.hash, true
		}
	}
	return 0, false
}

var sigAlgOIDs = []struct {
	oid asn1.ObjectIdentifier
	alg x509.SignatureAlgorithm
}{
	{asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 5}, x509.SHA1WithRSA},
	{asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 11}, x509.SHA256WithRSA},
	{asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 12}, x509.SHA384WithRSA},
	{asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 13}, x509.SHA512WithRSA},
	{asn1.ObjectIdentifier{1, 2, 840, 10045, 4, 1}, x509.ECDSAWithSHA1},
	{asn1.ObjectIdentifier{1, 2, 840, 10045, 4, 3, 2}, x509.ECDSAWithSHA256},
	{asn1.ObjectIdentifier{1, 2, 840, 10045, 4, 3, 3}, x509.ECDSAWithSHA384},
	{asn1.ObjectIdentifier{1, 2, 840, 10045, 4, 3, 4}, x509.ECDSAWithSHA512},
	{asn1.ObjectIdentifier{1, 3, 101, 112}, x509.PureEd25519},
}

// signatureAlgorithm maps an AlgorithmIdentifier element to crypto/x509's
// name for it. RSASSA-PSS is not used by OCSP responders seen so far.
func signatureAlgorithm(alg cryptobyte.String) (x509.SignatureAlgorithm, error) {
	var oid asn1.ObjectIdentifier
	var seq cryptobyte.String
	if !alg.ReadASN1(&seq, cbasn1.SEQUENCE) || !seq.ReadASN1ObjectIdentifier(&oid) {
		return 0, errOCSP
	}
	for _, a := range sigAlgOIDs {
		if a.oid.Equal(oid) {
			return a.alg, nil
		}
	}
	return 0, fmt.Errorf("signature algorithm %v is not supported", oid)
}
