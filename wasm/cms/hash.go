package cms

import (
	"crypto"
	"crypto/sha3"
	"encoding/asn1"
	"fmt"
	"hash"

	// Register the digests that crypto.Hash.New needs.
	_ "crypto/sha1"
	_ "crypto/sha256"
	_ "crypto/sha512"

	_ "golang.org/x/crypto/ripemd160" //nolint:staticcheck // RIPEMD-160 still appears in old PDF signatures.
)

// Hash is a digest algorithm that a CMS SignerInfo or a timestamp may name.
// It is crypto.Hash plus SHAKE256 with 512-bit output (RFC 8419), which
// crypto.Hash lacks.
type Hash uint8

// The digest algorithms this package knows.
const (
	SHA1 Hash = iota + 1
	SHA224
	SHA256
	SHA384
	SHA512
	SHA512_224
	SHA512_256
	SHA3_224
	SHA3_256
	SHA3_384
	SHA3_512
	SHAKE256 // 512-bit output, as RFC 8419 uses with Ed448
	RIPEMD160
)

type hashInfo struct {
	name   string
	crypto crypto.Hash // 0 for SHAKE256
	oid    asn1.ObjectIdentifier
	size   int
}

var hashes = map[Hash]hashInfo{
	SHA1:       {"SHA-1", crypto.SHA1, asn1.ObjectIdentifier{1, 3, 14, 3, 2, 26}, 20},
	SHA224:     {"SHA-224", crypto.SHA224, nistHash(4), 28},
	SHA256:     {"SHA-256", crypto.SHA256, nistHash(1), 32},
	SHA384:     {"SHA-384", crypto.SHA384, nistHash(2), 48},
	SHA512:     {"SHA-512", crypto.SHA512, nistHash(3), 64},
	SHA512_224: {"SHA-512/224", crypto.SHA512_224, nistHash(5), 28},
	SHA512_256: {"SHA-512/256", crypto.SHA512_256, nistHash(6), 32},
	SHA3_224:   {"SHA3-224", crypto.SHA3_224, nistHash(7), 28},
	SHA3_256:   {"SHA3-256", crypto.SHA3_256, nistHash(8), 32},
	SHA3_384:   {"SHA3-384", crypto.SHA3_384, nistHash(9), 48},
	SHA3_512:   {"SHA3-512", crypto.SHA3_512, nistHash(10), 64},
	SHAKE256:   {"SHAKE256", 0, nistHash(12), 64},
	RIPEMD160:  {"RIPEMD-160", crypto.RIPEMD160, asn1.ObjectIdentifier{1, 3, 36, 3, 2, 1}, 20},
}

// oidSHAKE256Len is id-shake256-len (RFC 8702), whose parameter is the
// output length in bits.
var oidSHAKE256Len = nistHash(18)

func nistHash(n int) asn1.ObjectIdentifier {
	return asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, n}
}

// String returns the algorithm's usual name, e.g. "SHA-256".
func (h Hash) String() string {
	if hi, ok := hashes[h]; ok {
		return hi.name
	}
	return fmt.Sprintf("hash(%d)", int(h))
}

// Size returns the digest length in bytes, or 0 for an unknown Hash.
func (h Hash) Size() int { return hashes[h].size }

// CryptoHash returns the crypto.Hash, or 0 for SHAKE256 and unknown values.
func (h Hash) CryptoHash() crypto.Hash { return hashes[h].crypto }

// OID returns the algorithm's object identifier, nil for an unknown Hash.
func (h Hash) OID() asn1.ObjectIdentifier { return hashes[h].oid }

// New returns a new hash.Hash computing h. It panics for an unknown Hash,
// like crypto.Hash.New does.
func (h Hash) New() hash.Hash {
	if h == SHAKE256 {
		return &shake256{s: sha3.NewSHAKE256()}
	}
	hi, ok := hashes[h]
	if !ok {
		panic("cms: New of unknown Hash " + h.String())
	}
	return hi.crypto.New()
}

// Sum returns the digest of data.
func (h Hash) Sum(data []byte) []byte {
	d := h.New()
	d.Write(data)
	return d.Sum(nil)
}

func (h Hash) known() bool {
	_, ok := hashes[h]
	return ok
}

// hashByOID finds a digest algorithm by OID, without looking at parameters.
func hashByOID(oid asn1.ObjectIdentifier) (Hash, bool) {
	if oid.Equal(oidSHAKE256Len) {
		return SHAKE256, true
	}
	for h, hi := range hashes {
		if oid.Equal(hi.oid) {
			return h, true
		}
	}
	return 0, false
}

// shake256 adapts SHAKE256 to hash.Hash with a 512-bit output.
type shake256 struct{ s *sha3.SHAKE }

func (h *shake256) Write(p []byte) (int, error) { return h.s.Write(p) }
func (h *shake256) Reset()                      { h.s.Reset() }
func (h *shake256) Size() int                   { return 64 }
func (h *shake256) BlockSize() int              { return h.s.BlockSize() }

func (h *shake256) Sum(b []byte) []byte {
	// Read from a copy so that Sum leaves the state unchanged.
	state, err := h.s.MarshalBinary()
	if err != nil {
		panic("cms: SHAKE256 state: " + err.Error())
	}
	c := sha3.NewSHAKE256()
	if err := c.UnmarshalBinary(state); err != nil {
		panic("cms: SHAKE256 state: " + err.Error())
	}
	out := make([]byte, 64)
	c.Read(out)
	return append(b, out...)
}

// DigestFunc returns the digest, under h, of the content a signature
// covers: for a PDF, the bytes its ByteRange names. Verify calls it once per
// algorithm it needs.
type DigestFunc func(h Hash) ([]byte, error)

// DigestOf returns a DigestFunc over the concatenation of parts, computing
// each algorithm's digest at most once. It is not safe for concurrent use.
func DigestOf(parts ...[]byte) DigestFunc {
	memo := map[Hash][]byte{}
	return func(h Hash) ([]byte, error) {
		if d, ok := memo[h]; ok {
			return d, nil
		}
		if !h.known() {
			return nil, fmt.Errorf("cms: unknown digest algorithm %v", h)
		}
		hh := h.New()
		for _, p := range parts {
			hh.Write(p)
		}
		d := hh.Sum(nil)
		memo[h] = d
		return d, nil
	}
}
