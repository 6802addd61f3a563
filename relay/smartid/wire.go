package smartid

// The JSON bodies of the RP API v3 that the client sends and reads. Field
// names are SK's; decoding ignores unknown fields, as SK requires.

type certificateChoiceRequest struct {
	RelyingPartyUUID   string `json:"relyingPartyUUID"`
	RelyingPartyName   string `json:"relyingPartyName"`
	CertificateLevel   string `json:"certificateLevel,omitempty"`
	InitialCallbackURL string `json:"initialCallbackUrl,omitempty"`
	Nonce              string `json:"nonce,omitempty"`
}

type signatureRequest struct {
	RelyingPartyUUID            string              `json:"relyingPartyUUID"`
	RelyingPartyName            string              `json:"relyingPartyName"`
	CertificateLevel            string              `json:"certificateLevel,omitempty"`
	SignatureProtocol           string              `json:"signatureProtocol"`
	SignatureProtocolParameters signatureParameters `json:"signatureProtocolParameters"`
	Interactions                string              `json:"interactions"`
	LinkedSessionID             string              `json:"linkedSessionID,omitempty"`
	Nonce                       string              `json:"nonce,omitempty"`
}

type signatureParameters struct {
	Digest                       string         `json:"digest"`
	SignatureAlgorithm           string         `json:"signatureAlgorithm"`
	SignatureAlgorithmParameters *hashParameter `json:"signatureAlgorithmParameters,omitempty"`
}

type hashParameter struct {
	HashAlgorithm string `json:"hashAlgorithm"`
}

type interaction struct {
	Type           string `json:"type"`
	DisplayText60  string `json:"displayText60,omitempty"`
	DisplayText200 string `json:"displayText200,omitempty"`
}

type deviceLinkResponse struct {
	SessionID      string `json:"sessionID"`
	SessionToken   string `json:"sessionToken"`
	SessionSecret  string `json:"sessionSecret"`
	DeviceLinkBase string `json:"deviceLinkBase"`
}

type notificationResponse struct {
	SessionID string `json:"sessionID"`
	VC        *struct {
		Type  string `json:"type"`
		Value string `json:"value"`
	} `json:"vc"`
}

type sessionStatus struct {
	State  string `json:"state"`
	Result *struct {
		EndResult      string `json:"endResult"`
		DocumentNumber string `json:"documentNumber"`
		Details        *struct {
			Interaction string `json:"interaction"`
		} `json:"details"`
	} `json:"result"`
	SignatureProtocol string `json:"signatureProtocol"`
	Signature         *struct {
		Value                        string `json:"value"`
		FlowType                     string `json:"flowType"`
		SignatureAlgorithm           string `json:"signatureAlgorithm"`
		SignatureAlgorithmParameters *struct {
			HashAlgorithm    string `json:"hashAlgorithm"`
			MaskGenAlgorithm *struct {
				Algorithm  string `json:"algorithm"`
				Parameters *struct {
					HashAlgorithm string `json:"hashAlgorithm"`
				} `json:"parameters"`
			} `json:"maskGenAlgorithm"`
			SaltLength   *int   `json:"saltLength"`
			TrailerField string `json:"trailerField"`
		} `json:"signatureAlgorithmParameters"`
	} `json:"signature"`
	Cert *struct {
		Value            string `json:"value"`
		CertificateLevel string `json:"certificateLevel"`
	} `json:"cert"`
	InteractionTypeUsed string `json:"interactionTypeUsed"`
}
