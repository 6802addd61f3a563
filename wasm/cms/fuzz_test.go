package cms

import (
	"testing"
)

// Seeds: valid structures of every kind the package reads, DER and BER.
func fuzzSeeds(t *testing.F) [][]byte {
	var seeds [][]byte
	for _, fx := range []fixture{
		rsaFixture(t),
		newFixture(t, "rsa", must(PSSAlgorithm(SHA256, 32)), SHA256),
		newFixture(t, "p256", must(ECDSAAlgorithm(SHA256)), SHA256),
		newFixture(t, "ed448", Ed448Algorithm(), SHAKE256),
	} {
		s := fx.spec(t, content)
		sig := s.signers[0].signature
		tok := token(t, tstInfo{data: sig, accuracy: &Accuracy{Seconds: 1}, nonce: bigInt(5)}.der(t))
		s.signers[0].unsigned = []Attribute{{Type: OIDAttrTimestampToken, Values: [][]byte{tok}}}
		der := marshal(t, s)
		seeds = append(seeds, der, berify(t, der, 0, 5, -1), tok)
	}
	return seeds
}

func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		sd, trailing, err := ParseTrailing(b)
		if err != nil {
			return
		}
		if sd2, err := Parse(b); (err == nil) != (trailing == nil) || (err == nil && len(sd2.SignerInfos) != len(sd.SignerInfos)) {
			t.Fatalf("Parse and ParseTrailing disagree: %v", err)
		}
		for _, si := range sd.SignerInfos {
			if si.SignedAttrsRaw != nil && si.SignedAttrsRaw[0] != tagContext0 {
				t.Fatalf("SignedAttrsRaw starts with %#x", si.SignedAttrsRaw[0])
			}
			canonicalAttributes(si.SignedAttrs)
		}
	})
}

func FuzzVerify(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, b []byte, lenient bool) {
		sd, err := Parse(b)
		if err != nil {
			return
		}
		for _, mode := range []ContentMode{ContentDetached, ContentPKCS7SHA1, ContentEncapsulated} {
			res, err := sd.Verify(VerifyOptions{Content: mode, Digest: DigestOf(content), AllowNonDERSignedAttributes: lenient})
			if res == nil {
				t.Fatal("nil Result")
			}
			if err != nil && ReasonOf(err) == 0 {
				t.Fatalf("untyped error %v", err)
			}
		}
	})
}

func FuzzParseTimestampToken(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		tok, err := ParseTimestampToken(b)
		if err != nil {
			return
		}
		if len(tok.Info.HashedMessage) != tok.Info.HashAlgorithm.Size() {
			t.Fatal("imprint length")
		}
		tok.Verify()
		tok.CheckImprint(content)
		tok.CheckImprintWith(DigestOf(content))
	})
}

func FuzzTSTInfo(f *testing.F) {
	f.Add(tstInfo{data: content}.der(f))
	f.Add(tstInfo{data: content, accuracy: &Accuracy{Seconds: 1, Millis: 2, Micros: 3}, ordering: true, nonce: bigInt(7), extensions: 2}.der(f))
	f.Fuzz(func(t *testing.T, b []byte) {
		parseTSTInfo(b)
	})
}

func FuzzVerifyX509RSASHA1(f *testing.F) {
	f.Add(x509RSASignature(f, SHA1, content, true))
	f.Add(x509RSASignature(f, SHA256, content, false))
	cert := getPKI(f).certs["rsa"]
	f.Fuzz(func(t *testing.T, b []byte) {
		VerifyX509RSASHA1(b, cert, DigestOf(content))
	})
}

func FuzzLenientCertificate(f *testing.F) {
	p := getPKI(f)
	f.Add(p.caCert.Raw)
	f.Add(p.certs["ed448"].Raw)
	f.Add(p.certs["rsa"].Raw)
	f.Fuzz(func(t *testing.T, b []byte) {
		if c, ok := parseLenient(b); ok && (c.PublicKey == nil || c.SerialNumber == nil) {
			t.Fatal("lenient certificate without key or serial")
		}
	})
}
