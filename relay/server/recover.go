package server

import (
	"fmt"
	"log/slog"
	"net/http"

	"github.com/labstack/echo/v4"
)

// recoverPanics turns a panic in a handler into a 500 for that request
// instead of a crashed process. http.ErrAbortHandler is the standard way to
// abort a response and passes through.
func recoverPanics(log *slog.Logger) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) (err error) {
			defer func() {
				r := recover()
				if r == nil {
					return
				}
				if r == http.ErrAbortHandler {
					panic(r)
				}
				log.Error("panic", "path", c.Request().URL.Path, "panic", fmt.Sprint(r))
				err = echo.ErrInternalServerError
			}()
			return next(c)
		}
	}
}
