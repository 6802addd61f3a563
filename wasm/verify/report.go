package verify

// SchemaVersion names the Report layout. It changes only when a field changes
// meaning or disappears; new fields may be added within a version.
const SchemaVersion = "verso.report/v1"

// Verdict is the one-word answer for a whole document.
type Verdict string

// The verdicts of ARCHITECTURE.md ("Contracts").
const (
	VerdictValid        Verdict = "VALID"
	VerdictModified     Verdict = "MODIFIED"
	VerdictInvalid      Verdict = "INVALID"
	VerdictNoSignatures Verdict = "NO_SIGNATURES"
	VerdictError        Verdict = "ERROR"
)

// Status is the outcome of one piece of evidence.
type Status string

// Evidence outcomes. NOT_CHECKED marks evidence a later stage fills in.
const (
	StatusPassed     Status = "PASSED"
	StatusFailed     Status = "FAILED"
	StatusWarning    Status = "WARNING"
	StatusNotPresent Status = "NOT_PRESENT"
	StatusNotChecked Status = "NOT_CHECKED"
)

// Report is what verso says about one PDF. It crosses the wasm boundary as
// JSON, is printed by `verso verify --json`, and is emitted by the widget.
type Report struct {
	Schema     string      `json:"schema"`
	Verdict    Verdict     `json:"verdict"`
	Summary    string      `json:"summary"`
	Error      string      `json:"error,omitempty"`
	Tool       string      `json:"tool"`
	File       FileInfo    `json:"file"`
	Signatures []Signature `json:"signatures"`
	// References map the letters of a signatures page to signatures and
	// to the marks that point to them ("see last page (A)").
	References []Reference `json:"references,omitempty"`
}

// FileInfo describes the document as a whole.
type FileInfo struct {
	Size      int64 `json:"size"`
	Revisions int   `json:"revisions"`
	Encrypted bool  `json:"encrypted,omitempty"`
}

// Signature is the evidence for one signature or document timestamp, kept
// apart by concern so that each has its own status and reason.
type Signature struct {
	Index     int       `json:"index"`
	Kind      string    `json:"kind"` // "signature" or "document-timestamp"
	Field     string    `json:"field"`
	Filter    string    `json:"filter,omitempty"`
	SubFilter string    `json:"subFilter"`
	Page      int       `json:"page,omitempty"` // 1-based; 0 when the widget is on no page
	Rect      []float64 `json:"rect,omitempty"`
	Revision  Revision  `json:"revision"`
	// Certification is the DocMDP level (1-3) when this is a certification signature.
	Certification int `json:"certification,omitempty"`

	Status        Status        `json:"status"` // PASSED when intact, else FAILED
	Integrity     Integrity     `json:"integrity"`
	Signer        *Signer       `json:"signer,omitempty"`
	Time          Time          `json:"time"`
	Trust         Trust         `json:"trust"`
	Modifications Modifications `json:"modifications"`
	References    Placeholder   `json:"references"`
	// Letter is the signature's reference on the signatures page ("A").
	Letter string `json:"letter,omitempty"`

	// replacedDictionary is set when the field's signature dictionary is a
	// later copy; the change analysis reports it.
	replacedDictionary string
}

// Revision is the part of the file that a signature signs.
type Revision struct {
	Index     int   `json:"index"`  // 0-based among the file's revisions
	Length    int64 `json:"length"` // bytes from the start of the file
	WholeFile bool  `json:"wholeFile"`
}

// Integrity says whether the signed bytes are exactly what was signed.
type Integrity struct {
	Status             Status   `json:"status"`
	Reason             string   `json:"reason,omitempty"`
	ByteRange          []int64  `json:"byteRange"`
	DigestAlgorithm    string   `json:"digestAlgorithm,omitempty"`
	SignatureAlgorithm string   `json:"signatureAlgorithm,omitempty"`
	Warnings           []string `json:"warnings,omitempty"`
}

// Signer is who signed, as the certificate states it: never /Name.
type Signer struct {
	CommonName      string `json:"commonName,omitempty"`
	GivenName       string `json:"givenName,omitempty"`
	Surname         string `json:"surname,omitempty"`
	SerialNumber    string `json:"serialNumber,omitempty"`
	IdentityType    string `json:"identityType,omitempty"` // PNO, PAS, IDC, TIN… (ETSI EN 319 412-1)
	IdentityCountry string `json:"identityCountry,omitempty"`
	IdentityNumber  string `json:"identityNumber,omitempty"`
	Organization    string `json:"organization,omitempty"`
	Country         string `json:"country,omitempty"`
	Email           string `json:"email,omitempty"`
	Subject         string `json:"subject"`
	Issuer          string `json:"issuer"`
	CertSerial      string `json:"certificateSerial"`
	NotBefore       string `json:"notBefore"`
	NotAfter        string `json:"notAfter"`
	KeyType         string `json:"keyType"`
	KeySize         int    `json:"keySize,omitempty"`
	CertSHA256      string `json:"certificateSHA256"`
}

// Time gathers what the document claims and what a timestamp proves.
type Time struct {
	ClaimedM    string     `json:"claimedM,omitempty"`    // /M of the signature dictionary, as RFC 3339
	SigningTime string     `json:"signingTime,omitempty"` // signing-time signed attribute
	Timestamp   *Timestamp `json:"timestamp,omitempty"`   // RFC 3161 signature timestamp
	ProvenTime  string     `json:"provenTime,omitempty"`  // genTime of a valid timestamp
}

// Timestamp is an RFC 3161 token: embedded in a signature, or the document
// timestamp itself.
type Timestamp struct {
	Status          Status  `json:"status"`
	Reason          string  `json:"reason,omitempty"`
	Authority       string  `json:"authority,omitempty"`
	GenTime         string  `json:"genTime,omitempty"`
	AccuracySeconds float64 `json:"accuracySeconds,omitempty"`
	DigestAlgorithm string  `json:"digestAlgorithm,omitempty"`
	SerialNumber    string  `json:"serialNumber,omitempty"`
	Policy          string  `json:"policy,omitempty"`
}

// Modifications says what changed after the signature: NONE, PERMITTED
// (every change is one the signature allows: further signatures, DSS,
// document timestamps, form filling and annotations as its certification
// level says), DISALLOWED, or NOT_CHECKED when the signature signs no
// revision of the file.
type Modifications struct {
	Status  Status   `json:"status"`
	Reason  string   `json:"reason,omitempty"`
	Changes []Change `json:"changes,omitempty"`
	// Warnings list what deserves a look without being a verdict: added
	// annotations that overlap others or are hidden or full-page, and
	// shadow indicators in the signed revision.
	Warnings []string `json:"warnings,omitempty"`
}

// Modification outcomes.
const (
	ModificationsNone       Status = "NONE"
	ModificationsPermitted  Status = "PERMITTED"
	ModificationsDisallowed Status = "DISALLOWED"
)

// Change is one classified change made by a later revision.
type Change struct {
	Revision  int    `json:"revision"`
	Kind      string `json:"kind"` // signature, signature-field, dss, document-timestamp, form-fill, annotation, metadata, structure, version, other
	Permitted bool   `json:"permitted"`
	Objects   []int  `json:"objects,omitempty"` // object numbers concerned
	Page      int    `json:"page,omitempty"`    // 1-based page of the first object on a page
	Detail    string `json:"detail,omitempty"`
}

// Placeholder is evidence a later stage of the pipeline fills in.
type Placeholder struct {
	Status Status `json:"status"`
	Reason string `json:"reason,omitempty"`
}
