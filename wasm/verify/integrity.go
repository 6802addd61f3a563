package verify

import (
	"bytes"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/verso-pdf/verso/wasm/cms"
	"github.com/verso-pdf/verso/wasm/pdf"
)

// SubFilters of ISO 32000-2 12.8.3 and ETSI EN 319 142-1.
const (
	subPKCS7Detached = "adbe.pkcs7.detached"
	subCAdES         = "ETSI.CAdES.detached"
	subRFC3161       = "ETSI.RFC3161"
	subPKCS7SHA1     = "adbe.pkcs7.sha1"
	subX509RSASHA1   = "adbe.x509.rsa_sha1"
	// subPBAD is ICP-Brasil's name for a PAdES (detached CMS) signature.
	subPBAD = "PBAD.PAdES"
)

// document is what the checks of all signatures in one file share.
type document struct {
	f    *pdf.File
	data []byte
	// dssCerts are the certificates of the DSS, where timestamp tokens
	// find TSA certificates they do not carry.
	dssCerts []*x509.Certificate
	// rangeDigest is Options.RangeDigest.
	rangeDigest func(algorithm string, ranges [][2]int64) ([]byte, error)
}

// digest returns the digest function over a signature's byte ranges: the
// caller's RangeDigest where it offers the algorithm and works, else Go's.
// cms checks the length of whatever comes back.
func (doc *document) digest(br []int64) cms.DigestFunc {
	local := cms.DigestOf(doc.data[br[0]:br[0]+br[1]], doc.data[br[2]:br[2]+br[3]])
	if doc.rangeDigest == nil {
		return local
	}
	ranges := [][2]int64{{br[0], br[1]}, {br[2], br[3]}}
	memo := map[cms.Hash][]byte{}
	return func(h cms.Hash) ([]byte, error) {
		if d, ok := memo[h]; ok {
			return d, nil
		}
		d, err := doc.rangeDigest(h.String(), ranges)
		if err != nil || d == nil {
			// Not offered, or the helper failed: slower, not wrong.
			return local(h)
		}
		memo[h] = d
		return d, nil
	}
}

// checkSignature gathers the evidence for one signature field: where it is,
// what it signs, whether those bytes are intact, who signed and when.
func checkSignature(doc *document, index int, s pdf.Signature) Signature {
	f, data := doc.f, doc.data
	out := Signature{
		Index:         index,
		Kind:          kindSignature,
		Field:         s.Field,
		Filter:        s.Filter,
		SubFilter:     s.SubFilter,
		Page:          s.Page,
		Rect:          s.Rect,
		Certification: s.DocMDP,
		References:    Placeholder{Status: StatusNotChecked, Reason: "last-page references are not evaluated yet"},
	}
	if s.Type == "DocTimeStamp" || s.SubFilter == subRFC3161 {
		out.Kind = kindDocTimestamp
	}
	out.Integrity.ByteRange = s.ByteRange
	out.Time.ClaimedM = parsePDFDate(s.M)
	revs := f.Revisions()
	if s.SignedRevision >= 0 {
		rev := revs[s.SignedRevision]
		out.Revision = Revision{Index: s.SignedRevision, Length: rev.End, WholeFile: s.SignedRevision == len(revs)-1}
	} else {
		out.Revision = Revision{Index: -1}
	}
	if len(s.SharedWith) > 0 {
		// One value in several fields of the signed revision is still one
		// signature; a field added later that reuses it is a change (diff).
		out.Integrity.Warnings = append(out.Integrity.Warnings, "the same signature is also referenced by field(s) "+strings.Join(s.SharedWith, ", "))
	}
	if s.ByteRangeProblem != "" {
		if !copiedDictionary(f, data, s) {
			return failed(out, s.ByteRangeProblem)
		}
		out.replacedDictionary = "the signature dictionary was replaced after signing by a copy with other metadata: " + s.ByteRangeProblem
		out.Time.ClaimedM = ""
	}
	if s.SignedRevision < 0 {
		return failed(out, "the ByteRange does not end where a revision of the file ends")
	}
	digest := doc.digest(s.ByteRange)
	switch s.SubFilter {
	case subPKCS7Detached, subCAdES, subPBAD:
		return checkCMS(doc, out, s, cms.ContentDetached, digest)
	case subPKCS7SHA1:
		return checkCMS(doc, out, s, cms.ContentPKCS7SHA1, digest)
	case subRFC3161:
		return checkDocTimestamp(doc, out, s, digest)
	case subX509RSASHA1:
		return checkX509RSASHA1(out, s, digest)
	case "":
		return failed(out, "the signature dictionary names no SubFilter")
	}
	return failed(out, fmt.Sprintf("unsupported SubFilter %q", s.SubFilter))
}

