package server

import "github.com/labstack/echo/v4"

// contentSecurityPolicy allows only the site's own scripts, styles and
// workers, plus WebAssembly compilation ('wasm-unsafe-eval'), which the
// verifier needs; no inline script, no eval, no plugins, no framing.
// The worker that hosts the wasm gets this policy from its own response.
const contentSecurityPolicy = sitePolicy + "frame-ancestors 'none'"

// embedPolicy is the same for the widget's frame, the one page that other
// sites may frame (www/src/widget.js embeds it).
const embedPolicy = sitePolicy + "frame-ancestors *"

// embedPath is the widget's frame.
const embedPath = "/embed.html"

const sitePolicy = "default-src 'self'; " +
	"script-src 'self' 'wasm-unsafe-eval'; " +
	"worker-src 'self'; " +
	"connect-src 'self'; " +
	"style-src 'self'; " +
	"img-src 'self'; " +
	"object-src 'none'; " +
	"base-uri 'none'; " +
	"form-action 'none'; "

// securityHeaders sets the headers that every response carries, errors
// included.
func securityHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Response().Header()
		if c.Request().URL.Path == embedPath {
			h.Set("Content-Security-Policy", embedPolicy)
		} else {
			h.Set("Content-Security-Policy", contentSecurityPolicy)
		}
		h.Set(echo.HeaderXContentTypeOptions, "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		return next(c)
	}
}
