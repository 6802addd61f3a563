package server

import (
	"log/slog"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
)

// logRequests writes one line per request with the method, the route, the
// status and the duration. It logs no client address and no header,
// because those identify people, and for the API and the simulator the
// route pattern rather than the path: their paths carry session handles
// and national identity numbers (/sim/v3/…/etsi/PNOEE-…).
func logRequests(log *slog.Logger) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			start := time.Now()
			err := next(c)
			if err != nil {
				c.Error(err) // let the error handler set the final status
			}
			log.Info("request",
				"method", c.Request().Method,
				"path", loggedPath(c),
				"status", c.Response().Status,
				"duration", time.Since(start).Round(time.Microsecond))
			return nil
		}
	}
}

// loggedPath is the request path for static files, and the route pattern
// for everything under /api/ and /sim/.
func loggedPath(c echo.Context) string {
	path := c.Request().URL.Path
	if strings.HasPrefix(path, "/api/") || strings.HasPrefix(path, "/sim/") {
		return c.Path()
	}
	return path
}
