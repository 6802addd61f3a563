package cms

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/x509"
	"errors"
	"math/big"
	"strings"
	"testing"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

func TestParseTrailingData(t *testing.T) {
	der := marshal(t, rsaFixture(t).spec(t, content))
	padded := append(bytes.Clone(der), make([]byte, 4096)...)
	if _, err := verifyDetached(t, padded, content); err != nil {
		t.Fatalf("zero padding: %v", err)
	}
	garbage := append(bytes.Clone(padded), 0x42)
	if _, err := Parse(garbage); !errors.Is(err, ErrMalformed) || !strings.Contains(err.Error(), "trailing data") {
		t.Fatalf("trailing garbage: %v", err)
	}
	sd, trailing, err := ParseTrailing(garbage)
	if err != nil || sd == nil || len(trailing) != 4097 {
		t.Fatalf("ParseTrailing: %v, %d trailing bytes", err, len(trailing))
	}
	if _, trailing, _ := ParseTrailing(padded); trailing != nil {
		t.Error("zero padding reported as trailing data")
	}
}

// berify rewrites constructed elements less than maxDepth deep with
// indefinite lengths, and primitive OCTET STRINGs at depth octetDepth as
// constructed ones in two segments. Certificates stay DER.
func berify(t testing.TB, der []byte, depth, maxDepth, octetDepth int) []byte {
	t.Helper()
	var out []byte
	for len(der) > 0 {
		e, rest, err := readElement(der, 0)
		if err != nil {
			t.Fatal("berify: bad input")
		}
		der = rest
		switch {
		case e.tag == tagOctetString && depth == octetDepth:
			half := len(e.body) / 2
			seg := func(b []byte) []byte {
				return encode(func(bb *cryptobyte.Builder) { bb.AddASN1OctetString(b) })
			}
			out = append(out, tagConstructedOS, 0x80)
			out = append(out, seg(e.body[:half])...)
			out = append(out, seg(e.body[half:])...)
			out = append(out, 0, 0)
		case e.tag&constructed != 0 && depth < maxDepth && !(depth == 3 && e.tag == tagContext0):
			out = append(out, e.tag, 0x80)
			out = append(out, berify(t, e.body, depth+1, maxDepth, octetDepth)...)
			out = append(out, 0, 0)
		default:
			out = append(out, e.raw...)
		}
	}
	return out
}

func TestParseBER(t *testing.T) {
	f := rsaFixture(t)
	der := marshal(t, f.spec(t, content))
	// Outer layers down to the SignerInfos SET: what signers in the wild
	// do. Depth 4 also turns each SignerInfo into BER.
	for _, depth := range []int{3, 4, 5} {
		ber := berify(t, der, 0, depth, -1)
		if bytes.Equal(ber, der) {
			t.Fatal("berify did nothing")
		}
		sd := mustParse(t, append(ber, 0, 0, 0))
		if !sd.BER {
			t.Error("BER not noticed")
		}
		res, err := sd.Verify(VerifyOptions{Digest: DigestOf(content)})
		if err != nil {
			t.Fatalf("depth %d: %v", depth, err)
		}
		if !strings.Contains(strings.Join(res.Warnings, ";"), "BER") {
			t.Errorf("warnings %q", res.Warnings)
		}
	}
	// Signed attributes in BER: their DER form is what was signed, so the
	// signature verifies, with a warning.
	ber := berify(t, der, 0, 6, -1)
	sd := mustParse(t, ber)
	if sd.SignerInfos[0].SignedAttrsRaw[1] != 0x80 {
		t.Fatal("signed attributes not kept as encoded")
	}
	res, err := sd.Verify(VerifyOptions{Digest: DigestOf(content)})
	if err != nil || !strings.Contains(strings.Join(res.Warnings, ";"), "covers their DER encoding") {
		t.Fatalf("%v %q", err, res.Warnings)
	}

	// A constructed eContent (adbe.pkcs7.sha1 from BER signers).
	sha1 := SHA1.Sum(content)
	s := f.spec(t, sha1)
	s.eContent, s.hasEContent = sha1, true
	// ContentInfo SEQ(0) [0](1) SignedData(2) EncapContentInfo(3) [0](4) OCTET STRING(5)
	ber = berify(t, marshal(t, s), 0, 5, 5)
	sd = mustParse(t, ber)
	if !bytes.Equal(sd.EContent, sha1) {
		t.Fatal("constructed eContent not joined")
	}
	if _, err := sd.Verify(VerifyOptions{Content: ContentPKCS7SHA1, Digest: DigestOf(content)}); err != nil {
		t.Fatal(err)
	}
}

