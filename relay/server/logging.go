package server

import (
	"log/slog"
	"time"

	"github.com/labstack/echo/v4"
)

// logRequests writes one line per request with the method, the path (no
// query string), the status and the duration. It logs no client address
// and no header, because those identify people.
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
				"path", c.Request().URL.Path,
				"status", c.Response().Status,
				"duration", time.Since(start).Round(time.Microsecond))
			return nil
		}
	}
}
