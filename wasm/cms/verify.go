package cms

import (
	"bytes"
	"crypto/rsa"
	"crypto/x509"
	"fmt"
	"slices"
	"time"
)

// ContentMode says what a SignerInfo's signature covers.
type ContentMode int

const (
	// ContentDetached: the content is outside the CMS (adbe.pkcs7.detached,
	// ETSI.CAdES.detached); VerifyOptions.Digest supplies its digest.
	// Encapsulated content, even empty, is an error.
	ContentDetached ContentMode = iota
	// ContentPKCS7SHA1: adbe.pkcs7.sha1. The eContent must be present and
	// equal the SHA-1 digest of the content, obtained through
	// VerifyOptions.Digest; the signature covers the eContent.
	ContentPKCS7SHA1
	// ContentEncapsulated: the signature covers the eContent, which must be
	// present (timestamp tokens). VerifyOptions.Digest is not used.
	ContentEncapsulated
)

// VerifyOptions configures SignedData.Verify. The zero value verifies a
// detached signature, and fails for want of a Digest.
type VerifyOptions struct {
	// Content says what the signature covers.
	Content ContentMode
	// Digest returns the digest of the content outside the CMS: the bytes
	// that a PDF signature's ByteRange names. Required for ContentDetached
	// and ContentPKCS7SHA1.
	Digest DigestFunc
	// RequireSigningCertificate makes a missing ESS signing-certificate or
	// signing-certificate-v2 attribute an error. RFC 3161 requires one in
	// timestamp tokens, and PAdES in signatures.
	RequireSigningCertificate bool
	// ExtraCertificates are looked at for the signer certificate after the
	// CMS's own: for a timestamp token, whose TSA certificate is included
	// only on request, the certificates of the DSS or of the timestamped
	// signature. A PDF signature must carry its signer certificate (ISO
	// 32000-2 12.8.3.3), so leave this empty for signatures.
	ExtraCertificates []*x509.Certificate
	// TimestampCertificates are looked at for the TSA certificates of the
	// embedded signature timestamps, after the token's own and the
	// signature's: a PAdES DSS often holds them.
	TimestampCertificates []*x509.Certificate
	// AllowNonDERSignedAttributes accepts a signature over signed
	// attributes exactly as encoded when they are not DER (typically not
	// sorted), with a warning. Adobe Acrobat, OpenSSL, poppler, iText and
	// pyHanko verify the attributes as encoded; RFC 5652 5.4 and DSS want
	// their DER encoding. Off, such a signature fails with "signed
	// attributes are not DER encoded".
	AllowNonDERSignedAttributes bool

	// noTimestamps stops the verification of embedded timestamps (inside
	// timestamp tokens, which this package does not look into).
	noTimestamps bool
}

// Result is what Verify found out about the one SignerInfo.
type Result struct {
	// Signer is the certificate that the signer identifier names. When
	// crypto/x509 rejected it, Signer holds the lenient reading described
	// at UnparsedCertificate, SignerLenient is true and a warning says why.
	Signer        *x509.Certificate
	SignerLenient bool
	SignerInfo    *SignerInfo
	// Hash is the digest algorithm; DigestAlgorithm its name ("SHA-256").
	Hash            Hash
	DigestAlgorithm string
	// SignatureAlgorithm names the signature algorithm, e.g. "RSASSA-PSS
	// with SHA-256", "ECDSA P-256 with SHA-256", "Ed25519".
	SignatureAlgorithm string
	// SignedAttributes is true when the signature covers signed attributes.
	SignedAttributes bool
	// SigningTime is the signing-time attribute, zero when absent. It is
	// the signer's claim, not proof.
	SigningTime time.Time
	// SigningCertificateV1 and V2 say which ESS signing-certificate
	// attributes were present (and matched Signer).
	SigningCertificateV1, SigningCertificateV2 bool
	// Warnings are findings that do not break the signature, e.g. "SHA-1
	// is a weak digest".
	Warnings []string
	// Timestamps are the signature timestamps in the unsigned attributes
	// (id-aa-signatureTimeStampToken), each checked on its own: a bad
	// timestamp does not fail Verify.
	Timestamps []SignatureTimestamp
}

func (r *Result) warn(format string, args ...any) {
	r.Warnings = append(r.Warnings, fmt.Sprintf(format, args...))
}

