package cms

import (
	"bytes"
	"crypto/x509"
	"encoding/asn1"
	"math/big"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// essCertID is the first ESSCertID(v2) of a signing-certificate(-v2)
// attribute (RFC 2634, RFC 5035): the one that names the signer's
// certificate. Later entries name other certificates of the path.
type essCertID struct {
	hash     Hash
	certHash []byte
	// issuers are the directoryName entries of issuerSerial.issuer, as DER
	// Names; hasIssuerSerial is false when issuerSerial is absent.
	hasIssuerSerial bool
	issuers         [][]byte
	serial          *big.Int
}

// parseSigningCertificate reads SigningCertificate (v2 false) or
// SigningCertificateV2 and returns its first ESSCertID.
func parseSigningCertificate(v []byte, v2 bool) (essCertID, bool) {
	id := essCertID{hash: SHA1}
	s := cryptobyte.String(v)
	var sc, certs, first cryptobyte.String
	if !s.ReadASN1(&sc, cbasn1.SEQUENCE) || !s.Empty() ||
		!sc.ReadASN1(&certs, cbasn1.SEQUENCE) ||
		!certs.ReadASN1(&first, cbasn1.SEQUENCE) {
		return id, false
	}
	// Further ESSCertIDs and the policies must be well-formed SEQUENCEs.
	for !certs.Empty() {
		if !certs.SkipASN1(cbasn1.SEQUENCE) {
			return id, false
		}
	}
	if !sc.SkipOptionalASN1(cbasn1.SEQUENCE) || !sc.Empty() {
		return id, false
	}
	if v2 {
		id.hash = SHA256 // DEFAULT {id-sha256}
		if first.PeekASN1Tag(cbasn1.SEQUENCE) {
			h, ok := readHashAlgorithm(&first)
			if !ok {
				return id, false
			}
			id.hash = h
		}
	}
	if !first.ReadASN1((*cryptobyte.String)(&id.certHash), cbasn1.OCTET_STRING) ||
		len(id.certHash) != id.hash.Size() {
		return id, false
	}
	var is, names cryptobyte.String
	if !first.ReadOptionalASN1(&is, &id.hasIssuerSerial, cbasn1.SEQUENCE) || !first.Empty() {
		return id, false
	}
	if !id.hasIssuerSerial {
		return id, true
	}
	id.serial = new(big.Int)
	if !is.ReadASN1(&names, cbasn1.SEQUENCE) || !is.ReadASN1Integer(id.serial) || !is.Empty() {
		return id, false
	}
	for !names.Empty() {
		var tag cbasn1.Tag
		var gn cryptobyte.String
		if !names.ReadAnyASN1(&gn, &tag) {
			return id, false
		}
		if tag == cbasn1.Tag(4).Constructed().ContextSpecific() {
			var name cryptobyte.String
			if !gn.ReadASN1Element(&name, cbasn1.SEQUENCE) || !gn.Empty() {
				return id, false
			}
			id.issuers = append(id.issuers, name)
		}
	}
	return id, true
}

// matches reports whether the ESSCertID names cert.
func (id essCertID) matches(cert *x509.Certificate) bool {
	if !bytes.Equal(id.hash.Sum(cert.Raw), id.certHash) {
		return false
	}
	if !id.hasIssuerSerial {
		return true
	}
	if id.serial.Cmp(cert.SerialNumber) != 0 {
		return false
	}
	for _, n := range id.issuers {
		if bytes.Equal(n, cert.RawIssuer) {
			return true
		}
	}
	return false
}

// checkSigningCertificate checks the ESS signing-certificate and
// signing-certificate-v2 attributes: each at most once with one value, and
// each present one naming cert.
func checkSigningCertificate(attrs []Attribute, cert *x509.Certificate, res *Result) *VerifyError {
	for _, c := range []struct {
		oid  asn1.ObjectIdentifier
		v2   bool
		name string
		seen *bool
	}{
		{OIDAttrSigningCertificate, false, "signing-certificate", &res.SigningCertificateV1},
		{OIDAttrSigningCertificateV2, true, "signing-certificate-v2", &res.SigningCertificateV2},
	} {
		v, present, ok := singleValue(attrs, c.oid)
		if !ok {
			return verifyErr(ReasonSignedAttributes, "%s attribute must occur once with one value", c.name)
		}
		if !present {
			continue
		}
		id, ok := parseSigningCertificate(v, c.v2)
		if !ok {
			return verifyErr(ReasonSignedAttributes, "malformed %s attribute", c.name)
		}
		if !id.matches(cert) {
			return verifyErr(ReasonSigningCertificate, "%s attribute names another certificate than the signer's", c.name)
		}
		*c.seen = true
	}
	return nil
}
