package sim

import (
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"net/http"
	"testing"
)

// notify starts a notification signature for doc and waits for its end.
func notify(t *testing.T, h http.Handler, doc string, body map[string]any) SessionStatus {
	t.Helper()
	var resp NotificationResponse
	decode(t, call(t, h, "POST", "/v3/signature/notification/document/"+doc, body), 200, &resp)
	if resp.VC == nil || len(resp.VC.Value) != 4 || resp.VC.Type != "numeric4" {
		t.Fatalf("notification signature without a 4-digit vc: %+v", resp)
	}
	return poll(t, h, resp.SessionID)
}

// TestOutcomes reaches every end result of SK's demo accounts over HTTP.
func TestOutcomes(t *testing.T) {
	_, h := newTestSim(t, Options{})
	vcChoice := []Interaction{{Type: InteractionConfirmationVC, DisplayText200: "Sign contract.pdf"}}
	confirm := []Interaction{{Type: InteractionConfirmation, DisplayText200: "Sign contract.pdf"}}
	for _, tc := range []struct {
		doc          string
		interactions []Interaction
		want         string
		detail       string
	}{
		{"PNOEE-40504040001-DEM0-Q", nil, ResultOK, ""},
		{"PNOLT-40504040001-MOCK-Q", nil, ResultOK, ""},
		{"PNOLV-050405-10009-DEM0-Q", nil, ResultOK, ""},
		{"PNOBE-05040400032-DEMO-Q", nil, ResultOK, ""},
		{"PNOEE-30403039917-MOCK-Q", nil, ResultUserRefused, ""},
		{"PNOEE-30403039928-MOCK-Q", nil, ResultUserRefusedInteraction, InteractionDisplayTextAndPIN},
		{"PNOLT-30403039946-MOCK-Q", confirm, ResultUserRefusedInteraction, InteractionConfirmation},
		{"PNOLV-030403-10059-MOCK-Q", vcChoice, ResultUserRefusedInteraction, InteractionConfirmationVC},
		{"PNOBE-00010266756-MOCK-Q", vcChoice, ResultUserRefusedInteraction, InteractionConfirmationVC},
		{"PNOEE-30403039972-MOCK-Q", vcChoice, ResultWrongVC, ""},
		{"PNOEE-30403039972-MOCK-Q", nil, ResultOK, ""}, // no code to choose, nothing to get wrong
		{"PNOEE-30403039983-MOCK-Q", nil, ResultTimeout, ""},
		{"PNOLV-030403-10083-MOCK-Q", nil, ResultTimeout, ""},
		{"PNOEE-30403039002-SIMU-Q", nil, ResultDocumentUnusable, ""},
		{"PNOEE-30403039024-SIMU-Q", nil, ResultInteractionNotSupported, ""},
		{"PNOEE-30403039035-SIMU-Q", nil, ResultServerError, ""},
		{"PNOEE-30403039046-SIMU-Q", nil, ResultAccountUnusable, ""},
	} {
		st := notify(t, h, tc.doc, signBody(t, tc.doc, tc.interactions...))
		if st.Result.EndResult != tc.want {
			t.Errorf("%s: %s, want %s", tc.doc, st.Result.EndResult, tc.want)
			continue
		}
		if tc.detail != "" && (st.Result.Details == nil || st.Result.Details.Interaction != tc.detail) {
			t.Errorf("%s: details %+v, want interaction %s", tc.doc, st.Result.Details, tc.detail)
		}
		if tc.want == ResultOK {
			checkSignature(t, st, tc.doc, sha256.Sum256([]byte(tc.doc)))
		} else if st.Cert != nil || st.Signature != nil {
			t.Errorf("%s: %s with a certificate or signature", tc.doc, tc.want)
		}
	}
}

// checkSignature verifies a returned RSASSA-PSS signature over digest
// with the returned certificate and checks its parameters.
func checkSignature(t *testing.T, st SessionStatus, doc string, digest [32]byte) *x509.Certificate {
	t.Helper()
	if st.Result.DocumentNumber != doc || st.Cert == nil || st.Signature == nil {
		t.Fatalf("OK without document number, certificate or signature: %+v", st)
	}
	der, err := base64.StdEncoding.DecodeString(st.Cert.Value)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	sig, err := base64.StdEncoding.DecodeString(st.Signature.Value)
	if err != nil {
		t.Fatal(err)
	}
	p := st.Signature.SignatureAlgorithmParameters
	if st.Signature.SignatureAlgorithm != "rsassa-pss" || p == nil || p.HashAlgorithm != "SHA-256" ||
		p.MaskGenAlgorithm == nil || p.MaskGenAlgorithm.Algorithm != "id-mgf1" || p.MaskGenAlgorithm.Parameters.HashAlgorithm != "SHA-256" ||
		p.SaltLength != 32 || p.TrailerField != "0xbc" || st.SignatureProtocol != ProtocolRawDigest {
		t.Fatalf("signature parameters %+v", st.Signature)
	}
	pub := cert.PublicKey.(*rsa.PublicKey)
	if err := rsa.VerifyPSS(pub, crypto.SHA256, digest[:], sig, &rsa.PSSOptions{SaltLength: 32, Hash: crypto.SHA256}); err != nil {
		t.Fatalf("the PSS signature does not verify: %v", err)
	}
	return cert
}

