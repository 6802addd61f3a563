package verify

import (
	"crypto/sha256"
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/verso-pdf/verso/wasm/cms"
	"github.com/verso-pdf/verso/wasm/pdf"
)

// bigSignedPDF is a signed document of about size bytes: the test page
// and an incompressible stream, then a second signature after a form fill.
func bigSignedPDF(b *testing.B, size int) []byte {
	b.Helper()
	t := &testing.T{}
	noise := make([]byte, size)
	rand.NewChaCha8([32]byte{1}).Read(noise)
	for i := range noise {
		if noise[i] == 'e' { // keep "endstream" out of the noise
			noise[i] = 'f'
		}
	}
	base := appendUpdate(t, unsignedPDF(), map[int]string{6: "<< /Length " + strconv.Itoa(len(noise)) + " >>\nstream\n" + string(noise) + "\nendstream"})
	s := ecdsaSigner(t)
	return signedPDF(t, signedPDF(t, base, "Signature1", s.cmsSign()), "Signature2", s.cmsSign())
}

func BenchmarkVerify10MB(b *testing.B) {
	data := bigSignedPDF(b, 10<<20)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if r := Verify(data, Options{}); r.Verdict != VerdictValid {
			b.Fatal(r.Verdict, firstReason(r))
		}
	}
}

// BenchmarkOpen is the revision scan and xref parse.
func BenchmarkOpen10MB(b *testing.B) {
	data := bigSignedPDF(b, 10<<20)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := pdf.Open(data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDigest10MB(b *testing.B) {
	data := make([]byte, 10<<20)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := cms.DigestOf(data[:len(data)/2], data[len(data)/2:])(cms.SHA256); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCMSVerify is the signature check alone, the content digest given.
func BenchmarkCMSVerify(b *testing.B) {
	signed := []byte("the signed bytes")
	der := rsaPKCS1Signer(&testing.T{}).cmsSign()(&testing.T{}, signed)
	digest := sha256.Sum256(signed)
	for b.Loop() {
		sd, err := cms.Parse(der)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := sd.Verify(cms.VerifyOptions{Content: cms.ContentDetached, Digest: func(cms.Hash) ([]byte, error) { return digest[:], nil }}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDiff is the object-level comparison of a revision with the one
// before.
func BenchmarkDiff(b *testing.B) {
	data := bigSignedPDF(b, 1<<20)
	f, err := pdf.Open(data)
	if err != nil {
		b.Fatal(err)
	}
	last := len(f.Revisions()) - 1
	for b.Loop() {
		diffRevision(f, last)
	}
}
