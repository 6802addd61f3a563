package sim

import (
	"bytes"
	"encoding/pem"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/verso-pdf/verso/wasm/cms"
	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

func postBinary(h http.Handler, path, contentType string, body []byte) *httptest.ResponseRecorder {
	req := httptest.NewRequest("POST", path, bytes.NewReader(body))
	req.Header.Set("Content-Type", contentType)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// timestampQuery builds a TimeStampReq for SHA-256 of data.
func timestampQuery(data []byte, nonce int64, certReq bool, policy []int) []byte {
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddASN1Int64(1)
		b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
			addAlgorithm(b, cms.SHA256.OID(), true)
			b.AddASN1OctetString(cms.SHA256.Sum(data))
		})
		if policy != nil {
			b.AddASN1ObjectIdentifier(policy)
		}
		b.AddASN1Int64(nonce)
		if certReq {
			b.AddASN1Boolean(true)
		}
	})
	return b.BytesOrPanic()
}

// tokenOf returns the token of a granted TimeStampResp, or the status.
func tokenOf(t *testing.T, resp []byte) ([]byte, int64) {
	t.Helper()
	s := cryptobyte.String(resp)
	var seq, status cryptobyte.String
	var code int64
	if !s.ReadASN1(&seq, cbasn1.SEQUENCE) || !seq.ReadASN1(&status, cbasn1.SEQUENCE) || !status.ReadASN1Integer(&code) {
		t.Fatalf("not a TimeStampResp: %x", resp)
	}
	return seq, code
}

func TestTimestamp(t *testing.T) {
	s, h := newTestSim(t, Options{})
	data := []byte("signature value")
	rec := postBinary(h, "/tsa", "application/timestamp-query", timestampQuery(data, 42, true, nil))
	if rec.Code != 200 || rec.Header().Get("Content-Type") != "application/timestamp-reply" {
		t.Fatalf("TSA: %d %s", rec.Code, rec.Header().Get("Content-Type"))
	}
	token, status := tokenOf(t, rec.Body.Bytes())
	if status != 0 {
		t.Fatalf("status %d", status)
	}
	ts, err := cms.ParseTimestampToken(token)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ts.Verify(); err != nil {
		t.Fatalf("the token does not verify: %v", err)
	}
	if err := ts.CheckImprint(data); err != nil {
		t.Fatal(err)
	}
	if ts.Info.Nonce == nil || ts.Info.Nonce.Int64() != 42 || !ts.Info.Policy.Equal(tsaPolicy) || ts.Info.Accuracy.Seconds != 1 {
		t.Errorf("TSTInfo %+v", ts.Info)
	}
	if _, err := s.PKI().TSA().Verify(verifyOptions(s)); err != nil {
		t.Errorf("the TSA certificate does not chain: %v", err)
	}

	for name, tc := range map[string]struct {
		query []byte
		fail  int
	}{
		"garbage":      {[]byte("not DER"), failBadDataFormat},
		"other policy": {timestampQuery(data, 1, false, []int{1, 2, 3}), failUnacceptedPolicy},
	} {
		_, status := tokenOf(t, postBinary(h, "/tsa", "application/timestamp-query", tc.query).Body.Bytes())
		if status != 2 {
			t.Errorf("%s: status %d, want rejection", name, status)
		}
	}
	if rec := postBinary(h, "/tsa", "application/json", timestampQuery(data, 1, false, nil)); rec.Code != http.StatusUnsupportedMediaType {
		t.Errorf("wrong content type: %d", rec.Code)
	}
}

func TestTimestampOpenSSL(t *testing.T) {
	openssl, err := exec.LookPath("openssl")
	if err != nil {
		t.Skip("openssl not installed")
	}
	s, h := newTestSim(t, Options{})
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	if err := os.WriteFile(data, []byte("signature value"), 0o600); err != nil {
		t.Fatal(err)
	}
	query, err := exec.Command(openssl, "ts", "-query", "-data", data, "-sha256", "-cert").Output()
	if err != nil {
		t.Fatal(err)
	}
	rec := postBinary(h, "/tsa", "application/timestamp-query", query)
	reply := filepath.Join(dir, "reply.tsr")
	write := func(p string, b []byte) {
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write(reply, rec.Body.Bytes())
	write(filepath.Join(dir, "root.pem"), pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: s.PKI().Root().Raw}))
	write(filepath.Join(dir, "ca.pem"), pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: s.PKI().TSACA().Raw}))
	out, err := exec.Command(openssl, "ts", "-verify", "-data", data, "-in", reply,
		"-CAfile", filepath.Join(dir, "root.pem"), "-untrusted", filepath.Join(dir, "ca.pem")).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "Verification: OK") {
		t.Fatalf("openssl ts -verify: %v\n%s", err, out)
	}
}
