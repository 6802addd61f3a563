package cms

import (
	"bytes"
	"crypto/x509"
	"encoding/asn1"
	"errors"
	"slices"
	"strings"
	"testing"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

var content = []byte("%PDF-1.7 the bytes that a ByteRange covers")

func TestVerifyAlgorithms(t *testing.T) {
	pss := func(h Hash, salt int) AlgorithmIdentifier { return must(PSSAlgorithm(h, salt)) }
	pkcs1 := func(h Hash) AlgorithmIdentifier { return must(PKCS1v15Algorithm(h)) }
	ec := func(h Hash) AlgorithmIdentifier { return must(ECDSAAlgorithm(h)) }
	rsaEncryption := AlgorithmIdentifier{Algorithm: oidRSAEncryption, Parameters: []byte{tagNull, 0}}
	for _, tc := range []struct {
		key      string
		alg      AlgorithmIdentifier
		hash     Hash
		name     string
		warnings []string
	}{
		{"rsa", pkcs1(SHA256), SHA256, "RSA PKCS#1 v1.5 with SHA-256", nil},
		{"rsa", pkcs1(SHA1), SHA1, "RSA PKCS#1 v1.5 with SHA-1", []string{"SHA-1 is a weak digest"}},
		{"rsa", pkcs1(SHA512), SHA512, "RSA PKCS#1 v1.5 with SHA-512", nil},
		{"rsa", pkcs1(SHA3_256), SHA3_256, "RSA PKCS#1 v1.5 with SHA3-256", nil},
		{"rsa", rsaEncryption, SHA384, "RSA PKCS#1 v1.5 with SHA-384", nil},
		{"rsa", rsaEncryption, RIPEMD160, "RSA PKCS#1 v1.5 with RIPEMD-160", []string{"RIPEMD-160 is a legacy digest"}},
		{"rsa", rsaEncryption, SHA512_256, "RSA PKCS#1 v1.5 with SHA-512/256", nil},
		{"rsa", pss(SHA256, 32), SHA256, "RSASSA-PSS with SHA-256", nil},
		{"rsa", pss(SHA384, 20), SHA384, "RSASSA-PSS with SHA-384", nil},
		{"rsa", pss(SHA3_256, 32), SHA3_256, "RSASSA-PSS with SHA3-256", nil},
		{"p256", ec(SHA256), SHA256, "ECDSA P-256 with SHA-256", nil},
		{"p256", ec(SHA3_256), SHA3_256, "ECDSA P-256 with SHA3-256", nil},
		{"p384", ec(SHA384), SHA384, "ECDSA P-384 with SHA-384", nil},
		{"p521", ec(SHA512), SHA512, "ECDSA P-521 with SHA-512", nil},
		{"p256", AlgorithmIdentifier{Algorithm: plainOID(3)}, SHA256, "plain ECDSA P-256 with SHA-256", nil},
		{"p521", AlgorithmIdentifier{Algorithm: plainOID(5)}, SHA512, "plain ECDSA P-521 with SHA-512", nil},
		{"ed25519", Ed25519Algorithm(), SHA512, "Ed25519", nil},
		{"ed448", Ed448Algorithm(), SHAKE256, "Ed448", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t, tc.key, tc.alg, tc.hash)
			res, err := verifyDetached(t, marshal(t, f.spec(t, content)), content)
			if err != nil {
				t.Fatal(err)
			}
			if res.SignatureAlgorithm != tc.name || res.DigestAlgorithm != tc.hash.String() || res.Hash != tc.hash {
				t.Errorf("algorithms %q %q, want %q %q", res.SignatureAlgorithm, res.DigestAlgorithm, tc.name, tc.hash)
			}
			if !slices.Equal(res.Warnings, tc.warnings) {
				t.Errorf("warnings %q, want %q", res.Warnings, tc.warnings)
			}
			if !res.Signer.Equal(f.cert) || !res.SignedAttributes || !res.SigningCertificateV2 || !res.SigningTime.Equal(signingTime) {
				t.Errorf("result %+v", res)
			}
			if res.SignerInfo == nil || len(res.Timestamps) != 0 {
				t.Errorf("result %+v", res)
			}
		})
	}
}

