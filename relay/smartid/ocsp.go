package smartid

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"errors"
	"io"
	"math/big"
	"net/http"
	"net/url"
	"slices"
	"time"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// OCSPConfig configures the revocation check of Smart-ID certificates
// (RP API v3 response verification, step 4: revocation by OCSP from the
// AIA, and the responder's own chain).
type OCSPConfig struct {
	// URL is the responder to ask (SK's AIA OCSP, such as
	// http://aia.demo.sk.ee/eidq2024e). Empty: the certificate's own AIA
	// OCSP URL, which SK's CA signed.
	URL string
	// HTTPClient sends the requests (default: a plain client).
	HTTPClient *http.Client
	// Timeout bounds one check (default 5 s).
	Timeout time.Duration
	// RequireNonce refuses answers that do not echo the request's nonce
	// (RFC 8954). A nonce is always sent; SK's documentation does not say
	// whether its AIA responders echo it, so it is required only where
	// the responder is known to (the simulator). Without it an answer is
	// accepted only while fresh (MaxAge).
	RequireNonce bool
	// MaxAge is how old (thisUpdate) an answer without nextUpdate may be
	// (default 10 minutes); one with nextUpdate is good until then.
	MaxAge time.Duration
	// ReuseGood is how long a "good" answer is reused for the same
	// certificate inside the process (default 60 s; capped by nextUpdate).
	ReuseGood time.Duration
}

// Defaults of OCSPConfig.
const (
	defaultOCSPTimeout   = 5 * time.Second
	defaultOCSPMaxAge    = 10 * time.Minute
	defaultOCSPReuseGood = time.Minute
	// ocspSkew tolerates clocks a little apart.
	ocspSkew = time.Minute
	// maxOCSPResponse bounds a response: a signature and a responder
	// certificate fit in a few KB.
	maxOCSPResponse = 32 << 10
)

var (
	oidOCSPBasic   = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 48, 1, 1}
	oidOCSPNonce   = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 48, 1, 2}
	oidOCSPNoCheck = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 48, 1, 5}
	oidSHA256      = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 1}

	ocspSignatureAlgorithms = map[string]x509.SignatureAlgorithm{
		"1.2.840.10045.4.3.2":   x509.ECDSAWithSHA256,
		"1.2.840.10045.4.3.3":   x509.ECDSAWithSHA384,
		"1.2.840.10045.4.3.4":   x509.ECDSAWithSHA512,
		"1.2.840.113549.1.1.11": x509.SHA256WithRSA,
		"1.2.840.113549.1.1.12": x509.SHA384WithRSA,
		"1.2.840.113549.1.1.13": x509.SHA512WithRSA,
	}
)

// Revocation statuses.
const (
	ocspGood = iota
	ocspRevoked
	ocspUnknown
)

