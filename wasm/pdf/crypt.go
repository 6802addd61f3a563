package pdf

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/md5"
	"crypto/rc4"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// The Standard security handler (ISO 32000-2 7.6.4), decryption only,
// with a user password. pdfcpu's implementation is not exported (it
// works on its own document context), so this is a small, separate one
// built on the standard library. Public-key handlers (Adobe.PubSec) need
// the recipient's private key and are not supported: such files still
// open, their structure and signature dictionaries are read, and
// DecryptionError says why strings and streams stay encrypted.

type cipherKind uint8

const (
	cipherNone cipherKind = iota // Identity crypt filter
	cipherRC4
	cipherAESV2 // AES-128
	cipherAESV3 // AES-256, file key used directly
)

type security struct {
	key             []byte
	strf, stmf      cipherKind
	encryptMetadata bool
}

var padding = []byte{
	0x28, 0xBF, 0x4E, 0x5E, 0x4E, 0x75, 0x8A, 0x41, 0x64, 0x00, 0x4E, 0x56, 0xFF, 0xFA, 0x01, 0x08,
	0x2E, 0x2E, 0x00, 0xB6, 0xD0, 0x68, 0x3E, 0x80, 0x2F, 0x0C, 0xA9, 0xFE, 0x64, 0x53, 0x69, 0x7A,
}

// setupSecurity reads /Encrypt from the last revision's trailer and
// derives the file key with the user password.
func (f *File) setupSecurity(password string) {
	last := len(f.revs) - 1
	ev, ok := f.revs[last].Trailer["Encrypt"]
	if !ok {
		return
	}
	f.encrypted = true
	if ref, ok := ev.(types.IndirectRef); ok {
		f.encryptNum = int(ref.ObjectNumber)
	}
	// The encryption dictionary's own strings are never encrypted; the
	// decryption is not set up yet, so resolve returns them raw.
	ed, err := f.resolveDict(last, ev)
	if err != nil || ed == nil {
		f.secErr = fmt.Errorf("%w: unreadable /Encrypt dictionary", ErrEncrypted)
		return
	}
	var id []byte
	if a, ok := f.revs[last].Trailer["ID"].(types.Array); ok && len(a) > 0 {
		id = stringBytes(a[0])
	}
	f.sec, err = newSecurity(ed, id, password)
	if err != nil {
		f.secErr = fmt.Errorf("%w: %v", ErrEncrypted, err)
	}
}

func newSecurity(d types.Dict, id []byte, password string) (*security, error) {
	if fl, _ := d["Filter"].(types.Name); fl != "Standard" {
		return nil, fmt.Errorf("security handler %q is not supported", fl)
	}
	v := intOf(d["V"], 0)
	r := intOf(d["R"], 0)
	o := stringBytes(d["O"])
	u := stringBytes(d["U"])
	p := intOf(d["P"], 0)
	s := &security{encryptMetadata: true}
	if b, ok := d["EncryptMetadata"].(types.Boolean); ok {
		s.encryptMetadata = bool(b)
	}
	length := intOf(d["Length"], 40)
	switch v {
	case 1, 2:
		s.strf, s.stmf = cipherRC4, cipherRC4
	case 4, 5:
		var err error
		if s.stmf, length, err = cryptFilter(d, "StmF", length); err != nil {
			return nil, err
		}
		if s.strf, _, err = cryptFilter(d, "StrF", length); err != nil {
			return nil, err
		}
	default:
		return nil, fmt.Errorf("encryption /V %d is not supported", v)
	}
	if v == 1 {
		length = 40
	}
	if length%8 != 0 || length < 40 || length > 256 {
		return nil, fmt.Errorf("invalid key length %d", length)
	}
	pw := []byte(password)
	switch r {
	case 2, 3, 4:
		if len(o) < 32 || len(u) < 32 {
			return nil, errors.New("invalid /O or /U")
		}
		key := computeKey(pw, o[:32], int32(p), id, r, length/8, s.encryptMetadata)
		if !checkUserKey(key, u, id, r) {
			return nil, errors.New("the user password is not the given one")
		}
		s.key = key
	case 5, 6:
		ue := stringBytes(d["UE"])
		if len(u) < 48 || len(ue) < 32 {
			return nil, errors.New("invalid /U or /UE")
		}
		if len(pw) > 127 {
			pw = pw[:127]
		}
		if !bytes.Equal(hashR6(r, pw, u[32:40], nil), u[:32]) {
			return nil, errors.New("the user password is not the given one")
		}
		ik := hashR6(r, pw, u[40:48], nil)
		block, err := aes.NewCipher(ik)
		if err != nil {
			return nil, err
		}
		key := make([]byte, 32)
		cipher.NewCBCDecrypter(block, make([]byte, 16)).CryptBlocks(key, ue[:32])
		s.key = key
	default:
		return nil, fmt.Errorf("security handler revision %d is not supported", r)
	}
	return s, nil
}