func TestParseMalformed(t *testing.T) {
	der := marshal(t, rsaFixture(t).spec(t, content))
	for i := range der {
		if _, err := Parse(der[:i]); err == nil {
			t.Fatalf("truncated to %d bytes: parsed", i)
		}
	}
	// Every single-byte change: no panic, whatever the outcome.
	for i := range der {
		b := bytes.Clone(der)
		b[i] ^= 0xff
		if sd, err := Parse(b); err == nil {
			sd.Verify(VerifyOptions{Digest: DigestOf(content)})
		}
	}
	for _, tc := range []struct {
		name string
		der  []byte
	}{
		{"empty", nil},
		{"not a SEQUENCE", []byte{0x31, 0}},
		{"id-data", encode(func(b *cryptobyte.Builder) {
			b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { b.AddASN1ObjectIdentifier(OIDData) })
		})},
		{"indefinite primitive", []byte{0x30, 0x80, 0x04, 0x80, 0, 0, 0, 0}},
		{"unterminated indefinite", []byte{0x30, 0x80, 0x30, 0x00}},
		{"five-byte length", []byte{0x30, 0x85, 0, 0, 0, 0, 1, 0}},
		{"high tag number", []byte{0x1f, 0x81, 0x00, 0x00}},
	} {
		if _, err := Parse(tc.der); !errors.Is(err, ErrMalformed) {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
}

func TestParseSignerInfoVersion(t *testing.T) {
	f := rsaFixture(t)
	s := f.spec(t, content)
	s.signers[0].version = 3
	if _, err := Parse(marshal(t, s)); !errors.Is(err, ErrMalformed) {
		t.Errorf("v3 with issuerAndSerialNumber: %v", err)
	}
	s.signers[0].version = 1
	s.signers[0].sid = SignerIdentifier{SubjectKeyID: f.cert.SubjectKeyId}
	if _, err := Parse(marshal(t, s)); !errors.Is(err, ErrMalformed) {
		t.Errorf("v1 with subjectKeyIdentifier: %v", err)
	}
}

func TestParseCertificateChoices(t *testing.T) {
	f := rsaFixture(t)
	s := f.spec(t, content)
	junk := []byte{0x30, 0x03, 0x02, 0x01, 0x00}
	attrCert := []byte{0xa1, 0x02, 0x05, 0x00}
	s.certs = append(s.certs, junk, attrCert)
	sd := mustParse(t, marshal(t, s))
	if len(sd.Certificates) != 2 || len(sd.UnparsedCertificates) != 1 || len(sd.OtherCertificates) != 1 {
		t.Fatalf("%d certificates, %d unparsed, %d other", len(sd.Certificates), len(sd.UnparsedCertificates), len(sd.OtherCertificates))
	}
	u := sd.UnparsedCertificates[0]
	if !bytes.Equal(u.Raw, junk) || u.Err == nil || u.Lenient != nil {
		t.Errorf("unparsed %+v", u)
	}
	if _, err := sd.Verify(VerifyOptions{Digest: DigestOf(content)}); err != nil {
		t.Fatal(err)
	}
}

// lenientSigner signs with a certificate crypto/x509 rejects.
func lenientSigner(t *testing.T, certDER []byte, key any, alg AlgorithmIdentifier, h Hash) {
	t.Helper()
	if _, err := x509.ParseCertificate(certDER); err == nil {
		t.Fatal("crypto/x509 accepts the certificate")
	}
	cert, lenient, err := ParseCertificateLenient(certDER)
	if err != nil || !lenient {
		t.Fatalf("ParseCertificateLenient: %v %v", lenient, err)
	}
	f := fixture{cert: cert, key: key, alg: alg, hash: h, digestAlg: AlgorithmIdentifier{Algorithm: h.OID()}}
	res, err := verifyDetached(t, marshal(t, f.spec(t, content)), content)
	if err != nil {
		t.Fatal(err)
	}
	if !res.SignerLenient || res.Signer.Subject.CommonName != "lenient" || !strings.Contains(strings.Join(res.Warnings, ";"), "read leniently") {
		t.Errorf("result %+v", res)
	}
}

func TestLenientSignerCertificates(t *testing.T) {
	p := getPKI(t)
	pkcs1 := must(PKCS1v15Algorithm(SHA256))
	t.Run("negative serial", func(t *testing.T) {
		spki := must(x509.MarshalPKIXPublicKey(&p.rsa.PublicKey))
		lenientSigner(t, p.handmade(big.NewInt(-4242), "lenient", spki), p.rsa, pkcs1, SHA256)
	})
	t.Run("negative RSA modulus", func(t *testing.T) {
		// The modulus without the leading zero that keeps it positive,
		// as on Estonian ID cards of 2011-2014.
		key := encode(func(b *cryptobyte.Builder) {
			b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
				b.AddASN1(cbasn1.INTEGER, func(b *cryptobyte.Builder) { b.AddBytes(p.rsa.N.Bytes()) })
				b.AddASN1Int64(int64(p.rsa.E))
			})
		})
		spki := encode(func(b *cryptobyte.Builder) {
			b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
				b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
					b.AddASN1ObjectIdentifier(oidRSAEncryption)
					b.AddASN1NULL()
				})
				b.AddASN1BitString(key)
			})
		})
		lenientSigner(t, p.handmade(big.NewInt(77), "lenient", spki), p.rsa, pkcs1, SHA256)
	})
	for _, name := range []string{"brainpoolP256r1", "brainpoolP384r1", "brainpoolP512r1"} {
		t.Run(name, func(t *testing.T) {
			oid := curveOIDs[name]
			curve, _ := brainpoolCurve(oid)
			key := must(ecdsa.GenerateKey(curve, rand.Reader))
			size := (curve.params.BitSize + 7) / 8
			point := append([]byte{4}, append(key.X.FillBytes(make([]byte, size)), key.Y.FillBytes(make([]byte, size))...)...)
			spki := encode(func(b *cryptobyte.Builder) {
				b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
					b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
						b.AddASN1ObjectIdentifier(oidECPublicKey)
						b.AddASN1ObjectIdentifier(oid)
					})
					b.AddASN1BitString(point)
				})
			})
			cert := p.handmade(big.NewInt(78), "lenient", spki)
			lenientSigner(t, cert, key, must(ECDSAAlgorithm(SHA256)), SHA256)
			// Plain ECDSA naming the curve, as TeleSec does.
			lenientSigner(t, cert, key, AlgorithmIdentifier{Algorithm: plainOID(3), Parameters: oidValue(oid)}, SHA256)
		})
	}
	if _, _, err := ParseCertificateLenient([]byte{0x30, 0}); err == nil {
		t.Error("ParseCertificateLenient accepted junk")
	}
	if c, lenient, err := ParseCertificateLenient(p.caCert.Raw); err != nil || lenient || !c.Equal(p.caCert) {
		t.Error("ParseCertificateLenient changed a good certificate")
	}
}

func TestBrainpoolCurves(t *testing.T) {
	for _, c := range brainpoolCurves {
		p := c.params
		if !c.IsOnCurve(p.Gx, p.Gy) {
			t.Errorf("%s: G is not on the curve", p.Name)
		}
		if x, y := c.ScalarBaseMult(p.N.Bytes()); !isInfinity(x, y) {
			t.Errorf("%s: nG is not the point at infinity", p.Name)
		}
		x1, y1 := c.Double(p.Gx, p.Gy)
		x2, y2 := c.Add(p.Gx, p.Gy, p.Gx, p.Gy)
		x3, y3 := c.ScalarBaseMult([]byte{2})
		if x1.Cmp(x2) != 0 || y1.Cmp(y2) != 0 || x1.Cmp(x3) != 0 || y1.Cmp(y3) != 0 || !c.IsOnCurve(x1, y1) {
			t.Errorf("%s: 2G differs", p.Name)
		}
		if c.IsOnCurve(p.Gx, new(big.Int).Add(p.Gy, big.NewInt(1))) {
			t.Errorf("%s: a point off the curve is on it", p.Name)
		}
	}
}
