package cms

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"math/big"
	"sync"
	"testing"
	"time"

	"github.com/cloudflare/circl/sign/ed448"
	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// The test PKI: one ECDSA CA, leaves for every key type, made once.

var signingTime = time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)

type testPKI struct {
	caKey  *ecdsa.PrivateKey
	caCert *x509.Certificate
	rsa    *rsa.PrivateKey
	p256   *ecdsa.PrivateKey
	p384   *ecdsa.PrivateKey
	p521   *ecdsa.PrivateKey
	ed     ed25519.PrivateKey
	ed448  ed448.PrivateKey
	certs  map[string]*x509.Certificate // by key name
}

var (
	pkiOnce sync.Once
	pki     *testPKI
)

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func getPKI(t testing.TB) *testPKI {
	t.Helper()
	pkiOnce.Do(func() {
		p := &testPKI{certs: map[string]*x509.Certificate{}}
		p.caKey = must(ecdsa.GenerateKey(elliptic.P256(), rand.Reader))
		caTmpl := &x509.Certificate{
			SerialNumber:          big.NewInt(1),
			Subject:               pkix.Name{CommonName: "verso test CA", Country: []string{"EE"}},
			NotBefore:             signingTime.AddDate(-1, 0, 0),
			NotAfter:              signingTime.AddDate(5, 0, 0),
			IsCA:                  true,
			BasicConstraintsValid: true,
			KeyUsage:              x509.KeyUsageCertSign,
		}
		p.caCert = must(x509.ParseCertificate(must(x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &p.caKey.PublicKey, p.caKey))))
		p.rsa = must(rsa.GenerateKey(rand.Reader, 2048))
		p.p256 = must(ecdsa.GenerateKey(elliptic.P256(), rand.Reader))
		p.p384 = must(ecdsa.GenerateKey(elliptic.P384(), rand.Reader))
		p.p521 = must(ecdsa.GenerateKey(elliptic.P521(), rand.Reader))
		_, p.ed = must2(ed25519.GenerateKey(rand.Reader))
		_, p.ed448 = must2(ed448.GenerateKey(rand.Reader))
		serial := int64(100)
		for name, pub := range map[string]any{
			"rsa": &p.rsa.PublicKey, "p256": &p.p256.PublicKey, "p384": &p.p384.PublicKey,
			"p521": &p.p521.PublicKey, "ed25519": p.ed.Public(),
		} {
			serial++
			p.certs[name] = p.leaf(name, serial, pub, nil)
		}
		p.certs["tsa"] = p.leaf("tsa", 200, &p.p256.PublicKey, []x509.ExtKeyUsage{x509.ExtKeyUsageTimeStamping})
		p.certs["ed448"] = must(x509.ParseCertificate(p.handmade(big.NewInt(300), "ed448 signer", ed448SPKI(p.ed448.Public().(ed448.PublicKey)))))
		pki = p
	})
	return pki
}

func must2[A, B any](a A, b B, err error) (A, B) {
	if err != nil {
		panic(err)
	}
	return a, b
}

func (p *testPKI) leaf(name string, serial int64, pub any, eku []x509.ExtKeyUsage) *x509.Certificate {
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(serial),
		Subject:      pkix.Name{CommonName: name + " signer", Country: []string{"EE"}},
		NotBefore:    signingTime.AddDate(-1, 0, 0),
		NotAfter:     signingTime.AddDate(2, 0, 0),
		KeyUsage:     x509.KeyUsageDigitalSignature | x509.KeyUsageContentCommitment,
		ExtKeyUsage:  eku,
		SubjectKeyId: []byte(name + "-ski"),
	}
	return must(x509.ParseCertificate(must(x509.CreateCertificate(rand.Reader, tmpl, p.caCert, pub, p.caKey))))
}

// handmade builds a certificate that crypto/x509 cannot create: Ed448 and
// Brainpool keys, negative serial numbers.
func (p *testPKI) handmade(serial *big.Int, cn string, spki []byte) []byte {
	subject := must(asn1.Marshal(pkix.Name{CommonName: cn}.ToRDNSequence()))
	sigAlg := func(b *cryptobyte.Builder) {
		b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
			b.AddASN1ObjectIdentifier(asn1.ObjectIdentifier{1, 2, 840, 10045, 4, 3, 2})
		})
	}
	tbs := encode(func(b *cryptobyte.Builder) {
		b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
			b.AddASN1(cbasn1.Tag(0).Constructed().ContextSpecific(), func(b *cryptobyte.Builder) { b.AddASN1Int64(2) })
			b.AddASN1BigInt(serial)
			sigAlg(b)
			b.AddBytes(p.caCert.RawSubject)
			b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
				b.AddASN1UTCTime(signingTime.AddDate(-1, 0, 0))
				b.AddASN1UTCTime(signingTime.AddDate(2, 0, 0))
			})
			b.AddBytes(subject)
			b.AddBytes(spki)
		})
	})
	sig := must(ecdsa.SignASN1(rand.Reader, p.caKey, SHA256.Sum(tbs)))
	return encode(func(b *cryptobyte.Builder) {
		b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
			b.AddBytes(tbs)
			sigAlg(b)
			b.AddASN1BitString(sig)
		})
	})
}

func ed448SPKI(pub ed448.PublicKey) []byte {
	return encode(func(b *cryptobyte.Builder) {
		b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
			b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { b.AddASN1ObjectIdentifier(oidEd448) })
			b.AddASN1BitString(pub)
		})
	})
}

