//go:build js && wasm

// The signing half of the JavaScript API, for the sign page's worker
// (www/src/signer.js). Only conversion between JavaScript values and
// package sign happens here. A prepared document stays in the wasm under
// an id between prepare and finish, so the page never holds two copies of
// a large PDF; what leaves for the relay are the signed attributes and
// RFC 3161 / OCSP requests, never the document.
//
// pdf is a Uint8Array or the address of a buffer (buffers.go).
//
//	versoWasm.sign.check(pdf, marks, options)        → null, or an Error saying why not
//	versoWasm.sign.prepare(pdf, certDER, marks, options)
//	    → {id, signedAttributes, hash, digest, letter, field, time}
//	versoWasm.sign.timestampRequest(id, signatureValue)
//	    → {digest, request}: POST request to /api/v1/timestamp (B-T)
//	versoWasm.sign.finish(id, signatureValue, algorithmOID, parametersDER, chain[], timestampResponse)
//	    → the signed PDF (Uint8Array); timestampResponse is the TSA's answer
//	      to the request above, or null for B-B
//	versoWasm.sign.ocspRequest(certDER, issuerDER)   → an OCSP request for /api/v1/ocsp
//	versoWasm.sign.checkOCSP(response, certDER, issuerDER) → null or an Error
//	versoWasm.sign.addDSS(pdf, certs[], ocsps[])     → the PDF with validation data (B-LT)
//	versoWasm.sign.prepareDocumentTimestamp(pdf)     → {id, digest, request} (B-LTA)
//	versoWasm.sign.finishDocumentTimestamp(id, timestampResponse) → the PDF
//	versoWasm.sign.release(id)                       → forgets a prepared document
//
// marks is an array of {page, x, y} (page from 1, points from the page's
// lower-left corner); options is {signers, level, hash} with level "B-B"
// to leave no room for a timestamp and hash "SHA-256" (default), "SHA-384"
// or "SHA-512". Every function returns an Error instead of throwing.
package main

import (
	"crypto/rand"
	"crypto/x509"
	"encoding/asn1"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"sync"
	"syscall/js"
	"time"

	"github.com/verso-pdf/verso/wasm/cms"
	"github.com/verso-pdf/verso/wasm/sign"
)

// maxPending bounds the prepared documents kept between calls; each holds
// a copy of its PDF. The oldest goes first: a page that starts over need
// not release.
const maxPending = 4

// pending is one prepared document: a signature or a document timestamp.
type pending struct {
	id        string
	sig       *sign.Prepared
	doc       *sign.PreparedTimestamp
	tsRequest []byte // the TimeStampReq given out for it
}

var (
	pendingMu sync.Mutex
	pendings  []*pending
)

func keep(p *pending) (string, error) {
	b := make([]byte, 12)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	p.id = hex.EncodeToString(b)
	pendingMu.Lock()
	defer pendingMu.Unlock()
	if len(pendings) >= maxPending {
		pendings = pendings[1:]
	}
	pendings = append(pendings, p)
	return p.id, nil
}

func lookup(id js.Value) (*pending, error) {
	if id.Type() != js.TypeString {
		return nil, errors.New("expects the id that prepare returned")
	}
	pendingMu.Lock()
	defer pendingMu.Unlock()
	for _, p := range pendings {
		if p.id == id.String() {
			return p, nil
		}
	}
	return nil, errors.New("no prepared document has this id (finished, released, or forgotten after newer ones): prepare again")
}

// jsCall wraps an API function: a panic or an error becomes an Error
// value, so that a bug never ends the Go program and every later call.
func jsCall(name string, fn func(args []js.Value) (any, error)) js.Func {
	return js.FuncOf(func(_ js.Value, args []js.Value) (result any) {
		defer func() {
			if r := recover(); r != nil {
				result = jsError(fmt.Sprintf("%s failed: %v", name, r))
			}
		}()
		out, err := fn(args)
		if err != nil {
			return jsError(name + ": " + err.Error())
		}
		return out
	})
}

