package smartid

import (
	"bytes"
	"context"
	"crypto"
	"crypto/x509"
	"encoding/pem"
	"io"
	"math/big"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/crypto/ocsp"

	"github.com/verso-pdf/verso/relay/sim"
)

const ocspDoc = "PNOEE-40404040009-MOCK-Q"

// ocspFixture is a simulator serving OCSP for its PKI, with the signing
// certificate of ocspDoc and the keys of the PKI's CAs.
type ocspFixture struct {
	sim          *sim.Simulator
	pki          *sim.PKI
	url          string
	cert, issuer *x509.Certificate
	keys         map[string]crypto.Signer // by PKI file name
	requests     atomic.Int32
	// handler, when set, answers instead of the simulator.
	handler atomic.Pointer[http.HandlerFunc]
}

func newOCSPFixture(t *testing.T) *ocspFixture {
	t.Helper()
	f := &ocspFixture{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/ocsp" {
			f.requests.Add(1)
			if h := f.handler.Load(); h != nil {
				(*h)(w, r)
				return
			}
		}
		f.sim.Handler().ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	f.url = srv.URL
	p, err := sim.GeneratePKI(time.Now(), srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	f.pki = p
	if f.sim, err = sim.New(sim.Options{BaseURL: srv.URL, PKI: p, UserKeyBits: 2048}); err != nil {
		t.Fatal(err)
	}
	der, err := f.sim.Certificate(ocspDoc)
	if err != nil {
		t.Fatal(err)
	}
	if f.cert, err = x509.ParseCertificate(der); err != nil {
		t.Fatal(err)
	}
	f.issuer = p.QualifiedIssuer()
	dir := t.TempDir()
	if err := p.Save(dir); err != nil {
		t.Fatal(err)
	}
	f.keys = map[string]crypto.Signer{}
	for _, name := range []string{"qualified.pem", "nonqualified.pem", "tsa.pem"} {
		data, _ := os.ReadFile(filepath.Join(dir, name))
		for b, rest := pem.Decode(data); b != nil; b, rest = pem.Decode(rest) {
			if b.Type == "PRIVATE KEY" {
				k, err := x509.ParsePKCS8PrivateKey(b.Bytes)
				if err != nil {
					t.Fatal(err)
				}
				f.keys[name] = k.(crypto.Signer)
			}
		}
	}
	return f
}

func (f *ocspFixture) client(t *testing.T, o OCSPConfig) *Client {
	t.Helper()
	if o.URL == "" {
		o.URL = f.url + "/ocsp"
	}
	if o.Timeout == 0 {
		o.Timeout = 2 * time.Second
	}
	c, err := New(Config{BaseURL: f.url + "/v3", RelyingPartyUUID: "00000000-0000-4000-8000-000000000000",
		RelyingPartyName: "DEMO", Trust: NewTrust(f.pki.Root(), f.issuer, f.pki.NonQualifiedIssuer()), OCSP: o})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func (f *ocspFixture) answer(h http.HandlerFunc) { f.handler.Store(&h) }

// respond answers with a response built by x/crypto/ocsp (no nonce),
// signed with the key of the PKI file name and its certificate.
func (f *ocspFixture) respond(t *testing.T, tmpl ocsp.Response, signerFile string, signer *x509.Certificate) {
	tmpl.IssuerHash = crypto.SHA256
	if tmpl.SerialNumber == nil {
		tmpl.SerialNumber = f.cert.SerialNumber
	}
	if signer != f.issuer {
		tmpl.Certificate = signer
	}
	der, err := ocsp.CreateResponse(f.issuer, signer, tmpl, f.keys[signerFile])
	if err != nil {
		t.Fatal(err)
	}
	f.answer(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/ocsp-response")
		w.Write(der)
	})
}

func TestOCSP(t *testing.T) {
	f := newOCSPFixture(t)
	ctx := context.Background()
	check := func(t *testing.T, c *Client, want Kind) {
		t.Helper()
		_, err := c.checkRevocation(ctx, "test", f.cert, f.issuer)
		if KindOf(err) != want || (want == 0 && err != nil) {
			t.Fatalf("got %v (kind %d), want kind %d", err, KindOf(err), want)
		}
	}
	strict := f.client(t, OCSPConfig{RequireNonce: true})
	lenient := f.client(t, OCSPConfig{})

	t.Run("good, delegated responder, nonce echoed", func(t *testing.T) { check(t, strict, 0) })
	t.Run("responder from the AIA", func(t *testing.T) {
		c := f.client(t, OCSPConfig{RequireNonce: true})
		c.cfg.OCSP.URL = ""
		check(t, c, 0)
	})

	now := time.Now().Truncate(time.Second)
	cases := []struct {
		name   string
		c      *Client
		tmpl   ocsp.Response
		signer string
		cert   *x509.Certificate
		want   Kind
	}{
		{"good by the CA itself, fresh, no nonce allowed", lenient, ocsp.Response{Status: ocsp.Good, ThisUpdate: now}, "qualified.pem", nil, 0},
		{"nonce required but absent", strict, ocsp.Response{Status: ocsp.Good, ThisUpdate: now}, "qualified.pem", nil, KindVerification},
		{"unknown", lenient, ocsp.Response{Status: ocsp.Unknown, ThisUpdate: now}, "qualified.pem", nil, KindVerification},
		{"revoked", lenient, ocsp.Response{Status: ocsp.Revoked, ThisUpdate: now, RevokedAt: now.Add(-time.Hour)}, "qualified.pem", nil, KindRevoked},
		{"stale without nextUpdate", lenient, ocsp.Response{Status: ocsp.Good, ThisUpdate: now.Add(-time.Hour)}, "qualified.pem", nil, KindVerification},
		{"good until nextUpdate", lenient, ocsp.Response{Status: ocsp.Good, ThisUpdate: now.Add(-time.Hour), NextUpdate: now.Add(time.Hour)}, "qualified.pem", nil, 0},
		{"nextUpdate passed", lenient, ocsp.Response{Status: ocsp.Good, ThisUpdate: now.Add(-3 * time.Hour), NextUpdate: now.Add(-2 * time.Hour)}, "qualified.pem", nil, KindVerification},
		{"from the future", lenient, ocsp.Response{Status: ocsp.Good, ThisUpdate: now.Add(time.Hour)}, "qualified.pem", nil, KindVerification},
		{"another serial", lenient, ocsp.Response{Status: ocsp.Good, ThisUpdate: now, SerialNumber: big.NewInt(42)}, "qualified.pem", nil, KindVerification},
		{"signed by another CA", lenient, ocsp.Response{Status: ocsp.Good, ThisUpdate: now}, "nonqualified.pem", f.pki.NonQualifiedIssuer(), KindVerification},
		{"responder not delegated by the CA", lenient, ocsp.Response{Status: ocsp.Good, ThisUpdate: now}, "tsa.pem", f.pki.TSA(), KindVerification},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			signer := tc.cert
			if signer == nil {
				signer = f.issuer
			}
			f.respond(t, tc.tmpl, tc.signer, signer)
			defer f.handler.Store(nil)
			check(t, tc.c, tc.want)
		})
	}

	t.Run("nonce not the request's", func(t *testing.T) {
		f.answer(func(w http.ResponseWriter, r *http.Request) {
			body, _ := io.ReadAll(r.Body)
			body[len(body)-1] ^= 1 // the nonce ends the request
			req := httptest.NewRequest(http.MethodPost, "/ocsp", bytes.NewReader(body))
			req.Header.Set("Content-Type", "application/ocsp-request")
			f.sim.Handler().ServeHTTP(w, req)
		})
		defer f.handler.Store(nil)
		check(t, lenient, KindVerification)
	})
	t.Run("signature tampered", func(t *testing.T) {
		f.answer(func(w http.ResponseWriter, r *http.Request) {
			rec := httptest.NewRecorder()
			f.sim.Handler().ServeHTTP(rec, r)
			b := rec.Body.Bytes()
			i := bytes.Index(b, []byte{0x18, 0x0f}) // producedAt GeneralizedTime
			b[i+5] ^= 1
			w.Write(b)
		})
		defer f.handler.Store(nil)
		check(t, strict, KindVerification)
	})
	t.Run("tryLater", func(t *testing.T) {
		f.answer(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte{0x30, 0x03, 0x0a, 0x01, 0x03}) })
		defer f.handler.Store(nil)
		check(t, strict, KindRevocationUnavailable)
	})
	t.Run("HTTP 500", func(t *testing.T) {
		f.answer(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(500) })
		defer f.handler.Store(nil)
		check(t, strict, KindRevocationUnavailable)
	})
	t.Run("garbage", func(t *testing.T) {
		f.answer(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("<html>")) })
		defer f.handler.Store(nil)
		check(t, strict, KindVerification)
	})
	t.Run("slow", func(t *testing.T) {
		f.answer(func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-r.Context().Done():
			case <-time.After(2 * time.Second):
			}
		})
		defer f.handler.Store(nil)
		c := f.client(t, OCSPConfig{RequireNonce: true, Timeout: 100 * time.Millisecond})
		start := time.Now()
		check(t, c, KindRevocationUnavailable)
		if d := time.Since(start); d > time.Second {
			t.Errorf("took %s", d)
		}
	})
	t.Run("unreachable", func(t *testing.T) {
		check(t, f.client(t, OCSPConfig{URL: "http://127.0.0.1:1/ocsp"}), KindRevocationUnavailable)
	})
	t.Run("revoked by the simulator", func(t *testing.T) {
		s2 := newOCSPFixture(t)
		if err := s2.sim.Revoke(ocspDoc, time.Now().Add(-time.Minute)); err != nil {
			t.Fatal(err)
		}
		_, err := s2.client(t, OCSPConfig{RequireNonce: true}).checkRevocation(ctx, "test", s2.cert, s2.issuer)
		if !RevokedError(err) {
			t.Fatalf("%v", err)
		}
	})
}

