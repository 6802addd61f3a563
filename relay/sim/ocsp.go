package sim

import (
	"bytes"
	"crypto"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/base64"
	"errors"
	"net/http"
)

// handleOCSPPost serves RFC 6960 A.1 POST requests.
func (s *Simulator) handleOCSPPost(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("Content-Type") != "application/ocsp-request" {
		http.Error(w, "the request must be application/ocsp-request", http.StatusUnsupportedMediaType)
		return
	}
	body, ok := s.readRaw(w, r, MaxOCSPRequest)
	if !ok {
		return
	}
	s.writeOCSP(w, s.ocspResponse(body))
}

// handleOCSPGet serves GET /ocsp/{base64 DER}.
func (s *Simulator) handleOCSPGet(w http.ResponseWriter, r *http.Request) {
	enc := r.PathValue("request")
	if len(enc) > base64.StdEncoding.EncodedLen(MaxOCSPRequest) {
		http.Error(w, "the request is too large", http.StatusRequestURITooLong)
		return
	}
	der, err := base64.StdEncoding.DecodeString(enc)
	if err != nil {
		s.writeOCSP(w, ocspError(ocspMalformedRequest))
		return
	}
	s.writeOCSP(w, s.ocspResponse(der))
}

func (s *Simulator) writeOCSP(w http.ResponseWriter, resp []byte) {
	w.Header().Set("Content-Type", "application/ocsp-response")
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(resp)
}

// ocspResponse answers a DER OCSP request. Certificates of the qualified
// issuer are answered by its delegated responder, as SK's AIA OCSP does;
// those of the other CAs by the CA itself.
func (s *Simulator) ocspResponse(der []byte) []byte {
	req, err := parseOCSPRequest(der)
	switch {
	case errors.Is(err, errUnsupportedOCSP):
		return ocspError(ocspUnauthorized)
	case err != nil:
		return ocspError(ocspMalformedRequest)
	}
	issuer := s.ocspIssuer(req)
	if issuer == nil {
		return ocspError(ocspUnauthorized)
	}
	responder := issuer
	if issuer == s.pki.qualified {
		responder = s.pki.ocspResponder
	}
	known, revokedAt := s.pki.lookup(issuer.cert.RawSubject, req.serial)
	resp, err := basicOCSPResponse(req, certStatus{known: known, revokedAt: revokedAt}, responder, responder != issuer, s.now())
	if err != nil {
		s.log.Error("making an OCSP response failed", "error", err)
		return ocspError(ocspInternalError)
	}
	return resp
}

// ocspIssuer finds the CA whose name and key hashes the request names.
func (s *Simulator) ocspIssuer(req *ocspRequest) *authority {
	for _, a := range []*authority{s.pki.qualified, s.pki.nonQualified, s.pki.root, s.pki.tsaCA} {
		if bytes.Equal(hashOf(req.hash, a.cert.RawSubject), req.issuerNameHash) &&
			bytes.Equal(hashOf(req.hash, subjectKeyBits(a.cert)), req.issuerKeyHash) {
			return a
		}
	}
	return nil
}

func hashOf(h crypto.Hash, data []byte) []byte {
	d := h.New()
	d.Write(data)
	return d.Sum(nil)
}

// subjectKeyBits returns the subjectPublicKey BIT STRING contents.
func subjectKeyBits(c *x509.Certificate) []byte {
	var spki struct {
		Algorithm pkix.AlgorithmIdentifier
		Key       asn1.BitString
	}
	if _, err := asn1.Unmarshal(c.RawSubjectPublicKeyInfo, &spki); err != nil {
		return nil
	}
	return spki.Key.RightAlign()
}