// The same signatures, made by crypto/x509's own code paths where it has
// them, must verify without signed attributes too.
func TestVerifyWithoutSignedAttributes(t *testing.T) {
	for _, f := range []fixture{
		newFixture(t, "rsa", must(PKCS1v15Algorithm(SHA256)), SHA256),
		newFixture(t, "rsa", must(PSSAlgorithm(SHA256, 32)), SHA256),
		newFixture(t, "p384", must(ECDSAAlgorithm(SHA384)), SHA384),
	} {
		s := f.spec(t, content)
		s.signers[0] = f.signer(t, nil, content)
		res, err := verifyDetached(t, marshal(t, s), content)
		if err != nil {
			t.Fatal(err)
		}
		if res.SignedAttributes || res.Signer == nil {
			t.Errorf("result %+v", res)
		}
		if _, err := verifyDetached(t, marshal(t, s), []byte("other")); ReasonOf(err) != ReasonSignature {
			t.Errorf("changed content: %v", err)
		}
	}
	// EdDSA without signed attributes signs the content, which a detached
	// signature does not have.
	f := newFixture(t, "ed25519", Ed25519Algorithm(), SHA512)
	s := f.spec(t, content)
	s.signers[0] = f.signer(t, nil, content)
	_, err := verifyDetached(t, marshal(t, s), content)
	wantReason(t, err, ReasonUnsupported)
	// With encapsulated content it works.
	s.eContent, s.hasEContent = content, true
	if _, err := mustParse(t, marshal(t, s)).Verify(VerifyOptions{Content: ContentEncapsulated}); err != nil {
		t.Fatal(err)
	}
}

func rsaFixture(t testing.TB) fixture {
	return newFixture(t, "rsa", must(PKCS1v15Algorithm(SHA256)), SHA256)
}

func TestVerifyTamperedContent(t *testing.T) {
	der := marshal(t, rsaFixture(t).spec(t, content))
	changed := bytes.Clone(content)
	changed[3] ^= 1
	res, err := verifyDetached(t, der, changed)
	wantReason(t, err, ReasonMessageDigest)
	// The result still says who signed and how.
	if res.Signer == nil || res.SignatureAlgorithm != "RSA PKCS#1 v1.5 with SHA-256" {
		t.Errorf("partial result %+v", res)
	}
	if !strings.Contains(err.Error(), "message digest does not match the content") {
		t.Errorf("error %q", err)
	}
}

func TestVerifyTamperedSignature(t *testing.T) {
	for _, f := range []fixture{
		rsaFixture(t),
		newFixture(t, "rsa", must(PSSAlgorithm(SHA256, 32)), SHA256),
		newFixture(t, "p256", must(ECDSAAlgorithm(SHA256)), SHA256),
		newFixture(t, "p256", AlgorithmIdentifier{Algorithm: plainOID(3)}, SHA256),
		newFixture(t, "ed25519", Ed25519Algorithm(), SHA512),
		newFixture(t, "ed448", Ed448Algorithm(), SHAKE256),
	} {
		s := f.spec(t, content)
		s.signers[0].signature[len(s.signers[0].signature)/2] ^= 0x10
		_, err := verifyDetached(t, marshal(t, s), content)
		wantReason(t, err, ReasonSignature)
	}
}

func TestVerifyWrongMessageDigest(t *testing.T) {
	f := rsaFixture(t)
	s := f.spec(t, content)
	s.signers[0] = f.signer(t, f.attrs(t, []byte("another document")), nil)
	_, err := verifyDetached(t, marshal(t, s), content)
	wantReason(t, err, ReasonMessageDigest)
}

// attribute encodes one Attribute with one value.
func attribute(typ asn1.ObjectIdentifier, value []byte) []byte {
	return encode(func(b *cryptobyte.Builder) {
		b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
			b.AddASN1ObjectIdentifier(typ)
			b.AddASN1(cbasn1.SET, func(b *cryptobyte.Builder) { b.AddBytes(value) })
		})
	})
}

