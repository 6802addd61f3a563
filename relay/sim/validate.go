package sim

import (
	"bytes"
	"crypto"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// request is a session request that passed validation.
type request struct {
	SessionRequest
	level        string // certificateLevel, QUALIFIED when absent
	hashName     string // hashAlgorithm, also implied by PKCS#1 names
	hash         crypto.Hash
	algorithm    string // signatureAlgorithm
	digest       []byte // digest or rpChallenge, decoded
	interactions []Interaction
}

var (
	uuidPattern = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
	// callbackPattern is SK's: https, no fragment, no raw vertical bar.
	callbackPattern = regexp.MustCompile(`^https://([^|#]+)$`)
)

const maxCallbackURL = 1800

// parseRequest decodes and validates a session request body for e. A
// non-empty problem list means 400; the request is then nil.
func parseRequest(body []byte, e endpoint, strict bool) (*request, []ProblemError) {
	var keys map[string]json.RawMessage
	if err := json.Unmarshal(body, &keys); err != nil || keys == nil {
		return nil, []ProblemError{{Detail: "the body is not a JSON object", Pointer: ""}}
	}
	var probs []ProblemError
	fail := func(param, format string, a ...any) {
		probs = append(probs, ProblemError{
			Detail:    fmt.Sprintf(format, a...),
			ParamName: param,
			Pointer:   "/" + strings.ReplaceAll(param, ".", "/"),
		})
	}
	allowed, required := e.allowedFields()
	for k := range keys {
		if !allowed[k] && (strict || isKnownField(k)) {
			fail(k, "%s is not allowed here", k)
		}
	}
	for k := range required {
		if _, ok := keys[k]; !ok {
			fail(k, "%s is required", k)
		}
	}
	// Nested objects must use exact field names too: encoding/json would
	// otherwise match them case-insensitively.
	checkNested(keys, "signatureProtocolParameters", e, fail)
	if len(probs) > 0 {
		return nil, probs
	}
	r := &request{}
	d := json.NewDecoder(bytes.NewReader(body))
	if strict {
		d.DisallowUnknownFields()
	}
	if err := d.Decode(&r.SessionRequest); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			fail(te.Field, "%s must be a JSON %s", te.Field, jsonKind(te.Type.Kind().String()))
		} else {
			fail("", "the body does not fit the request: %v", err)
		}
		return nil, probs
	}
	validateFields(r, e, keys, fail)
	if len(probs) > 0 {
		return nil, probs
	}
	return r, nil
}

// isKnownField reports whether a top-level field exists in some request:
// lenient mode ignores only fields no endpoint knows.
func isKnownField(k string) bool {
	all, _ := endpoint{kind: kindAuthentication, flow: flowNotification}.allowedFields()
	sign, _ := endpoint{kind: kindSignature, flow: flowLinked}.allowedFields()
	dl, _ := endpoint{kind: kindSignature, flow: flowDeviceLink}.allowedFields()
	return all[k] || sign[k] || dl[k]
}

func jsonKind(k string) string {
	switch k {
	case "string":
		return "string"
	case "bool":
		return "boolean"
	case "slice":
		return "array"
	case "struct", "map", "ptr":
		return "object"
	}
	return "value of another type"
}

func checkNested(keys map[string]json.RawMessage, name string, e endpoint, fail func(string, string, ...any)) {
	raw, ok := keys[name]
	if !ok {
		return
	}
	var inner map[string]json.RawMessage
	if json.Unmarshal(raw, &inner) != nil {
		return // the typed decode reports it
	}
	allowed := map[string]bool{"signatureAlgorithm": true, "signatureAlgorithmParameters": true}
	if e.kind == kindAuthentication {
		allowed["rpChallenge"] = true
	} else {
		allowed["digest"] = true
	}
	for k := range inner {
		if !allowed[k] {
			fail(name+"."+k, "%s.%s is not allowed here", name, k)
		}
	}
	if raw, ok := inner["signatureAlgorithmParameters"]; ok {
		var p map[string]json.RawMessage
		if json.Unmarshal(raw, &p) == nil {
			for k := range p {
				if k != "hashAlgorithm" {
					fail(name+".signatureAlgorithmParameters."+k, "signatureAlgorithmParameters.%s is not allowed here", k)
				}
			}
		}
	}
}