// TestRevocationReuse: a good answer is reused within ReuseGood for a
// verified certificate; the chain is verified once.
func TestRevocationReuse(t *testing.T) {
	f := newOCSPFixture(t)
	c := f.client(t, OCSPConfig{RequireNonce: true})
	for range 3 {
		chain, err := c.checkCertificate("test", f.cert, LevelQualified)
		if err != nil {
			t.Fatal(err)
		}
		res := &Result{Certificate: f.cert, Chain: chain, CertificateLevel: LevelQualified}
		if err := c.revocation(context.Background(), "test", res); err != nil {
			t.Fatal(err)
		}
	}
	if n := f.requests.Load(); n != 1 {
		t.Errorf("%d OCSP requests, want 1", n)
	}
	// Past ReuseGood, OCSP is asked again; and a revoked certificate is
	// then refused although its chain is cached.
	c.cfg.Now = func() time.Time { return time.Now().Add(2 * time.Minute) }
	f.sim.Revoke(ocspDoc, time.Now().Add(-time.Minute))
	err := c.revocation(context.Background(), "test", &Result{Certificate: f.cert, CertificateLevel: LevelQualified})
	if !RevokedError(err) || f.requests.Load() != 2 {
		t.Errorf("%v after %d requests", err, f.requests.Load())
	}
}

func TestCertCacheBounded(t *testing.T) {
	f := newOCSPFixture(t)
	c := newCertCache(1)
	now := time.Now()
	c.addChain(f.cert, LevelQualified, []*x509.Certificate{f.issuer})
	if _, ok := c.chain(f.cert, LevelQualified, now); !ok {
		t.Fatal("not cached")
	}
	if _, ok := c.chain(f.cert, LevelAdvanced, now); ok {
		t.Error("cached for another level")
	}
	if _, ok := c.chain(f.cert, LevelQualified, f.cert.NotAfter.Add(time.Second)); ok {
		t.Error("an expired certificate is served from the cache")
	}
	c.addChain(f.issuer, LevelQualified, nil)
	if _, ok := c.chain(f.cert, LevelQualified, now); ok || c.order.Len() != 1 {
		t.Error("the cache grows past its bound")
	}
}