// attributeSet encodes a SET OF in the order given, sorted or not.
func attributeSet(attrs ...[]byte) []byte {
	return encode(func(b *cryptobyte.Builder) {
		b.AddASN1(cbasn1.SET, func(b *cryptobyte.Builder) {
			for _, a := range attrs {
				b.AddBytes(a)
			}
		})
	})
}

func octets(b []byte) []byte {
	return encode(func(bb *cryptobyte.Builder) { bb.AddASN1OctetString(b) })
}

func oidValue(oid asn1.ObjectIdentifier) []byte {
	return encode(func(b *cryptobyte.Builder) { b.AddASN1ObjectIdentifier(oid) })
}

// unsorted returns content-type, message-digest and signing-time in the
// order node-forge writes them: not DER order.
func unsorted(t *testing.T, f fixture) (unsortedSet, sortedSet []byte) {
	ct := attribute(OIDAttrContentType, oidValue(OIDData))
	md := attribute(OIDAttrMessageDigest, octets(f.hash.Sum(content)))
	st := attribute(OIDAttrSigningTime, encode(func(b *cryptobyte.Builder) { b.AddASN1UTCTime(signingTime) }))
	return attributeSet(ct, md, st), attributeSet(ct, st, md)
}

func TestVerifyUnsortedSignedAttributes(t *testing.T) {
	f := rsaFixture(t)
	unsortedSet, sortedSet := unsorted(t, f)

	// Signed as written, out of DER order: not DER.
	s := f.spec(t, content)
	s.signers[0] = f.signer(t, unsortedSet, nil)
	der := marshal(t, s)
	_, err := verifyDetached(t, der, content)
	wantReason(t, err, ReasonSignedAttributes)
	if !strings.Contains(err.Error(), "signed attributes are not DER encoded") {
		t.Errorf("error %q", err)
	}
	// ... unless the caller accepts what Acrobat accepts.
	res, err := mustParse(t, der).Verify(VerifyOptions{Digest: DigestOf(content), AllowNonDERSignedAttributes: true})
	if err != nil || len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "not DER encoded") {
		t.Fatalf("lenient: %v %q", err, res.Warnings)
	}

	// Written out of order but the DER form signed, as RFC 5652 says:
	// valid, with a warning.
	s.signers[0].signature = sign(t, f.key, f.alg, f.hash, sortedSet, f.hash.Sum(sortedSet))
	res, err = verifyDetached(t, marshal(t, s), content)
	if err != nil || len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "covers their DER encoding") {
		t.Fatalf("DER-signed: %v %q", err, res.Warnings)
	}
	if !bytes.Equal(res.SignerInfo.SignedAttrsRaw[1:], unsortedSet[1:]) || res.SignerInfo.SignedAttrsRaw[0] != 0xa0 {
		t.Error("SignedAttrsRaw is not the attributes as encoded")
	}
}

