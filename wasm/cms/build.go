package cms

import (
	"bytes"
	"crypto/x509"
	"encoding/asn1"
	"errors"
	"fmt"
	"time"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// SignedAttributes are the signed attributes of a PAdES signature.
type SignedAttributes struct {
	// ContentType is the content-type attribute; nil means id-data.
	ContentType asn1.ObjectIdentifier
	// MessageDigest is the digest of the content (the ByteRange).
	MessageDigest []byte
	// SigningCertificate, if not nil, is named by a signing-certificate-v2
	// attribute with its SHA-256 hash and issuer and serial number.
	SigningCertificate *x509.Certificate
	// SigningTime, if not zero, becomes a signing-time attribute (whole
	// seconds, UTC).
	SigningTime time.Time
}

// BuildSignedAttributes returns the DER SET OF Attribute (tag 0x31): the
// bytes to hash and sign, and to pass to AssembleSignedData.
func BuildSignedAttributes(a SignedAttributes) ([]byte, error) {
	if len(a.MessageDigest) == 0 {
		return nil, errors.New("cms: no message digest")
	}
	ct := a.ContentType
	if ct == nil {
		ct = OIDData
	}
	attrs := []Attribute{
		{Type: OIDAttrContentType, Values: [][]byte{encode(func(b *cryptobyte.Builder) { b.AddASN1ObjectIdentifier(ct) })}},
		{Type: OIDAttrMessageDigest, Values: [][]byte{encode(func(b *cryptobyte.Builder) { b.AddASN1OctetString(a.MessageDigest) })}},
	}
	if !a.SigningTime.IsZero() {
		t := a.SigningTime.UTC().Truncate(time.Second)
		v := encode(func(b *cryptobyte.Builder) {
			// RFC 5652 11.3: UTCTime for 1950 to 2049.
			if t.Year() >= 1950 && t.Year() < 2050 {
				b.AddASN1UTCTime(t)
			} else {
				b.AddASN1GeneralizedTime(t)
			}
		})
		attrs = append(attrs, Attribute{Type: OIDAttrSigningTime, Values: [][]byte{v}})
	}
	if c := a.SigningCertificate; c != nil {
		attrs = append(attrs, Attribute{Type: OIDAttrSigningCertificateV2, Values: [][]byte{signingCertificateV2(c)}})
	}
	for _, at := range attrs {
		if at.Values[0] == nil {
			return nil, errors.New("cms: cannot encode signed attributes")
		}
	}
	out, ok := canonicalAttributes(attrs)
	if !ok {
		return nil, errors.New("cms: cannot encode signed attributes")
	}
	return out, nil
}

// signingCertificateV2 encodes SigningCertificateV2 with one ESSCertIDv2:
// SHA-256 (the DEFAULT, so omitted), the certificate hash, issuerSerial.
func signingCertificateV2(c *x509.Certificate) []byte {
	return encode(func(b *cryptobyte.Builder) {
		b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
			b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
				b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
					b.AddASN1OctetString(SHA256.Sum(c.Raw))
					b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
						b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
							b.AddASN1(cbasn1.Tag(4).Constructed().ContextSpecific(), func(b *cryptobyte.Builder) {
								b.AddBytes(c.RawIssuer)
							})
						})
						b.AddASN1BigInt(c.SerialNumber)
					})
				})
			})
		})
	})
}

// encode runs f on a fresh builder; nil on error.
func encode(f func(*cryptobyte.Builder)) []byte {
	var b cryptobyte.Builder
	f(&b)
	out, err := b.Bytes()
	if err != nil {
		return nil
	}
	return out
}

// AssembleSignedData returns a detached ContentInfo(SignedData) for one
// signer: cert signed signedAttrsDER (from BuildSignedAttributes) with
// sigAlg, producing signatureValue. chain adds further certificates;
// unsignedAttrs (for example a signature timestamp) may be nil. The digest
// algorithm follows from sigAlg, which must name its hash (see
// PKCS1v15Algorithm, PSSAlgorithm, ECDSAAlgorithm, Ed25519Algorithm,
// Ed448Algorithm).
func AssembleSignedData(cert *x509.Certificate, chain []*x509.Certificate, signedAttrsDER []byte, sigAlg AlgorithmIdentifier, signatureValue []byte, unsignedAttrs []Attribute) ([]byte, error) {
	if cert == nil {
		return nil, errors.New("cms: no signer certificate")
	}
	r := newReader(signedAttrsDER)
	var set reader
	if !r.Read(&set, tagSet) || !r.Empty() {
		return nil, errors.New("cms: signed attributes are not a SET")
	}
	attrs, err := parseAttributes(set)
	if err != nil {
		return nil, err
	}
	if c, ok := canonicalAttributes(attrs); !ok || !bytes.Equal(c, signedAttrsDER) {
		return nil, errors.New("cms: signed attributes are not DER encoded")
	}
	h, err := hashOfSignatureAlgorithm(sigAlg)
	if err != nil {
		return nil, err
	}
	if _, verr := resolveSignature(sigAlg, h); verr != nil {
		return nil, verr
	}
	digestAlg := AlgorithmIdentifier{Algorithm: h.OID()}
	spec := signedDataSpec{
		version:      1,
		digestAlgs:   []AlgorithmIdentifier{digestAlg},
		eContentType: OIDData,
		signers: []signerSpec{{
			version:     1,
			sid:         SignerIdentifier{IssuerRaw: cert.RawIssuer, SerialNumber: cert.SerialNumber},
			digestAlg:   digestAlg,
			signedAttrs: signedAttrsDER,
			sigAlg:      sigAlg,
			signature:   signatureValue,
			unsigned:    unsignedAttrs,
		}},
	}
	for _, c := range append([]*x509.Certificate{cert}, chain...) {
		spec.certs = append(spec.certs, c.Raw)
	}
	return spec.marshal()
}

