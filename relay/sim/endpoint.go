package sim

// sessionKind is what a session does.
type sessionKind int

const (
	kindCertificate sessionKind = iota // certificate choice
	kindSignature
	kindAuthentication
)

// sessionType is the kind's name in device links and authCodes.
func (k sessionKind) sessionType() string {
	switch k {
	case kindSignature:
		return "sign"
	case kindAuthentication:
		return "auth"
	}
	return "cert"
}

func (k sessionKind) String() string {
	switch k {
	case kindSignature:
		return "signature"
	case kindAuthentication:
		return "authentication"
	}
	return "certificate choice"
}

// flow is how the person is reached.
type flow int

const (
	flowSync       flow = iota // signature/certificate/{doc}: no session
	flowDeviceLink             // QR code, Web2App, App2App
	flowNotification
	flowLinked // notification linked to a device-link certificate choice
)

// target is how the person is named in the path.
type target int

const (
	targetAnonymous target = iota
	targetEtsi
	targetDocument
)

// endpoint is one POST route of the RP API v3.
type endpoint struct {
	kind   sessionKind
	flow   flow
	target target
}

// allowedFields are the top-level request fields an endpoint takes (SK's
// OpenAPI file), and required the ones it must have.
func (e endpoint) allowedFields() (allowed, required map[string]bool) {
	allowed = map[string]bool{"relyingPartyUUID": true, "relyingPartyName": true, "certificateLevel": true}
	required = map[string]bool{"relyingPartyUUID": true, "relyingPartyName": true}
	if e.flow == flowSync {
		return allowed, required
	}
	for _, f := range []string{"requestProperties", "capabilities"} {
		allowed[f] = true
	}
	if e.flow == flowDeviceLink {
		allowed["initialCallbackUrl"] = true
	}
	if e.kind != kindAuthentication {
		allowed["nonce"] = true // forbidden in authentication: rpChallenge makes it unique
	}
	if e.kind != kindCertificate {
		for _, f := range []string{"signatureProtocol", "signatureProtocolParameters", "interactions"} {
			allowed[f], required[f] = true, true
		}
	}
	if e.flow == flowLinked {
		allowed["linkedSessionID"], required["linkedSessionID"] = true, true
	}
	if e.kind == kindAuthentication && e.flow == flowNotification {
		allowed["vcType"], required["vcType"] = true, true
	}
	return allowed, required
}