// sign makes a signature value with key under alg: EdDSA over msg, the
// others over digest (computed with h).
func sign(t testing.TB, key any, alg AlgorithmIdentifier, h Hash, msg, digest []byte) []byte {
	t.Helper()
	info, ok := signatureOIDs[alg.Algorithm.String()]
	if !ok {
		// Deliberately wrong identifiers in negative tests: sign as RSA or
		// ECDSA by key type.
		switch key.(type) {
		case *rsa.PrivateKey:
			info.scheme = schemeRSAPKCS1
		case *ecdsa.PrivateKey:
			info.scheme = schemeECDSA
		}
	}
	var sig []byte
	var err error
	switch info.scheme {
	case schemeRSAPKCS1:
		sig, err = rsa.SignPKCS1v15(rand.Reader, key.(*rsa.PrivateKey), 0, digestInfo(h, digest, true))
	case schemeRSAPSS:
		salt := 32
		if p, verr := parsePSSParams(alg.Parameters); verr == nil {
			salt = p.salt
		}
		sig, err = rsa.SignPSS(rand.Reader, key.(*rsa.PrivateKey), h.CryptoHash(), digest, &rsa.PSSOptions{SaltLength: salt})
	case schemeECDSA, schemeECDSAPlain:
		k := key.(*ecdsa.PrivateKey)
		sig, err = ecdsa.SignASN1(rand.Reader, k, digest)
		if err == nil && info.scheme == schemeECDSAPlain {
			sig = derToPlain(t, k, sig)
		}
	case schemeEd25519:
		sig = ed25519.Sign(key.(ed25519.PrivateKey), msg)
	case schemeEd448:
		sig = ed448.Sign(key.(ed448.PrivateKey), msg, "")
	default:
		t.Fatalf("cannot sign with %v", alg.Algorithm)
	}
	if err != nil {
		t.Fatal(err)
	}
	return sig
}

func derToPlain(t testing.TB, k *ecdsa.PrivateKey, sig []byte) []byte {
	s := cryptobyte.String(sig)
	var seq cryptobyte.String
	r, ss := new(big.Int), new(big.Int)
	if !s.ReadASN1(&seq, cbasn1.SEQUENCE) || !seq.ReadASN1Integer(r) || !seq.ReadASN1Integer(ss) {
		t.Fatal("bad ECDSA signature")
	}
	n := (k.Curve.Params().N.BitLen() + 7) / 8
	out := make([]byte, 2*n)
	r.FillBytes(out[:n])
	ss.FillBytes(out[n:])
	return out
}

// fixture is one signer configuration.
type fixture struct {
	cert      *x509.Certificate
	key       any
	alg       AlgorithmIdentifier
	hash      Hash
	digestAlg AlgorithmIdentifier
}

func newFixture(t testing.TB, keyName string, alg AlgorithmIdentifier, h Hash) fixture {
	t.Helper()
	p := getPKI(t)
	keys := map[string]any{"rsa": p.rsa, "p256": p.p256, "p384": p.p384, "p521": p.p521, "ed25519": p.ed, "ed448": p.ed448, "tsa": p.p256}
	return fixture{cert: p.certs[keyName], key: keys[keyName], alg: alg, hash: h, digestAlg: AlgorithmIdentifier{Algorithm: h.OID()}}
}

// attrs returns DER signed attributes over content.
func (f fixture) attrs(t testing.TB, content []byte) []byte {
	t.Helper()
	return must(BuildSignedAttributes(SignedAttributes{
		MessageDigest:      f.hash.Sum(content),
		SigningCertificate: f.cert,
		SigningTime:        signingTime,
	}))
}

// signer returns a SignerInfo spec signing signedAttrs, or, when nil, the
// content directly.
func (f fixture) signer(t testing.TB, signedAttrs, content []byte) signerSpec {
	t.Helper()
	si := signerSpec{
		version:     1,
		sid:         SignerIdentifier{IssuerRaw: f.cert.RawIssuer, SerialNumber: f.cert.SerialNumber},
		digestAlg:   f.digestAlg,
		signedAttrs: signedAttrs,
		sigAlg:      f.alg,
	}
	if signedAttrs != nil {
		si.signature = sign(t, f.key, f.alg, f.hash, signedAttrs, f.hash.Sum(signedAttrs))
	} else {
		si.signature = sign(t, f.key, f.alg, f.hash, content, f.hash.Sum(content))
	}
	return si
}

// spec returns a detached SignedData over content with signed attributes.
func (f fixture) spec(t testing.TB, content []byte) signedDataSpec {
	t.Helper()
	return signedDataSpec{
		version:      1,
		digestAlgs:   []AlgorithmIdentifier{f.digestAlg},
		eContentType: OIDData,
		certs:        [][]byte{f.cert.Raw, getPKI(t).caCert.Raw},
		signers:      []signerSpec{f.signer(t, f.attrs(t, content), content)},
	}
}

func marshal(t testing.TB, s signedDataSpec) []byte {
	t.Helper()
	der, err := s.marshal()
	if err != nil {
		t.Fatal(err)
	}
	return der
}

func mustParse(t testing.TB, der []byte) *SignedData {
	t.Helper()
	sd, err := Parse(der)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return sd
}

// verifyDetached parses der and verifies it over content.
func verifyDetached(t testing.TB, der, content []byte) (*Result, error) {
	t.Helper()
	return mustParse(t, der).Verify(VerifyOptions{Digest: DigestOf(content)})
}

func wantReason(t testing.TB, err error, r Reason) {
	t.Helper()
	if err == nil {
		t.Fatalf("verification passed, want %v", r)
	}
	if got := ReasonOf(err); got != r {
		t.Fatalf("reason %v (%v), want %v", got, err, r)
	}
}

func bigInt(i int) *big.Int { return big.NewInt(int64(i)) }
