package smartid

import (
	"bytes"
	"context"
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"slices"
	"time"
)

// End results of a completed session (RP API v3, result.endResult).
const (
	ResultOK                     = "OK"
	ResultUserRefused            = "USER_REFUSED"
	ResultTimeout                = "TIMEOUT"
	ResultDocumentUnusable       = "DOCUMENT_UNUSABLE"
	ResultWrongVC                = "WRONG_VC"
	ResultInteractionUnsupported = "REQUIRED_INTERACTION_NOT_SUPPORTED_BY_APP"
	ResultUserRefusedCertChoice  = "USER_REFUSED_CERT_CHOICE"
	ResultUserRefusedInteraction = "USER_REFUSED_INTERACTION"
	ResultProtocolFailure        = "PROTOCOL_FAILURE"
	ResultExpectedLinkedSession  = "EXPECTED_LINKED_SESSION"
	ResultServerError            = "SERVER_ERROR"
	ResultAccountUnusable        = "ACCOUNT_UNUSABLE"
)

var endResults = []string{
	ResultOK, ResultUserRefused, ResultTimeout, ResultDocumentUnusable, ResultWrongVC,
	ResultInteractionUnsupported, ResultUserRefusedCertChoice, ResultUserRefusedInteraction,
	ResultProtocolFailure, ResultExpectedLinkedSession, ResultServerError, ResultAccountUnusable,
}

// Result is a session's status after verification.
type Result struct {
	// Running is true while the person has not answered.
	Running bool
	// EndResult is OK or why the session ended otherwise.
	EndResult string
	// RefusedInteraction names the screen of USER_REFUSED_INTERACTION.
	RefusedInteraction string

	// The rest is set for OK only, and verified.
	DocumentNumber string
	Certificate    *x509.Certificate
	// Chain is the path from Certificate's issuer to an SK root.
	Chain            []*x509.Certificate
	CertificateLevel string
	FlowType         string
	// Signature is set for signature sessions.
	Signature *Signature
}

// RevokedError reports whether err says the certificate is revoked.
func RevokedError(err error) bool { return KindOf(err) == KindRevoked }

// Signature is a verified RSASSA-PSS signature value with its parameters:
// MGF1 with Hash, a salt as long as the hash, trailer field 1.
type Signature struct {
	Value []byte
	Hash  crypto.Hash
}

// CertificateExpectation is what a certificate choice must deliver.
type CertificateExpectation struct {
	// FlowTypes are the flows offered (QR, Web2App, Notification, …).
	FlowTypes []string
	// Identity, when set, is the semantics identifier (PNOEE-…) the
	// session was started for: the certificate must be that person's.
	Identity string
}

// SignatureExpectation is what a signature session must deliver.
type SignatureExpectation struct {
	FlowTypes []string
	// DocumentNumber and CertificateSHA256 (of the DER) name the account
	// and certificate of the certificate choice.
	DocumentNumber    string
	CertificateSHA256 []byte
	// Digest and Hash are what was sent to be signed.
	Digest []byte
	Hash   crypto.Hash
	// Verified says that the certificate named by CertificateSHA256
	// passed every check of a certificate choice (chain to the SK CAs,
	// policies, key usage, QC statements) a few minutes ago, as the
	// relay's sealed handle records: the chain is not verified again
	// when the same bytes come back. Validity dates and revocation are
	// checked again.
	Verified bool
}

// CertificateChoiceStatus long-polls a certificate choice for up to wait
// and verifies a completed one. A session that ended without a
// certificate is a Result with its EndResult, not an error.
func (c *Client) CertificateChoiceStatus(ctx context.Context, sessionID string, wait time.Duration, exp CertificateExpectation) (*Result, error) {
	const op = "certificate choice status"
	st, err := c.status(ctx, op, sessionID, wait)
	if err != nil {
		return nil, err
	}
	res, done, err := c.common(op, st, exp.FlowTypes, nil)
	if done || err != nil {
		return res, err
	}
	if st.SignatureProtocol != "" {
		return nil, protocolErr(op, "a certificate choice answered with signatureProtocol %q", st.SignatureProtocol)
	}
	if exp.Identity != "" && res.Certificate.Subject.SerialNumber != exp.Identity {
		return nil, verifyErr(op, "the certificate is of another person than the one asked for")
	}
	if err := c.revocation(ctx, op, res); err != nil {
		return nil, err
	}
	return res, nil
}

