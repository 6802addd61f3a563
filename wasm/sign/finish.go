package sign

import (
	"bytes"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"

	"github.com/verso-pdf/verso/wasm/cms"
)

// maxChain bounds the certificates Finish embeds besides the signer's.
const maxChain = 10

// Finish assembles the CMS SignedData for p from a signature value made
// elsewhere (Smart-ID: RSASSA-PSS, with sigAlg from cms.PSSAlgorithm),
// embeds it in the placeholder and returns the signed PDF. chain adds the
// issuing certificates; timestampToken, if not nil, is an RFC 3161 token
// over SignatureTimestampDigest(signatureValue, …) and becomes the
// unsigned signature-time-stamp-token attribute (B-T).
//
// Before embedding, Finish checks the result as a verifier would: the
// signature value must verify over the signed attributes with the
// certificate's key, and a timestamp token must parse and cover the
// signature value. p is not changed, so Finish can be retried.
func Finish(p *Prepared, signatureValue []byte, sigAlg cms.AlgorithmIdentifier, chain []*x509.Certificate, timestampToken []byte) ([]byte, error) {
	if p == nil || p.Certificate == nil || p.contentsEnd <= p.contentsAt || p.contentsEnd > len(p.PDF) {
		return nil, errors.New("the prepared document is incomplete; use the result of Prepare")
	}
	if len(chain) > maxChain {
		return nil, fmt.Errorf("%w: %d chain certificates, at most %d", ErrLimit, len(chain), maxChain)
	}
	var unsigned []cms.Attribute
	if timestampToken != nil {
		ts, err := cms.ParseTimestampToken(timestampToken)
		if err != nil {
			return nil, fmt.Errorf("the timestamp token cannot be read: %w", err)
		}
		if err := ts.CheckImprint(signatureValue); err != nil {
			return nil, fmt.Errorf("the timestamp token is not over this signature value: %w", err)
		}
		unsigned = []cms.Attribute{{Type: cms.OIDAttrTimestampToken, Values: [][]byte{timestampToken}}}
	}
	der, err := cms.AssembleSignedData(p.Certificate, chain, p.SignedAttributes, sigAlg, signatureValue, unsigned)
	if err != nil {
		return nil, fmt.Errorf("assembling the CMS: %w", err)
	}
	sd, err := cms.Parse(der)
	if err != nil {
		return nil, fmt.Errorf("the assembled CMS does not parse: %w", err)
	}
	digest := func(h cms.Hash) ([]byte, error) {
		if h != p.Hash {
			return nil, fmt.Errorf("the signature algorithm uses %v but the document was prepared with %v", h, p.Hash)
		}
		return p.Digest, nil
	}
	if _, err := sd.Verify(cms.VerifyOptions{Digest: digest, RequireSigningCertificate: true}); err != nil {
		return nil, fmt.Errorf("the signature value does not verify: %w", err)
	}
	room := (p.contentsEnd - p.contentsAt) / 2
	if len(der) > room {
		return nil, fmt.Errorf("the CMS has %d bytes but Prepare reserved %d; prepare again with a larger Options.ChainReserve or TimestampReserve", len(der), room)
	}
	out := bytes.Clone(p.PDF)
	hex.Encode(out[p.contentsAt:], der)
	return out, nil
}

// SignatureTimestampDigest is what a TSA must timestamp for B-T: the hash
// of the signature value (ETSI EN 319 122-1 5.3), with h as the token's
// message imprint algorithm.
func SignatureTimestampDigest(signatureValue []byte, h cms.Hash) []byte {
	return h.Sum(signatureValue)
}
