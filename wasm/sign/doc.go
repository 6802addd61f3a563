// Package sign prepares and finishes PAdES signatures in the style of the
// OK!Sign service, around a signature value made elsewhere (Smart-ID), in
// code that runs in the browser and natively.
//
// Call Prepare with the PDF, the signer's certificate and the places for
// marks; send Prepared.SignedAttributes to the signer (only they leave the
// browser); call Finish with the signature value, its algorithm, the chain
// and optionally a timestamp token over SignatureTimestampDigest (B-T);
// AddDSS appends validation data (B-LT). Sign runs the whole flow for a
// caller that can reach the signer itself (the CLI).
//
// What a signed document holds, each signature in one incremental update:
//   - a mark "Signature: see last page (A)" at each chosen place: a locked
//     stamp annotation named VersoSignatureMark, A for the first signer;
//   - for the first signature, signatures pages appended at the end with
//     room for EntriesPerPage entries each (Options.Signers asks for more
//     pages; a page can only be added before the first signature, since a
//     new page changes the page tree that signatures cover, so a full page
//     is ErrPageFull);
//   - the signature field "Signature A", whose widget appearance is the
//     entry on the signatures page: letter, name and identity number as
//     the certificate states them, signing time, the method with a Smart-ID
//     symbol drawn here, "Qualified electronic signature". The signature
//     covers its own entry.
//
// Later updates only add a signature field with its widget and appearance,
// stamp annotations, and entries in /Annots and the form's /Fields, which
// verifiers count as permitted changes; earlier bytes are never rewritten.
// A document signed before by a tool that made no signatures page gets an
// invisible signature and no marks (ErrNoSignaturesPage).
//
// Text is set in DejaVu Sans, embedded as a CIDFontType2 subset of the
// glyphs each update uses, with a ToUnicode map so that text extraction
// returns the names as written. The package never rewrites, decrypts or
// repairs the input; encrypted PDFs are refused (ErrEncrypted). Every size
// that input controls is bounded (limits.go).
package sign