func TestVerifyAttributeChecks(t *testing.T) {
	f := rsaFixture(t)
	md := f.hash.Sum(content)
	ct := attribute(OIDAttrContentType, oidValue(OIDData))
	mdAttr := attribute(OIDAttrMessageDigest, octets(md))
	for _, tc := range []struct {
		name   string
		attrs  []Attribute
		reason Reason
	}{
		{"no content-type", []Attribute{{OIDAttrMessageDigest, [][]byte{octets(md)}}}, ReasonContentType},
		{"content-type differs", []Attribute{{OIDAttrContentType, [][]byte{oidValue(OIDTSTInfo)}}, {OIDAttrMessageDigest, [][]byte{octets(md)}}}, ReasonContentType},
		{"no message-digest", []Attribute{{OIDAttrContentType, [][]byte{oidValue(OIDData)}}}, ReasonMessageDigest},
		{"two message-digest values", []Attribute{{OIDAttrContentType, [][]byte{oidValue(OIDData)}}, {OIDAttrMessageDigest, [][]byte{octets(md), octets(append(md[:31:31], 0))}}}, ReasonSignedAttributes},
		{"message-digest not an OCTET STRING", []Attribute{{OIDAttrContentType, [][]byte{oidValue(OIDData)}}, {OIDAttrMessageDigest, [][]byte{oidValue(OIDData)}}}, ReasonSignedAttributes},
		{"malformed signing-time", []Attribute{{OIDAttrContentType, [][]byte{oidValue(OIDData)}}, {OIDAttrMessageDigest, [][]byte{octets(md)}}, {OIDAttrSigningTime, [][]byte{oidValue(OIDData)}}}, ReasonSignedAttributes},
		{"ESS names another certificate", []Attribute{{OIDAttrContentType, [][]byte{oidValue(OIDData)}}, {OIDAttrMessageDigest, [][]byte{octets(md)}}, {OIDAttrSigningCertificateV2, [][]byte{signingCertificateV2(getPKI(t).caCert)}}}, ReasonSigningCertificate},
		{"ESS v1 names another certificate", []Attribute{{OIDAttrContentType, [][]byte{oidValue(OIDData)}}, {OIDAttrMessageDigest, [][]byte{octets(md)}}, {OIDAttrSigningCertificate, [][]byte{signingCertificateV1(getPKI(t).caCert)}}}, ReasonSigningCertificate},
		{"malformed ESS", []Attribute{{OIDAttrContentType, [][]byte{oidValue(OIDData)}}, {OIDAttrMessageDigest, [][]byte{octets(md)}}, {OIDAttrSigningCertificateV2, [][]byte{octets(md)}}}, ReasonSignedAttributes},
	} {
		t.Run(tc.name, func(t *testing.T) {
			attrs, ok := canonicalAttributes(tc.attrs)
			if !ok {
				t.Fatal("encoding")
			}
			s := f.spec(t, content)
			s.signers[0] = f.signer(t, attrs, nil)
			_, err := verifyDetached(t, marshal(t, s), content)
			wantReason(t, err, tc.reason)
		})
	}
	// Two message-digest attributes with the same value are not one.
	twice := attributeSet(ct, mdAttr, mdAttr)
	s := f.spec(t, content)
	s.signers[0] = f.signer(t, twice, nil)
	_, err := verifyDetached(t, marshal(t, s), content)
	wantReason(t, err, ReasonSignedAttributes)
}

func signingCertificateV1(c *x509.Certificate) []byte {
	return encode(func(b *cryptobyte.Builder) {
		b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
			b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
				b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
					b.AddASN1OctetString(SHA1.Sum(c.Raw))
				})
			})
		})
	})
}

func TestVerifySigningCertificateV1(t *testing.T) {
	f := rsaFixture(t)
	attrs, _ := canonicalAttributes([]Attribute{
		{OIDAttrContentType, [][]byte{oidValue(OIDData)}},
		{OIDAttrMessageDigest, [][]byte{octets(f.hash.Sum(content))}},
		{OIDAttrSigningCertificate, [][]byte{signingCertificateV1(f.cert)}},
		{OIDAttrSigningCertificateV2, [][]byte{signingCertificateV2(f.cert)}},
	})
	s := f.spec(t, content)
	s.signers[0] = f.signer(t, attrs, nil)
	res, err := verifyDetached(t, marshal(t, s), content)
	if err != nil || !res.SigningCertificateV1 || !res.SigningCertificateV2 || !res.SigningTime.IsZero() {
		t.Fatalf("%v %+v", err, res)
	}
}

