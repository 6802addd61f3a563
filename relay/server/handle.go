package server

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// Handles carry a session's state to the browser and back, sealed with
// AES-256-GCM, so that any replica or a fresh Worker instance can serve
// the next request. The browser learns nothing from a handle (the
// Smart-ID session id and secret must never reach it) and cannot change
// one.
//
// The additional data binds a handle to this deployment (Smart-ID base
// URL and relying party), to its kind (a certificate choice is not a
// signature) and to the Origin that obtained it: a handle replayed
// elsewhere does not open.

// Kinds of handle.
const (
	kindChoice    = "choice"    // a running certificate choice
	kindChosen    = "chosen"    // a certificate was chosen; input to POST /signature
	kindSignature = "signature" // a running signature
)

// Lifetimes of handles: a little longer than what Smart-ID allows for
// each step, so that Smart-ID, not the relay, names the outcome.
var handleLifetime = map[string]time.Duration{
	kindChoice:    3 * time.Minute,
	kindChosen:    2 * time.Minute,
	kindSignature: 3 * time.Minute,
}

// HandleKeySize is the size of a handle key (AES-256).
const HandleKeySize = 32

// maxHandle bounds the text of a handle; a chosen handle holds a
// certificate of about 2 KB.
const maxHandle = 6 << 10

// state is what a handle holds. Field names are short: the handle of a
// running session travels in URLs.
type state struct {
	Kind    string `json:"k"`
	Expires int64  `json:"e"` // Unix seconds
	// The Smart-ID session.
	SessionID string `json:"i,omitempty"`
	Token     string `json:"t,omitempty"`
	Secret    []byte `json:"s,omitempty"`
	LinkBase  string `json:"b,omitempty"`
	Callback  string `json:"c,omitempty"`
	Received  int64  `json:"r,omitempty"` // Unix milliseconds
	Flow      string `json:"f,omitempty"` // device-link or notification
	// Identity is the semantics identifier a notification was sent to.
	Identity string `json:"p,omitempty"`
	// After the choice.
	Document string `json:"d,omitempty"`
	Cert     []byte `json:"x,omitempty"` // chosen handles: the certificate
	CertHash []byte `json:"h,omitempty"` // signature handles: its SHA-256
	Linked   string `json:"l,omitempty"` // the choice's session, for a linked signature
	// The signature's digest and hash (crypto.Hash).
	Digest []byte `json:"g,omitempty"`
	Hash   uint   `json:"a,omitempty"`
	// Verified: the certificate (chosen handles) or the one CertHash
	// names (signature handles) passed every check of a certificate
	// choice, so the signature's poll does not verify its chain again.
	// Sealed, so only the relay sets it; bound to the exact certificate
	// hash and to a handle that expires within minutes, so a replayed
	// handle vouches for nothing else and for no longer. Revocation is
	// checked again regardless.
	Verified bool `json:"v,omitempty"`
}

// Flows of a certificate choice.
const (
	flowDeviceLink   = "device-link"
	flowNotification = "notification"
)

// sealer seals and opens handles.
type sealer struct {
	aeads    []cipher.AEAD // the first seals; all open (key rotation)
	audience string
}

func newSealer(keys [][]byte, audience string) (*sealer, error) {
	if len(keys) == 0 {
		return nil, errors.New("no handle key")
	}
	s := &sealer{audience: audience}
	for i, k := range keys {
		if len(k) != HandleKeySize {
			return nil, fmt.Errorf("handle key %d has %d bytes, want %d", i+1, len(k), HandleKeySize)
		}
		b, err := aes.NewCipher(k)
		if err != nil {
			return nil, err
		}
		a, err := cipher.NewGCM(b)
		if err != nil {
			return nil, err
		}
		s.aeads = append(s.aeads, a)
	}
	return s, nil
}

func (s *sealer) ad(kind, origin string) []byte {
	return []byte("verso-handle/1\x00" + s.audience + "\x00" + kind + "\x00" + origin)
}

// seal returns the handle of st, valid until now plus its kind's lifetime.
func (s *sealer) seal(st state, origin string, now time.Time) (string, error) {
	st.Expires = now.Add(handleLifetime[st.Kind]).Unix()
	plain, err := json.Marshal(st)
	if err != nil {
		return "", err
	}
	a := s.aeads[0]
	nonce := make([]byte, a.NonceSize(), a.NonceSize()+len(plain)+a.Overhead())
	if _, err := rand.Read(nonce); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(a.Seal(nonce, nonce, plain, s.ad(st.Kind, origin))), nil
}

// Why a handle is refused; the API says no more than "invalid or expired"
// so that probing learns nothing.
var (
	errHandleInvalid = errors.New("the session handle is invalid")
	errHandleExpired = errors.New("the session handle has expired")
)

// open returns the state of a handle of one of kinds.
func (s *sealer) open(handle, origin string, now time.Time, kinds ...string) (state, error) {
	if len(handle) > maxHandle {
		return state{}, errHandleInvalid
	}
	raw, err := base64.RawURLEncoding.DecodeString(handle)
	if err != nil {
		return state{}, errHandleInvalid
	}
	for _, kind := range kinds {
		for _, a := range s.aeads {
			if len(raw) < a.NonceSize()+a.Overhead() {
				return state{}, errHandleInvalid
			}
			plain, err := a.Open(nil, raw[:a.NonceSize()], raw[a.NonceSize():], s.ad(kind, origin))
			if err != nil {
				continue
			}
			var st state
			if json.Unmarshal(plain, &st) != nil || st.Kind != kind {
				return state{}, errHandleInvalid
			}
			if now.Unix() > st.Expires {
				return state{}, errHandleExpired
			}
			return st, nil
		}
	}
	return state{}, errHandleInvalid
}
