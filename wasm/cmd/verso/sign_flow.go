package main

import (
	"bytes"
	"context"
	"crypto/x509"
	"encoding/asn1"
	"encoding/base64"
	"errors"
	"fmt"
	"io"

	"github.com/verso-pdf/verso/wasm/cms"
	"github.com/verso-pdf/verso/wasm/sign"
)

// oidRSASSAPSS is the only algorithm the relay answers with (relay/API.md).
var oidRSASSAPSS = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 10}

// signed is the outcome of signFlow.
type signed struct {
	pdf     []byte
	summary string
	// notes are validation data that could not be had: the document is
	// signed at the level asked, with less evidence for a verifier.
	notes []string
}

// signFlow plays the sign page's part against the relay (ARCHITECTURE.md,
// "Data flow: signing"): certificate choice by notification, Prepare, the
// signature session, a timestamp (B-T), Finish, validation data (B-LT),
// a document timestamp (B-LTA). progress gets what a person must see:
// whom the phone asks and the verification code.
func signFlow(ctx context.Context, relay *relayClient, in []byte, a *signArgs, progress io.Writer) (*signed, error) {
	opts := sign.Options{Signers: a.signers}
	if !atLeast(a.level, levelT) {
		opts.TimestampReserve = -1
	}
	// Nobody's phone should ring for a document that cannot be signed.
	if err := sign.Check(in, a.marks, opts); err != nil {
		return nil, fmt.Errorf("%s cannot be signed: %w", a.in, err)
	}
	s, err := relay.startChoice(ctx, a.identity)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(progress, "verso sign: %s: choose the signing certificate in the Smart-ID app\n", a.identity)
	st, err := relay.wait(ctx, "certificate choice", s.Handle)
	if err != nil {
		return nil, err
	}
	c, err := st.chosen()
	if err != nil {
		return nil, err
	}

	p, err := sign.Prepare(in, c.cert, a.marks, opts)
	if err != nil {
		return nil, fmt.Errorf("preparing %s: %w", a.in, err)
	}
	sig, err := relay.startSignature(ctx, c.handle, p.SignedAttributes)
	if err != nil {
		return nil, err
	}
	if sig.VerificationCode != "" {
		fmt.Fprintf(progress, "verso sign: verification code %s: confirm with PIN2 only if the app shows the same code\n", sig.VerificationCode)
	}
	st, err = relay.wait(ctx, "signature", sig.Handle)
	if err != nil {
		return nil, err
	}
	value, alg, err := signatureOf(st)
	if err != nil {
		return nil, err
	}

	var token []byte
	if atLeast(a.level, levelT) {
		if token, err = timestamp(ctx, relay, "signature timestamp", sign.SignatureTimestampDigest(value, cms.SHA256), cms.SHA256); err != nil {
			return nil, err
		}
	}
	out, err := sign.Finish(p, value, alg, c.chain, token)
	if err != nil {
		return nil, err
	}
	res := &signed{}
	if atLeast(a.level, levelLT) {
		v, notes, err := validationData(ctx, relay, c, token)
		if err != nil {
			return nil, err
		}
		res.notes = notes
		if out, err = sign.AddDSS(out, *v); err != nil {
			return nil, fmt.Errorf("adding validation data: %w", err)
		}
	}
	if atLeast(a.level, levelLTA) {
		dt, err := sign.PrepareDocumentTimestamp(out, cms.SHA256, 0)
		if err != nil {
			return nil, fmt.Errorf("preparing the document timestamp: %w", err)
		}
		token, err := timestamp(ctx, relay, "document timestamp", dt.Digest, dt.Hash)
		if err != nil {
			return nil, err
		}
		if out, err = sign.FinishDocumentTimestamp(dt, token); err != nil {
			return nil, fmt.Errorf("document timestamp: %w", err)
		}
	}
	res.pdf = out
	who := p.Field
	if p.Letter != "" {
		who = "signature " + p.Letter
	}
	res.summary = fmt.Sprintf("%s by %s (%s), %s, level %s", who, c.cert.Subject.CommonName, c.cert.Subject.SerialNumber,
		p.Time.Format("2006-01-02 15:04:05 UTC"), a.level)
	return res, nil
}