func TestVerifyAlgorithmChecks(t *testing.T) {
	p := getPKI(t)
	pss := func(hash, mgf Hash, salt, trailer int) AlgorithmIdentifier {
		// RSASSA-PSS-params written out, to get what PSSAlgorithm refuses.
		hashAlg := func(h Hash) func(*cryptobyte.Builder) {
			return func(b *cryptobyte.Builder) {
				b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { b.AddASN1ObjectIdentifier(h.OID()) })
			}
		}
		return AlgorithmIdentifier{Algorithm: oidRSAPSS, Parameters: encode(func(b *cryptobyte.Builder) {
			b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
				b.AddASN1(cbasn1.Tag(0).Constructed().ContextSpecific(), hashAlg(hash))
				b.AddASN1(cbasn1.Tag(1).Constructed().ContextSpecific(), func(b *cryptobyte.Builder) {
					b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
						b.AddASN1ObjectIdentifier(oidMGF1)
						hashAlg(mgf)(b)
					})
				})
				b.AddASN1(cbasn1.Tag(2).Constructed().ContextSpecific(), func(b *cryptobyte.Builder) { b.AddASN1Int64(int64(salt)) })
				b.AddASN1(cbasn1.Tag(3).Constructed().ContextSpecific(), func(b *cryptobyte.Builder) { b.AddASN1Int64(int64(trailer)) })
			})
		})}
	}
	sha256WithRSA := must(PKCS1v15Algorithm(SHA256))
	curveP256 := AlgorithmIdentifier{Algorithm: asn1.ObjectIdentifier{1, 2, 840, 10045, 3, 1, 7}}
	for _, tc := range []struct {
		name      string
		key       string
		alg       AlgorithmIdentifier
		hash      Hash
		digestAlg AlgorithmIdentifier
		reason    Reason
		detail    string
	}{
		{"PSS with a different MGF1 hash", "rsa", pss(SHA256, SHA512, 32, 1), SHA256, AlgorithmIdentifier{}, ReasonSignatureAlgorithm, "MGF1 uses SHA-512 but the hash is SHA-256"},
		{"PSS hash differs from digest", "rsa", pss(SHA384, SHA384, 32, 1), SHA256, AlgorithmIdentifier{}, ReasonAlgorithmMismatch, ""},
		{"PSS trailer field 2", "rsa", pss(SHA256, SHA256, 32, 2), SHA256, AlgorithmIdentifier{}, ReasonSignatureAlgorithm, "trailer field"},
		{"PSS without parameters", "rsa", AlgorithmIdentifier{Algorithm: oidRSAPSS}, SHA256, AlgorithmIdentifier{}, ReasonSignatureAlgorithm, "missing"},
		{"curve OID as signature algorithm", "p256", curveP256, SHA256, AlgorithmIdentifier{}, ReasonSignatureAlgorithm, "the curve P-256, not a signature algorithm"},
		{"id-ecPublicKey as signature algorithm", "p256", AlgorithmIdentifier{Algorithm: oidECPublicKey}, SHA256, AlgorithmIdentifier{}, ReasonSignatureAlgorithm, ""},
		{"digest OID as signature algorithm", "rsa", AlgorithmIdentifier{Algorithm: SHA256.OID()}, SHA256, AlgorithmIdentifier{}, ReasonSignatureAlgorithm, ""},
		{"sha256WithRSAEncryption as digest algorithm", "rsa", sha256WithRSA, SHA256, sha256WithRSA, ReasonDigestAlgorithm, "digest algorithm field holds the signature algorithm sha256WithRSAEncryption"},
		{"unknown digest algorithm", "rsa", sha256WithRSA, SHA256, AlgorithmIdentifier{Algorithm: asn1.ObjectIdentifier{1, 2, 840, 113549, 2, 5}}, ReasonDigestAlgorithm, ""},
		{"digest with parameters", "rsa", sha256WithRSA, SHA256, AlgorithmIdentifier{Algorithm: SHA256.OID(), Parameters: []byte{2, 1, 0}}, ReasonDigestAlgorithm, ""},
		{"sha384WithRSA with SHA-256 digest", "rsa", must(PKCS1v15Algorithm(SHA384)), SHA256, AlgorithmIdentifier{Algorithm: SHA256.OID()}, ReasonAlgorithmMismatch, ""},
		{"ecdsa-with-SHA384 with SHA-256 digest", "p256", must(ECDSAAlgorithm(SHA384)), SHA256, AlgorithmIdentifier{Algorithm: SHA256.OID()}, ReasonAlgorithmMismatch, ""},
		{"ECDSA with parameters", "p256", AlgorithmIdentifier{Algorithm: ecdsaOID(3, 2), Parameters: []byte{tagNull, 0}}, SHA256, AlgorithmIdentifier{}, ReasonSignatureAlgorithm, ""},
		{"plain ECDSA naming another curve", "p256", AlgorithmIdentifier{Algorithm: plainOID(3), Parameters: oidValue(curveOIDs["P-384"])}, SHA256, AlgorithmIdentifier{}, ReasonSignatureAlgorithm, "names the curve"},
		{"Ed25519 with SHA-256", "ed25519", Ed25519Algorithm(), SHA256, AlgorithmIdentifier{}, ReasonAlgorithmMismatch, "Ed25519 requires SHA-512"},
		{"Ed448 with SHA-512", "ed448", Ed448Algorithm(), SHA512, AlgorithmIdentifier{}, ReasonAlgorithmMismatch, "Ed448 requires SHAKE256"},
		{"RSA algorithm, EC key", "p256", sha256WithRSA, SHA256, AlgorithmIdentifier{}, ReasonSignatureAlgorithm, "needs an RSA key"},
		{"ECDSA algorithm, RSA key", "rsa", must(ECDSAAlgorithm(SHA256)), SHA256, AlgorithmIdentifier{}, ReasonSignatureAlgorithm, "needs an ECDSA key"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t, tc.key, tc.alg, tc.hash)
			if tc.digestAlg.Algorithm != nil {
				f.digestAlg = tc.digestAlg
			}
			var s signedDataSpec
			func() {
				// Signing with an identifier that does not fit the key is
				// the point of some cases; sign with what does fit.
				defer func() { _ = recover() }()
				s = f.spec(t, content)
			}()
			if s.signers == nil {
				fit := f
				fit.alg = sha256WithRSA
				if tc.key != "rsa" {
					fit.alg = must(ECDSAAlgorithm(SHA256))
				}
				s = fit.spec(t, content)
				s.signers[0].sigAlg = tc.alg
			}
			_, err := verifyDetached(t, marshal(t, s), content)
			wantReason(t, err, tc.reason)
			if !strings.Contains(err.Error(), tc.detail) {
				t.Errorf("error %q does not say %q", err, tc.detail)
			}
			_ = p
		})
	}
	// PSS is fine with the defaults written out when they match.
	f := newFixture(t, "rsa", pss(SHA1, SHA1, 20, 1), SHA1)
	if _, err := verifyDetached(t, marshal(t, f.spec(t, content)), content); err != nil {
		t.Fatal(err)
	}
}

