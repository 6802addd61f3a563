package sim

// Session end results of the RP API v3 (result.endResult).
const (
	ResultOK                      = "OK"
	ResultUserRefused             = "USER_REFUSED"
	ResultTimeout                 = "TIMEOUT"
	ResultDocumentUnusable        = "DOCUMENT_UNUSABLE"
	ResultWrongVC                 = "WRONG_VC"
	ResultInteractionNotSupported = "REQUIRED_INTERACTION_NOT_SUPPORTED_BY_APP"
	ResultUserRefusedCertChoice   = "USER_REFUSED_CERT_CHOICE"
	ResultUserRefusedInteraction  = "USER_REFUSED_INTERACTION"
	ResultProtocolFailure         = "PROTOCOL_FAILURE"
	ResultExpectedLinkedSession   = "EXPECTED_LINKED_SESSION"
	ResultServerError             = "SERVER_ERROR"
	ResultAccountUnusable         = "ACCOUNT_UNUSABLE"
)

// Interaction types.
const (
	InteractionDisplayTextAndPIN = "displayTextAndPIN"
	InteractionConfirmation      = "confirmationMessage"
	InteractionConfirmationVC    = "confirmationMessageAndVerificationCodeChoice"
	// InteractionVCChoice is not a v3 interaction; SK's demo names it for
	// the accounts that refuse the verification-code choice screen.
	InteractionVCChoice = "verificationCodeChoice"
)

// Flow types (signature.flowType).
const (
	FlowQR           = "QR"
	FlowApp2App      = "App2App"
	FlowWeb2App      = "Web2App"
	FlowNotification = "Notification"
)

// Certificate levels.
const (
	LevelAdvanced  = "ADVANCED"
	LevelQualified = "QUALIFIED"
	LevelQSCD      = "QSCD"
)

// Signature protocols.
const (
	ProtocolRawDigest = "RAW_DIGEST_SIGNATURE"
	ProtocolACSPv2    = "ACSP_V2"
)

// knownResult reports whether r is an endResult an account may be
// configured with.
func knownResult(r string) bool {
	switch r {
	case ResultOK, ResultUserRefused, ResultTimeout, ResultDocumentUnusable, ResultWrongVC,
		ResultInteractionNotSupported, ResultUserRefusedCertChoice, ResultUserRefusedInteraction,
		ResultProtocolFailure, ResultExpectedLinkedSession, ResultServerError, ResultAccountUnusable:
		return true
	}
	return false
}
