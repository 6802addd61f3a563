package cms

import (
	"bytes"
	"crypto/x509/pkix"
	"encoding/asn1"
	"errors"
	"math/big"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// tstInfo describes a TSTInfo to build.
type tstInfo struct {
	hash       Hash
	imprint    []byte // the digest; computed from data when nil
	data       []byte
	genTime    string // GeneralizedTime text
	accuracy   *Accuracy
	ordering   bool
	nonce      *big.Int
	tsa        *pkix.Name
	extensions int
}

var tsaPolicy = asn1.ObjectIdentifier{1, 2, 3, 4, 5}

func (o tstInfo) der(t testing.TB) []byte {
	t.Helper()
	if o.hash == 0 {
		o.hash = SHA256
	}
	if o.imprint == nil {
		o.imprint = o.hash.Sum(o.data)
	}
	if o.genTime == "" {
		o.genTime = "20260304050607.25Z"
	}
	return encode(func(b *cryptobyte.Builder) {
		b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
			b.AddASN1Int64(1)
			b.AddASN1ObjectIdentifier(tsaPolicy)
			b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
				b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { b.AddASN1ObjectIdentifier(o.hash.OID()) })
				b.AddASN1OctetString(o.imprint)
			})
			b.AddASN1BigInt(big.NewInt(0x1234567890))
			b.AddASN1(cbasn1.GeneralizedTime, func(b *cryptobyte.Builder) { b.AddBytes([]byte(o.genTime)) })
			if a := o.accuracy; a != nil {
				b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
					if a.Seconds != 0 {
						b.AddASN1Int64(int64(a.Seconds))
					}
					if a.Millis != 0 {
						b.AddASN1Int64WithTag(int64(a.Millis), cbasn1.Tag(0).ContextSpecific())
					}
					if a.Micros != 0 {
						b.AddASN1Int64WithTag(int64(a.Micros), cbasn1.Tag(1).ContextSpecific())
					}
				})
			}
			if o.ordering {
				b.AddASN1Boolean(true)
			}
			if o.nonce != nil {
				b.AddASN1BigInt(o.nonce)
			}
			if o.tsa != nil {
				b.AddASN1(cbasn1.Tag(0).Constructed().ContextSpecific(), func(b *cryptobyte.Builder) {
					b.AddASN1(cbasn1.Tag(4).Constructed().ContextSpecific(), func(b *cryptobyte.Builder) {
						b.AddBytes(must(asn1.Marshal(o.tsa.ToRDNSequence())))
					})
				})
			}
			if o.extensions > 0 {
				b.AddASN1(cbasn1.Tag(1).Constructed().ContextSpecific(), func(b *cryptobyte.Builder) {
					for i := range o.extensions {
						b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
							b.AddASN1ObjectIdentifier(asn1.ObjectIdentifier{1, 2, 3, i})
							b.AddASN1OctetString([]byte{5, 0})
						})
					}
				})
			}
		})
	})
}

// token signs a TSTInfo as the test TSA.
func token(t testing.TB, info []byte) []byte {
	t.Helper()
	return marshal(t, tokenSpec(t, info))
}

func tokenSpec(t testing.TB, info []byte) signedDataSpec {
	t.Helper()
	f := newFixture(t, "tsa", must(ECDSAAlgorithm(SHA256)), SHA256)
	attrs := must(BuildSignedAttributes(SignedAttributes{
		ContentType:        OIDTSTInfo,
		MessageDigest:      SHA256.Sum(info),
		SigningCertificate: f.cert,
	}))
	return signedDataSpec{
		version:      3,
		digestAlgs:   []AlgorithmIdentifier{f.digestAlg},
		eContentType: OIDTSTInfo,
		eContent:     info,
		hasEContent:  true,
		certs:        [][]byte{f.cert.Raw},
		signers:      []signerSpec{f.signer(t, attrs, nil)},
	}
}