// copiedDictionary recognises signature-dictionary spoofing: the field's
// dictionary did not exist in the revision its ByteRange signs, but the gap
// of that ByteRange holds exactly this dictionary's /Contents. The bytes are
// intact, so the signature is not INVALID; the document was changed after
// signing, and the dictionary's metadata cannot be believed.
func copiedDictionary(f *pdf.File, data []byte, s pdf.Signature) bool {
	br := s.ByteRange
	if s.SignedRevision < 0 || len(br) != 4 || br[1] < 1 || br[2] <= br[1] || br[2] > int64(len(data)) {
		return false
	}
	if o, err := f.Object(s.SignedRevision, int(s.DictRef.ObjectNumber)); err != nil || o != nil {
		return false
	}
	gap := data[br[1]:br[2]]
	if len(gap) < 2 || gap[0] != '<' || gap[len(gap)-1] != '>' {
		return false
	}
	decoded := make([]byte, hex.DecodedLen(len(gap)-2))
	if _, err := hex.Decode(decoded, gap[1:len(gap)-1]); err != nil {
		return false
	}
	return bytes.Equal(decoded, s.Contents)
}

func failed(out Signature, reason string) Signature {
	out.Status = StatusFailed
	out.Integrity.Status = StatusFailed
	out.Integrity.Reason = reason
	return out
}

func passed(out Signature, res *cms.Result) Signature {
	out.Status = StatusPassed
	out.Integrity.Status = StatusPassed
	out.Integrity.DigestAlgorithm = res.DigestAlgorithm
	out.Integrity.SignatureAlgorithm = res.SignatureAlgorithm
	out.Integrity.Warnings = append(out.Integrity.Warnings, res.Warnings...)
	if res.Signer != nil {
		out.Signer = signerOf(res.Signer)
	}
	if !res.SigningTime.IsZero() {
		out.Time.SigningTime = res.SigningTime.UTC().Format(time.RFC3339)
	}
	return out
}

func checkCMS(doc *document, out Signature, s pdf.Signature, mode cms.ContentMode, digest cms.DigestFunc) Signature {
	// Bytes after the CMS inside /Contents are in the ByteRange's gap:
	// covered by nothing, they change nothing (Acrobat and DSS skip them).
	sd, trailing, err := cms.ParseTrailing(s.Contents)
	if err != nil {
		return failed(out, "the signature (CMS) cannot be read: "+err.Error())
	}
	res, err := sd.Verify(cms.VerifyOptions{Content: mode, Digest: digest, TimestampCertificates: doc.dssCerts})
	if err != nil {
		return failed(out, readableCMSError(err))
	}
	out = passed(out, res)
	if trailing != nil {
		out.Integrity.Warnings = append(out.Integrity.Warnings, fmt.Sprintf("/Contents holds %d bytes after the signature that nothing covers", len(bytes.TrimRight(trailing, "\x00"))))
	}
	if s.SubFilter == subCAdES && !res.SigningCertificateV1 && !res.SigningCertificateV2 {
		out.Integrity.Warnings = append(out.Integrity.Warnings, "no ESS signing-certificate attribute, which PAdES requires")
	}
	if len(res.Timestamps) > 0 {
		out.Time.Timestamp = signatureTimestamp(res.Timestamps[0])
		if out.Time.Timestamp.Status == StatusPassed {
			out.Time.ProvenTime = out.Time.Timestamp.GenTime
		}
	}
	return out
}