// checkRevocation asks the OCSP responder about cert (issued by issuer)
// and verifies the answer: signed by the issuer or by a responder it
// delegated (issued by it, OCSPSigning, valid now, ocsp-nocheck), about
// exactly this certificate, fresh, with the nonce echoed when required.
// A revoked certificate is KindRevoked; an unknown one or a bad answer
// KindVerification; no usable answer KindRevocationUnavailable. It
// returns until when a good answer may be reused.
func (c *Client) checkRevocation(ctx context.Context, op string, cert, issuer *x509.Certificate) (time.Time, error) {
	o := c.cfg.OCSP
	responder := o.URL
	if responder == "" {
		if len(cert.OCSPServer) == 0 {
			return time.Time{}, verifyErr(op, "the certificate names no OCSP responder")
		}
		responder = cert.OCSPServer[0]
	}
	if u, err := url.Parse(responder); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return time.Time{}, verifyErr(op, "the OCSP responder is not an http(s) URL")
	}
	certID, err := ocspCertID(cert, issuer)
	if err != nil {
		return time.Time{}, verifyErr(op, "cannot name the certificate for OCSP")
	}
	nonce := make([]byte, 32)
	if _, err := rand.Read(nonce); err != nil {
		return time.Time{}, err
	}
	nonceValue, _ := asn1.Marshal(nonce) // OCTET STRING inside extnValue, RFC 8954
	req, err := ocspRequest(certID, nonceValue)
	if err != nil {
		return time.Time{}, verifyErr(op, "cannot build the OCSP request")
	}
	ctx, cancel := context.WithTimeout(ctx, o.Timeout)
	defer cancel()
	body, err := c.postOCSP(ctx, responder, req)
	if err != nil {
		return time.Time{}, &Error{Kind: KindRevocationUnavailable, Op: op, Detail: err.Error()}
	}
	now := c.cfg.Now()
	r, err := parseOCSPResponse(body, certID, issuer, now)
	if err != nil {
		if ue, ok := errors.AsType[*ocspUnavailable](err); ok {
			return time.Time{}, &Error{Kind: KindRevocationUnavailable, Op: op, Detail: ue.Error()}
		}
		return time.Time{}, verifyErr(op, "OCSP: %v", err)
	}
	switch {
	case r.nonce == nil && o.RequireNonce:
		return time.Time{}, verifyErr(op, "OCSP: the answer does not echo the nonce")
	case r.nonce != nil && !bytes.Equal(r.nonce, nonceValue):
		return time.Time{}, verifyErr(op, "OCSP: the answer's nonce is not the request's")
	case r.thisUpdate.After(now.Add(ocspSkew)) || r.producedAt.After(now.Add(ocspSkew)):
		return time.Time{}, verifyErr(op, "OCSP: the answer is dated in the future")
	case !r.nextUpdate.IsZero() && now.After(r.nextUpdate.Add(ocspSkew)):
		return time.Time{}, verifyErr(op, "OCSP: the answer is out of date (nextUpdate passed)")
	case r.nextUpdate.IsZero() && now.Sub(r.thisUpdate) > o.MaxAge:
		return time.Time{}, verifyErr(op, "OCSP: the answer is older than %s", o.MaxAge)
	}
	switch r.status {
	case ocspRevoked:
		return time.Time{}, &Error{Kind: KindRevoked, Op: op, Detail: "the certificate is revoked"}
	case ocspUnknown:
		return time.Time{}, verifyErr(op, "the OCSP responder does not know the certificate")
	}
	until := now.Add(o.ReuseGood)
	if !r.nextUpdate.IsZero() && r.nextUpdate.Before(until) {
		until = r.nextUpdate
	}
	return until, nil
}

// ocspUnavailable is a responder that gave no usable answer: not
// reachable, an HTTP error, or an OCSP error status such as tryLater.
type ocspUnavailable struct{ msg string }

func (e *ocspUnavailable) Error() string { return e.msg }

func (c *Client) postOCSP(ctx context.Context, responder string, req []byte) ([]byte, error) {
	hr, err := http.NewRequestWithContext(ctx, http.MethodPost, responder, bytes.NewReader(req))
	if err != nil {
		return nil, errors.New("cannot build the OCSP request")
	}
	hr.Header.Set("Content-Type", "application/ocsp-request")
	hr.Header.Set("Accept", "application/ocsp-response")
	resp, err := c.cfg.OCSP.HTTPClient.Do(hr)
	if err != nil {
		if ctx.Err() != nil {
			return nil, errors.New("the OCSP responder did not answer in time")
		}
		return nil, errors.New("the OCSP responder cannot be reached")
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, errors.New("the OCSP responder answered HTTP " + resp.Status)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxOCSPResponse+1))
	if err != nil {
		return nil, errors.New("the OCSP answer broke off")
	}
	if len(body) > maxOCSPResponse {
		return nil, errors.New("the OCSP answer is too long")
	}
	return body, nil
}

// certID is an OCSP CertID with SHA-256.
type certID struct {
	nameHash, keyHash []byte
	serial            *big.Int
}

