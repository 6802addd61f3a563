package sim

import (
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"strconv"
	"time"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// The Smart-ID end-entity profile (smart-id.md 8.3).
var (
	oidPolicySmartIDQ  = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 10015, 17, 2}
	oidPolicySmartIDNQ = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 10015, 17, 1}
	oidPolicyQCPnQSCD  = asn1.ObjectIdentifier{0, 4, 0, 194112, 1, 2}
	oidPolicyNCP       = asn1.ObjectIdentifier{0, 4, 0, 2042, 1, 1}
	oidQualifierCPS    = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 2, 1}

	oidExtCertificatePolicies = asn1.ObjectIdentifier{2, 5, 29, 32}
	oidExtSubjectAltName      = asn1.ObjectIdentifier{2, 5, 29, 17}
	oidExtSubjectDirAttrs     = asn1.ObjectIdentifier{2, 5, 29, 9}
	oidExtQCStatements        = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 1, 3}
	oidDateOfBirth            = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 9, 1}

	oidQCSyntaxV2       = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 11, 2}
	oidSemanticsNatural = asn1.ObjectIdentifier{0, 4, 0, 194121, 1, 1}
	oidQcCompliance     = asn1.ObjectIdentifier{0, 4, 0, 1862, 1, 1}
	oidQcSSCD           = asn1.ObjectIdentifier{0, 4, 0, 1862, 1, 4}
	oidQcType           = asn1.ObjectIdentifier{0, 4, 0, 1862, 1, 6}
	oidQcTypeESign      = asn1.ObjectIdentifier{0, 4, 0, 1862, 1, 6, 1}
	oidQcPDS            = asn1.ObjectIdentifier{0, 4, 0, 1862, 1, 5}
)

const (
	skCPS = "https://www.skidsolutions.eu/resources/certification-practice-statement/"
	skPDS = "https://www.skidsolutions.eu/resources/conditions-for-use-of-certificates/"
)

// userTemplate is the signing certificate of an account, as SK issues
// them: subject C, CN=SURNAME,GIVENNAME, SN, GN, serialNumber; SAN with
// the document number; nonRepudiation; Smart-ID and ETSI policies; for
// qualified accounts the QC statements; AIA to the simulator.
func userTemplate(a Account, now time.Time, baseURL string, issuerFile string) (*x509.Certificate, error) {
	given, surname := a.names()
	subject, err := encodeName(
		attr{oid: oidCountry, value: a.Country(), printable: true},
		attr{oid: oidCommonName, value: surname + "," + given},
		attr{oid: oidSurname, value: surname},
		attr{oid: oidGivenName, value: given},
		attr{oid: oidSerialNumber, value: a.Identity(), printable: isPrintable(a.Identity())},
	)
	if err != nil {
		return nil, err
	}
	serial, err := newSerial()
	if err != nil {
		return nil, err
	}
	qualified := a.Level() == LevelQualified
	var exts []pkix.Extension
	add := func(id asn1.ObjectIdentifier, critical bool, f func(*cryptobyte.Builder)) {
		var b cryptobyte.Builder
		f(&b)
		v, e := b.Bytes()
		if e != nil && err == nil {
			err = e
		}
		exts = append(exts, pkix.Extension{Id: id, Critical: critical, Value: v})
	}
	add(oidExtSubjectAltName, false, func(b *cryptobyte.Builder) {
		b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
			b.AddASN1(cbasn1.Tag(4).Constructed().ContextSpecific(), func(b *cryptobyte.Builder) {
				addName(b, []attr{{oid: oidCommonName, value: a.DocumentNumber}})
			})
		})
	})
	schemePolicy, etsiPolicy := oidPolicySmartIDQ, oidPolicyQCPnQSCD
	if !qualified {
		schemePolicy, etsiPolicy = oidPolicySmartIDNQ, oidPolicyNCP
	}
	add(oidExtCertificatePolicies, false, func(b *cryptobyte.Builder) {
		b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
			b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
				b.AddASN1ObjectIdentifier(schemePolicy)
				b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
					b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
						b.AddASN1ObjectIdentifier(oidQualifierCPS)
						b.AddASN1(cbasn1.IA5String, func(b *cryptobyte.Builder) { b.AddBytes([]byte(skCPS)) })
					})
				})
			})
			b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
				b.AddASN1ObjectIdentifier(etsiPolicy)
			})
		})
	})
	if dob, ok := birthDate(a); ok {
		add(oidExtSubjectDirAttrs, false, func(b *cryptobyte.Builder) {
			b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
				b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
					b.AddASN1ObjectIdentifier(oidDateOfBirth)
					b.AddASN1(cbasn1.SET, func(b *cryptobyte.Builder) { b.AddASN1GeneralizedTime(dob) })
				})
			})
		})
	}
	if qualified {
		add(oidExtQCStatements, false, addQCStatements)
	}
	if err != nil {
		return nil, err
	}
	return &x509.Certificate{
		SerialNumber:          serial,
		RawSubject:            subject,
		NotBefore:             now.Add(-backdate).UTC().Truncate(time.Second),
		NotAfter:              now.Add(userValidity).UTC().Truncate(time.Second),
		SignatureAlgorithm:    x509.ECDSAWithSHA384,
		KeyUsage:              x509.KeyUsageContentCommitment,
		BasicConstraintsValid: true,
		OCSPServer:            []string{baseURL + "/ocsp"},
		IssuingCertificateURL: []string{baseURL + "/ca/" + issuerFile},
		ExtraExtensions:       exts,
	}, nil
}