func checkDocTimestamp(doc *document, out Signature, s pdf.Signature, digest cms.DigestFunc) Signature {
	tok, err := cms.ParseTimestampToken(s.Contents)
	if err != nil {
		return failed(out, "the document timestamp cannot be read: "+err.Error())
	}
	ts := timestampOf(tok)
	res, err := tok.Verify(doc.dssCerts...)
	if err == nil {
		err = tok.CheckImprintWith(digest)
	}
	if err != nil {
		ts.Status, ts.Reason = StatusFailed, readableCMSError(err)
		out.Time.Timestamp = ts
		return failed(out, "document timestamp: "+readableCMSError(err))
	}
	ts.Status = StatusPassed
	out.Time.Timestamp = ts
	out.Time.ProvenTime = ts.GenTime
	return passed(out, res)
}

func checkX509RSASHA1(out Signature, s pdf.Signature, digest cms.DigestFunc) Signature {
	if len(s.Cert) == 0 {
		return failed(out, "adbe.x509.rsa_sha1 signature without a /Cert")
	}
	// Lenient like the certificates in a CMS: old signers wrote serial
	// numbers that crypto/x509 now refuses (negative ones, for instance).
	cert, lenient, err := cms.ParseCertificateLenient(s.Cert[0])
	if err != nil {
		return failed(out, "the certificate in /Cert cannot be read: "+err.Error())
	}
	res, err := cms.VerifyX509RSASHA1(s.Contents, cert, digest)
	if err != nil {
		return failed(out, readableCMSError(err))
	}
	out = passed(out, res)
	if lenient {
		out.Integrity.Warnings = append(out.Integrity.Warnings, "the certificate in /Cert is not well-formed DER by today's rules; read leniently")
	}
	return out
}

// signatureTimestamp reports an embedded RFC 3161 signature timestamp.
func signatureTimestamp(st cms.SignatureTimestamp) *Timestamp {
	if st.Token == nil {
		return &Timestamp{Status: StatusFailed, Reason: "the timestamp token cannot be read: " + readableCMSError(st.Err)}
	}
	ts := timestampOf(st.Token)
	if st.Err != nil {
		ts.Status, ts.Reason = StatusFailed, readableCMSError(st.Err)
	} else {
		ts.Status = StatusPassed
	}
	return ts
}

func timestampOf(tok *cms.Timestamp) *Timestamp {
	info := tok.Info
	ts := &Timestamp{
		Authority:       info.TSA,
		GenTime:         info.GenTime.UTC().Format(time.RFC3339Nano),
		AccuracySeconds: info.Accuracy.Duration().Seconds(),
		DigestAlgorithm: info.HashAlgorithm.String(),
		Policy:          info.Policy.String(),
	}
	if info.SerialNumber != nil {
		ts.SerialNumber = strings.ToUpper(info.SerialNumber.Text(16))
	}
	if ts.Authority == "" && len(tok.SignedData.Certificates) > 0 {
		ts.Authority = tsaName(tok)
	}
	return ts
}

// tsaName names the TSA by its certificate when TSTInfo has no tsa field.
func tsaName(tok *cms.Timestamp) string {
	for _, si := range tok.SignedData.SignerInfos {
		for _, c := range tok.SignedData.Certificates {
			if si.SID.Matches(c) {
				return c.Subject.String()
			}
		}
	}
	return ""
}

// readableCMSError strips the package prefixes a person does not need.
func readableCMSError(err error) string {
	if err == nil {
		return ""
	}
	msg := err.Error()
	var ve *cms.VerifyError
	if errors.As(err, &ve) {
		msg = ve.Error()
	}
	return strings.TrimPrefix(msg, "cms: ")
}
