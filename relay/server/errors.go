package server

import (
	"errors"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
)

// apiError is the JSON body of an API error.
type apiError struct {
	Error string `json:"error"`
}

// handleError answers JSON under /api/ and plain text elsewhere. Only the
// message of an echo.HTTPError, which handlers write for people, reaches the
// response; any other error becomes "internal server error". Bare status
// texts are lower-cased; handlers' sentences keep their names (Smart-ID).
func handleError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	code, text := http.StatusInternalServerError, ""
	if he, ok := errors.AsType[*echo.HTTPError](err); ok {
		code = he.Code
		text, _ = he.Message.(string)
	}
	if text == "" || text == http.StatusText(code) {
		text = strings.ToLower(http.StatusText(code))
	}
	c.Response().Header().Set(echo.HeaderCacheControl, "no-store")
	if c.Request().Method == http.MethodHead {
		_ = c.NoContent(code)
		return
	}
	if strings.HasPrefix(c.Request().URL.Path, "/api/") {
		_ = c.JSON(code, apiError{Error: text})
		return
	}
	_ = c.String(code, text+"\n")
}