// revocation checks the result's certificate by OCSP, unless a good
// answer about it is still reused (OCSPConfig.ReuseGood).
func (c *Client) revocation(ctx context.Context, op string, res *Result) error {
	now := c.cfg.Now()
	if c.cache.good(res.Certificate, res.CertificateLevel, now) {
		return nil
	}
	var issuer *x509.Certificate
	if len(res.Chain) > 0 {
		issuer = res.Chain[0]
	} else if issuer = c.cfg.Trust.issuerOf(res.Certificate); issuer == nil || !validAt(issuer, now) {
		return verifyErr(op, "the certificate's issuing CA is not configured or not valid now")
	}
	until, err := c.checkRevocation(ctx, op, res.Certificate, issuer)
	if err != nil {
		return err
	}
	c.cache.setGood(res.Certificate, res.CertificateLevel, until)
	return nil
}

// SignatureStatus long-polls a signature session for up to wait and
// verifies a completed one: the certificate must be the one chosen and
// the signature must verify over the digest with the returned algorithm.
func (c *Client) SignatureStatus(ctx context.Context, sessionID string, wait time.Duration, exp SignatureExpectation) (*Result, error) {
	const op = "signature status"
	st, err := c.status(ctx, op, sessionID, wait)
	if err != nil {
		return nil, err
	}
	var verified []byte
	if exp.Verified {
		verified = exp.CertificateSHA256
	}
	res, done, err := c.common(op, st, exp.FlowTypes, verified)
	if done || err != nil {
		return res, err
	}
	switch {
	case st.SignatureProtocol != "RAW_DIGEST_SIGNATURE":
		return nil, protocolErr(op, "signatureProtocol is %q, not RAW_DIGEST_SIGNATURE", st.SignatureProtocol)
	case !bytes.Equal(sha256Of(res.Certificate.Raw), exp.CertificateSHA256):
		return nil, verifyErr(op, "the signing certificate is not the one chosen")
	case res.DocumentNumber != exp.DocumentNumber:
		return nil, verifyErr(op, "the signature comes from another account than the one chosen")
	}
	sig, err := checkSignature(op, st, res.Certificate, exp.Digest, exp.Hash)
	if err != nil {
		return nil, err
	}
	if err := c.revocation(ctx, op, res); err != nil {
		return nil, err
	}
	res.Signature = sig
	return res, nil
}

