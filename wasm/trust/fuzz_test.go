package trust

import (
	"testing"
	"time"

	"golang.org/x/crypto/ocsp"
)

// FuzzRevocation feeds OCSP responses, CRLs and archival attributes to the
// parsers and to a revocation check: no panics, no hangs.
func FuzzRevocation(f *testing.F) {
	p := newPKI(f)
	leaf := p.goodSigner()
	f.Add(p.ocsp(leaf, ocsp.Good, time.Time{}, p.signedTime))
	f.Add(p.ocsp(leaf, ocsp.Revoked, p.signedTime, p.signedTime))
	f.Add(p.crl(p.signedTime))
	f.Add([]byte{0x30, 0x03, 0x0a, 0x01, 0x01})
	f.Fuzz(func(t *testing.T, data []byte) {
		parseOCSP(data)
		parseCRL(data)
		ParseRevocationInfoArchival(data)
		ParseRevocationInfoChoices([][]byte{data})
		d := parseRevocation([]Revocation{{Origin: "CMS", OCSP: [][]byte{data}, CRLs: [][]byte{data}}})
		d.status(leaf, p.ca, p.signedTime, newBuilder(nil, nil))
	})
}

// FuzzQCStatements feeds the QC statements parser.
func FuzzQCStatements(f *testing.F) {
	f.Add(qcStatements(true, true, "esign"))
	f.Add(qcStatements(false, false, "eseal"))
	f.Fuzz(func(t *testing.T, data []byte) {
		parseQCStatements(data)
	})
}

// FuzzBundle feeds the bundle loader.
func FuzzBundle(f *testing.F) {
	b := &Bundle{Services: []Service{{Name: "s", Type: TypeCAQC, History: []ServiceStatus{{Status: "granted"}}}}}
	data, _ := b.Marshal()
	f.Add(data)
	f.Fuzz(func(t *testing.T, data []byte) {
		LoadBundle(data)
	})
}