// Verify checks the signature of the SignedData's only SignerInfo over the
// content that opts describes. It returns a Result even on error, filled as
// far as verification got, so that a report can say who claims to have
// signed and with what; the error, a *VerifyError, says why verification
// failed.
//
// The checks: exactly one SignerInfo; a digest algorithm that is a digest;
// a known signature algorithm that agrees with it; the content as opts
// demands; the signer certificate among the certificates; with signed
// attributes, that content-type equals eContentType, that exactly one
// message-digest equals the content digest, that ESS signing-certificate
// attributes name the signer certificate, and that the signature covers
// the attributes' DER encoding, written as such; without, that the
// signature covers the content digest. Embedded signature timestamps are
// checked on their own and reported in Result.Timestamps.
func (sd *SignedData) Verify(opts VerifyOptions) (*Result, error) {
	res := &Result{}
	if len(sd.SignerInfos) != 1 {
		return res, verifyErr(ReasonSignerCount, "SignedData has %d signer infos; exactly one is required", len(sd.SignerInfos))
	}
	si := &sd.SignerInfos[0]
	res.SignerInfo = si
	if !opts.noTimestamps {
		res.Timestamps = verifySignatureTimestamps(si, slices.Concat(sd.Certificates, opts.TimestampCertificates))
	}
	if err := sd.verifySigner(si, opts, res); err != nil {
		return res, err
	}
	return res, nil
}

func (sd *SignedData) verifySigner(si *SignerInfo, opts VerifyOptions, res *Result) *VerifyError {
	digest, err := digestAlgorithm(si.DigestAlgorithm)
	if err != nil {
		return err
	}
	res.Hash, res.DigestAlgorithm = digest, digest.String()
	alg, err := resolveSignature(si.SignatureAlgorithm, digest)
	if err != nil {
		return err
	}
	res.SignatureAlgorithm = alg.name(nil)
	sd.algorithmWarnings(si, digest, res)

	content, contentDigest, err := sd.content(opts, digest)
	if err != nil {
		return err
	}
	signer, err := sd.findSigner(si.SID, opts.ExtraCertificates, res)
	if err != nil {
		return err
	}
	pub := publicKey(signer)
	res.SignatureAlgorithm = alg.name(pub)
	if k, ok := pub.(*rsa.PublicKey); ok && k.N.BitLen() < 2048 {
		res.warn("RSA key of %d bits is weak", k.N.BitLen())
	}

	if si.SignedAttrsRaw == nil {
		if opts.RequireSigningCertificate {
			return verifyErr(ReasonSigningCertificate, "no signed attributes, so no signing-certificate attribute")
		}
		return alg.verify(pub, content, contentDigest, si.Signature)
	}
	res.SignedAttributes = true
	der, err := checkSignedAttributes(si, sd.EncapContentType, contentDigest)
	if err != nil {
		return err
	}
	if err := readSigningTime(si.SignedAttrs, res); err != nil {
		return err
	}
	if err := checkSigningCertificate(si.SignedAttrs, signer, res); err != nil {
		return err
	}
	if opts.RequireSigningCertificate && !res.SigningCertificateV1 && !res.SigningCertificateV2 {
		return verifyErr(ReasonSigningCertificate, "signing-certificate attribute is missing")
	}
	return verifySignedAttributes(si, der, alg, pub, opts, res)
}

// verifySignedAttributes checks the signature over the signed attributes:
// their DER encoding (RFC 5652 5.4), which must be how they are written.
// Some signers write them out of DER order yet sign the DER form: that
// verifies, with a warning. Signers that sign a non-DER encoding fail,
// unless opts allow it.
func verifySignedAttributes(si *SignerInfo, der []byte, alg signatureAlgorithm, pub any, opts VerifyOptions, res *Result) *VerifyError {
	asEncoded := append([]byte{tagSet}, si.SignedAttrsRaw[1:]...)
	if der != nil && bytes.Equal(der, asEncoded) {
		return alg.verify(pub, der, alg.hash.Sum(der), si.Signature)
	}
	if der != nil && alg.verify(pub, der, alg.hash.Sum(der), si.Signature) == nil {
		res.warn("signed attributes are not DER encoded as written; the signature covers their DER encoding")
		return nil
	}
	if err := alg.verify(pub, asEncoded, alg.hash.Sum(asEncoded), si.Signature); err != nil {
		return err
	}
	if opts.AllowNonDERSignedAttributes {
		res.warn("signed attributes are not DER encoded; the signature covers them as encoded")
		return nil
	}
	return verifyErr(ReasonSignedAttributes, "signed attributes are not DER encoded: the signature covers them as written, not their DER form as RFC 5652 requires (Acrobat and pdfsig accept this, EU DSS does not)")
}