// cryptFilter reads the crypt filter named by /StmF or /StrF.
func cryptFilter(d types.Dict, entry string, length int) (cipherKind, int, error) {
	name, _ := d[entry].(types.Name)
	if name == "" || name == "Identity" {
		return cipherNone, length, nil
	}
	cf, _ := d["CF"].(types.Dict)
	fd, _ := cf[string(name)].(types.Dict)
	if fd == nil {
		return 0, 0, fmt.Errorf("crypt filter %q not defined", name)
	}
	switch m, _ := fd["CFM"].(types.Name); m {
	case "V2":
		if l := intOf(fd["Length"], 0); l > 0 {
			// /Length here is in bytes in practice, in bits in some writers.
			if l <= 32 {
				l *= 8
			}
			length = l
		}
		return cipherRC4, length, nil
	case "AESV2":
		return cipherAESV2, 128, nil
	case "AESV3":
		return cipherAESV3, 256, nil
	case "None":
		return cipherNone, length, nil
	default:
		return 0, 0, fmt.Errorf("crypt filter method %q is not supported", m)
	}
}

// computeKey is Algorithm 2 of ISO 32000-2 7.6.4.3.2.
func computeKey(pw, o []byte, p int32, id []byte, r, n int, encryptMetadata bool) []byte {
	h := md5.New()
	h.Write(padPassword(pw))
	h.Write(o)
	var pb [4]byte
	binary.LittleEndian.PutUint32(pb[:], uint32(p))
	h.Write(pb[:])
	h.Write(id)
	if r >= 4 && !encryptMetadata {
		h.Write([]byte{0xff, 0xff, 0xff, 0xff})
	}
	sum := h.Sum(nil)
	if r >= 3 {
		for i := 0; i < 50; i++ {
			s := md5.Sum(sum[:n])
			sum = s[:]
		}
	}
	return sum[:n]
}

func padPassword(pw []byte) []byte {
	out := make([]byte, 0, 32)
	out = append(out, pw[:min(len(pw), 32)]...)
	return append(out, padding[:32-len(out)]...)
}

// checkUserKey is Algorithms 4, 5 and 6: does key produce /U?
func checkUserKey(key, u, id []byte, r int) bool {
	if r == 2 {
		out := make([]byte, 32)
		c, _ := rc4.NewCipher(key)
		c.XORKeyStream(out, padding)
		return bytes.Equal(out, u[:32])
	}
	h := md5.New()
	h.Write(padding)
	h.Write(id)
	out := h.Sum(nil)
	k := make([]byte, len(key))
	for i := 0; i < 20; i++ {
		for j := range key {
			k[j] = key[j] ^ byte(i)
		}
		c, _ := rc4.NewCipher(k)
		c.XORKeyStream(out, out)
	}
	return bytes.Equal(out[:16], u[:16])
}

// hashR6 is Algorithm 2.A/2.B: SHA-256 for R5, the iterated hash for R6.
func hashR6(r int, pw, salt, udata []byte) []byte {
	h := sha256.New()
	h.Write(pw)
	h.Write(salt)
	h.Write(udata)
	k := h.Sum(nil)
	if r == 5 {
		return k
	}
	for i := 0; ; i++ {
		k1 := make([]byte, 0, 64*(len(pw)+len(k)+len(udata)))
		for j := 0; j < 64; j++ {
			k1 = append(k1, pw...)
			k1 = append(k1, k...)
			k1 = append(k1, udata...)
		}
		block, _ := aes.NewCipher(k[:16])
		e := make([]byte, len(k1))
		cipher.NewCBCEncrypter(block, k[16:32]).CryptBlocks(e, k1)
		sum := 0
		for _, c := range e[:16] {
			sum += int(c)
		}
		var hh hash.Hash
		switch sum % 3 {
		case 0:
			hh = sha256.New()
		case 1:
			hh = sha512.New384()
		default:
			hh = sha512.New()
		}
		hh.Write(e)
		k = hh.Sum(nil)
		// At least 64 rounds, then until the last byte of E is at most
		// the number of rounds done minus 32.
		if i+1 >= 64 && int(e[len(e)-1]) <= i+1-32 {
			break
		}
	}
	return k[:32]
}

// objectKey is Algorithm 1: the key for one object.
func (s *security) objectKey(c cipherKind, num, gen int) []byte {
	if c == cipherAESV3 {
		return s.key
	}
	h := md5.New()
	h.Write(s.key)
	h.Write([]byte{byte(num), byte(num >> 8), byte(num >> 16), byte(gen), byte(gen >> 8)})
	if c == cipherAESV2 {
		h.Write([]byte("sAlT"))
	}
	return h.Sum(nil)[:min(len(s.key)+5, 16)]
}

