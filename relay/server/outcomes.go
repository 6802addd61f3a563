package server

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/verso-pdf/verso/relay/smartid"
)

// outcomeMessages say in words why a session ended without a result.
var outcomeMessages = map[string]string{
	smartid.ResultUserRefused:            "the signer refused in the Smart-ID app",
	smartid.ResultUserRefusedCertChoice:  "the signer refused to choose an account in the Smart-ID app",
	smartid.ResultUserRefusedInteraction: "the signer refused in the Smart-ID app",
	smartid.ResultTimeout:                "the signer did not answer in time",
	smartid.ResultDocumentUnusable:       "this Smart-ID account cannot be used; see the Smart-ID app",
	smartid.ResultAccountUnusable:        "this Smart-ID account cannot be used; see the Smart-ID app",
	smartid.ResultWrongVC:                "the signer chose the wrong verification code",
	smartid.ResultInteractionUnsupported: "the Smart-ID app is too old for this request; update it",
	smartid.ResultProtocolFailure:        "the Smart-ID app rejected the link or code; start again",
	smartid.ResultExpectedLinkedSession:  "the Smart-ID app was waiting for another request; start again",
	smartid.ResultServerError:            "Smart-ID failed; try again later",
	resultRevoked:                        "this Smart-ID certificate has been revoked and cannot sign",
	resultCallbackRequired:               "the signer finished in the Smart-ID app on this device; continue on the page the app opened",
}

// upstreamError answers a failed Smart-ID call. The smartid errors hold
// no personal data, so they are logged whole.
func (a *api) upstreamError(c echo.Context, err error) error {
	a.log.Warn("smart-id call failed", "route", c.Path(), "error", err.Error())
	switch smartid.KindOf(err) {
	case smartid.KindMaintenance:
		return echo.NewHTTPError(http.StatusServiceUnavailable, "Smart-ID is under maintenance; try again later")
	case smartid.KindUnavailable:
		return echo.NewHTTPError(http.StatusBadGateway, "Smart-ID did not answer; try again")
	case smartid.KindNotFound:
		if c.Request().Method == http.MethodGet {
			return echo.NewHTTPError(http.StatusGone, "the Smart-ID session has ended or expired; start again")
		}
		// One message for every "no account" case: SK asks relying
		// parties not to tell them apart.
		return echo.NewHTTPError(http.StatusNotFound, "no suitable Smart-ID account was found")
	case smartid.KindRevocationUnavailable:
		return echo.NewHTTPError(http.StatusServiceUnavailable, "the Smart-ID certificate's revocation status cannot be checked at the moment; try again")
	case smartid.KindRevoked:
		return echo.NewHTTPError(http.StatusBadGateway, "the Smart-ID certificate is revoked")
	case smartid.KindVerification:
		return echo.NewHTTPError(http.StatusBadGateway, "Smart-ID's answer failed verification: "+detail(err))
	case smartid.KindProtocol:
		return echo.NewHTTPError(http.StatusBadGateway, "Smart-ID's answer was malformed")
	case smartid.KindBadRequest:
		if c.Request().Method == http.MethodPost && c.Path() == "/api/v1/certificate-choice" {
			return echo.NewHTTPError(http.StatusBadRequest, detail(err))
		}
	}
	return echo.NewHTTPError(http.StatusBadGateway, "the relay cannot use Smart-ID at the moment")
}

func detail(err error) string {
	if e, ok := err.(*smartid.Error); ok && e.Detail != "" {
		return e.Detail
	}
	return err.Error()
}
