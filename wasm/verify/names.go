package verify

import (
	"strings"
	"unicode"
)

// certifiedName is the signer's name as the certificate states it: given
// name and surname when it has them, else the common name.
func certifiedName(s *Signer) string {
	if s.GivenName != "" || s.Surname != "" {
		return strings.TrimSpace(s.GivenName + " " + s.Surname)
	}
	return s.CommonName
}

// nameMatches reports whether a printed name is the certificate's: given
// name and surname in either order, or the common name (Smart-ID writes
// "SURNAME,GIVENNAME", older certificates add the identity number). Case,
// spacing and commas do not matter; letters, diacritics included, do.
func nameMatches(printed string, s *Signer) bool {
	p := normalName(printed)
	if p == "" {
		return false
	}
	candidates := []string{s.GivenName + " " + s.Surname, s.Surname + " " + s.GivenName}
	cn := s.CommonName
	if s.SerialNumber != "" {
		cn = strings.ReplaceAll(cn, s.SerialNumber, "")
	}
	candidates = append(candidates, cn)
	if i := strings.Index(cn, ","); i >= 0 {
		candidates = append(candidates, cn[i+1:]+" "+cn[:i])
	}
	for _, c := range candidates {
		if normalName(c) == p {
			return true
		}
	}
	return false
}

func normalName(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == ',' || unicode.IsSpace(r) {
			return ' '
		}
		return unicode.ToUpper(r)
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// identityMatches reports whether a printed identity number is the
// certificate's serialNumber.
func identityMatches(printed string, s *Signer) bool {
	return strings.EqualFold(strings.TrimSpace(printed), strings.TrimSpace(s.SerialNumber))
}
