// Package cms parses and verifies the CMS SignedData (RFC 5652) structures
// that PDF signatures carry, and RFC 3161 timestamp tokens.
//
// Call [Parse] on the bytes of a signature's /Contents, then
// [SignedData.Verify] with a [DigestFunc] that hashes the signed ByteRange
// ([DigestOf] does that for bytes in memory, once per algorithm). A
// document timestamp (SubFilter ETSI.RFC3161) is read with
// [ParseTimestampToken]; [Timestamp.Verify] checks the token's own
// signature and [Timestamp.CheckImprintWith] its imprint over the
// ByteRange. The legacy SubFilter adbe.x509.rsa_sha1 has
// [VerifyX509RSASHA1]. Failures are [*VerifyError] values whose [Reason]
// a report can show.
//
// Parsing is strict: the outer layers may be BER, as some PDF signers write
// them (indefinite lengths, constructed OCTET STRINGs), but every structure
// must be complete, of the right type and free of trailing data other than
// zero padding ([ParseTrailing] reports other trailing data instead of
// failing). Signed attributes are kept exactly as encoded: the signature
// must cover their DER encoding (RFC 5652 5.4), which is also how they
// must be written, or else be allowed explicitly
// ([VerifyOptions].AllowNonDERSignedAttributes). Every size that input
// controls has a limit (limits.go).
//
// A signer certificate that crypto/x509 rejects (negative serial numbers,
// RSA moduli encoded as negative integers, Brainpool curves) is still used
// to check the signature, read leniently and flagged in the [Result].
//
// The package checks the cryptography of one signature: digests, signature
// value, the binding of the signer certificate. It never decides whether a
// certificate is trusted, valid at some time, or revoked, and it does no I/O.
//
// [BuildSignedAttributes] and [AssembleSignedData] produce the structures
// for signing with an externally computed signature value.
package cms