// validateFields checks the values.
func validateFields(r *request, e endpoint, keys map[string]json.RawMessage, fail func(string, string, ...any)) {
	if !uuidPattern.MatchString(r.RelyingPartyUUID) {
		fail("relyingPartyUUID", "relyingPartyUUID must be a UUID")
	}
	if strings.TrimSpace(r.RelyingPartyName) == "" {
		fail("relyingPartyName", "relyingPartyName must not be empty")
	}
	r.level = r.CertificateLevel
	switch {
	case r.level == "":
		r.level = LevelQualified
	case r.level == LevelAdvanced || r.level == LevelQualified:
	case r.level == LevelQSCD && e.kind != kindAuthentication:
	default:
		fail("certificateLevel", "certificateLevel %q is not one of the levels this request takes", r.level)
	}
	if _, ok := keys["nonce"]; ok {
		if r.Nonce == nil || utf8.RuneCountInString(*r.Nonce) < 1 || utf8.RuneCountInString(*r.Nonce) > 30 {
			fail("nonce", "nonce must be 1 to 30 characters")
		}
	}
	if _, ok := keys["initialCallbackUrl"]; ok {
		u := r.InitialCallbackURL
		if len(u) > maxCallbackURL || !callbackPattern.MatchString(u) {
			fail("initialCallbackUrl", "initialCallbackUrl must be an https URL of at most %d characters without # or a raw |", maxCallbackURL)
		}
	}
	if e.flow == flowLinked && !uuidPattern.MatchString(r.LinkedSessionID) {
		fail("linkedSessionID", "linkedSessionID must be the sessionID of a device-link certificate choice")
	}
	if e.kind == kindAuthentication && e.flow == flowNotification && r.VCType != "numeric4" {
		fail("vcType", "vcType must be numeric4")
	}
	for i, c := range r.Capabilities {
		if c == "" {
			fail(fmt.Sprintf("capabilities.%d", i), "capabilities must not hold empty strings")
		}
	}
	if e.kind == kindCertificate || e.flow == flowSync {
		return
	}
	validateProtocol(r, e, fail)
	if r.Interactions == "" {
		fail("interactions", "interactions is required")
	} else if in, err := parseInteractions(r.Interactions, e.flow); err != nil {
		fail("interactions", "interactions: %v", err)
	} else {
		r.interactions = in
	}
}

// validateProtocol checks signatureProtocol and its parameters.
func validateProtocol(r *request, e endpoint, fail func(string, string, ...any)) {
	wantProtocol, valueName := ProtocolRawDigest, "digest"
	if e.kind == kindAuthentication {
		wantProtocol, valueName = ProtocolACSPv2, "rpChallenge"
	}
	if r.SignatureProtocol != wantProtocol {
		fail("signatureProtocol", "signatureProtocol must be %s", wantProtocol)
	}
	p := r.SignatureProtocolParameters
	if p == nil {
		fail("signatureProtocolParameters", "signatureProtocolParameters is required")
		return
	}
	r.algorithm = p.SignatureAlgorithm
	var hashName string
	if p.SignatureAlgorithmParameters != nil {
		hashName = p.SignatureAlgorithmParameters.HashAlgorithm
	}
	switch implied, pkcs1 := pkcs1Algorithms[r.algorithm]; {
	case r.algorithm == algRSASSAPSS:
		if hashName == "" {
			fail("signatureProtocolParameters.signatureAlgorithmParameters.hashAlgorithm", "hashAlgorithm is required with rsassa-pss")
			return
		}
	case pkcs1:
		if hashName != "" && hashName != implied {
			fail("signatureProtocolParameters.signatureAlgorithmParameters.hashAlgorithm", "%s uses %s, not %s", r.algorithm, implied, hashName)
			return
		}
		hashName = implied
	default:
		fail("signatureProtocolParameters.signatureAlgorithm", "signatureAlgorithm must be rsassa-pss, sha256WithRSAEncryption, sha384WithRSAEncryption or sha512WithRSAEncryption")
		return
	}
	h, ok := hashAlgorithms[hashName]
	if !ok {
		fail("signatureProtocolParameters.signatureAlgorithmParameters.hashAlgorithm", "hashAlgorithm must be one of SHA-256, SHA-384, SHA-512, SHA3-256, SHA3-384, SHA3-512")
		return
	}
	r.hashName, r.hash = hashName, h
	value := p.Digest
	if e.kind == kindAuthentication {
		value = p.RPChallenge
	}
	param := "signatureProtocolParameters." + valueName
	b, err := base64.StdEncoding.Strict().DecodeString(value)
	switch {
	case err != nil || len(value) < 44 || len(value) > 88:
		fail(param, "%s must be Base64 of 32 to 64 bytes (44 to 88 characters)", valueName)
	case len(b) < 32 || len(b) > 64:
		fail(param, "%s must be 32 to 64 bytes", valueName)
	case e.kind == kindSignature && len(b) != h.Size():
		fail(param, "digest is %d bytes, but a %s digest is %d", len(b), hashName, h.Size())
	default:
		r.digest = b
	}
}