func TestTimestampToken(t *testing.T) {
	data := []byte("signature value")
	nonce := big.NewInt(987654321)
	info := tstInfo{
		data:       data,
		accuracy:   &Accuracy{Seconds: 1, Millis: 500, Micros: 2},
		ordering:   true,
		nonce:      nonce,
		tsa:        &pkix.Name{CommonName: "verso TSA", Country: []string{"EE"}},
		extensions: 2,
	}
	tok, err := ParseTimestampToken(append(token(t, info.der(t)), 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	ti := tok.Info
	wantTime := time.Date(2026, 3, 4, 5, 6, 7, 250_000_000, time.UTC)
	if ti.Version != 1 || !ti.Policy.Equal(tsaPolicy) || ti.HashAlgorithm != SHA256 ||
		ti.SerialNumber.Int64() != 0x1234567890 || !ti.GenTime.Equal(wantTime) ||
		ti.Accuracy.Duration() != time.Second+500*time.Millisecond+2*time.Microsecond ||
		!ti.Ordering || ti.Nonce.Cmp(nonce) != 0 || ti.TSA != "CN=verso TSA,C=EE" || len(ti.Extensions) != 2 {
		t.Errorf("TSTInfo %+v", ti)
	}
	res, err := tok.Verify()
	if err != nil {
		t.Fatal(err)
	}
	if res.Signer.Subject.CommonName != "tsa signer" || len(res.Warnings) != 0 || !res.SigningCertificateV2 {
		t.Errorf("result %+v", res)
	}
	if err := tok.CheckImprint(data); err != nil {
		t.Error(err)
	}
	wantReason(t, tok.CheckImprint([]byte("other")), ReasonImprint)
	// A document timestamp: the imprint over the ByteRange.
	if err := tok.CheckImprintWith(DigestOf(data[:5], data[5:])); err != nil {
		t.Error(err)
	}
	wantReason(t, tok.CheckImprintWith(DigestOf(content)), ReasonImprint)
	wantReason(t, tok.CheckImprintWith(nil), ReasonContentUnavailable)
}

func TestTimestampTampered(t *testing.T) {
	info := tstInfo{data: []byte("x")}.der(t)
	s := tokenSpec(t, info)
	// Change genTime after signing: the messageDigest no longer matches.
	tampered := bytes.Replace(info, []byte("20260304050607.25Z"), []byte("20250304050607.25Z"), 1)
	s.eContent = tampered
	tok, err := ParseTimestampToken(marshal(t, s))
	if err != nil {
		t.Fatal(err)
	}
	if tok.Info.GenTime.Year() != 2025 {
		t.Fatal("not tampered")
	}
	_, err = tok.Verify()
	wantReason(t, err, ReasonMessageDigest)

	// A tampered signature.
	s = tokenSpec(t, info)
	s.signers[0].signature[10] ^= 1
	tok, _ = ParseTimestampToken(marshal(t, s))
	_, err = tok.Verify()
	wantReason(t, err, ReasonSignature)
}

func TestTimestampSigningCertificateRequired(t *testing.T) {
	info := tstInfo{data: []byte("x")}.der(t)
	s := tokenSpec(t, info)
	f := newFixture(t, "tsa", must(ECDSAAlgorithm(SHA256)), SHA256)
	attrs := must(BuildSignedAttributes(SignedAttributes{ContentType: OIDTSTInfo, MessageDigest: SHA256.Sum(info)}))
	s.signers[0] = f.signer(t, attrs, nil)
	tok, _ := ParseTimestampToken(marshal(t, s))
	_, err := tok.Verify()
	wantReason(t, err, ReasonSigningCertificate)
}

func TestTimestampWithoutCertificates(t *testing.T) {
	s := tokenSpec(t, tstInfo{data: []byte("x")}.der(t))
	s.certs = nil
	tok, _ := ParseTimestampToken(marshal(t, s))
	_, err := tok.Verify()
	wantReason(t, err, ReasonNoCertificates)
	// The TSA certificate from elsewhere (the DSS).
	if _, err := tok.Verify(getPKI(t).certs["tsa"]); err != nil {
		t.Fatal(err)
	}
}

func TestTimestampNotTSA(t *testing.T) {
	// A token signed by a certificate without the timeStamping EKU still
	// verifies, with a warning; trust decides.
	info := tstInfo{data: []byte("x")}.der(t)
	f := newFixture(t, "p256", must(ECDSAAlgorithm(SHA256)), SHA256)
	attrs := must(BuildSignedAttributes(SignedAttributes{ContentType: OIDTSTInfo, MessageDigest: SHA256.Sum(info), SigningCertificate: f.cert}))
	s := tokenSpec(t, info)
	s.certs = [][]byte{f.cert.Raw}
	s.signers[0] = f.signer(t, attrs, nil)
	tok, _ := ParseTimestampToken(marshal(t, s))
	res, err := tok.Verify()
	if err != nil || len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "timeStamping") {
		t.Fatalf("%v %q", err, res.Warnings)
	}
}

func TestParseTimestampTokenErrors(t *testing.T) {
	good := tstInfo{data: []byte("x")}
	for _, tc := range []struct {
		name string
		info []byte
	}{
		{"fraction with trailing zero", tstInfo{data: []byte("x"), genTime: "20260304050607.250Z"}.der(t)},
		{"empty fraction", tstInfo{data: []byte("x"), genTime: "20260304050607.Z"}.der(t)},
		{"no Z", tstInfo{data: []byte("x"), genTime: "20260304050607"}.der(t)},
		{"local time", tstInfo{data: []byte("x"), genTime: "20260304050607+0200"}.der(t)},
		{"February 30th", tstInfo{data: []byte("x"), genTime: "20260230050607Z"}.der(t)},
		{"imprint length", tstInfo{imprint: []byte{1, 2, 3}}.der(t)},
		{"millis 1000", tstInfo{data: []byte("x"), accuracy: &Accuracy{Millis: 1000}}.der(t)},
		{"trailing data", append(good.der(t), 0)},
		{"not a TSTInfo", []byte{0x30, 0x00}},
	} {
		if _, err := ParseTimestampToken(token(t, tc.info)); !errors.Is(err, ErrMalformed) {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
	// Not a timestamp token at all.
	if _, err := ParseTimestampToken(marshal(t, rsaFixture(t).spec(t, content))); !errors.Is(err, ErrMalformed) {
		t.Errorf("signature as token: %v", err)
	}
	s := tokenSpec(t, good.der(t))
	s.hasEContent = false
	if _, err := ParseTimestampToken(marshal(t, s)); !errors.Is(err, ErrMalformed) {
		t.Errorf("no TSTInfo: %v", err)
	}
}

// signatureTimestampAttr embeds a token over sig.
func signatureTimestampAttr(t *testing.T, tokens ...[]byte) Attribute {
	return Attribute{Type: OIDAttrTimestampToken, Values: tokens}
}

func TestSignatureTimestamp(t *testing.T) {
	f := rsaFixture(t)
	s := f.spec(t, content)
	sig := s.signers[0].signature
	good := token(t, tstInfo{data: sig}.der(t))
	wrongImprint := token(t, tstInfo{data: []byte("something else")}.der(t))
	s.signers[0].unsigned = []Attribute{signatureTimestampAttr(t, good, wrongImprint, []byte{0x30, 0x00})}
	res, err := verifyDetached(t, marshal(t, s), content)
	if err != nil {
		t.Fatal(err) // bad timestamps do not fail the signature
	}
	if len(res.Timestamps) != 3 {
		t.Fatalf("%d timestamps", len(res.Timestamps))
	}
	// DER SET OF order decides the order of values; find each by outcome.
	var ok, imprint, broken int
	for _, st := range res.Timestamps {
		switch {
		case st.Err == nil && st.Token != nil && st.Result != nil:
			ok++
		case ReasonOf(st.Err) == ReasonImprint && st.Token != nil:
			imprint++
		case st.Token == nil && errors.Is(st.Err, ErrMalformed):
			broken++
		}
	}
	if ok != 1 || imprint != 1 || broken != 1 {
		t.Errorf("timestamps: %d good, %d wrong imprint, %d unreadable", ok, imprint, broken)
	}

	// The token may leave its certificate to the signature's set.
	ts := tokenSpec(t, tstInfo{data: sig}.der(t))
	ts.certs = nil
	s.certs = append(s.certs, getPKI(t).certs["tsa"].Raw)
	s.signers[0].unsigned = []Attribute{signatureTimestampAttr(t, marshal(t, ts))}
	res, err = verifyDetached(t, marshal(t, s), content)
	if err != nil || len(res.Timestamps) != 1 || res.Timestamps[0].Err != nil {
		t.Fatalf("%v %+v", err, res.Timestamps)
	}

	// A bad signature with a good timestamp: both visible.
	s.signers[0].unsigned = []Attribute{signatureTimestampAttr(t, good)}
	res, err = verifyDetached(t, marshal(t, s), []byte("changed"))
	wantReason(t, err, ReasonMessageDigest)
	if len(res.Timestamps) != 1 || res.Timestamps[0].Err != nil {
		t.Errorf("timestamps %+v", res.Timestamps)
	}
}

func TestTimestampGeneralNames(t *testing.T) {
	for _, tc := range []struct {
		raw  []byte
		want string
	}{
		{[]byte{0x81, 3, 'a', '@', 'b'}, "email:a@b"},
		{[]byte{0x82, 3, 't', '.', 'e'}, "DNS:t.e"},
		{[]byte{0x86, 3, 'h', ':', '/'}, "URI:h:/"},
		{[]byte{0x88, 1, 1}, "GeneralName [8]"},
	} {
		if got, ok := generalNameString(tc.raw); !ok || got != tc.want {
			t.Errorf("%x: %q %v", tc.raw, got, ok)
		}
	}
	if _, ok := generalNameString([]byte{0xa4, 2, 0x31, 0}); ok {
		t.Error("bad directoryName accepted")
	}
}

func TestTimeStampingEKU(t *testing.T) {
	p := getPKI(t)
	if !timeStamping(p.certs["tsa"]) || timeStamping(p.certs["rsa"]) {
		t.Fatal("crypto/x509 certificates")
	}
	lenient, ok := parseLenient(p.certs["tsa"].Raw)
	if !ok || lenient.ExtKeyUsage != nil || !timeStamping(lenient) {
		t.Fatal("leniently read certificate")
	}
}
