package verify

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/asn1"
	"encoding/hex"
	"fmt"
	"strings"
	"time"
)

// Attribute types of the subject that pkix.Name does not surface.
var (
	oidGivenName    = asn1.ObjectIdentifier{2, 5, 4, 42}
	oidSurname      = asn1.ObjectIdentifier{2, 5, 4, 4}
	oidSerialNumber = asn1.ObjectIdentifier{2, 5, 4, 5}
	oidEmailAddress = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 1}
)

// signerOf describes the certificate's subject: this is the only source of
// a signer's identity, since /Name in the signature dictionary is unsigned.
func signerOf(cert *x509.Certificate) *Signer {
	s := &Signer{
		CommonName:   cert.Subject.CommonName,
		SerialNumber: cert.Subject.SerialNumber,
		Subject:      cert.Subject.String(),
		Issuer:       cert.Issuer.String(),
		CertSerial:   strings.ToUpper(cert.SerialNumber.Text(16)),
		NotBefore:    cert.NotBefore.UTC().Format(time.RFC3339),
		NotAfter:     cert.NotAfter.UTC().Format(time.RFC3339),
	}
	for _, atv := range cert.Subject.Names {
		v, ok := atv.Value.(string)
		if !ok {
			continue
		}
		switch {
		case atv.Type.Equal(oidGivenName):
			s.GivenName = v
		case atv.Type.Equal(oidSurname):
			s.Surname = v
		case atv.Type.Equal(oidSerialNumber):
			s.SerialNumber = v
		case atv.Type.Equal(oidEmailAddress):
			s.Email = v
		}
	}
	if len(cert.Subject.Organization) > 0 {
		s.Organization = cert.Subject.Organization[0]
	}
	if len(cert.Subject.Country) > 0 {
		s.Country = cert.Subject.Country[0]
	}
	if len(cert.EmailAddresses) > 0 && s.Email == "" {
		s.Email = cert.EmailAddresses[0]
	}
	s.IdentityType, s.IdentityCountry, s.IdentityNumber = parseSemanticsIdentifier(s.SerialNumber)
	s.KeyType, s.KeySize = describeKey(cert.PublicKey)
	sum := sha256.Sum256(cert.Raw)
	s.CertSHA256 = hex.EncodeToString(sum[:])
	return s
}

// parseSemanticsIdentifier splits a natural-person identifier of ETSI
// EN 319 412-1 §5.1.3 ("PNOEE-38211015222": type, country, number). Other
// serial numbers are left whole.
func parseSemanticsIdentifier(serial string) (kind, country, number string) {
	if len(serial) < 7 || serial[5] != '-' {
		return "", "", ""
	}
	kind, country, number = serial[:3], serial[3:5], serial[6:]
	switch kind {
	case "PAS", "IDC", "PNO", "TIN", "VAT", "NTR", "PSD", "LEI":
	default:
		return "", "", ""
	}
	if !isUpperAlpha(country) || number == "" {
		return "", "", ""
	}
	return kind, country, number
}

func isUpperAlpha(s string) bool {
	for _, r := range s {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

func describeKey(pub any) (string, int) {
	switch k := pub.(type) {
	case *rsa.PublicKey:
		return "RSA", k.N.BitLen()
	case *ecdsa.PublicKey:
		return "ECDSA " + k.Curve.Params().Name, k.Curve.Params().BitSize
	case ed25519.PublicKey:
		return "Ed25519", 256
	default:
		return fmt.Sprintf("%T", pub), 0
	}
}