func TestVerifySignerInfoCount(t *testing.T) {
	f := rsaFixture(t)
	s := f.spec(t, content)
	s.signers = append(s.signers, s.signers[0])
	s.signers[1].signature = bytes.Clone(s.signers[1].signature)
	s.signers[1].signature[0] ^= 1
	_, err := verifyDetached(t, marshal(t, s), content)
	wantReason(t, err, ReasonSignerCount)
	s.signers = nil
	_, err = verifyDetached(t, marshal(t, s), content)
	wantReason(t, err, ReasonSignerCount)
}

func TestVerifyCertificates(t *testing.T) {
	f := rsaFixture(t)
	s := f.spec(t, content)
	s.certs = nil
	_, err := verifyDetached(t, marshal(t, s), content)
	wantReason(t, err, ReasonNoCertificates)

	s.certs = [][]byte{getPKI(t).certs["p256"].Raw}
	_, err = verifyDetached(t, marshal(t, s), content)
	wantReason(t, err, ReasonSignerNotFound)

	// The signer certificate can come from outside when the caller says.
	res, err := mustParse(t, marshal(t, s)).Verify(VerifyOptions{Digest: DigestOf(content), ExtraCertificates: []*x509.Certificate{f.cert}})
	if err != nil || !res.Signer.Equal(f.cert) {
		t.Fatal(err)
	}

	// By subject key identifier, SignerInfo version 3.
	s = f.spec(t, content)
	s.signers[0].version = 3
	s.signers[0].sid = SignerIdentifier{SubjectKeyID: f.cert.SubjectKeyId}
	if _, err := verifyDetached(t, marshal(t, s), content); err != nil {
		t.Fatal(err)
	}
	s.signers[0].sid = SignerIdentifier{SubjectKeyID: []byte("nobody")}
	_, err = verifyDetached(t, marshal(t, s), content)
	wantReason(t, err, ReasonSignerNotFound)
}

