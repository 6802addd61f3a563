package cms

import (
	"bytes"
	"crypto/sha3"
	"testing"
	"time"
)

func TestHashes(t *testing.T) {
	for h, hi := range hashes {
		if h.Size() != len(h.Sum(nil)) || h.Size() != hi.size || h.String() != hi.name {
			t.Errorf("%v: size %d, digest %d bytes", h, h.Size(), len(h.Sum(nil)))
		}
		if got, ok := hashByOID(h.OID()); !ok || got != h {
			t.Errorf("%v: OID lookup %v", h, got)
		}
		if h != SHAKE256 && h.CryptoHash().Size() != h.Size() {
			t.Errorf("%v: crypto.Hash size", h)
		}
	}
	if got, ok := hashByOID(oidSHAKE256Len); !ok || got != SHAKE256 {
		t.Error("id-shake256-len")
	}
	if Hash(0).String() != "hash(0)" || Hash(0).Size() != 0 {
		t.Error("unknown Hash")
	}
	if _, err := DigestOf(content)(Hash(99)); err == nil {
		t.Error("DigestOf with an unknown Hash")
	}
}

func TestSHAKE256(t *testing.T) {
	h := SHAKE256.New()
	h.Write(content[:5])
	first := h.Sum(nil)
	h.Write(content[5:])
	// Sum does not disturb the state.
	if !bytes.Equal(h.Sum(nil), sha3.SumSHAKE256(content, 64)) || bytes.Equal(first, h.Sum(nil)) {
		t.Error("SHAKE256 state")
	}
	h.Reset()
	if !bytes.Equal(h.Sum([]byte{1}), append([]byte{1}, sha3.SumSHAKE256(nil, 64)...)) || h.Size() != 64 || h.BlockSize() != 136 {
		t.Error("SHAKE256 reset")
	}
}

func TestDigestOf(t *testing.T) {
	d := DigestOf(content[:3], content[3:])
	a, _ := d(SHA256)
	b, _ := d(SHA256)
	if !bytes.Equal(a, SHA256.Sum(content)) || &a[0] != &b[0] {
		t.Error("DigestOf does not remember")
	}
}

func TestDigestAlgorithmParameters(t *testing.T) {
	for _, tc := range []struct {
		alg AlgorithmIdentifier
		ok  bool
	}{
		{AlgorithmIdentifier{Algorithm: SHA256.OID()}, true},
		{AlgorithmIdentifier{Algorithm: SHA256.OID(), Parameters: []byte{5, 0}}, true},
		{AlgorithmIdentifier{Algorithm: SHAKE256.OID()}, true},
		{AlgorithmIdentifier{Algorithm: SHAKE256.OID(), Parameters: []byte{5, 0}}, false},
		{AlgorithmIdentifier{Algorithm: oidSHAKE256Len, Parameters: []byte{2, 2, 2, 0}}, true},
		{AlgorithmIdentifier{Algorithm: oidSHAKE256Len, Parameters: []byte{2, 2, 1, 0}}, false},
		{AlgorithmIdentifier{Algorithm: oidSHAKE256Len}, false},
	} {
		if _, err := digestAlgorithm(tc.alg); (err == nil) != tc.ok {
			t.Errorf("%v %x: %v", tc.alg.Algorithm, tc.alg.Parameters, err)
		}
	}
}

func TestTimes(t *testing.T) {
	for _, tc := range []struct {
		in   string
		utc  bool
		want time.Time
		ok   bool
	}{
		{"260304050607Z", true, time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC), true},
		{"990304050607Z", true, time.Date(1999, 3, 4, 5, 6, 7, 0, time.UTC), true},
		{"500101000000Z", true, time.Date(1950, 1, 1, 0, 0, 0, 0, time.UTC), true},
		{"2603040506Z", true, time.Time{}, false},
		{"260304050607+0100", true, time.Time{}, false},
		{"261304050607Z", true, time.Time{}, false},
		{"20260304050607Z", false, time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC), true},
		{"20260304050607.5Z", false, time.Date(2026, 3, 4, 5, 6, 7, 500_000_000, time.UTC), true},
		{"20260304050607.123456789Z", false, time.Date(2026, 3, 4, 5, 6, 7, 123456789, time.UTC), true},
		{"20260304050607.1234567891Z", false, time.Time{}, false},
		{"20260304050607,5Z", false, time.Time{}, false},
		{"20260304050607.50Z", false, time.Time{}, false},
		{"20260304250607Z", false, time.Time{}, false},
		{"20260229000000Z", false, time.Time{}, false},
		{"20240229000000Z", false, time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC), true},
		{"2026030405060 Z", false, time.Time{}, false},
	} {
		parse := parseGeneralizedTime
		if tc.utc {
			parse = parseUTCTime
		}
		got, ok := parse([]byte(tc.in))
		if ok != tc.ok || (ok && !got.Equal(tc.want)) {
			t.Errorf("%s: %v %v", tc.in, got, ok)
		}
	}
}
