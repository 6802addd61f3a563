// Package trust decides whether a signer certificate is trusted, qualified
// and not revoked, from the evidence a signed PDF carries: the certificates
// of the CMS, of its timestamp tokens and of the DSS, and the OCSP responses
// and CRLs embedded with them.
//
// Call [Evaluate] with an [Input] and [Options]. It builds a chain to an
// anchor — the SK ID Solutions production CAs embedded in anchors/, the CA
// and TSA services of an EU trusted-list [Bundle], or test anchors when
// Options.Test is on — checks every certificate on the path at the best
// proven time (a valid timestamp's genTime, else the current time, and the
// [Result] says which), reads the QC statements and policies of the signer
// certificate, verifies the revocation data, and gives one qualified label
// per signature in the spirit of EU DSS: QES, ADES_QC, ADES, NONE or
// INDETERMINATE, with the reason.
//
// The package never does I/O and never panics on hostile input: revocation
// data, certificates and bundles are bytes handed in, and every size they
// control has a limit (limits.go). It never changes whether a signature is
// intact; that is package cms's answer.
package trust
