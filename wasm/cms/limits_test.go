package cms

import (
	"bytes"
	"crypto/rsa"
	"crypto/x509"
	"errors"
	"math/big"
	"testing"
)

var big1 = big.NewInt(1)

// Every limit in limits.go: at the limit the input is fine, beyond it the
// error wraps ErrLimit.

func wantLimit(t *testing.T, err error) {
	t.Helper()
	if !errors.Is(err, ErrLimit) {
		t.Fatalf("error %v, want ErrLimit", err)
	}
}

func TestMaxInputSize(t *testing.T) {
	der := marshal(t, rsaFixture(t).spec(t, content))
	padded := append(bytes.Clone(der), make([]byte, MaxInputSize-len(der))...)
	if _, err := Parse(padded); err != nil {
		t.Fatal(err)
	}
	_, err := Parse(append(padded, 0))
	wantLimit(t, err)
	_, err = ParseTimestampToken(append(padded, 0))
	wantLimit(t, err)
	_, err = VerifyX509RSASHA1(make([]byte, MaxInputSize+1), getPKI(t).certs["rsa"], DigestOf(content))
	wantLimit(t, err)
}

func TestMaxCertificates(t *testing.T) {
	f := rsaFixture(t)
	s := f.spec(t, content)
	for len(s.certs) < MaxCertificates {
		s.certs = append(s.certs, getPKI(t).caCert.Raw)
	}
	if _, err := verifyDetached(t, marshal(t, s), content); err != nil {
		t.Fatal(err)
	}
	s.certs = append(s.certs, getPKI(t).caCert.Raw)
	_, err := Parse(marshal(t, s))
	wantLimit(t, err)
}

func TestMaxCRLs(t *testing.T) {
	s := rsaFixture(t).spec(t, content)
	for range MaxCRLs {
		s.crls = append(s.crls, []byte{0x30, 0x00})
	}
	if sd := mustParse(t, marshal(t, s)); len(sd.CRLs) != MaxCRLs {
		t.Fatalf("%d CRLs", len(sd.CRLs))
	}
	s.crls = append(s.crls, []byte{0x30, 0x00})
	_, err := Parse(marshal(t, s))
	wantLimit(t, err)
}

func TestMaxSignerInfos(t *testing.T) {
	s := rsaFixture(t).spec(t, content)
	for len(s.signers) < MaxSignerInfos {
		s.signers = append(s.signers, s.signers[0])
	}
	_, err := mustParse(t, marshal(t, s)).Verify(VerifyOptions{Digest: DigestOf(content)})
	wantReason(t, err, ReasonSignerCount)
	s.signers = append(s.signers, s.signers[0])
	_, err = Parse(marshal(t, s))
	wantLimit(t, err)
}

func TestMaxDigestAlgorithms(t *testing.T) {
	s := rsaFixture(t).spec(t, content)
	for len(s.digestAlgs) < MaxDigestAlgorithms {
		s.digestAlgs = append(s.digestAlgs, s.digestAlgs[0])
	}
	mustParse(t, marshal(t, s))
	s.digestAlgs = append(s.digestAlgs, s.digestAlgs[0])
	_, err := Parse(marshal(t, s))
	wantLimit(t, err)
}

func TestMaxAttributes(t *testing.T) {
	s := rsaFixture(t).spec(t, content)
	attrs := make([]Attribute, MaxAttributes)
	for i := range attrs {
		attrs[i] = Attribute{Type: []int{1, 2, 3, i}, Values: [][]byte{{5, 0}}}
	}
	s.signers[0].unsigned = attrs
	if sd := mustParse(t, marshal(t, s)); len(sd.SignerInfos[0].UnsignedAttrs) != MaxAttributes {
		t.Fatal("attributes lost")
	}
	s.signers[0].unsigned = append(attrs, Attribute{Type: []int{1, 2, 4}, Values: [][]byte{{5, 0}}})
	_, err := Parse(marshal(t, s))
	wantLimit(t, err)
}

func TestMaxAttributeValues(t *testing.T) {
	s := rsaFixture(t).spec(t, content)
	a := Attribute{Type: []int{1, 2, 3}}
	for i := range MaxAttributeValues {
		a.Values = append(a.Values, []byte{2, 1, byte(i)})
	}
	s.signers[0].unsigned = []Attribute{a}
	mustParse(t, marshal(t, s))
	a.Values = append(a.Values, []byte{2, 1, 0x7f})
	s.signers[0].unsigned = []Attribute{a}
	_, err := Parse(marshal(t, s))
	wantLimit(t, err)
}

