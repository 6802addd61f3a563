package server

import "github.com/labstack/echo/v4"

// contentSecurityPolicy allows only the site's own scripts, styles and
// workers, plus WebAssembly compilation ('wasm-unsafe-eval'), which the
// verifier needs; no inline script, no eval, no plugins, no framing.
// The worker that hosts the wasm gets this policy from its own response.
const contentSecurityPolicy = "default-src 'self'; " +
	"script-src 'self' 'wasm-unsafe-eval'; " +
	"worker-src 'self'; " +
	"connect-src 'self'; " +
	"style-src 'self'; " +
	"img-src 'self'; " +
	"object-src 'none'; " +
	"base-uri 'none'; " +
	"form-action 'none'; " +
	"frame-ancestors 'none'"

// securityHeaders sets the headers that every response carries, errors
// included.
func securityHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Response().Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set(echo.HeaderXContentTypeOptions, "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		return next(c)
	}
}
