package sim

import (
	"fmt"
	"regexp"
	"strings"
)

// Account is one Smart-ID account of a simulated person.
type Account struct {
	// DocumentNumber names the account, for example
	// PNOEE-40504040001-MOCK-Q: the person's semantics identifier, a
	// four-character suffix, and Q (qualified) or NQ (non-qualified).
	DocumentNumber string
	// GivenName and Surname go into the certificate; empty means a name
	// derived from Result, as SK's TESTNUMBER accounts have.
	GivenName, Surname string
	// Result is what the person's phone answers ("" means OK).
	Result string
	// Interaction is the screen refused, for USER_REFUSED_INTERACTION.
	Interaction string
}

// documentNumberPattern is a semantics identifier (ETSI EN 319 412-1:
// PNO, IDC or PAS, a country, a code) plus the account suffix and level.
var documentNumberPattern = regexp.MustCompile(`^(PNO|IDC|PAS)([A-Z]{2})-([0-9A-Za-z]+(?:-[0-9A-Za-z]+)?)-([0-9A-Z]{4})-(Q|NQ)$`)

// semanticsIDPattern is a semantics identifier as in etsi/{semanticsId}.
var semanticsIDPattern = regexp.MustCompile(`^(PNO|IDC|PAS)([A-Z]{2})-([0-9A-Za-z]+(?:-[0-9A-Za-z]+)?)$`)

// Identity returns the semantics identifier, e.g. PNOEE-40504040001.
func (a Account) Identity() string {
	m := documentNumberPattern.FindStringSubmatch(a.DocumentNumber)
	if m == nil {
		return ""
	}
	return m[1] + m[2] + "-" + m[3]
}

// Country returns the ISO 3166 country of the identity.
func (a Account) Country() string {
	m := documentNumberPattern.FindStringSubmatch(a.DocumentNumber)
	if m == nil {
		return ""
	}
	return m[2]
}

// Level returns QUALIFIED for -Q accounts and ADVANCED for -NQ ones.
func (a Account) Level() string {
	if strings.HasSuffix(a.DocumentNumber, "-NQ") {
		return LevelAdvanced
	}
	return LevelQualified
}

// result is the configured end result, OK when empty.
func (a Account) result() string {
	if a.Result == "" {
		return ResultOK
	}
	return a.Result
}

// names returns the given name and surname for the certificate.
func (a Account) names() (given, surname string) {
	given, surname = a.GivenName, a.Surname
	if surname == "" {
		surname = "TESTNUMBER"
	}
	if given == "" {
		given = strings.ReplaceAll(a.result(), "_", " ")
		if a.Interaction != "" {
			given += " " + strings.ToUpper(a.Interaction)
		}
	}
	return given, surname
}

func (a Account) validate() error {
	if documentNumberPattern.FindStringSubmatch(a.DocumentNumber) == nil {
		return fmt.Errorf("account %q: not a Smart-ID document number (like PNOEE-40504040001-MOCK-Q)", a.DocumentNumber)
	}
	if !knownResult(a.result()) {
		return fmt.Errorf("account %q: unknown result %q", a.DocumentNumber, a.Result)
	}
	if (a.result() == ResultUserRefusedInteraction) != (a.Interaction != "") {
		return fmt.Errorf("account %q: an interaction is named exactly for USER_REFUSED_INTERACTION", a.DocumentNumber)
	}
	return nil
}

