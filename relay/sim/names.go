package sim

import (
	"encoding/asn1"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// Attribute types of the distinguished names the simulator writes.
var (
	oidCountry          = asn1.ObjectIdentifier{2, 5, 4, 6}
	oidCommonName       = asn1.ObjectIdentifier{2, 5, 4, 3}
	oidSurname          = asn1.ObjectIdentifier{2, 5, 4, 4}
	oidGivenName        = asn1.ObjectIdentifier{2, 5, 4, 42}
	oidSerialNumber     = asn1.ObjectIdentifier{2, 5, 4, 5}
	oidOrganization     = asn1.ObjectIdentifier{2, 5, 4, 10}
	oidOrganizationalID = asn1.ObjectIdentifier{2, 5, 4, 97}
)

// attr is one attribute of a distinguished name, one per RDN. printable
// selects PrintableString (country, serialNumber, as SK writes them);
// otherwise UTF8String.
type attr struct {
	oid       asn1.ObjectIdentifier
	value     string
	printable bool
}

// encodeName returns the DER Name with the attributes in the given order:
// crypto/x509 would reorder them, and Smart-ID's subjects have a fixed
// order (C, CN, SN, GN, serialNumber).
func encodeName(attrs ...attr) ([]byte, error) {
	var b cryptobyte.Builder
	addName(&b, attrs)
	return b.Bytes()
}

func addName(b *cryptobyte.Builder, attrs []attr) {
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		for _, a := range attrs {
			b.AddASN1(cbasn1.SET, func(b *cryptobyte.Builder) {
				b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
					b.AddASN1ObjectIdentifier(a.oid)
					tag := cbasn1.UTF8String
					if a.printable {
						tag = cbasn1.PrintableString
					}
					b.AddASN1(tag, func(b *cryptobyte.Builder) { b.AddBytes([]byte(a.value)) })
				})
			})
		}
	})
}

// caName is the subject of one of the simulator's CAs, ordered as SK's
// TEST CAs are (CN, organizationIdentifier, O, C).
func caName(cn string) ([]byte, error) {
	return encodeName(
		attr{oid: oidCommonName, value: cn},
		attr{oid: oidOrganizationalID, value: "NTREE-00000000"},
		attr{oid: oidOrganization, value: "verso simulator"},
		attr{oid: oidCountry, value: "EE", printable: true},
	)
}
