package verify

import (
	"bytes"
	_ "embed"

	"github.com/verso-pdf/verso/wasm/trust"
)

// warmupPDF is a document verso signed three times through the relay and
// its Smart-ID simulator (make test's build/out/signed-3-signers.pdf: RSA-PSS,
// timestamps, embedded fonts, a signatures page with letters A to C):
// verifying it walks every path a real verification takes.
//
//go:embed warmup.pdf
var warmupPDF []byte

// Warm does ahead of time the work every first verification would do, so
// that the visitor's file meets a warmed-up verifier. Natively it is a few
// milliseconds; compiled to wasm the first verification costs about 200 ms
// more than the next (lazily built tables of the elliptic curves, fonts,
// encodings, first use of the parser), and reading the trusted-list
// bundle about a second. The page calls it while the visitor is still
// choosing a file.
func Warm() {
	_, _ = trust.DefaultBundle()
	// The anchors' own signatures: RSA and the curves (P-384, P-521) the
	// warm-up document does not use.
	for _, a := range trust.EmbeddedAnchors() {
		_ = a.Cert.CheckSignatureFrom(a.Cert)
	}
	Verify(bytes.Clone(warmupPDF), Options{})
}