// hashOfSignatureAlgorithm returns the digest algorithm that goes with a
// signature algorithm that names one.
func hashOfSignatureAlgorithm(a AlgorithmIdentifier) (Hash, error) {
	info, ok := signatureOIDs[a.Algorithm.String()]
	switch {
	case !ok:
		return 0, fmt.Errorf("cms: unknown signature algorithm %v", a.Algorithm)
	case info.scheme == schemeRSAPSS:
		p, err := parsePSSParams(a.Parameters)
		if err != nil {
			return 0, err
		}
		return p.hash, nil
	case info.scheme == schemeEd25519:
		return SHA512, nil
	case info.scheme == schemeEd448:
		return SHAKE256, nil
	case info.hash == 0:
		return 0, fmt.Errorf("cms: %s does not name a digest algorithm; use PKCS1v15Algorithm", info.name)
	}
	return info.hash, nil
}

// signatureOID finds the signature algorithm OID for a scheme and hash.
func signatureOID(s scheme, h Hash) (asn1.ObjectIdentifier, error) {
	for _, info := range signatureTable {
		if info.scheme == s && info.hash == h && h != 0 {
			return info.oid, nil
		}
	}
	return nil, fmt.Errorf("cms: no signature algorithm for %v", h)
}

// PKCS1v15Algorithm returns the identifier of RSASSA-PKCS1-v1_5 with h,
// e.g. sha256WithRSAEncryption.
func PKCS1v15Algorithm(h Hash) (AlgorithmIdentifier, error) {
	oid, err := signatureOID(schemeRSAPKCS1, h)
	if err != nil {
		return AlgorithmIdentifier{}, err
	}
	return AlgorithmIdentifier{Algorithm: oid, Parameters: hashParams(h)}, nil
}

// ECDSAAlgorithm returns the identifier of ECDSA with h (DER signatures),
// e.g. ecdsa-with-SHA256.
func ECDSAAlgorithm(h Hash) (AlgorithmIdentifier, error) {
	oid, err := signatureOID(schemeECDSA, h)
	if err != nil {
		return AlgorithmIdentifier{}, err
	}
	return AlgorithmIdentifier{Algorithm: oid}, nil
}

// Ed25519Algorithm returns the identifier of Ed25519.
func Ed25519Algorithm() AlgorithmIdentifier { return AlgorithmIdentifier{Algorithm: oidEd25519} }

// Ed448Algorithm returns the identifier of Ed448.
func Ed448Algorithm() AlgorithmIdentifier { return AlgorithmIdentifier{Algorithm: oidEd448} }

// PSSAlgorithm returns the identifier of RSASSA-PSS with h, MGF1 with h,
// the given salt length and trailer field 1.
func PSSAlgorithm(h Hash, saltLength int) (AlgorithmIdentifier, error) {
	if h.CryptoHash() == 0 || saltLength < 0 {
		return AlgorithmIdentifier{}, fmt.Errorf("cms: RSASSA-PSS with %v and salt length %d", h, saltLength)
	}
	hashAlg := func(b *cryptobyte.Builder) {
		b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
			b.AddASN1ObjectIdentifier(h.OID())
			b.AddBytes(hashParams(h))
		})
	}
	params := encode(func(b *cryptobyte.Builder) {
		b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
			b.AddASN1(cbasn1.Tag(0).Constructed().ContextSpecific(), hashAlg)
			b.AddASN1(cbasn1.Tag(1).Constructed().ContextSpecific(), func(b *cryptobyte.Builder) {
				b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
					b.AddASN1ObjectIdentifier(oidMGF1)
					hashAlg(b)
				})
			})
			if saltLength != 20 {
				b.AddASN1(cbasn1.Tag(2).Constructed().ContextSpecific(), func(b *cryptobyte.Builder) {
					b.AddASN1Int64(int64(saltLength))
				})
			}
		})
	})
	return AlgorithmIdentifier{Algorithm: oidRSAPSS, Parameters: params}, nil
}

