package sim

import (
	"encoding/json"
	"reflect"
	"sort"
)

// The JSON bodies of the RP API v3, as the simulator reads and writes
// them. Field names follow SK's OpenAPI file exactly; a client decoding
// responses with these types ignores unknown fields, as SK requires.

// SessionRequest is the body of every session-creating POST and of
// POST signature/certificate/{documentNumber}. Which fields an endpoint
// allows and requires is checked separately (validate.go).
type SessionRequest struct {
	RelyingPartyUUID            string                       `json:"relyingPartyUUID"`
	RelyingPartyName            string                       `json:"relyingPartyName"`
	CertificateLevel            string                       `json:"certificateLevel,omitempty"`
	SignatureProtocol           string                       `json:"signatureProtocol,omitempty"`
	SignatureProtocolParameters *SignatureProtocolParameters `json:"signatureProtocolParameters,omitempty"`
	// Interactions is the Base64 of a minified JSON array of Interaction.
	Interactions       string             `json:"interactions,omitempty"`
	InitialCallbackURL string             `json:"initialCallbackUrl,omitempty"`
	LinkedSessionID    string             `json:"linkedSessionID,omitempty"`
	Nonce              *string            `json:"nonce,omitempty"`
	VCType             string             `json:"vcType,omitempty"`
	RequestProperties  *RequestProperties `json:"requestProperties,omitempty"`
	Capabilities       []string           `json:"capabilities,omitempty"`
}

// SignatureProtocolParameters carry the digest (signatures) or the
// rpChallenge (authentication) and the signature algorithm.
type SignatureProtocolParameters struct {
	Digest                       string                        `json:"digest,omitempty"`
	RPChallenge                  string                        `json:"rpChallenge,omitempty"`
	SignatureAlgorithm           string                        `json:"signatureAlgorithm,omitempty"`
	SignatureAlgorithmParameters *SignatureAlgorithmParameters `json:"signatureAlgorithmParameters,omitempty"`
}

// RequestProperties are optional request properties. Properties the
// service does not support are not an error: the session status lists
// them in ignoredProperties.
type RequestProperties struct {
	ShareMdClientIPAddress bool `json:"shareMdClientIpAddress"`
	// Ignored are the names of unsupported properties found in a request.
	Ignored []string `json:"-"`
}

// UnmarshalJSON reads the known property and collects the others.
func (p *RequestProperties) UnmarshalJSON(b []byte) error {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	*p = RequestProperties{}
	for k, v := range m {
		if k != "shareMdClientIpAddress" {
			p.Ignored = append(p.Ignored, k)
			continue
		}
		if err := json.Unmarshal(v, &p.ShareMdClientIPAddress); err != nil {
			return &json.UnmarshalTypeError{Value: "value", Type: reflect.TypeFor[bool](), Field: "requestProperties.shareMdClientIpAddress"}
		}
	}
	sort.Strings(p.Ignored)
	return nil
}

// Interaction is one entry of the interactions array.
type Interaction struct {
	Type           string `json:"type"`
	DisplayText60  string `json:"displayText60,omitempty"`
	DisplayText200 string `json:"displayText200,omitempty"`
}

// DeviceLinkResponse answers the device-link endpoints.
type DeviceLinkResponse struct {
	SessionID      string `json:"sessionID"`
	SessionToken   string `json:"sessionToken"`
	SessionSecret  string `json:"sessionSecret"`
	DeviceLinkBase string `json:"deviceLinkBase"`
}

// NotificationResponse answers the notification endpoints; VC is set for
// notification signatures only.
type NotificationResponse struct {
	SessionID string            `json:"sessionID"`
	VC        *VerificationCode `json:"vc,omitempty"`
}

// VerificationCode is the code a notification signature shows.
type VerificationCode struct {
	Type  string `json:"type"`
	Value string `json:"value"`
}

// CertificateResponse answers POST signature/certificate/{documentNumber}.
type CertificateResponse struct {
	State string       `json:"state"`
	Cert  *Certificate `json:"cert,omitempty"`
}

