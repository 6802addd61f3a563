package trust

import (
	"crypto/x509"
	"encoding/asn1"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

var (
	oidKeyUsage   = asn1.ObjectIdentifier{2, 5, 29, 15}
	oidPolicies   = asn1.ObjectIdentifier{2, 5, 29, 32}
	oidMD5WithRSA = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 4}
)

// completeLenient fills in, on a copy, what package cms's lenient reading
// of a certificate that crypto/x509 rejects leaves out and trust needs:
// the signature algorithm, key usage and policies. Old Estonian ID-card
// certificates (negative serial numbers) are read this way. Other
// certificates are returned as they are.
func completeLenient(c *x509.Certificate) *x509.Certificate {
	if c == nil || c.SignatureAlgorithm != x509.UnknownSignatureAlgorithm || len(c.Raw) == 0 {
		return c
	}
	cc := *c
	s := cryptobyte.String(c.Raw)
	var cert, alg cryptobyte.String
	if s.ReadASN1(&cert, cbasn1.SEQUENCE) && cert.SkipASN1(cbasn1.SEQUENCE) && cert.ReadASN1Element(&alg, cbasn1.SEQUENCE) {
		if a, err := signatureAlgorithm(alg); err == nil {
			cc.SignatureAlgorithm = a
		} else if isOID(alg, oidMD5WithRSA) {
			cc.SignatureAlgorithm = x509.MD5WithRSA
		}
	}
	for _, e := range c.Extensions {
		v := cryptobyte.String(e.Value)
		switch {
		case e.Id.Equal(oidKeyUsage):
			var bits asn1.BitString
			if v.ReadASN1BitString(&bits) {
				for i := 0; i < 9; i++ {
					if bits.At(i) != 0 {
						cc.KeyUsage |= 1 << i
					}
				}
			}
		case e.Id.Equal(oidPolicies):
			var seq cryptobyte.String
			if !v.ReadASN1(&seq, cbasn1.SEQUENCE) {
				break
			}
			for !seq.Empty() {
				var pi cryptobyte.String
				var oid asn1.ObjectIdentifier
				if !seq.ReadASN1(&pi, cbasn1.SEQUENCE) || !pi.ReadASN1ObjectIdentifier(&oid) {
					break
				}
				cc.PolicyIdentifiers = append(cc.PolicyIdentifiers, oid)
			}
		}
	}
	return &cc
}

func isOID(alg cryptobyte.String, want asn1.ObjectIdentifier) bool {
	var seq cryptobyte.String
	var oid asn1.ObjectIdentifier
	return alg.ReadASN1(&seq, cbasn1.SEQUENCE) && seq.ReadASN1ObjectIdentifier(&oid) && oid.Equal(want)
}
