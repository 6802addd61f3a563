package sim

import (
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Options configure a Simulator. The zero value is a working DEMO
// service at http://localhost:8080/sim with a fresh PKI.
type Options struct {
	// BaseURL is where Handler is reachable, without a trailing slash.
	// Certificates' AIA extensions and device links point there.
	// Default http://localhost:8080/sim.
	BaseURL string
	// PKI is the certificate tree to use. When nil, PKIDir is read (and
	// written if empty); when that is empty too, a tree is generated.
	PKI *PKI
	// PKIDir keeps the tree and the users' keys between runs.
	PKIDir string
	// UserKeyBits is the RSA modulus size of users' keys (default 3072;
	// real Smart-ID keys are 6144).
	UserKeyBits int

	// Accounts are added to SK's demo accounts; one with the document
	// number of a demo account replaces it.
	Accounts []Account
	// NoDemoAccounts leaves only Accounts.
	NoDemoAccounts bool
	// RelyingParties may call the API (default: SK's DEMO relying party
	// under both of its published UUIDs).
	RelyingParties []RelyingParty

	// SchemeName is the first field of authCode payloads: smart-id-demo
	// (the default) or smart-id.
	SchemeName string
	// DeviceLinkBase is returned as deviceLinkBase (default
	// BaseURL+"/device-link", which opens the phone page).
	DeviceLinkBase string
	// DeviceLinkMaxAge is how far elapsedSeconds in a QR link may lag the
	// session's real age before the link counts as stale (default 5 s).
	DeviceLinkMaxAge time.Duration

	// ConfirmDelay is how long a notification session waits for a person
	// on /phone before the account answers by itself. Zero answers at
	// once; a negative value waits for a person (until SessionLifetime).
	ConfirmDelay time.Duration
	// TimeoutAfter is when a TIMEOUT account's session ends (default 3 s).
	TimeoutAfter time.Duration
	// SessionLifetime is how long a session waits for the user at all
	// before it ends with TIMEOUT (default 2 minutes).
	SessionLifetime time.Duration
	// Retention is how long a completed session stays queryable (default
	// 5 minutes, as RP API v2 documents).
	Retention time.Duration

	// LenientRequests accepts request fields that no endpoint knows
	// instead of answering 400.
	LenientRequests bool
	// NoUnknownFields stops adding an unknown field to every JSON object
	// of every response.
	NoUnknownFields bool

	// Clock returns the time for certificates, timestamps, OCSP and the
	// protocol's time windows (default time.Now). Waiting (long polls,
	// delays) uses real time.
	Clock func() time.Time
	// Logger receives one line per completed session, without personal
	// data; nil discards.
	Logger *slog.Logger
}

// RelyingParty is a relying party the simulator knows.
type RelyingParty struct {
	UUID string
	// Name is compared case-insensitively, as SK does; the bytes sent are
	// what goes into authCodes.
	Name string
	// AllowAdvanced lets it ask for ADVANCED (non-qualified) accounts;
	// SK's DEMO relying party may not (403).
	AllowAdvanced bool
	// AllowIPSharing lets it set requestProperties.shareMdClientIpAddress.
	AllowIPSharing bool
	// Capabilities it may request.
	Capabilities []string
}

// DemoRelyingParties are SK's DEMO relying party under the UUID of the
// current documentation and the one older material uses.
func DemoRelyingParties() []RelyingParty {
	return []RelyingParty{
		{UUID: "00000000-0000-4000-8000-000000000000", Name: "DEMO"},
		{UUID: "00000000-0000-0000-0000-000000000000", Name: "DEMO"},
	}
}

// Simulator is a running Smart-ID stand-in. Its methods are safe for
// concurrent use.
type Simulator struct {
	opts     Options
	pki      *PKI
	accounts map[string]Account // by document number
	byID     map[string][]Account
	log      *slog.Logger

	usersMu sync.Mutex
	users   map[string]*user

	store     *store
	status    atomic.Int32 // forced status of RP API answers (480, 580) or 0
	tsaSerial atomic.Uint64
}

// New builds a simulator.
func New(opts Options) (*Simulator, error) {
	if opts.BaseURL == "" {
		opts.BaseURL = "http://localhost:8080/sim"
	}
	opts.BaseURL = strings.TrimRight(opts.BaseURL, "/")
	if opts.UserKeyBits == 0 {
		opts.UserKeyBits = userKeyBits
	}
	if opts.UserKeyBits < 2048 || opts.UserKeyBits > 8192 {
		return nil, fmt.Errorf("user key size %d: want 2048 to 8192 bits", opts.UserKeyBits)
	}
	if opts.RelyingParties == nil {
		opts.RelyingParties = DemoRelyingParties()
	}
	if opts.SchemeName == "" {
		opts.SchemeName = "smart-id-demo"
	}
	if opts.DeviceLinkBase == "" {
		opts.DeviceLinkBase = opts.BaseURL + "/device-link"
	}
	defaults := []struct {
		d   *time.Duration
		def time.Duration
	}{
		{&opts.DeviceLinkMaxAge, 5 * time.Second},
		{&opts.TimeoutAfter, 3 * time.Second},
		{&opts.SessionLifetime, 2 * time.Minute},
		{&opts.Retention, 5 * time.Minute},
	}
	for _, d := range defaults {
		if *d.d <= 0 {
			*d.d = d.def
		}
	}
	if opts.Clock == nil {
		opts.Clock = time.Now
	}
	s := &Simulator{opts: opts, log: opts.Logger, users: map[string]*user{}}
	if s.log == nil {
		s.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if err := s.loadAccounts(); err != nil {
		return nil, err
	}
	if err := s.loadPKI(); err != nil {
		return nil, err
	}
	s.store = newStore()
	return s, nil
}

func (s *Simulator) loadAccounts() error {
	s.accounts, s.byID = map[string]Account{}, map[string][]Account{}
	var all []Account
	if !s.opts.NoDemoAccounts {
		all = DemoAccounts()
	}
	all = append(all, s.opts.Accounts...)
	var order []string
	for _, a := range all {
		if err := a.validate(); err != nil {
			return err
		}
		if _, dup := s.accounts[a.DocumentNumber]; !dup {
			order = append(order, a.DocumentNumber)
		}
		s.accounts[a.DocumentNumber] = a
	}
	for _, d := range order {
		a := s.accounts[d]
		s.byID[a.Identity()] = append(s.byID[a.Identity()], a)
	}
	return nil
}

func (s *Simulator) loadPKI() error {
	switch {
	case s.opts.PKI != nil:
		s.pki = s.opts.PKI
		return nil
	case s.opts.PKIDir != "":
		p, err := LoadPKI(s.opts.PKIDir)
		if err == nil {
			s.pki = p
			return nil
		}
		if !isNotExist(err) {
			return err
		}
	}
	p, err := GeneratePKI(s.now(), s.opts.BaseURL)
	if err != nil {
		return err
	}
	if s.opts.PKIDir != "" {
		if err := p.Save(s.opts.PKIDir); err != nil {
			return fmt.Errorf("saving the PKI: %w", err)
		}
	}
	s.pki = p
	return nil
}

// PKI returns the simulator's certificate tree.
func (s *Simulator) PKI() *PKI { return s.pki }

// Accounts returns the accounts, in no particular order.
func (s *Simulator) Accounts() []Account {
	out := make([]Account, 0, len(s.accounts))
	for _, a := range s.accounts {
		out = append(out, a)
	}
	return out
}

// ForceStatus makes every RP API answer the given status: 480 (client
// too old) or 580 (maintenance); 0 restores normal service.
func (s *Simulator) ForceStatus(code int) error {
	switch code {
	case 0, statusClientTooOld, statusMaintenance:
		s.status.Store(int32(code))
		return nil
	}
	return fmt.Errorf("status %d: only 480, 580 or 0", code)
}

// Revoke makes OCSP report the account's certificate revoked from at on.
func (s *Simulator) Revoke(documentNumber string, at time.Time) error {
	a, ok := s.accounts[documentNumber]
	if !ok {
		return fmt.Errorf("no account %q", documentNumber)
	}
	c, _, err := s.userFor(a)
	if err != nil {
		return err
	}
	s.pki.revoke(c, at)
	return nil
}

// Certificate returns the account's signing certificate, issuing it on
// first use.
func (s *Simulator) Certificate(documentNumber string) ([]byte, error) {
	a, ok := s.accounts[documentNumber]
	if !ok {
		return nil, fmt.Errorf("no account %q", documentNumber)
	}
	c, _, err := s.userFor(a)
	if err != nil {
		return nil, err
	}
	return c.Raw, nil
}

func (s *Simulator) now() time.Time { return s.opts.Clock() }

// Handler returns the HTTP handler; see the package documentation for
// its routes.
func (s *Simulator) Handler() http.Handler { return s.routes() }