// signAPI is what wasm/main.go publishes for signing.
func signAPI() map[string]any {
	return map[string]any{
		"check":                    jsCall("check", signCheck),
		"prepare":                  jsCall("prepare", signPrepare),
		"timestampRequest":         jsCall("timestampRequest", signTimestampRequest),
		"finish":                   jsCall("finish", signFinish),
		"ocspRequest":              jsCall("ocspRequest", signOCSPRequest),
		"checkOCSP":                jsCall("checkOCSP", signCheckOCSP),
		"addDSS":                   jsCall("addDSS", signAddDSS),
		"prepareDocumentTimestamp": jsCall("prepareDocumentTimestamp", signPrepareDocumentTimestamp),
		"finishDocumentTimestamp":  jsCall("finishDocumentTimestamp", signFinishDocumentTimestamp),
		"release":                  jsCall("release", signRelease),
	}
}

func arg(args []js.Value, i int) js.Value {
	if i < len(args) {
		return args[i]
	}
	return js.Undefined()
}

func isBytes(v js.Value) bool { return v.InstanceOf(js.Global().Get("Uint8Array")) }

func bytesArg(args []js.Value, i int, what string) ([]byte, error) {
	v := arg(args, i)
	if !isBytes(v) {
		return nil, fmt.Errorf("argument %d (%s) must be a Uint8Array", i+1, what)
	}
	return bytesOf(v), nil
}

// pdfArg is a document: a Uint8Array (copied) or the address of a buffer
// the worker read the File into (buffers.go).
func pdfArg(args []js.Value, i int) ([]byte, error) {
	if data, ok := inputBytes(arg(args, i)); ok {
		return data, nil
	}
	return nil, fmt.Errorf("argument %d (the PDF) must be a Uint8Array or a buffer", i+1)
}

// optionalBytes is nil for null or undefined.
func optionalBytes(args []js.Value, i int, what string) ([]byte, error) {
	if v := arg(args, i); v.IsNull() || v.IsUndefined() {
		return nil, nil
	}
	return bytesArg(args, i, what)
}

func certArg(args []js.Value, i int, what string) (*x509.Certificate, error) {
	der, err := bytesArg(args, i, what)
	if err != nil {
		return nil, err
	}
	c, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	return c, nil
}

// bytesList reads an array of Uint8Array, at most limit of them.
func bytesList(args []js.Value, i int, what string, limit int) ([][]byte, error) {
	v := arg(args, i)
	if v.IsNull() || v.IsUndefined() {
		return nil, nil
	}
	if !js.Global().Get("Array").Call("isArray", v).Bool() {
		return nil, fmt.Errorf("argument %d (%s) must be an array of Uint8Array", i+1, what)
	}
	n := v.Length()
	if n > limit {
		return nil, fmt.Errorf("%s: %d items, at most %d", what, n, limit)
	}
	out := make([][]byte, n)
	for k := range n {
		if !isBytes(v.Index(k)) {
			return nil, fmt.Errorf("%s[%d] must be a Uint8Array", what, k)
		}
		out[k] = bytesOf(v.Index(k))
	}
	return out, nil
}

func marksArg(args []js.Value, i int) ([]sign.Mark, error) {
	v := arg(args, i)
	if v.IsNull() || v.IsUndefined() {
		return nil, nil
	}
	if !js.Global().Get("Array").Call("isArray", v).Bool() {
		return nil, errors.New("marks must be an array of {page, x, y}")
	}
	if v.Length() > sign.MaxMarks {
		return nil, fmt.Errorf("%d marks, at most %d", v.Length(), sign.MaxMarks)
	}
	var out []sign.Mark
	for k := range v.Length() {
		m := v.Index(k)
		if m.Type() != js.TypeObject || m.Get("page").Type() != js.TypeNumber || m.Get("x").Type() != js.TypeNumber || m.Get("y").Type() != js.TypeNumber {
			return nil, fmt.Errorf("mark %d must be {page, x, y} with numbers", k+1)
		}
		page := m.Get("page").Float()
		if page != math.Trunc(page) || page < 1 || page > math.MaxInt32 {
			return nil, fmt.Errorf("mark %d: the page must be a whole number from 1", k+1)
		}
		out = append(out, sign.Mark{Page: int(page), X: m.Get("x").Float(), Y: m.Get("y").Float()})
	}
	return out, nil
}

var hashesByName = map[string]cms.Hash{"SHA-256": cms.SHA256, "SHA-384": cms.SHA384, "SHA-512": cms.SHA512}