func (sd *SignedData) algorithmWarnings(si *SignerInfo, digest Hash, res *Result) {
	// alg.hash equals digest: resolveSignature made sure.
	switch digest {
	case SHA1:
		res.warn("SHA-1 is a weak digest")
	case RIPEMD160:
		res.warn("RIPEMD-160 is a legacy digest")
	}
	listed := false
	for _, a := range sd.DigestAlgorithms {
		listed = listed || a.Algorithm.Equal(si.DigestAlgorithm.Algorithm)
	}
	if !listed {
		res.warn("digest algorithm %v is not listed in SignedData.digestAlgorithms", digest)
	}
	if sd.BER {
		res.warn("CMS structure is BER-encoded, not DER")
	}
}

// content returns what the signature covers: the content itself when it
// is at hand (for EdDSA without signed attributes) and its digest.
func (sd *SignedData) content(opts VerifyOptions, digest Hash) (content, contentDigest []byte, err *VerifyError) {
	switch opts.Content {
	case ContentDetached:
		if sd.HasEContent {
			return nil, nil, verifyErr(ReasonContent, "detached signature carries encapsulated content")
		}
		d, err := callDigest(opts.Digest, digest)
		return nil, d, err
	case ContentPKCS7SHA1:
		if !sd.HasEContent {
			return nil, nil, verifyErr(ReasonContent, "adbe.pkcs7.sha1 signature has no encapsulated content")
		}
		d, err := callDigest(opts.Digest, SHA1)
		if err != nil {
			return nil, nil, err
		}
		if !bytes.Equal(d, sd.EContent) {
			return nil, nil, verifyErr(ReasonMessageDigest, "encapsulated SHA-1 digest does not match the content")
		}
	case ContentEncapsulated:
		if !sd.HasEContent {
			return nil, nil, verifyErr(ReasonContent, "encapsulated content is missing")
		}
	default:
		return nil, nil, verifyErr(ReasonUnsupported, "unknown content mode %d", opts.Content)
	}
	return sd.EContent, digest.Sum(sd.EContent), nil
}

func callDigest(f DigestFunc, h Hash) ([]byte, *VerifyError) {
	if f == nil {
		return nil, verifyErr(ReasonContentUnavailable, "no content digest supplied")
	}
	d, err := f(h)
	if err != nil {
		return nil, &VerifyError{Reason: ReasonContentUnavailable, Detail: "computing the content digest", Err: err}
	}
	if len(d) != h.Size() {
		return nil, verifyErr(ReasonContentUnavailable, "content digest has %d bytes, %v has %d", len(d), h, h.Size())
	}
	return d, nil
}

// findSigner finds the certificate the SID names: among the CMS's
// certificates, then among those crypto/x509 rejected (read leniently),
// then among extra.
func (sd *SignedData) findSigner(sid SignerIdentifier, extra []*x509.Certificate, res *Result) (*x509.Certificate, *VerifyError) {
	if len(sd.Certificates) == 0 && len(sd.UnparsedCertificates) == 0 && len(extra) == 0 {
		return nil, verifyErr(ReasonNoCertificates, "CMS carries no certificates, so the signer certificate is missing")
	}
	found, err := match(sid, sd.Certificates)
	if err != nil || found != nil {
		res.Signer = found
		return found, err
	}
	for _, u := range sd.UnparsedCertificates {
		if u.Lenient != nil && sid.Matches(u.Lenient) {
			res.Signer, res.SignerLenient = u.Lenient, true
			res.warn("signer certificate is not accepted by crypto/x509 (%v); it was read leniently", u.Err)
			return u.Lenient, nil
		}
	}
	found, err = match(sid, extra)
	if err != nil || found != nil {
		res.Signer = found
		return found, err
	}
	return nil, verifyErr(ReasonSignerNotFound, "no certificate matches the signer identifier")
}

// match returns the one certificate that sid names; duplicates of it are
// fine, two different matches are an error.
func match(sid SignerIdentifier, certs []*x509.Certificate) (*x509.Certificate, *VerifyError) {
	var found *x509.Certificate
	for _, c := range certs {
		if !sid.Matches(c) {
			continue
		}
		if found != nil && !bytes.Equal(found.Raw, c.Raw) {
			return nil, verifyErr(ReasonSignerNotFound, "several different certificates match the signer identifier")
		}
		found = c
	}
	return found, nil
}