// nested wraps body in n indefinite-length SEQUENCEs.
func nested(n int, body []byte) []byte {
	var out []byte
	for range n {
		out = append(out, 0x30, 0x80)
	}
	out = append(out, body...)
	for range n {
		out = append(out, 0, 0)
	}
	return out
}

func TestMaxNestingDepth(t *testing.T) {
	// An unsigned attribute value nested as deep as allowed: the
	// ContentInfo, [0], SignedData, signerInfos, SignerInfo, [1],
	// Attribute and its SET are eight levels above it, all indefinite.
	build := func(depth int) []byte {
		s := rsaFixture(t).spec(t, content)
		s.signers[0].unsigned = []Attribute{{Type: []int{1, 2, 3}, Values: [][]byte{{5, 0}}}}
		b := berify(t, marshal(t, s), 0, 8, -1)
		return bytes.Replace(b, []byte{0x31, 0x80, 0x05, 0x00}, append([]byte{0x31, 0x80}, nested(depth, []byte{0x05, 0x00})...), 1)
	}
	ok := build(MaxNestingDepth - 8)
	if _, err := Parse(ok); err != nil {
		t.Fatalf("at the limit: %v", err)
	}
	_, err := Parse(build(MaxNestingDepth - 7))
	wantLimit(t, err)

	// Constructed OCTET STRINGs nest too.
	deepOctets := []byte{0x04, 0x01, 0x41}
	for range MaxNestingDepth + 1 {
		deepOctets = append(append([]byte{0x24, 0x80}, deepOctets...), 0, 0)
	}
	_, err = VerifyX509RSASHA1(deepOctets, getPKI(t).certs["rsa"], DigestOf(content))
	if !errors.Is(err, ErrMalformed) && !errors.Is(err, ErrLimit) {
		t.Fatalf("deep OCTET STRING: %v", err)
	}
}

func TestMaxSignatureTimestamps(t *testing.T) {
	f := rsaFixture(t)
	s := f.spec(t, content)
	var values [][]byte
	for i := range MaxSignatureTimestamps + 1 {
		// Distinct tokens (a SET OF may hold duplicates, but why test that).
		values = append(values, token(t, tstInfo{data: s.signers[0].signature, nonce: bigInt(i + 1)}.der(t)))
	}
	s.signers[0].unsigned = []Attribute{{Type: OIDAttrTimestampToken, Values: values}}
	res, err := verifyDetached(t, marshal(t, s), content)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Timestamps) != MaxSignatureTimestamps+1 {
		t.Fatalf("%d entries", len(res.Timestamps))
	}
	for _, st := range res.Timestamps[:MaxSignatureTimestamps] {
		if st.Err != nil {
			t.Fatal(st.Err)
		}
	}
	wantLimit(t, res.Timestamps[MaxSignatureTimestamps].Err)
}

func TestMaxTSTInfoExtensions(t *testing.T) {
	if _, err := ParseTimestampToken(token(t, tstInfo{data: []byte("x"), extensions: MaxTSTInfoExtensions}.der(t))); err != nil {
		t.Fatal(err)
	}
	_, err := ParseTimestampToken(token(t, tstInfo{data: []byte("x"), extensions: MaxTSTInfoExtensions + 1}.der(t)))
	wantLimit(t, err)
}

func TestMaxRSAKeyBits(t *testing.T) {
	huge := &rsa.PublicKey{N: new(big.Int).Lsh(big.NewInt(1), MaxRSAKeyBits), E: 65537}
	huge.N.Add(huge.N, big1) // odd, MaxRSAKeyBits+1 bits
	alg := signatureAlgorithm{scheme: schemeRSAPKCS1, hash: SHA256}
	var err error = alg.verify(huge, nil, SHA256.Sum(nil), make([]byte, MaxRSAKeyBits/8+1))
	wantReason(t, err, ReasonUnsupported)
	wantLimit(t, err)
	cert := &x509.Certificate{PublicKey: huge}
	_, err = VerifyX509RSASHA1(octets(make([]byte, MaxRSAKeyBits/8+1)), cert, DigestOf(content))
	wantLimit(t, err)
	// At the limit crypto/rsa gets to decide (and says no: not a signature).
	atLimit := &rsa.PublicKey{N: new(big.Int).Rsh(huge.N, 1), E: 65537}
	atLimit.N.SetBit(atLimit.N, 0, 1)
	err = alg.verify(atLimit, nil, SHA256.Sum(nil), make([]byte, MaxRSAKeyBits/8))
	wantReason(t, err, ReasonSignature)
}