func ocspCertID(cert, issuer *x509.Certificate) (certID, error) {
	key, err := subjectKeyBits(issuer)
	if err != nil {
		return certID{}, err
	}
	n, k := sha256.Sum256(issuer.RawSubject), sha256.Sum256(key)
	if !bytes.Equal(cert.RawIssuer, issuer.RawSubject) {
		return certID{}, errors.New("issuer mismatch")
	}
	return certID{nameHash: n[:], keyHash: k[:], serial: cert.SerialNumber}, nil
}

// subjectKeyBits returns the subjectPublicKey BIT STRING's bytes.
func subjectKeyBits(c *x509.Certificate) ([]byte, error) {
	var spki struct {
		Algorithm pkix.AlgorithmIdentifier
		Key       asn1.BitString
	}
	if _, err := asn1.Unmarshal(c.RawSubjectPublicKeyInfo, &spki); err != nil {
		return nil, err
	}
	return spki.Key.RightAlign(), nil
}

// ocspRequest builds an unsigned OCSPRequest (RFC 6960 4.1) for one
// certificate with a nonce extension.
func ocspRequest(id certID, nonceValue []byte) ([]byte, error) {
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { // OCSPRequest
		b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { // TBSRequest
			b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { // requestList
				b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { // Request
					addCertID(b, id)
				})
			})
			b.AddASN1(cbasn1.Tag(2).Constructed().ContextSpecific(), func(b *cryptobyte.Builder) {
				b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
					b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
						b.AddASN1ObjectIdentifier(oidOCSPNonce)
						b.AddASN1OctetString(nonceValue)
					})
				})
			})
		})
	})
	return b.Bytes()
}

func addCertID(b *cryptobyte.Builder, id certID) {
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
			b.AddASN1ObjectIdentifier(oidSHA256)
			b.AddASN1NULL()
		})
		b.AddASN1OctetString(id.nameHash)
		b.AddASN1OctetString(id.keyHash)
		b.AddASN1BigInt(id.serial)
	})
}

// ocspAnswer is what a verified response says about our certificate.
type ocspAnswer struct {
	status                             int
	producedAt, thisUpdate, nextUpdate time.Time
	nonce                              []byte // extnValue of the nonce extension, nil when absent
}

var errMalformedOCSP = errors.New("the answer is malformed")

