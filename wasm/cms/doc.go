// Package cms parses and verifies the CMS SignedData (RFC 5652) structures
// that PDF signatures carry, and RFC 3161 timestamp tokens.
//
// Call [Parse] on the bytes of a signature's /Contents, then
// [SignedData.Verify] with a [DigestFunc] that hashes the signed ByteRange
// ([DigestOf] does that for bytes in memory). A document timestamp
// (SubFilter ETSI.RFC3161) is read with [ParseTimestampToken]; its
// [Timestamp.Verify] checks the token's own signature and
// [Timestamp.CheckImprintWith] its imprint over the ByteRange. The legacy
// SubFilter adbe.x509.rsa_sha1 has [VerifyX509RSASHA1].
//
// Parsing is strict: the outer layers may be BER, as some PDF signers write
// them (indefinite lengths, constructed OCTET STRINGs), but every structure
// must be complete, of the right type and free of trailing data. Signed
// attributes must be DER exactly as encoded, since a verifier that
// re-encodes them checks a different byte string than the one signed.
//
// The package checks the cryptography of one signature: digests, signature
// value, the binding of the signer certificate. It never decides whether a
// certificate is trusted, valid at some time, or revoked, and it does no I/O.
//
// [BuildSignedAttributes] and [AssembleSignedData] produce the structures
// for signing with an externally computed signature value.
package cms
