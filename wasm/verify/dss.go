package verify

import (
	"crypto/x509"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
	"github.com/verso-pdf/verso/wasm/cms"
	"github.com/verso-pdf/verso/wasm/pdf"
)

// maxDSSCertificates bounds the certificates read from a Document Security
// Store: a real one holds a chain or two per signature.
const maxDSSCertificates = 1000

// dssCertificates returns the certificates of the DSS (ETSI EN 319 142-1
// 5.4.2) in the latest revision. Timestamp tokens often omit the TSA
// certificate and PAdES-LT puts it there. Taking a certificate from this
// unsigned store is safe: a token still has to verify under its key, and
// trust is judged separately.
func dssCertificates(f *pdf.File) []*x509.Certificate {
	last := len(f.Revisions()) - 1
	dss, err := f.Resolve(last, catalogEntry(f, last, "DSS"))
	if err != nil {
		return nil
	}
	d, ok := dss.(types.Dict)
	if !ok {
		return nil
	}
	list, err := f.Resolve(last, d["Certs"])
	if err != nil {
		return nil
	}
	arr, ok := list.(types.Array)
	if !ok {
		return nil
	}
	var certs []*x509.Certificate
	for i, ref := range arr {
		if i == maxDSSCertificates {
			break
		}
		o, err := f.Resolve(last, ref)
		if err != nil {
			continue
		}
		sd, ok := o.(types.StreamDict)
		if !ok {
			continue
		}
		der, err := f.Stream(last, sd)
		if err != nil {
			continue
		}
		if c, _, err := cms.ParseCertificateLenient(der); err == nil {
			certs = append(certs, c)
		}
	}
	return certs
}
