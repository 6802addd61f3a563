package verify

import "fmt"

// verdictOf derives the document's verdict from the evidence, and nothing
// else: trust and revocation are reported per signature but do not change it.
func verdictOf(r *Report) Verdict {
	if r.Error != "" {
		return VerdictError
	}
	if len(r.Signatures) == 0 {
		return VerdictNoSignatures
	}
	modified := false
	for _, s := range r.Signatures {
		if s.Integrity.Status != StatusPassed {
			return VerdictInvalid
		}
		if ts := s.Time.Timestamp; ts != nil && ts.Status == StatusFailed {
			return VerdictInvalid
		}
		if s.Modifications.Status == ModificationsDisallowed {
			modified = true
		}
	}
	if modified {
		return VerdictModified
	}
	return VerdictValid
}

// summaryOf is the one line a person reads first, in the spirit of Acrobat's
// signature panel.
func summaryOf(r *Report) string {
	switch r.Verdict {
	case VerdictError:
		return "This file could not be read as a PDF."
	case VerdictNoSignatures:
		return "Not signed: the document has no signatures."
	case VerdictInvalid:
		return "At least one signature is invalid."
	case VerdictModified:
		return "The document was changed after it was signed."
	}
	n := len(r.Signatures)
	if n == 1 {
		if r.Signatures[0].Kind == kindDocTimestamp {
			return "Timestamped, and the timestamp is valid."
		}
		return "Signed and the signature is valid."
	}
	return fmt.Sprintf("Signed and all %d signatures are valid.", n)
}
