package smartid

import (
	"crypto/sha256"
	"crypto/tls"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"time"
)

// PinnedTransport returns a transport for the RP API that, on top of the
// normal TLS chain and host name checks, requires that some certificate of
// the verified chain has one of the SPKI SHA-256 pins (Base64, as SK
// publishes them). Give the current and the next key: SK rotates its TLS
// certificates yearly.
func PinnedTransport(pins []string) (*http.Transport, error) {
	if len(pins) == 0 {
		return nil, errors.New("no TLS pins")
	}
	want := make([][]byte, 0, len(pins))
	for _, p := range pins {
		b, err := base64.StdEncoding.DecodeString(p)
		if err != nil || len(b) != sha256.Size {
			return nil, fmt.Errorf("TLS pin %q is not Base64 of a SHA-256 hash", p)
		}
		want = append(want, b)
	}
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.TLSClientConfig = &tls.Config{
		MinVersion: tls.VersionTLS12,
		VerifyConnection: func(cs tls.ConnectionState) error {
			for _, chain := range cs.VerifiedChains {
				for _, c := range chain {
					sum := sha256.Sum256(c.RawSubjectPublicKeyInfo)
					if slices.ContainsFunc(want, func(p []byte) bool { return string(p) == string(sum[:]) }) {
						return nil
					}
				}
			}
			return errors.New("smartid: the RP API's TLS key is not pinned")
		},
	}
	t.ResponseHeaderTimeout = 2*time.Minute + pollMargin
	return t, nil
}