// hashParams returns NULL for the hashes whose identifiers carry it in
// RSA algorithm identifiers (SHA-1, SHA-2, RIPEMD-160), nil for SHA-3.
func hashParams(h Hash) []byte {
	switch h {
	case SHA3_224, SHA3_256, SHA3_384, SHA3_512:
		return nil
	}
	return []byte{tagNull, 0}
}

// signedDataSpec is everything a SignedData holds, for marshal. Tests use
// it directly to build malformed variants.
type signedDataSpec struct {
	version      int
	digestAlgs   []AlgorithmIdentifier
	eContentType asn1.ObjectIdentifier
	eContent     []byte
	hasEContent  bool
	certs        [][]byte
	crls         [][]byte
	signers      []signerSpec
}

type signerSpec struct {
	version     int
	sid         SignerIdentifier
	digestAlg   AlgorithmIdentifier
	signedAttrs []byte // the DER SET (tag 0x31), nil when absent
	sigAlg      AlgorithmIdentifier
	signature   []byte
	unsigned    []Attribute
}

func addAlgorithm(b *cryptobyte.Builder, a AlgorithmIdentifier) {
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddASN1ObjectIdentifier(a.Algorithm)
		b.AddBytes(a.Parameters)
	})
}

// marshal encodes the ContentInfo in DER.
func (s *signedDataSpec) marshal() ([]byte, error) {
	failed := false
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddASN1ObjectIdentifier(OIDSignedData)
		b.AddASN1(cbasn1.Tag(0).Constructed().ContextSpecific(), func(b *cryptobyte.Builder) {
			b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
				b.AddASN1Int64(int64(s.version))
				var algs [][]byte
				for _, a := range s.digestAlgs {
					algs = append(algs, encode(func(b *cryptobyte.Builder) { addAlgorithm(b, a) }))
				}
				failed = failed || anyNil(algs)
				derSetOf(b, cbasn1.SET, algs)
				b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
					b.AddASN1ObjectIdentifier(s.eContentType)
					if s.hasEContent {
						b.AddASN1(cbasn1.Tag(0).Constructed().ContextSpecific(), func(b *cryptobyte.Builder) {
							b.AddASN1OctetString(s.eContent)
						})
					}
				})
				if len(s.certs) > 0 {
					derSetOf(b, cbasn1.Tag(0).Constructed().ContextSpecific(), s.certs)
				}
				if len(s.crls) > 0 {
					derSetOf(b, cbasn1.Tag(1).Constructed().ContextSpecific(), s.crls)
				}
				var sis [][]byte
				for _, si := range s.signers {
					sis = append(sis, encode(si.marshal))
				}
				failed = failed || anyNil(sis)
				derSetOf(b, cbasn1.SET, sis)
			})
		})
	})
	if failed {
		return nil, errors.New("cms: cannot encode SignedData")
	}
	return b.Bytes()
}

func (si signerSpec) marshal(b *cryptobyte.Builder) {
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddASN1Int64(int64(si.version))
		if si.sid.IssuerRaw != nil {
			b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
				b.AddBytes(si.sid.IssuerRaw)
				b.AddASN1BigInt(si.sid.SerialNumber)
			})
		} else {
			b.AddASN1(cbasn1.Tag(0).ContextSpecific(), func(b *cryptobyte.Builder) {
				b.AddBytes(si.sid.SubjectKeyID)
			})
		}
		addAlgorithm(b, si.digestAlg)
		if si.signedAttrs != nil {
			// [0] IMPLICIT: the same encoding with the tag changed.
			b.AddBytes(append([]byte{tagContext0}, si.signedAttrs[1:]...))
		}
		addAlgorithm(b, si.sigAlg)
		b.AddASN1OctetString(si.signature)
		if len(si.unsigned) > 0 {
			var attrs [][]byte
			for _, a := range si.unsigned {
				attrs = append(attrs, encode(func(b *cryptobyte.Builder) {
					b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
						b.AddASN1ObjectIdentifier(a.Type)
						derSetOf(b, cbasn1.SET, a.Values)
					})
				}))
			}
			if anyNil(attrs) {
				b.SetError(errors.New("cms: cannot encode unsigned attributes"))
			}
			derSetOf(b, cbasn1.Tag(1).Constructed().ContextSpecific(), attrs)
		}
	})
}

// anyNil reports whether an encoding failed.
func anyNil(encodings [][]byte) bool {
	for _, e := range encodings {
		if e == nil {
			return true
		}
	}
	return false
}