// parseOCSPResponse parses a DER OCSPResponse strictly, verifies its
// signature and the signer's authority for issuer, and finds the single
// response about id.
func parseOCSPResponse(der []byte, id certID, issuer *x509.Certificate, now time.Time) (*ocspAnswer, error) {
	in := cryptobyte.String(der)
	var resp, rb, basicDER cryptobyte.String
	var status int
	var typ asn1.ObjectIdentifier
	if !in.ReadASN1(&resp, cbasn1.SEQUENCE) || !in.Empty() || !resp.ReadASN1Enum(&status) {
		return nil, errMalformedOCSP
	}
	if status != 0 {
		// 1 malformedRequest, 2 internalError, 3 tryLater, 5 sigRequired, 6 unauthorized.
		return nil, &ocspUnavailable{msg: "the OCSP responder answered status " + big.NewInt(int64(status)).String()}
	}
	var tagged cryptobyte.String
	if !resp.ReadASN1(&tagged, cbasn1.Tag(0).Constructed().ContextSpecific()) || !resp.Empty() ||
		!tagged.ReadASN1(&rb, cbasn1.SEQUENCE) || !tagged.Empty() ||
		!rb.ReadASN1ObjectIdentifier(&typ) || !rb.ReadASN1(&basicDER, cbasn1.OCTET_STRING) || !rb.Empty() {
		return nil, errMalformedOCSP
	}
	if !typ.Equal(oidOCSPBasic) {
		return nil, errors.New("the answer is not a basic OCSP response")
	}
	var basic, tbs, algSeq cryptobyte.String
	var algOID asn1.ObjectIdentifier
	var sig asn1.BitString
	if !basicDER.ReadASN1(&basic, cbasn1.SEQUENCE) || !basicDER.Empty() {
		return nil, errMalformedOCSP
	}
	var tbsRaw cryptobyte.String
	if !basic.ReadASN1Element(&tbsRaw, cbasn1.SEQUENCE) || !basic.ReadASN1(&algSeq, cbasn1.SEQUENCE) ||
		!algSeq.ReadASN1ObjectIdentifier(&algOID) || !basic.ReadASN1BitString(&sig) {
		return nil, errMalformedOCSP
	}
	var certsField cryptobyte.String
	var hasCerts bool
	if !basic.ReadOptionalASN1(&certsField, &hasCerts, cbasn1.Tag(0).Constructed().ContextSpecific()) || !basic.Empty() {
		return nil, errMalformedOCSP
	}
	var embedded []*x509.Certificate
	if hasCerts {
		var list cryptobyte.String
		if !certsField.ReadASN1(&list, cbasn1.SEQUENCE) || !certsField.Empty() {
			return nil, errMalformedOCSP
		}
		for !list.Empty() {
			var raw cryptobyte.String
			if !list.ReadASN1Element(&raw, cbasn1.SEQUENCE) {
				return nil, errMalformedOCSP
			}
			c, err := x509.ParseCertificate(raw)
			if err != nil {
				return nil, errors.New("an embedded certificate cannot be read")
			}
			embedded = append(embedded, c)
		}
	}
	alg, ok := ocspSignatureAlgorithms[algOID.String()]
	if !ok {
		return nil, errors.New("unsupported signature algorithm " + algOID.String())
	}

	// ResponseData.
	tbsCopy := tbsRaw
	if !tbsCopy.ReadASN1(&tbs, cbasn1.SEQUENCE) {
		return nil, errMalformedOCSP
	}
	if !tbs.SkipOptionalASN1(cbasn1.Tag(0).Constructed().ContextSpecific()) { // version v1
		return nil, errMalformedOCSP
	}
	var byName, byKey bool
	var rid cryptobyte.String
	var responderName, responderKey []byte
	switch {
	case tbs.PeekASN1Tag(cbasn1.Tag(1).Constructed().ContextSpecific()):
		byName = tbs.ReadASN1(&rid, cbasn1.Tag(1).Constructed().ContextSpecific()) && rid.ReadASN1Element((*cryptobyte.String)(&responderName), cbasn1.SEQUENCE)
	case tbs.PeekASN1Tag(cbasn1.Tag(2).Constructed().ContextSpecific()):
		byKey = tbs.ReadASN1(&rid, cbasn1.Tag(2).Constructed().ContextSpecific()) && rid.ReadASN1Bytes(&responderKey, cbasn1.OCTET_STRING)
	}
	if !byName && !byKey {
		return nil, errMalformedOCSP
	}
	a := &ocspAnswer{}
	var responses cryptobyte.String
	if !tbs.ReadASN1GeneralizedTime(&a.producedAt) || !tbs.ReadASN1(&responses, cbasn1.SEQUENCE) {
		return nil, errMalformedOCSP
	}
	var exts cryptobyte.String
	var hasExts bool
	if !tbs.ReadOptionalASN1(&exts, &hasExts, cbasn1.Tag(1).Constructed().ContextSpecific()) || !tbs.Empty() {
		return nil, errMalformedOCSP
	}
	if hasExts {
		var seq cryptobyte.String
		if !exts.ReadASN1(&seq, cbasn1.SEQUENCE) || !exts.Empty() {
			return nil, errMalformedOCSP
		}
		for !seq.Empty() {
			var ext cryptobyte.String
			var eid asn1.ObjectIdentifier
			var value []byte
			if !seq.ReadASN1(&ext, cbasn1.SEQUENCE) || !ext.ReadASN1ObjectIdentifier(&eid) ||
				!ext.SkipOptionalASN1(cbasn1.BOOLEAN) || !ext.ReadASN1Bytes(&value, cbasn1.OCTET_STRING) || !ext.Empty() {
				return nil, errMalformedOCSP
			}
			if eid.Equal(oidOCSPNonce) {
				a.nonce = value
			}
		}
	}

	// The signer: the issuer itself or a responder it delegated.
	matches := func(c *x509.Certificate) bool {
		if byName {
			return bytes.Equal(c.RawSubject, responderName)
		}
		key, err := subjectKeyBits(c)
		h := sha1.Sum(key)
		return err == nil && bytes.Equal(h[:], responderKey)
	}
	var signer *x509.Certificate
	switch {
	case matches(issuer):
		signer = issuer
	default:
		i := slices.IndexFunc(embedded, matches)
		if i < 0 {
			return nil, errors.New("the answer is signed by neither the CA nor a responder certificate it includes")
		}
		d := embedded[i]
		switch {
		case !bytes.Equal(d.RawIssuer, issuer.RawSubject) || d.CheckSignatureFrom(issuer) != nil:
			return nil, errors.New("the responder certificate is not issued by the certificate's CA")
		case !slices.Contains(d.ExtKeyUsage, x509.ExtKeyUsageOCSPSigning):
			return nil, errors.New("the responder certificate is not for OCSP signing")
		case now.Before(d.NotBefore) || now.After(d.NotAfter):
			return nil, errors.New("the responder certificate is not valid now")
		case !slices.ContainsFunc(d.Extensions, func(e pkix.Extension) bool { return e.Id.Equal(oidOCSPNoCheck) }):
			// Its own status could only be checked by asking itself.
			return nil, errors.New("the responder certificate lacks id-pkix-ocsp-nocheck")
		}
		signer = d
	}
	if err := signer.CheckSignature(alg, tbsRaw, sig.RightAlign()); err != nil {
		return nil, errors.New("the answer's signature does not verify")
	}

	found := false
	for !responses.Empty() {
		var single, cid, hashAlg cryptobyte.String
		var hashOID asn1.ObjectIdentifier
		var nameHash, keyHash []byte
		serial := new(big.Int)
		if !responses.ReadASN1(&single, cbasn1.SEQUENCE) || !single.ReadASN1(&cid, cbasn1.SEQUENCE) ||
			!cid.ReadASN1(&hashAlg, cbasn1.SEQUENCE) || !hashAlg.ReadASN1ObjectIdentifier(&hashOID) ||
			!cid.ReadASN1Bytes(&nameHash, cbasn1.OCTET_STRING) || !cid.ReadASN1Bytes(&keyHash, cbasn1.OCTET_STRING) ||
			!cid.ReadASN1Integer(serial) || !cid.Empty() {
			return nil, errMalformedOCSP
		}
		if !hashOID.Equal(oidSHA256) || !bytes.Equal(nameHash, id.nameHash) || !bytes.Equal(keyHash, id.keyHash) || serial.Cmp(id.serial) != 0 {
			continue
		}
		if found {
			return nil, errors.New("the answer speaks twice of the certificate")
		}
		found = true
		var tag cbasn1.Tag
		var st cryptobyte.String
		if !single.ReadAnyASN1(&st, &tag) {
			return nil, errMalformedOCSP
		}
		switch tag {
		case cbasn1.Tag(0).ContextSpecific():
			a.status = ocspGood
		case cbasn1.Tag(1).Constructed().ContextSpecific():
			a.status = ocspRevoked
		case cbasn1.Tag(2).ContextSpecific():
			a.status = ocspUnknown
		default:
			return nil, errMalformedOCSP
		}
		var next cryptobyte.String
		var hasNext bool
		if !single.ReadASN1GeneralizedTime(&a.thisUpdate) ||
			!single.ReadOptionalASN1(&next, &hasNext, cbasn1.Tag(0).Constructed().ContextSpecific()) ||
			(hasNext && (!next.ReadASN1GeneralizedTime(&a.nextUpdate) || !next.Empty())) ||
			!single.SkipOptionalASN1(cbasn1.Tag(1).Constructed().ContextSpecific()) || !single.Empty() {
			return nil, errMalformedOCSP
		}
	}
	if !found {
		return nil, errors.New("the answer does not speak of the certificate")
	}
	return a, nil
}
