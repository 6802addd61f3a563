package server

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/verso-pdf/verso/relay/smartid"
)

// API configures the signing API. Without it (Config.API nil) only
// health answers under /api/v1.
type API struct {
	// SmartID is the Smart-ID client.
	SmartID *smartid.Client
	// HandleKeys seal session handles: the first seals, all open. Each is
	// HandleKeySize bytes.
	HandleKeys [][]byte
	// Audience names this deployment in handles (the Smart-ID base URL
	// and relying party): a handle of another deployment does not open.
	Audience string
	// CallbackURL, when set (https), makes certificate choices offer a
	// same-device (Web2App) link next to the QR code; the relay appends
	// an unpredictable parameter per session.
	CallbackURL string
	// DisplayText is what the person confirms in the app (up to 60
	// characters); the relay, not the browser, decides it.
	DisplayText string
	// TSAURL and OCSPURL are where timestamp and OCSP requests go.
	TSAURL, OCSPURL string
	// Forward sends timestamp and OCSP requests (default http.Client).
	Forward *http.Client
	// CORSOrigins may call the API from other origins ("*" is refused).
	CORSOrigins []string
	// ClientIPHeader names a header set by a trusted proxy with the
	// client address (CF-Connecting-IP on Cloudflare); empty uses the
	// connection's address.
	ClientIPHeader string
	// ClientRate limits session-starting requests per client address and
	// IdentityRate notifications per identity, per minute; 0 is no limit.
	ClientRate, IdentityRate int
	// MaxPoll bounds one long poll (default 30 s, under common proxy
	// timeouts).
	MaxPoll time.Duration
	// Now returns the time (default time.Now).
	Now func() time.Time
}

// Defaults of API fields.
const (
	defaultMaxPoll     = 30 * time.Second
	defaultDisplayText = "Sign a PDF document"
	upstreamTimeout    = 10 * time.Second
)

// api serves /api/v1 beyond health.
type api struct {
	API
	log     *slog.Logger
	seal    *sealer
	clients *limiter
	persons *limiter
	// identityKey keys the hash that names identities in the limiter, so
	// that its memory holds no identity numbers.
	identityKey []byte
	metrics     *metrics
}

func newAPI(cfg API, log *slog.Logger) (*api, error) {
	s, err := newSealer(cfg.HandleKeys, cfg.Audience)
	if err != nil {
		return nil, err
	}
	if cfg.MaxPoll <= 0 {
		cfg.MaxPoll = defaultMaxPoll
	}
	if cfg.DisplayText == "" {
		cfg.DisplayText = defaultDisplayText
	}
	if cfg.Forward == nil {
		cfg.Forward = &http.Client{Timeout: upstreamTimeout}
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	ik := sha256.Sum256(append([]byte("verso-rate-limit\x00"), cfg.HandleKeys[0]...))
	return &api{
		API: cfg, log: log, seal: s, identityKey: ik[:], metrics: newMetrics(),
		clients: newLimiter(cfg.ClientRate, time.Minute),
		persons: newLimiter(cfg.IdentityRate, time.Minute),
	}, nil
}

// routes adds the API to g.
func (a *api) routes(g *echo.Group) {
	g.Use(a.measure, a.cors(), noStore)
	g.OPTIONS("/*", func(echo.Context) error { return nil })
	g.GET("/metrics", a.metrics.serve)
	g.POST("/certificate-choice", a.certificateChoice)
	g.GET("/sessions/:handle/link", a.link)
	g.GET("/sessions/:handle", a.session)
	g.POST("/sessions/:handle/callback", a.sameDeviceCallback)
	g.POST("/signature", a.signature)
	g.POST("/timestamp", a.timestamp)
	g.POST("/ocsp", a.ocsp)
}

func noStore(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		c.Response().Header().Set(echo.HeaderCacheControl, "no-store")
		return next(c)
	}
}