func optionsArg(args []js.Value, i int) (sign.Options, error) {
	var o sign.Options
	v := arg(args, i)
	if v.IsNull() || v.IsUndefined() {
		return o, nil
	}
	if v.Type() != js.TypeObject {
		return o, errors.New("options must be an object")
	}
	if s := v.Get("signers"); s.Type() == js.TypeNumber {
		o.Signers = s.Int()
	}
	if h := v.Get("hash"); h.Type() == js.TypeString {
		var ok bool
		if o.Hash, ok = hashesByName[h.String()]; !ok {
			return o, fmt.Errorf("hash %q: use SHA-256, SHA-384 or SHA-512", h.String())
		}
	}
	if l := v.Get("level"); l.Type() == js.TypeString && l.String() == "B-B" {
		o.TimestampReserve = -1
	}
	return o, nil
}

func toJS(b []byte) js.Value {
	out := js.Global().Get("Uint8Array").New(len(b))
	js.CopyBytesToJS(out, b)
	return out
}

func signCheck(args []js.Value) (any, error) {
	data, err := pdfArg(args, 0)
	if err != nil {
		return nil, err
	}
	marks, err := marksArg(args, 1)
	if err != nil {
		return nil, err
	}
	opts, err := optionsArg(args, 2)
	if err != nil {
		return nil, err
	}
	if err := sign.Check(data, marks, opts); err != nil {
		return nil, err
	}
	return js.Null(), nil
}

func signPrepare(args []js.Value) (any, error) {
	data, err := pdfArg(args, 0)
	if err != nil {
		return nil, err
	}
	cert, err := certArg(args, 1, "the signer's certificate")
	if err != nil {
		return nil, err
	}
	marks, err := marksArg(args, 2)
	if err != nil {
		return nil, err
	}
	opts, err := optionsArg(args, 3)
	if err != nil {
		return nil, err
	}
	p, err := sign.Prepare(data, cert, marks, opts)
	if err != nil {
		return nil, err
	}
	id, err := keep(&pending{sig: p})
	if err != nil {
		return nil, err
	}
	return map[string]any{
		"id": id, "signedAttributes": toJS(p.SignedAttributes), "hash": p.Hash.String(), "digest": toJS(p.Digest),
		"letter": p.Letter, "field": p.Field, "time": p.Time.Format(time.RFC3339),
	}, nil
}

func signTimestampRequest(args []js.Value) (any, error) {
	p, err := lookup(arg(args, 0))
	if err != nil {
		return nil, err
	}
	if p.sig == nil {
		return nil, errors.New("this id is a document timestamp, which has its request already")
	}
	value, err := bytesArg(args, 1, "the signature value")
	if err != nil {
		return nil, err
	}
	digest := sign.SignatureTimestampDigest(value, cms.SHA256)
	req, err := sign.TimestampRequest(digest, cms.SHA256)
	if err != nil {
		return nil, err
	}
	p.tsRequest = req
	return map[string]any{"digest": toJS(digest), "request": toJS(req)}, nil
}

func signFinish(args []js.Value) (any, error) {
	p, err := lookup(arg(args, 0))
	if err != nil {
		return nil, err
	}
	if p.sig == nil {
		return nil, errors.New("this id is a document timestamp: use finishDocumentTimestamp")
	}
	value, err := bytesArg(args, 1, "the signature value")
	if err != nil {
		return nil, err
	}
	oidArg := arg(args, 2)
	if oidArg.Type() != js.TypeString {
		return nil, errors.New("argument 3 (the algorithm) must be an OID such as \"1.2.840.113549.1.1.10\"")
	}
	oid, err := parseOID(oidArg.String())
	if err != nil {
		return nil, err
	}
	params, err := optionalBytes(args, 3, "the algorithm parameters")
	if err != nil {
		return nil, err
	}
	chainDER, err := bytesList(args, 4, "the chain", 10)
	if err != nil {
		return nil, err
	}
	var chain []*x509.Certificate
	for k, der := range chainDER {
		c, err := x509.ParseCertificate(der)
		if err != nil {
			return nil, fmt.Errorf("chain certificate %d: %w", k+1, err)
		}
		chain = append(chain, c)
	}
	resp, err := optionalBytes(args, 5, "the timestamp response")
	if err != nil {
		return nil, err
	}
	var token []byte
	if resp != nil {
		if p.tsRequest == nil {
			return nil, errors.New("a timestamp response without a request: call timestampRequest first")
		}
		if token, err = sign.TimestampToken(resp, p.tsRequest); err != nil {
			return nil, err
		}
	}
	out, err := sign.Finish(p.sig, value, cms.AlgorithmIdentifier{Algorithm: oid, Parameters: params}, chain, token)
	if err != nil {
		return nil, err
	}
	release(p.id)
	return toJS(out), nil
}