func (s *security) decrypt(c cipherKind, num, gen int, b []byte) ([]byte, error) {
	switch c {
	case cipherNone:
		return b, nil
	case cipherRC4:
		out := make([]byte, len(b))
		rc, err := rc4.NewCipher(s.objectKey(c, num, gen))
		if err != nil {
			return nil, err
		}
		rc.XORKeyStream(out, b)
		return out, nil
	}
	if len(b) == 0 {
		return b, nil
	}
	if len(b) < 32 || len(b)%16 != 0 {
		return nil, errors.New("AES data is not a whole number of blocks after the IV")
	}
	block, err := aes.NewCipher(s.objectKey(c, num, gen))
	if err != nil {
		return nil, err
	}
	out := make([]byte, len(b)-16)
	cipher.NewCBCDecrypter(block, b[:16]).CryptBlocks(out, b[16:])
	pad := int(out[len(out)-1])
	if pad < 1 || pad > 16 || pad > len(out) {
		return nil, errors.New("invalid AES padding")
	}
	return out[:len(out)-pad], nil
}

// decryptObject decrypts the strings in an uncompressed object's value.
// It leaves alone the /Encrypt dictionary, and the /Contents of
// signature dictionaries, which ISO 32000 7.6.2 keeps unencrypted. A
// string that fails to decrypt is left as it is.
func (f *File) decryptObject(v types.Object, num, gen int) types.Object {
	if f.sec == nil || num == f.encryptNum || f.sec.strf == cipherNone {
		return v
	}
	return f.decryptValue(v, num, gen, 0)
}

func (f *File) decryptValue(v types.Object, num, gen, depth int) types.Object {
	if depth > MaxNestingDepth {
		return v
	}
	switch v := v.(type) {
	case types.StringLiteral:
		b, err := f.sec.decrypt(f.sec.strf, num, gen, unescapeString([]byte(v)))
		if err != nil {
			return v
		}
		s, _ := types.Escape(string(b))
		return types.StringLiteral(*s)
	case types.HexLiteral:
		b, err := f.sec.decrypt(f.sec.strf, num, gen, decodeHex(string(v)))
		if err != nil {
			return v
		}
		return types.NewHexLiteral(b)
	case types.Array:
		out := make(types.Array, len(v))
		for i, e := range v {
			out[i] = f.decryptValue(e, num, gen, depth+1)
		}
		return out
	case types.Dict:
		if t, _ := v["Type"].(types.Name); t == "XRef" {
			return v
		}
		sig := isSignatureDict(v)
		out := make(types.Dict, len(v))
		for k, e := range v {
			if sig && k == "Contents" {
				out[k] = e
				continue
			}
			out[k] = f.decryptValue(e, num, gen, depth+1)
		}
		return out
	}
	return v
}

// isSignatureDict recognises a signature or document-timestamp
// dictionary, whose /Contents is not encrypted.
func isSignatureDict(d types.Dict) bool {
	t, _ := d["Type"].(types.Name)
	if t == "Sig" || t == "DocTimeStamp" {
		return true
	}
	_, br := d["ByteRange"]
	return br
}

// decryptStream decrypts a stream's raw data, unless the stream is not
// encrypted (xref streams, metadata with /EncryptMetadata false, an
// explicit Identity crypt filter).
func (f *File) decryptStream(raw []byte, num, gen int, d types.Dict) ([]byte, error) {
	if !f.encrypted || num == f.encryptNum {
		return raw, nil
	}
	if t, _ := d["Type"].(types.Name); t == "XRef" {
		return raw, nil
	}
	if f.sec == nil {
		return nil, f.secErr
	}
	if t, _ := d["Type"].(types.Name); t == "Metadata" && !f.sec.encryptMetadata {
		return raw, nil
	}
	if hasIdentityCrypt(d) {
		return raw, nil
	}
	return f.sec.decrypt(f.sec.stmf, num, gen, raw)
}

// hasIdentityCrypt reports a first filter /Crypt with the Identity filter.
func hasIdentityCrypt(d types.Dict) bool {
	switch fl := d["Filter"].(type) {
	case types.Name:
		return fl == "Crypt"
	case types.Array:
		if len(fl) > 0 {
			n, _ := fl[0].(types.Name)
			return n == "Crypt"
		}
	}
	return false
}

func intOf(o types.Object, def int) int {
	if n, ok := o.(types.Integer); ok {
		return int(n)
	}
	return def
}

// stringBytes returns the bytes of a literal or hex string, or nil.
func stringBytes(o types.Object) []byte {
	switch s := o.(type) {
	case types.StringLiteral:
		return unescapeString([]byte(s))
	case types.HexLiteral:
		return decodeHex(string(s))
	}
	return nil
}