// addQCStatements writes the QC statements of SK's qualified signing
// certificates, in their order: semantics identifier (natural person),
// QcCompliance, QcSSCD, QcType esign, QcPDS (English).
func addQCStatements(b *cryptobyte.Builder) {
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
			b.AddASN1ObjectIdentifier(oidQCSyntaxV2)
			b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { b.AddASN1ObjectIdentifier(oidSemanticsNatural) })
		})
		for _, id := range []asn1.ObjectIdentifier{oidQcCompliance, oidQcSSCD} {
			b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { b.AddASN1ObjectIdentifier(id) })
		}
		b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
			b.AddASN1ObjectIdentifier(oidQcType)
			b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { b.AddASN1ObjectIdentifier(oidQcTypeESign) })
		})
		b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
			b.AddASN1ObjectIdentifier(oidQcPDS)
			b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
				b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
					b.AddASN1(cbasn1.IA5String, func(b *cryptobyte.Builder) { b.AddBytes([]byte(skPDS)) })
					b.AddASN1(cbasn1.PrintableString, func(b *cryptobyte.Builder) { b.AddBytes([]byte("en")) })
				})
			})
		})
	})
}

// birthDate reads the date of birth from Estonian and Lithuanian personal
// codes (century digit, YYMMDD) and Latvian ones (DDMMYY-C...), at noon
// UTC as SK writes it. Latvian codes starting with 32 carry none.
func birthDate(a Account) (time.Time, bool) {
	id := a.Identity()
	if len(id) < 6 {
		return time.Time{}, false
	}
	code := id[6:]
	var y, m, d, century int
	num := func(s string) int {
		n, err := strconv.Atoi(s)
		if err != nil {
			return -1
		}
		return n
	}
	switch a.Country() {
	case "EE", "LT":
		if len(code) != 11 {
			return time.Time{}, false
		}
		c := num(code[:1])
		if c < 1 || c > 6 {
			return time.Time{}, false
		}
		century = 1800 + 100*((c-1)/2)
		y, m, d = num(code[1:3]), num(code[3:5]), num(code[5:7])
	case "LV":
		if len(code) != 12 || code[6] != '-' || code[:2] == "32" {
			return time.Time{}, false
		}
		c := num(code[7:8])
		if c < 0 || c > 2 {
			return time.Time{}, false
		}
		century = 1800 + 100*c
		d, m, y = num(code[:2]), num(code[2:4]), num(code[4:6])
	default:
		return time.Time{}, false
	}
	if y < 0 || m < 1 || m > 12 || d < 1 || d > 31 {
		return time.Time{}, false
	}
	t := time.Date(century+y, time.Month(m), d, 12, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return time.Time{}, false
	}
	return t, true
}

func isPrintable(s string) bool {
	for _, r := range s {
		switch {
		case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z', '0' <= r && r <= '9':
		case r == ' ' || r == '\'' || r == '(' || r == ')' || r == '+' || r == ',' || r == '-' || r == '.' || r == '/' || r == ':' || r == '=' || r == '?':
		default:
			return false
		}
	}
	return true
}

// userKeyBits is the default RSA modulus size for users' keys. Smart-ID
// uses 6144; 3072 keeps key generation under a second.
const userKeyBits = 3072

// checkUserKey is the sanity check a loaded key must pass.
func checkUserKey(k *rsa.PrivateKey, c *x509.Certificate) bool {
	pub, ok := c.PublicKey.(*rsa.PublicKey)
	return ok && pub.Equal(&k.PublicKey)
}
