package cms

import (
	"crypto/x509/pkix"
	"encoding/asn1"
	"fmt"
	"math/big"
	"time"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// TSTInfo is the signed content of a timestamp token (RFC 3161 2.4.2).
type TSTInfo struct {
	// Raw is the DER TSTInfo, the token's eContent.
	Raw     []byte
	Version int
	Policy  asn1.ObjectIdentifier
	// HashAlgorithm and HashedMessage are the message imprint: the digest
	// of the data the token covers.
	HashAlgorithm Hash
	HashedMessage []byte
	SerialNumber  *big.Int
	// GenTime is when the TSA made the token, with fractional seconds.
	GenTime  time.Time
	Accuracy Accuracy
	Ordering bool
	// Nonce is nil when absent.
	Nonce *big.Int
	// TSA is the tsa GeneralName as text ("" when absent): a directoryName
	// as pkix.Name.String, "email:", "DNS:" or "URI:" forms otherwise.
	TSA    string
	TSARaw []byte
	// Extensions are the TSTInfo extensions, nil when absent.
	Extensions []pkix.Extension
}

// Accuracy is the TSA's accuracy claim around GenTime; all zero when
// absent.
type Accuracy struct {
	Seconds, Millis, Micros int
}

// Duration returns the accuracy as a time.Duration.
func (a Accuracy) Duration() time.Duration {
	return time.Duration(a.Seconds)*time.Second + time.Duration(a.Millis)*time.Millisecond + time.Duration(a.Micros)*time.Microsecond
}

var (
	tagContext0Implicit = cbasn1.Tag(0).ContextSpecific()
	tagContext1Implicit = cbasn1.Tag(1).ContextSpecific()
	tagExplicit0        = cbasn1.Tag(0).Constructed().ContextSpecific()
	tagExplicit1        = cbasn1.Tag(1).Constructed().ContextSpecific()
)

// parseTSTInfo parses a DER TSTInfo strictly.
func parseTSTInfo(raw []byte) (*TSTInfo, error) {
	t := &TSTInfo{Raw: raw, SerialNumber: new(big.Int)}
	s := cryptobyte.String(raw)
	var info, imprint, hashAlg, genTime cryptobyte.String
	if !s.ReadASN1(&info, cbasn1.SEQUENCE) || !s.Empty() ||
		!info.ReadASN1Integer(&t.Version) ||
		!info.ReadASN1ObjectIdentifier(&t.Policy) ||
		!info.ReadASN1(&imprint, cbasn1.SEQUENCE) ||
		!imprint.ReadASN1Element(&hashAlg, cbasn1.SEQUENCE) ||
		!imprint.ReadASN1((*cryptobyte.String)(&t.HashedMessage), cbasn1.OCTET_STRING) ||
		!imprint.Empty() ||
		!info.ReadASN1Integer(t.SerialNumber) ||
		!info.ReadASN1(&genTime, cbasn1.GeneralizedTime) {
		return nil, malformed("TSTInfo")
	}
	if t.Version != 1 {
		return nil, fmt.Errorf("%w: TSTInfo version %d", ErrMalformed, t.Version)
	}
	r := newReader(hashAlg)
	var alg AlgorithmIdentifier
	if !readAlgorithm(&r, &alg) {
		return nil, malformed("TSTInfo messageImprint")
	}
	h, verr := digestAlgorithm(alg)
	if verr != nil {
		return nil, fmt.Errorf("%w: TSTInfo messageImprint: %s", ErrMalformed, verr.Detail)
	}
	if len(t.HashedMessage) != h.Size() {
		return nil, malformed("TSTInfo messageImprint: digest length")
	}
	t.HashAlgorithm = h
	var ok bool
	if t.GenTime, ok = parseGeneralizedTime(genTime); !ok {
		return nil, malformed("TSTInfo genTime")
	}
	if info.PeekASN1Tag(cbasn1.SEQUENCE) {
		if !readAccuracy(&info, &t.Accuracy) {
			return nil, malformed("TSTInfo accuracy")
		}
	}
	if info.PeekASN1Tag(cbasn1.BOOLEAN) {
		// DEFAULT FALSE, so DER would omit FALSE; TSAs in use write it
		// anyway, and it is signed as written: accept it.
		if !info.ReadASN1Boolean(&t.Ordering) {
			return nil, malformed("TSTInfo ordering")
		}
	}
	if info.PeekASN1Tag(cbasn1.INTEGER) {
		t.Nonce = new(big.Int)
		if !info.ReadASN1Integer(t.Nonce) {
			return nil, malformed("TSTInfo nonce")
		}
	}
	if info.PeekASN1Tag(tagExplicit0) {
		var gn cryptobyte.String
		if !info.ReadASN1(&gn, tagExplicit0) ||
			!gn.ReadAnyASN1Element((*cryptobyte.String)(&t.TSARaw), nil) || !gn.Empty() {
			return nil, malformed("TSTInfo tsa")
		}
		if t.TSA, ok = generalNameString(t.TSARaw); !ok {
			return nil, malformed("TSTInfo tsa")
		}
	}
	if info.PeekASN1Tag(tagExplicit1) {
		var exts cryptobyte.String
		if !info.ReadASN1(&exts, tagExplicit1) {
			return nil, malformed("TSTInfo extensions")
		}
		for !exts.Empty() {
			if len(t.Extensions) == MaxTSTInfoExtensions {
				return nil, overLimit("TSTInfo extensions", MaxTSTInfoExtensions)
			}
			var ext cryptobyte.String
			var e pkix.Extension
			if !exts.ReadASN1(&ext, cbasn1.SEQUENCE) ||
				!ext.ReadASN1ObjectIdentifier(&e.Id) ||
				!readOptionalBool(&ext, &e.Critical) ||
				!ext.ReadASN1((*cryptobyte.String)(&e.Value), cbasn1.OCTET_STRING) ||
				!ext.Empty() {
				return nil, malformed("TSTInfo extension")
			}
			t.Extensions = append(t.Extensions, e)
		}
	}
	if !info.Empty() {
		return nil, malformed("TSTInfo: trailing data")
	}
	return t, nil
}

// readAccuracy reads Accuracy ::= SEQUENCE { seconds INTEGER OPTIONAL,
// millis [0] INTEGER (1..999) OPTIONAL, micros [1] INTEGER (1..999)
// OPTIONAL }.
func readAccuracy(s *cryptobyte.String, a *Accuracy) bool {
	var acc cryptobyte.String
	if !s.ReadASN1(&acc, cbasn1.SEQUENCE) ||
		!readOptionalImplicitInt(&acc, cbasn1.INTEGER, &a.Seconds) ||
		!readOptionalImplicitInt(&acc, tagContext0Implicit, &a.Millis) ||
		!readOptionalImplicitInt(&acc, tagContext1Implicit, &a.Micros) ||
		!acc.Empty() {
		return false
	}
	// millis and micros are 1..999 when present.
	return a.Seconds >= 0 && a.Millis >= 0 && a.Millis <= 999 && a.Micros >= 0 && a.Micros <= 999
}

// readOptionalImplicitInt reads an INTEGER, possibly under an IMPLICIT
// tag, if it is next. (cryptobyte's ReadOptionalASN1Integer expects an
// EXPLICIT tag.)
func readOptionalImplicitInt(s *cryptobyte.String, tag cbasn1.Tag, out *int) bool {
	var body cryptobyte.String
	var present bool
	if !s.ReadOptionalASN1(&body, &present, tag) {
		return false
	}
	if !present {
		return true
	}
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.INTEGER, func(b *cryptobyte.Builder) { b.AddBytes(body) })
	der, err := b.Bytes()
	if err != nil {
		return false
	}
	in := cryptobyte.String(der)
	return in.ReadASN1Integer(out) && in.Empty()
}

// generalNameString renders a GeneralName (RFC 5280 4.2.1.6) for a person.
func generalNameString(raw []byte) (string, bool) {
	s := cryptobyte.String(raw)
	var body cryptobyte.String
	var tag cbasn1.Tag
	if !s.ReadAnyASN1(&body, &tag) || !s.Empty() {
		return "", false
	}
	switch tag {
	case cbasn1.Tag(4).Constructed().ContextSpecific():
		var rdns pkix.RDNSequence
		rest, err := asn1.Unmarshal(body, &rdns)
		if err != nil || len(rest) != 0 {
			return "", false
		}
		var name pkix.Name
		name.FillFromRDNSequence(&rdns)
		return name.String(), true
	case cbasn1.Tag(1).ContextSpecific():
		return "email:" + string(body), true
	case cbasn1.Tag(2).ContextSpecific():
		return "DNS:" + string(body), true
	case cbasn1.Tag(6).ContextSpecific():
		return "URI:" + string(body), true
	}
	return fmt.Sprintf("GeneralName [%d]", tag&0x1f), true
}