func TestEndResultsOfOtherFlows(t *testing.T) {
	_, h := newTestSim(t, Options{})
	// USER_REFUSED_CERT_CHOICE ends a certificate choice only.
	var resp NotificationResponse
	decode(t, call(t, h, "POST", "/v3/signature/certificate-choice/notification/etsi/PNOEE-30403039013", rpBody()), 200, &resp)
	if resp.VC != nil {
		t.Error("a certificate choice returned a vc")
	}
	if st := poll(t, h, resp.SessionID); st.Result.EndResult != ResultUserRefusedCertChoice {
		t.Errorf("certificate choice: %s", st.Result.EndResult)
	}
	// A refusal of an interaction does not end a certificate choice.
	decode(t, call(t, h, "POST", "/v3/signature/certificate-choice/notification/etsi/PNOEE-30403039928", rpBody()), 200, &resp)
	st := poll(t, h, resp.SessionID)
	if st.Result.EndResult != ResultOK || st.Cert == nil || st.Signature == nil || st.Signature.FlowType != FlowNotification ||
		st.Signature.Value != "" || st.SignatureProtocol != "" || st.InteractionTypeUsed != "" {
		t.Errorf("certificate choice of an interaction-refusing account: %+v", st)
	}
	// The synchronous certificate.
	var cr CertificateResponse
	decode(t, call(t, h, "POST", "/v3/signature/certificate/PNOEE-30403039002-SIMU-Q", rpBody()), 200, &cr)
	if cr.State != ResultDocumentUnusable || cr.Cert != nil {
		t.Errorf("certificate of an unusable document: %+v", cr)
	}
	decode(t, call(t, h, "POST", "/v3/signature/certificate/PNOEE-40504040001-DEM0-Q", rpBody()), 200, &cr)
	if cr.State != "OK" || cr.Cert == nil || cr.Cert.CertificateLevel != LevelQualified {
		t.Errorf("certificate: %+v", cr)
	}
}

// TestPKCS1Names covers the legacy algorithm names and SHA-3.
func TestSignatureAlgorithms(t *testing.T) {
	s, h := newTestSim(t, Options{})
	doc := "PNOLT-50001029996-DEMO-Q"
	for _, tc := range []struct{ alg, hash string }{
		{"sha256WithRSAEncryption", ""}, {"sha384WithRSAEncryption", "SHA-384"}, {"sha512WithRSAEncryption", ""},
		{"rsassa-pss", "SHA-384"}, {"rsassa-pss", "SHA-512"}, {"rsassa-pss", "SHA3-256"}, {"rsassa-pss", "SHA3-384"}, {"rsassa-pss", "SHA3-512"},
	} {
		name := tc.hash
		if name == "" {
			name = pkcs1Algorithms[tc.alg]
		}
		hh := hashAlgorithms[name]
		d := hh.New()
		d.Write([]byte("data"))
		digest := d.Sum(nil)
		body := signBody(t, "x")
		params := map[string]any{"digest": base64.StdEncoding.EncodeToString(digest), "signatureAlgorithm": tc.alg}
		if tc.hash != "" {
			params["signatureAlgorithmParameters"] = map[string]any{"hashAlgorithm": tc.hash}
		}
		body["signatureProtocolParameters"] = params
		st := notify(t, h, doc, body)
		sig, _ := base64.StdEncoding.DecodeString(st.Signature.Value)
		der, _ := s.Certificate(doc)
		cert, _ := x509.ParseCertificate(der)
		pub := cert.PublicKey.(*rsa.PublicKey)
		var err error
		if tc.alg == "rsassa-pss" {
			if st.Signature.SignatureAlgorithmParameters.SaltLength != hh.Size() {
				t.Errorf("%s %s: salt length %d", tc.alg, name, st.Signature.SignatureAlgorithmParameters.SaltLength)
			}
			err = rsa.VerifyPSS(pub, hh, digest, sig, &rsa.PSSOptions{SaltLength: hh.Size(), Hash: hh})
		} else {
			if st.Signature.SignatureAlgorithmParameters != nil {
				t.Errorf("%s: PSS parameters in a PKCS#1 answer", tc.alg)
			}
			err = rsa.VerifyPKCS1v15(pub, hh, digest, sig)
		}
		if err != nil || st.Signature.SignatureAlgorithm != tc.alg {
			t.Errorf("%s %s: %v (%s)", tc.alg, name, err, st.Signature.SignatureAlgorithm)
		}
	}
}
