package server

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// healthReport is the body of GET /api/v1/health.
type healthReport struct {
	Status  string `json:"status"`
	Version string `json:"version"`
}

// health answers whether the relay is up and which build it is.
func health(version string) echo.HandlerFunc {
	return func(c echo.Context) error {
		c.Response().Header().Set(echo.HeaderCacheControl, "no-store")
		return c.JSON(http.StatusOK, healthReport{Status: "ok", Version: version})
	}
}