func TestVerifyContentModes(t *testing.T) {
	f := rsaFixture(t)
	s := f.spec(t, content)

	// Detached with encapsulated content, even empty, is an error.
	for _, ec := range [][]byte{{}, content} {
		s.eContent, s.hasEContent = ec, true
		_, err := verifyDetached(t, marshal(t, s), content)
		wantReason(t, err, ReasonContent)
		if !strings.Contains(err.Error(), "detached signature carries encapsulated content") {
			t.Errorf("error %q", err)
		}
	}

	// adbe.pkcs7.sha1: eContent is the SHA-1 of the document and is what
	// is signed.
	sha1 := SHA1.Sum(content)
	s = f.spec(t, sha1)
	s.eContent, s.hasEContent = sha1, true
	sd := mustParse(t, marshal(t, s))
	if _, err := sd.Verify(VerifyOptions{Content: ContentPKCS7SHA1, Digest: DigestOf(content)}); err != nil {
		t.Fatal(err)
	}
	_, err := sd.Verify(VerifyOptions{Content: ContentPKCS7SHA1, Digest: DigestOf([]byte("other"))})
	wantReason(t, err, ReasonMessageDigest)
	s.hasEContent = false
	_, err = mustParse(t, marshal(t, s)).Verify(VerifyOptions{Content: ContentPKCS7SHA1, Digest: DigestOf(content)})
	wantReason(t, err, ReasonContent)

	// Encapsulated: eContent must be there.
	_, err = mustParse(t, marshal(t, s)).Verify(VerifyOptions{Content: ContentEncapsulated})
	wantReason(t, err, ReasonContent)
}

func TestVerifyDigestCallback(t *testing.T) {
	sd := mustParse(t, marshal(t, rsaFixture(t).spec(t, content)))
	_, err := sd.Verify(VerifyOptions{})
	wantReason(t, err, ReasonContentUnavailable)
	boom := errors.New("disk on fire")
	_, err = sd.Verify(VerifyOptions{Digest: func(Hash) ([]byte, error) { return nil, boom }})
	wantReason(t, err, ReasonContentUnavailable)
	if !errors.Is(err, boom) {
		t.Errorf("error %v does not wrap the callback's", err)
	}
	_, err = sd.Verify(VerifyOptions{Digest: func(Hash) ([]byte, error) { return []byte{1}, nil }})
	wantReason(t, err, ReasonContentUnavailable)
	calls := 0
	_, err = sd.Verify(VerifyOptions{Digest: func(h Hash) ([]byte, error) { calls++; return DigestOf(content)(h) }})
	if err != nil || calls != 1 {
		t.Errorf("err %v, %d calls", err, calls)
	}
}

func TestVerifyDigestNotListed(t *testing.T) {
	f := rsaFixture(t)
	s := f.spec(t, content)
	s.digestAlgs = []AlgorithmIdentifier{{Algorithm: SHA1.OID()}}
	res, err := verifyDetached(t, marshal(t, s), content)
	if err != nil || len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "not listed") {
		t.Fatalf("%v %q", err, res.Warnings)
	}
}

func TestVerifyRequireSigningCertificate(t *testing.T) {
	f := rsaFixture(t)
	attrs, _ := canonicalAttributes([]Attribute{
		{OIDAttrContentType, [][]byte{oidValue(OIDData)}},
		{OIDAttrMessageDigest, [][]byte{octets(f.hash.Sum(content))}},
	})
	s := f.spec(t, content)
	s.signers[0] = f.signer(t, attrs, nil)
	sd := mustParse(t, marshal(t, s))
	if _, err := sd.Verify(VerifyOptions{Digest: DigestOf(content)}); err != nil {
		t.Fatal(err)
	}
	_, err := sd.Verify(VerifyOptions{Digest: DigestOf(content), RequireSigningCertificate: true})
	wantReason(t, err, ReasonSigningCertificate)
}

func TestReasonNames(t *testing.T) {
	for r := ReasonSignerCount; r <= ReasonImprint; r++ {
		if strings.HasPrefix(r.String(), "reason(") {
			t.Errorf("reason %d has no name", r)
		}
	}
	if Reason(99).String() != "reason(99)" || ReasonOf(errors.New("x")) != 0 {
		t.Error("unknown reason")
	}
}
