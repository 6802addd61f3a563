package tsl

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/x509"
	"encoding/asn1"
	"encoding/base64"
	"errors"
	"fmt"
	"math/big"
	"strings"
)

// XML-DSig identifiers used by the trusted lists.
const (
	nsDSig       = "http://www.w3.org/2000/09/xmldsig#"
	algEnveloped = "http://www.w3.org/2000/09/xmldsig#enveloped-signature"
)

var digestMethods = map[string]crypto.Hash{
	"http://www.w3.org/2000/09/xmldsig#sha1":        crypto.SHA1,
	"http://www.w3.org/2001/04/xmlenc#sha256":       crypto.SHA256,
	"http://www.w3.org/2001/04/xmldsig-more#sha384": crypto.SHA384,
	"http://www.w3.org/2001/04/xmlenc#sha512":       crypto.SHA512,
}

var signatureMethods = map[string]x509.SignatureAlgorithm{
	"http://www.w3.org/2000/09/xmldsig#rsa-sha1":             x509.SHA1WithRSA,
	"http://www.w3.org/2001/04/xmldsig-more#rsa-sha256":      x509.SHA256WithRSA,
	"http://www.w3.org/2001/04/xmldsig-more#rsa-sha384":      x509.SHA384WithRSA,
	"http://www.w3.org/2001/04/xmldsig-more#rsa-sha512":      x509.SHA512WithRSA,
	"http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256":    x509.ECDSAWithSHA256,
	"http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384":    x509.ECDSAWithSHA384,
	"http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512":    x509.ECDSAWithSHA512,
	"http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1": x509.SHA256WithRSAPSS,
}

// ErrUnsigned is returned for a list that carries no signature.
var ErrUnsigned = errors.New("the list is not signed")

// verifySignature checks the list's enveloped XML signature (XAdES as
// ETSI TS 119 612 requires): exactly one ds:Signature child of the root,
// every reference's digest, the signature over the canonical SignedInfo.
// It returns the signing certificate; whether it may sign the list is the
// caller's decision.
func verifySignature(doc *document) (*x509.Certificate, error) {
	var sig *node
	for _, c := range doc.root.children {
		if c.elem != nil && c.elem.is(nsDSig, "Signature") {
			if sig != nil {
				return nil, errors.New("the list has more than one signature")
			}
			sig = c.elem
		}
	}
	if sig == nil {
		return nil, ErrUnsigned
	}
	si := sig.child("SignedInfo")
	if !si.is(nsDSig, "SignedInfo") {
		return nil, errors.New("the signature has no SignedInfo")
	}
	exclusive, err := c14nMethod(si.child("CanonicalizationMethod").attr("Algorithm"))
	if err != nil {
		return nil, err
	}
	alg, ok := signatureMethods[si.child("SignatureMethod").attr("Algorithm")]
	if !ok {
		return nil, fmt.Errorf("signature method %q is not supported", si.child("SignatureMethod").attr("Algorithm"))
	}
	refs := si.all("Reference")
	if len(refs) == 0 || len(refs) > MaxReferences {
		return nil, fmt.Errorf("the signature has %d references", len(refs))
	}
	coversList := false
	for _, ref := range refs {
		whole, err := checkReference(doc, sig, ref)
		if err != nil {
			return nil, err
		}
		coversList = coversList || whole
	}
	if !coversList {
		return nil, errors.New("the signature does not cover the list (no reference to the whole document)")
	}
	cert, err := signingCertificate(sig)
	if err != nil {
		return nil, err
	}
	value, err := decodeBase64(sig.child("SignatureValue").text())
	if err != nil {
		return nil, fmt.Errorf("the signature value: %w", err)
	}
	if alg == x509.ECDSAWithSHA256 || alg == x509.ECDSAWithSHA384 || alg == x509.ECDSAWithSHA512 {
		if value, err = ecdsaDER(cert, value); err != nil {
			return nil, err
		}
	}
	if err := cert.CheckSignature(alg, canonical(si, exclusive, nil), value); err != nil {
		return nil, fmt.Errorf("the signature does not verify: %w", err)
	}
	return cert, nil
}