// signatureOf reads the signature value and its RSASSA-PSS parameters.
func signatureOf(st *sessionState) ([]byte, cms.AlgorithmIdentifier, error) {
	const op = "signature"
	if st.Signature == nil {
		return nil, cms.AlgorithmIdentifier{}, errors.New(op + ": the relay returned no signature value")
	}
	if st.Signature.Algorithm != "rsassa-pss" {
		return nil, cms.AlgorithmIdentifier{}, fmt.Errorf("%s: the relay returned an unknown algorithm %q", op, st.Signature.Algorithm)
	}
	value, err := base64.StdEncoding.DecodeString(st.Signature.Value)
	if err != nil || len(value) == 0 {
		return nil, cms.AlgorithmIdentifier{}, errors.New(op + ": the signature value is not Base64")
	}
	params, err := base64.StdEncoding.DecodeString(st.Signature.Parameters)
	if err != nil || len(params) == 0 {
		return nil, cms.AlgorithmIdentifier{}, errors.New(op + ": the RSASSA-PSS parameters are not Base64")
	}
	// Finish checks the value against the certificate with these
	// parameters, so a wrong value or parameter set fails there.
	return value, cms.AlgorithmIdentifier{Algorithm: oidRSASSAPSS, Parameters: params}, nil
}

// timestamp asks the relay's TSA for a token over digest.
func timestamp(ctx context.Context, relay *relayClient, op string, digest []byte, h cms.Hash) ([]byte, error) {
	req, err := sign.TimestampRequest(digest, h)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	resp, err := relay.forward(ctx, op, "/api/v1/timestamp", "application/timestamp-query", req)
	if err != nil {
		return nil, err
	}
	token, err := sign.TimestampToken(resp, req)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	return token, nil
}

// validationData gathers what B-LT adds: the signer's chain, the TSA's
// certificates, and OCSP answers for each certificate whose issuer is
// known. The signer's own OCSP answer is required; for the others a
// refusal becomes a note, since the signature is complete without them.
func validationData(ctx context.Context, relay *relayClient, c *chosen, token []byte) (*sign.ValidationData, []string, error) {
	var v sign.ValidationData
	var notes []string
	certs := append([]*x509.Certificate{c.cert}, c.chain...)
	if token != nil {
		if ts, err := cms.ParseTimestampToken(token); err == nil {
			certs = append(certs, ts.SignedData.Certificates...)
		}
	}
	var seen [][]byte
	for _, cert := range certs {
		if containsBytes(seen, cert.Raw) {
			continue
		}
		seen = append(seen, cert.Raw)
		v.Certs = append(v.Certs, cert.Raw)
	}
	for i, cert := range certs {
		issuer := issuerOf(cert, certs)
		if issuer == nil {
			continue // a root
		}
		resp, err := ocspFor(ctx, relay, cert, issuer)
		if err != nil {
			if i == 0 {
				return nil, nil, err
			}
			notes = append(notes, fmt.Sprintf("no revocation data for %q: %v", cert.Subject.CommonName, err))
			continue
		}
		v.OCSPs = append(v.OCSPs, resp)
	}
	return &v, notes, nil
}

func ocspFor(ctx context.Context, relay *relayClient, cert, issuer *x509.Certificate) ([]byte, error) {
	req, err := sign.OCSPRequest(cert, issuer)
	if err != nil {
		return nil, err
	}
	resp, err := relay.forward(ctx, "OCSP", "/api/v1/ocsp", "application/ocsp-request", req)
	if err != nil {
		return nil, err
	}
	if err := sign.CheckOCSPResponse(resp, cert, issuer); err != nil {
		return nil, err
	}
	return resp, nil
}

// issuerOf finds the issuer of cert among certs; nil for a self-signed
// certificate or one whose issuer is not there.
func issuerOf(cert *x509.Certificate, certs []*x509.Certificate) *x509.Certificate {
	if bytes.Equal(cert.RawIssuer, cert.RawSubject) {
		return nil
	}
	for _, c := range certs {
		if bytes.Equal(c.RawSubject, cert.RawIssuer) && cert.CheckSignatureFrom(c) == nil {
			return c
		}
	}
	return nil
}

func containsBytes(list [][]byte, b []byte) bool {
	for _, x := range list {
		if bytes.Equal(x, b) {
			return true
		}
	}
	return false
}