// common checks what every completed session shares (RP API v3, response
// verification, steps 2 and 4 to 8; revocation is separate). done is
// true when res is final without further checks (running, or ended
// without OK). verified, when set, is the SHA-256 of a certificate that
// passed checkCertificate before: the same bytes are only checked for
// validity now.
func (c *Client) common(op string, st *sessionStatus, flows []string, verified []byte) (res *Result, done bool, err error) {
	switch st.State {
	case "RUNNING":
		return &Result{Running: true}, true, nil
	case "COMPLETE":
	default:
		return nil, true, protocolErr(op, "unknown state %q", st.State)
	}
	if st.Result == nil || !slices.Contains(endResults, st.Result.EndResult) {
		return nil, true, protocolErr(op, "a completed session without a known end result")
	}
	if st.Result.EndResult != ResultOK {
		r := &Result{EndResult: st.Result.EndResult}
		if st.Result.Details != nil {
			r.RefusedInteraction = st.Result.Details.Interaction
		}
		return r, true, nil
	}
	switch {
	case st.Cert == nil || st.Cert.Value == "":
		return nil, true, protocolErr(op, "OK without a certificate")
	case st.Signature == nil:
		return nil, true, protocolErr(op, "OK without signature")
	case !documentNumberPattern.MatchString(st.Result.DocumentNumber):
		return nil, true, protocolErr(op, "OK without a valid document number")
	case !slices.Contains(flows, st.Signature.FlowType):
		return nil, true, verifyErr(op, "flow type %q was not offered", st.Signature.FlowType)
	}
	der, err := base64.StdEncoding.DecodeString(st.Cert.Value)
	if err != nil {
		return nil, true, protocolErr(op, "the certificate is not Base64")
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, true, protocolErr(op, "the certificate cannot be read")
	}
	if levelRank(st.Cert.CertificateLevel) == 0 || st.Cert.CertificateLevel == LevelQSCD {
		return nil, true, protocolErr(op, "unknown certificate level %q", st.Cert.CertificateLevel)
	}
	if levelRank(st.Cert.CertificateLevel) < levelRank(c.cfg.CertificateLevel) {
		return nil, true, verifyErr(op, "the certificate is %s, %s was asked for", st.Cert.CertificateLevel, c.cfg.CertificateLevel)
	}
	var chain []*x509.Certificate
	if verified != nil && bytes.Equal(sha256Of(cert.Raw), verified) {
		if !validAt(cert, c.cfg.Now()) {
			return nil, true, verifyErr(op, "the certificate is not valid now")
		}
	} else if chain, err = c.checkCertificate(op, cert, st.Cert.CertificateLevel); err != nil {
		return nil, true, err
	}
	// Step 8: the identity is the subject's serialNumber, which the
	// document number starts with.
	id := cert.Subject.SerialNumber
	if id == "" || !hasPrefixDash(st.Result.DocumentNumber, id) {
		return nil, true, verifyErr(op, "the certificate's identity does not match the document number")
	}
	return &Result{
		EndResult: ResultOK, DocumentNumber: st.Result.DocumentNumber, Certificate: cert, Chain: chain,
		CertificateLevel: st.Cert.CertificateLevel, FlowType: st.Signature.FlowType,
	}, false, nil
}

func sha256Of(b []byte) []byte {
	s := sha256.Sum256(b)
	return s[:]
}

func hasPrefixDash(s, prefix string) bool {
	return len(s) > len(prefix) && s[:len(prefix)] == prefix && s[len(prefix)] == '-'
}

// checkSignature verifies the signature value with the certificate's key
// and the returned algorithm (step 9). Parameters must be exactly what
// RSASSA-PSS with the requested hash means: MGF1 with the same hash, salt
// as long as the hash, trailer 0xbc.
func checkSignature(op string, st *sessionStatus, cert *x509.Certificate, digest []byte, h crypto.Hash) (*Signature, error) {
	s := st.Signature
	name := hashNames[h]
	if s.SignatureAlgorithm != AlgorithmPSS {
		return nil, verifyErr(op, "signature algorithm %q, %s was asked for", s.SignatureAlgorithm, AlgorithmPSS)
	}
	p := s.SignatureAlgorithmParameters
	switch {
	case p == nil:
		return nil, protocolErr(op, "RSASSA-PSS without parameters")
	case p.HashAlgorithm != name:
		return nil, verifyErr(op, "hash %q, %s was asked for", p.HashAlgorithm, name)
	case p.MaskGenAlgorithm == nil || p.MaskGenAlgorithm.Algorithm != "id-mgf1" ||
		p.MaskGenAlgorithm.Parameters == nil || p.MaskGenAlgorithm.Parameters.HashAlgorithm != name:
		return nil, verifyErr(op, "the mask generation must be MGF1 with %s", name)
	case p.SaltLength == nil || *p.SaltLength != h.Size():
		return nil, verifyErr(op, "the salt must be %d bytes", h.Size())
	case p.TrailerField != "0xbc":
		return nil, verifyErr(op, "the trailer field must be 0xbc")
	}
	value, err := base64.StdEncoding.DecodeString(s.Value)
	if err != nil || len(value) == 0 {
		return nil, protocolErr(op, "the signature value is not Base64")
	}
	pub, ok := cert.PublicKey.(*rsa.PublicKey)
	if !ok {
		return nil, verifyErr(op, "the certificate's key is not RSA")
	}
	if err := rsa.VerifyPSS(pub, h, digest, value, &rsa.PSSOptions{SaltLength: h.Size(), Hash: h}); err != nil {
		return nil, verifyErr(op, "the signature does not verify over the digest with the certificate's key")
	}
	return &Signature{Value: value, Hash: h}, nil
}