// DemoAccounts returns SK's published test accounts for automated testing
// (RP API v3 docs, "Test accounts"), with the results SK's DEMO gives
// them, followed by a few simulator-only accounts (suffix SIMU) for the
// results SK publishes no account for.
func DemoAccounts() []Account {
	var out []Account
	add := func(result, interaction, given string, docs ...string) {
		for _, d := range docs {
			out = append(out, Account{DocumentNumber: d, Result: result, Interaction: interaction, GivenName: given})
		}
	}
	// Device-link flows.
	add("", "", "OK", "PNOEE-40404040009-MOCK-Q", "PNOLT-40404040009-MOCK-Q", "PNOLV-040404-10003-DEMO-Q", "PNOBE-04040400287-MOCK-Q")
	add("", "", "MINOR", "PNOEE-61101019999-MOCK-Q", "PNOLT-61101019999-MOCK-Q", "PNOLV-010111-22341-MOCK-Q", "PNOLV-320000-00008-DEMO-Q", "PNOBE-11010199815-MOCK-Q")
	add("", "", "MINOR", "PNOLT-61101019988-MOCK-NQ", "PNOLV-020211-12351-MOCK-NQ")
	// Notification flows.
	add("", "", "OK", "PNOEE-40504040001-DEM0-Q", "PNOLT-40504040001-MOCK-Q", "PNOLV-050405-10009-DEM0-Q", "PNOLV-320000-10003-DEMO-Q", "PNOBE-05040400032-DEMO-Q")
	add("", "", "OK", "PNOLT-40504049999-MOCK-NQ", "PNOLV-050404-19993-DEMO-NQ")
	add("", "", "ADULT", "PNOEE-50001029996-DEMO-Q", "PNOLT-50001029996-DEMO-Q", "PNOLV-020100-29990-MOCK-Q", "PNOBE-00010299944-MOCK-Q")
	add("", "", "OK", "PNOLT-30303039914-MOCK-Q")
	add("", "", "OTHER ACCOUNT", "PNOEE-39901012239-MOCK-Q", "PNOLT-39901012239-DEMO-Q", "PNOLV-030303-10215-MOCK-Q", "PNOBE-99010199987-DEMO-Q")
	add("", "", "MINOR", "PNOEE-61101012257-MOCK-Q", "PNOLT-61101012257-MOCK-Q", "PNOLV-010111-23474-DEME-Q", "PNOLV-320000-00032-DEMO-Q")
	add("", "", "NO DIGITS", "PNOLV-030303-10004-MOCK-Q")
	add("", "", "OK", "PNOLV-040404-19999-MOCK-Q", "PNOLV-040404-19980-MOCK-Q", "PNOLV-311299-19993-MOCK-Q", "PNOLV-329999-99901-MOCK-Q", "PNOLV-329999-99709-MOCK-Q")
	add("", "", "OK", "PNOLT-49912318881-MOCK-NQ", "PNOLV-311299-18886-MOCK-NQ")
	add(ResultUserRefused, "", "", "PNOEE-30403039917-MOCK-Q", "PNOLT-30403039917-MOCK-Q", "PNOLV-030403-10016-MOCK-Q", "PNOBE-00010238349-MOCK-Q")
	add(ResultUserRefusedInteraction, InteractionDisplayTextAndPIN, "", "PNOEE-30403039928-MOCK-Q", "PNOLT-30403039928-MOCK-Q", "PNOLV-030403-10024-MOCK-Q", "PNOBE-00010267350-MOCK-Q")
	add(ResultUserRefusedInteraction, InteractionVCChoice, "", "PNOEE-30403039939-MOCK-Q", "PNOLT-30403039939-MOCK-Q", "PNOLV-030403-10032-MOCK-Q", "PNOBE-00010266756-MOCK-Q")
	add(ResultUserRefusedInteraction, InteractionConfirmation, "", "PNOEE-30403039946-MOCK-Q", "PNOLT-30403039946-MOCK-Q", "PNOLV-030403-10040-MOCK-Q", "PNOBE-00010232708-MOCK-Q")
	add(ResultUserRefusedInteraction, InteractionConfirmationVC, "", "PNOEE-30403039950-MOCK-Q", "PNOLT-30403039950-MOCK-Q", "PNOLV-030403-10059-MOCK-Q", "PNOBE-00010211724-MOCK-Q")
	add(ResultWrongVC, "", "", "PNOEE-30403039972-MOCK-Q", "PNOLT-30403039972-MOCK-Q", "PNOLV-030403-10075-MOCK-Q", "PNOBE-00010216276-MOCK-Q")
	add(ResultTimeout, "", "", "PNOEE-30403039983-MOCK-Q", "PNOLT-30403039983-MOCK-Q", "PNOLV-030403-10083-MOCK-Q", "PNOBE-00010220335-MOCK-Q")
	// Simulator only: valid Estonian codes that SK does not publish.
	add(ResultDocumentUnusable, "", "", "PNOEE-30403039002-SIMU-Q")
	add(ResultUserRefusedCertChoice, "", "", "PNOEE-30403039013-SIMU-Q")
	add(ResultInteractionNotSupported, "", "", "PNOEE-30403039024-SIMU-Q")
	add(ResultServerError, "", "", "PNOEE-30403039035-SIMU-Q")
	add(ResultAccountUnusable, "", "", "PNOEE-30403039046-SIMU-Q")
	return out
}