// cors lets the configured origins call the API; the site itself is
// same-origin and needs none of it. Preflights from other origins get no
// CORS headers, so browsers refuse the call.
func (a *api) cors() echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			o := origin(c)
			h := c.Response().Header()
			h.Add(echo.HeaderVary, echo.HeaderOrigin)
			allowed := o != "" && slices.Contains(a.CORSOrigins, o)
			if allowed {
				h.Set(echo.HeaderAccessControlAllowOrigin, o)
			}
			if c.Request().Method == http.MethodOptions {
				if allowed {
					h.Set(echo.HeaderAccessControlAllowMethods, "GET, POST")
					h.Set(echo.HeaderAccessControlAllowHeaders, echo.HeaderContentType)
					h.Set(echo.HeaderAccessControlMaxAge, "600")
				}
				return c.NoContent(http.StatusNoContent)
			}
			return next(c)
		}
	}
}

// measure records the route pattern, status and latency of API requests.
func (a *api) measure(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		err := next(c)
		status := c.Response().Status
		if he, ok := err.(*echo.HTTPError); ok {
			status = he.Code
		} else if err != nil {
			status = http.StatusInternalServerError
		}
		a.metrics.observe(c.Request().Method+" "+c.Path(), status, time.Since(start))
		return err
	}
}

// clientAddr is the address rate limits count by.
func (a *api) clientAddr(c echo.Context) string {
	if a.ClientIPHeader != "" {
		if v := strings.TrimSpace(c.Request().Header.Get(a.ClientIPHeader)); v != "" {
			return v
		}
	}
	host, _, err := net.SplitHostPort(c.Request().RemoteAddr)
	if err != nil {
		return c.Request().RemoteAddr
	}
	return host
}

// limitClient refuses a client over its rate.
func (a *api) limitClient(c echo.Context) error {
	if !a.clients.allow(a.clientAddr(c), a.Now()) {
		return echo.NewHTTPError(http.StatusTooManyRequests, "too many requests; try again in a minute")
	}
	return nil
}

// limitIdentity refuses notifications to a person over the rate: a
// stranger must not flood someone's phone.
func (a *api) limitIdentity(id string) error {
	m := hmac.New(sha256.New, a.identityKey)
	m.Write([]byte(id))
	if !a.persons.allow(hex.EncodeToString(m.Sum(nil)), a.Now()) {
		return echo.NewHTTPError(http.StatusTooManyRequests, "too many requests for this person; try again in a minute")
	}
	return nil
}

// origin is what a handle is bound to: the origin of a cross-origin page
// (the widget on another site), and the empty origin for the relay's own
// pages and for clients without one (the CLI). Browsers send no Origin on
// a same-origin GET, so the page's own POSTs (which carry one) and GETs
// must meet at the same value; a page of another origin always sends its
// Origin and so cannot open a handle it did not obtain.
func origin(c echo.Context) string {
	h := c.Request().Header
	o := h.Get(echo.HeaderOrigin)
	if o == "" || h.Get("Sec-Fetch-Site") == "same-origin" || o == c.Scheme()+"://"+c.Request().Host {
		return ""
	}
	return o
}

// Check reports every mistake in the API's configuration.
func (cfg API) Check() error {
	var errs []error
	if cfg.SmartID == nil {
		errs = append(errs, errors.New("no Smart-ID client"))
	}
	if _, err := newSealer(cfg.HandleKeys, cfg.Audience); err != nil {
		errs = append(errs, err)
	}
	if cfg.CallbackURL != "" && !validCallback(cfg.CallbackURL) {
		errs = append(errs, fmt.Errorf("the callback URL %q must be https, without fragment or |", cfg.CallbackURL))
	}
	if n := len([]rune(cfg.DisplayText)); n > 60 {
		errs = append(errs, fmt.Errorf("the display text has %d characters, at most 60 fit", n))
	}
	for _, o := range cfg.CORSOrigins {
		if u, err := url.Parse(o); o == "*" || err != nil || u.Host == "" || u.Path != "" || (u.Scheme != "https" && u.Scheme != "http") {
			errs = append(errs, fmt.Errorf("CORS origin %q is not scheme://host[:port]", o))
		}
	}
	for name, u := range map[string]string{"TSA": cfg.TSAURL, "OCSP": cfg.OCSPURL} {
		if p, err := url.Parse(u); u != "" && (err != nil || p.Host == "" || (p.Scheme != "https" && p.Scheme != "http")) {
			errs = append(errs, fmt.Errorf("the %s URL %q is not an http(s) URL", name, u))
		}
	}
	return errors.Join(errs...)
}
