package server

import (
	"bytes"
	"crypto"
	"crypto/x509"
	"encoding/asn1"
	"errors"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"

	"github.com/verso-pdf/verso/wasm/cms"
)

// maxSignedAttributes bounds the DER signed attributes: content type,
// message digest and signing-certificate-v2 of a 2 KB certificate's
// issuer take about 400 bytes.
const maxSignedAttributes = 2 << 10

var oidMessageDigest = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 4}

// digestHashes maps a message digest's length to its hash: the relay
// hashes the signed attributes with the hash the document was hashed
// with.
var digestHashes = map[int]cms.Hash{32: cms.SHA256, 48: cms.SHA384, 64: cms.SHA512}

// checkSignedAttributes checks that der is exactly the PAdES signed
// attributes that wasm/sign builds for cert: content-type id-data, a
// message digest of SHA-256, -384 or -512 size and a
// signing-certificate-v2 naming cert, in DER. It returns the digest to
// have signed (the hash of der) and its hash function. Rebuilding with
// wasm/cms and comparing bytes leaves no room for extra attributes,
// another certificate or a BER encoding.
func checkSignedAttributes(der []byte, cert *x509.Certificate) ([]byte, crypto.Hash, error) {
	if len(der) == 0 || len(der) > maxSignedAttributes {
		return nil, 0, errors.New("the signed attributes are missing or too long")
	}
	md, ok := messageDigest(der)
	if !ok {
		return nil, 0, errors.New("the signed attributes are not a DER SET OF Attribute with one message digest")
	}
	h, ok := digestHashes[len(md)]
	if !ok {
		return nil, 0, errors.New("the message digest is not SHA-256, SHA-384 or SHA-512 sized")
	}
	want, err := cms.BuildSignedAttributes(cms.SignedAttributes{MessageDigest: md, SigningCertificate: cert})
	if err != nil || !bytes.Equal(der, want) {
		return nil, 0, errors.New("the signed attributes must be content-type, message-digest and signing-certificate-v2 of the chosen certificate, in DER")
	}
	return h.Sum(der), h.CryptoHash(), nil
}

// messageDigest finds the value of the one message-digest attribute.
func messageDigest(der []byte) ([]byte, bool) {
	s := cryptobyte.String(der)
	var set cryptobyte.String
	if !s.ReadASN1(&set, cbasn1.SET) || !s.Empty() {
		return nil, false
	}
	var md []byte
	for !set.Empty() {
		var attr, values cryptobyte.String
		var id asn1.ObjectIdentifier
		if !set.ReadASN1(&attr, cbasn1.SEQUENCE) || !attr.ReadASN1ObjectIdentifier(&id) ||
			!attr.ReadASN1(&values, cbasn1.SET) || !attr.Empty() {
			return nil, false
		}
		if !id.Equal(oidMessageDigest) {
			continue
		}
		var v cryptobyte.String
		if md != nil || !values.ReadASN1(&v, cbasn1.OCTET_STRING) || !values.Empty() {
			return nil, false
		}
		md = v
	}
	return md, md != nil
}