func c14nMethod(alg string) (exclusive bool, err error) {
	switch alg {
	case algExcC14N:
		return true, nil
	case algC14N10:
		return false, nil
	}
	return false, fmt.Errorf("canonicalization %q is not supported", alg)
}

// checkReference checks one reference's digest; whole reports whether it
// is the enveloped reference to the whole list.
func checkReference(doc *document, sig, ref *node) (whole bool, err error) {
	uri := ref.attr("URI")
	var target *node
	switch {
	case uri == "":
		target, whole = doc.root, true
	case strings.HasPrefix(uri, "#"):
		target = doc.idElements[uri[1:]]
		if target == nil {
			return false, fmt.Errorf("the signature references %q, which the list does not hold", uri)
		}
	default:
		return false, fmt.Errorf("the signature references %q outside the list", uri)
	}
	enveloped, exclusive := false, false
	for _, t := range ref.path("Transforms").all("Transform") {
		switch a := t.attr("Algorithm"); a {
		case algEnveloped:
			enveloped = true
		case algExcC14N, algC14N10:
			exclusive = a == algExcC14N
			if t.child("InclusiveNamespaces") != nil {
				return false, errors.New("InclusiveNamespaces prefix lists are not supported")
			}
		default:
			return false, fmt.Errorf("transform %q is not supported", a)
		}
	}
	if whole && !enveloped {
		return false, errors.New("the reference to the whole list lacks the enveloped-signature transform")
	}
	h, ok := digestMethods[ref.child("DigestMethod").attr("Algorithm")]
	if !ok {
		return false, fmt.Errorf("digest method %q is not supported", ref.child("DigestMethod").attr("Algorithm"))
	}
	want, err := decodeBase64(ref.child("DigestValue").text())
	if err != nil {
		return false, fmt.Errorf("a digest value: %w", err)
	}
	var skip *node
	if enveloped {
		skip = sig
	}
	var data []byte
	if whole {
		data = canonicalDocument(doc, exclusive, skip)
	} else {
		data = canonical(target, exclusive, skip)
	}
	d := h.New()
	d.Write(data)
	if !bytes.Equal(d.Sum(nil), want) {
		if whole {
			return false, errors.New("the list's content does not match its signature (digest mismatch): it was changed after signing")
		}
		return false, fmt.Errorf("the signed properties %q do not match their digest", uri)
	}
	return whole, nil
}

// signingCertificate returns the certificate in KeyInfo/X509Data. A list
// names its signer there; more than one certificate is refused.
func signingCertificate(sig *node) (*x509.Certificate, error) {
	certs := sig.path("KeyInfo", "X509Data").all("X509Certificate")
	if len(certs) != 1 {
		return nil, fmt.Errorf("the signature carries %d signer certificates; one is required", len(certs))
	}
	der, err := decodeBase64(certs[0].text())
	if err != nil {
		return nil, fmt.Errorf("the signer certificate: %w", err)
	}
	return x509.ParseCertificate(der)
}

func decodeBase64(s string) ([]byte, error) {
	s = strings.Map(func(r rune) rune {
		if r == ' ' || r == '\n' || r == '\r' || r == '\t' {
			return -1
		}
		return r
	}, s)
	return base64.StdEncoding.DecodeString(s)
}

// ecdsaDER turns XML-DSig's r||s into the DER form crypto/x509 checks.
func ecdsaDER(cert *x509.Certificate, raw []byte) ([]byte, error) {
	k, ok := cert.PublicKey.(*ecdsa.PublicKey)
	if !ok {
		return nil, errors.New("an ECDSA signature by a non-EC key")
	}
	size := (k.Curve.Params().BitSize + 7) / 8
	if len(raw) != 2*size {
		return nil, errors.New("the ECDSA signature value has the wrong length")
	}
	r, s := new(big.Int).SetBytes(raw[:size]), new(big.Int).SetBytes(raw[size:])
	return asn1.Marshal(struct{ R, S *big.Int }{r, s})
}