func parseOID(s string) (asn1.ObjectIdentifier, error) {
	var oid asn1.ObjectIdentifier
	var n int
	digits := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == '.' {
			if digits == 0 || len(oid) >= 20 {
				return nil, fmt.Errorf("%q is not an OID", s)
			}
			oid = append(oid, n)
			n, digits = 0, 0
			continue
		}
		if s[i] < '0' || s[i] > '9' || n > (math.MaxInt32-9)/10 {
			return nil, fmt.Errorf("%q is not an OID", s)
		}
		n = n*10 + int(s[i]-'0')
		digits++
	}
	if len(oid) < 2 {
		return nil, fmt.Errorf("%q is not an OID", s)
	}
	return oid, nil
}

func signOCSPRequest(args []js.Value) (any, error) {
	cert, err := certArg(args, 0, "the certificate")
	if err != nil {
		return nil, err
	}
	issuer, err := certArg(args, 1, "its issuer")
	if err != nil {
		return nil, err
	}
	req, err := sign.OCSPRequest(cert, issuer)
	if err != nil {
		return nil, err
	}
	return toJS(req), nil
}

func signCheckOCSP(args []js.Value) (any, error) {
	resp, err := bytesArg(args, 0, "the OCSP response")
	if err != nil {
		return nil, err
	}
	cert, err := certArg(args, 1, "the certificate")
	if err != nil {
		return nil, err
	}
	issuer, err := certArg(args, 2, "its issuer")
	if err != nil {
		return nil, err
	}
	if err := sign.CheckOCSPResponse(resp, cert, issuer); err != nil {
		return nil, err
	}
	return js.Null(), nil
}

func signAddDSS(args []js.Value) (any, error) {
	data, err := pdfArg(args, 0)
	if err != nil {
		return nil, err
	}
	var v sign.ValidationData
	if v.Certs, err = bytesList(args, 1, "certs", sign.MaxValidationItems); err != nil {
		return nil, err
	}
	if v.OCSPs, err = bytesList(args, 2, "ocsps", sign.MaxValidationItems); err != nil {
		return nil, err
	}
	out, err := sign.AddDSS(data, v)
	if err != nil {
		return nil, err
	}
	return toJS(out), nil
}

func signPrepareDocumentTimestamp(args []js.Value) (any, error) {
	data, err := pdfArg(args, 0)
	if err != nil {
		return nil, err
	}
	p, err := sign.PrepareDocumentTimestamp(data, cms.SHA256, 0)
	if err != nil {
		return nil, err
	}
	req, err := sign.TimestampRequest(p.Digest, p.Hash)
	if err != nil {
		return nil, err
	}
	id, err := keep(&pending{doc: p, tsRequest: req})
	if err != nil {
		return nil, err
	}
	return map[string]any{"id": id, "digest": toJS(p.Digest), "request": toJS(req)}, nil
}

func signFinishDocumentTimestamp(args []js.Value) (any, error) {
	p, err := lookup(arg(args, 0))
	if err != nil {
		return nil, err
	}
	if p.doc == nil {
		return nil, errors.New("this id is a signature: use finish")
	}
	resp, err := bytesArg(args, 1, "the timestamp response")
	if err != nil {
		return nil, err
	}
	token, err := sign.TimestampToken(resp, p.tsRequest)
	if err != nil {
		return nil, err
	}
	out, err := sign.FinishDocumentTimestamp(p.doc, token)
	if err != nil {
		return nil, err
	}
	release(p.id)
	return toJS(out), nil
}

func signRelease(args []js.Value) (any, error) {
	if id := arg(args, 0); id.Type() == js.TypeString {
		release(id.String())
	}
	return js.Null(), nil
}

func release(id string) {
	pendingMu.Lock()
	defer pendingMu.Unlock()
	for i, p := range pendings {
		if p.id == id {
			pendings = append(pendings[:i], pendings[i+1:]...)
			return
		}
	}
}