// Certificate is an end-entity certificate, Base64 DER, with its level.
type Certificate struct {
	Value            string `json:"value"`
	CertificateLevel string `json:"certificateLevel"`
}

// SessionStatus answers GET /v3/session/{sessionID}.
type SessionStatus struct {
	State               string            `json:"state"`
	Result              *SessionResult    `json:"result,omitempty"`
	SignatureProtocol   string            `json:"signatureProtocol,omitempty"`
	Signature           *SessionSignature `json:"signature,omitempty"`
	Cert                *Certificate      `json:"cert,omitempty"`
	InteractionTypeUsed string            `json:"interactionTypeUsed,omitempty"`
	DeviceIPAddress     string            `json:"deviceIpAddress,omitempty"`
	IgnoredProperties   []string          `json:"ignoredProperties,omitempty"`
}

// SessionResult is the outcome of a completed session.
type SessionResult struct {
	EndResult      string         `json:"endResult"`
	DocumentNumber string         `json:"documentNumber,omitempty"`
	Details        *ResultDetails `json:"details,omitempty"`
}

// ResultDetails names the refused interaction of USER_REFUSED_INTERACTION.
type ResultDetails struct {
	Interaction string `json:"interaction"`
}

// SessionSignature is the signature of a completed session; a
// certificate-choice session has only FlowType.
type SessionSignature struct {
	Value                        string                        `json:"value,omitempty"`
	FlowType                     string                        `json:"flowType"`
	SignatureAlgorithm           string                        `json:"signatureAlgorithm,omitempty"`
	SignatureAlgorithmParameters *SignatureAlgorithmParameters `json:"signatureAlgorithmParameters,omitempty"`
	// ServerRandom and UserChallenge are set for ACSP_V2.
	ServerRandom  string `json:"serverRandom,omitempty"`
	UserChallenge string `json:"userChallenge,omitempty"`
}

// SignatureAlgorithmParameters are the RSASSA-PSS parameters: in requests
// only HashAlgorithm; in responses all of them.
type SignatureAlgorithmParameters struct {
	HashAlgorithm    string            `json:"hashAlgorithm,omitempty"`
	MaskGenAlgorithm *MaskGenAlgorithm `json:"maskGenAlgorithm,omitempty"`
	SaltLength       int               `json:"saltLength,omitempty"`
	TrailerField     string            `json:"trailerField,omitempty"`
}

// MaskGenAlgorithm is MGF1 with its hash.
type MaskGenAlgorithm struct {
	Algorithm  string          `json:"algorithm"`
	Parameters *MaskGenHashAlg `json:"parameters,omitempty"`
}

// MaskGenHashAlg names MGF1's hash.
type MaskGenHashAlg struct {
	HashAlgorithm string `json:"hashAlgorithm"`
}

// Problem is an RFC 9457 problem body, as the RP API writes errors.
type Problem struct {
	Type     string         `json:"type"`
	Title    string         `json:"title"`
	Status   int            `json:"status"`
	Detail   string         `json:"detail,omitempty"`
	Instance string         `json:"instance,omitempty"`
	Errors   []ProblemError `json:"errors,omitempty"`
}

// ProblemError is one entry of Problem.Errors.
type ProblemError struct {
	Code      string `json:"code,omitempty"`
	Detail    string `json:"detail,omitempty"`
	ParamName string `json:"paramName,omitempty"`
	Pointer   string `json:"pointer,omitempty"`
}

// MockDeviceLinkRequest is the body of POST /mock/device-link: what SK's
// mock service takes to play a phone that scanned or opened a link.
type MockDeviceLinkRequest struct {
	DocumentNumber     string `json:"documentNumber"`
	DeviceLink         string `json:"deviceLink"`
	FlowType           string `json:"flowType"`
	BrowserCookie      string `json:"browserCookie,omitempty"`
	InitialCallbackURL string `json:"initialCallbackUrl,omitempty"`
}

// MockDeviceLinkResponse answers a same-device mock call with the URL the
// app would open (the callback plus sessionSecretDigest): the simulator
// cannot open it itself.
type MockDeviceLinkResponse struct {
	CallbackURL string `json:"callbackUrl,omitempty"`
}
