package cms

import (
	"bytes"
	"crypto/x509"
	"strings"
	"testing"
	"time"
)

func TestBuildSignedAttributes(t *testing.T) {
	cert := getPKI(t).certs["rsa"]
	md := SHA256.Sum(content)
	der := must(BuildSignedAttributes(SignedAttributes{MessageDigest: md, SigningCertificate: cert, SigningTime: signingTime.Add(123 * time.Millisecond)}))
	if der[0] != tagSet {
		t.Fatalf("tag %#x", der[0])
	}
	r := newReader(der)
	var set reader
	if !r.Read(&set, tagSet) || !r.Empty() {
		t.Fatal("not a SET")
	}
	attrs, err := parseAttributes(set)
	if err != nil || len(attrs) != 4 {
		t.Fatalf("%v, %d attributes", err, len(attrs))
	}
	if c, ok := canonicalAttributes(attrs); !ok || !bytes.Equal(c, der) {
		t.Error("not DER")
	}
	res := &Result{}
	if err := readSigningTime(attrs, res); err != nil || !res.SigningTime.Equal(signingTime) {
		t.Errorf("signing time %v %v", res.SigningTime, err)
	}
	if err := checkSigningCertificate(attrs, cert, res); err != nil || !res.SigningCertificateV2 {
		t.Errorf("ESS %v", err)
	}

	// RFC 5652 11.3: GeneralizedTime from 2050.
	late := must(BuildSignedAttributes(SignedAttributes{MessageDigest: md, SigningTime: time.Date(2051, 1, 2, 3, 4, 5, 0, time.UTC)}))
	if !bytes.Contains(late, []byte("20510102030405Z")) {
		t.Error("no GeneralizedTime for 2051")
	}
	if _, err := BuildSignedAttributes(SignedAttributes{}); err == nil {
		t.Error("no message digest accepted")
	}
}

func TestAssembleSignedData(t *testing.T) {
	p := getPKI(t)
	for _, f := range []fixture{
		newFixture(t, "rsa", must(PSSAlgorithm(SHA256, 32)), SHA256),
		newFixture(t, "rsa", must(PKCS1v15Algorithm(SHA384)), SHA384),
		newFixture(t, "p384", must(ECDSAAlgorithm(SHA384)), SHA384),
		newFixture(t, "ed25519", Ed25519Algorithm(), SHA512),
		newFixture(t, "ed448", Ed448Algorithm(), SHAKE256),
	} {
		attrs := f.attrs(t, content)
		sig := sign(t, f.key, f.alg, f.hash, attrs, f.hash.Sum(attrs))
		tok := token(t, tstInfo{data: sig}.der(t))
		der, err := AssembleSignedData(f.cert, []*x509.Certificate{p.caCert}, attrs, f.alg, sig,
			[]Attribute{{Type: OIDAttrTimestampToken, Values: [][]byte{tok}}})
		if err != nil {
			t.Fatal(err)
		}
		res, err := verifyDetached(t, der, content)
		if err != nil {
			t.Fatalf("%v: %v", f.alg.Algorithm, err)
		}
		if len(res.Timestamps) != 1 || res.Timestamps[0].Err != nil {
			t.Errorf("timestamp %+v", res.Timestamps)
		}
		sd := mustParse(t, der)
		if sd.HasEContent || sd.Version != 1 || len(sd.Certificates) != 2 || sd.BER {
			t.Errorf("SignedData %+v", sd)
		}
	}
	f := rsaFixture(t)
	attrs := f.attrs(t, content)
	unsortedSet, _ := unsorted(t, f)
	rsaEncryption := AlgorithmIdentifier{Algorithm: oidRSAEncryption}
	for _, tc := range []struct {
		name  string
		attrs []byte
		alg   AlgorithmIdentifier
		want  string
	}{
		{"unsorted attributes", unsortedSet, f.alg, "not DER"},
		{"[0] instead of SET", append([]byte{tagContext0}, attrs[1:]...), f.alg, "not a SET"},
		{"rsaEncryption", attrs, rsaEncryption, "does not name a digest"},
		{"unknown algorithm", attrs, AlgorithmIdentifier{Algorithm: []int{1, 2, 3}}, "unknown"},
	} {
		_, err := AssembleSignedData(f.cert, nil, tc.attrs, tc.alg, []byte{1}, nil)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
	if _, err := AssembleSignedData(nil, nil, attrs, f.alg, []byte{1}, nil); err == nil {
		t.Error("no certificate accepted")
	}
}

func TestAlgorithmConstructors(t *testing.T) {
	if _, err := PKCS1v15Algorithm(SHAKE256); err == nil {
		t.Error("PKCS#1 with SHAKE256")
	}
	if _, err := ECDSAAlgorithm(RIPEMD160); err == nil {
		t.Error("ECDSA with RIPEMD-160")
	}
	if _, err := PSSAlgorithm(SHAKE256, 32); err == nil {
		t.Error("PSS with SHAKE256")
	}
	if _, err := PSSAlgorithm(SHA256, -1); err == nil {
		t.Error("negative salt")
	}
	for _, h := range []Hash{SHA1, SHA256, SHA384, SHA512, SHA3_256} {
		a := must(PSSAlgorithm(h, 20))
		p, err := parsePSSParams(a.Parameters)
		if err != nil || p.hash != h || p.mgfHash != h || p.salt != 20 {
			t.Errorf("%v: %+v %v", h, p, err)
		}
	}
}
