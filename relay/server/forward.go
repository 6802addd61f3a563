package server

import (
	"bytes"
	"context"
	"io"
	"net/http"

	"github.com/labstack/echo/v4"
	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// Limits of forwarded requests and answers. A TimeStampReq with a SHA-512
// imprint, policy and nonce is about 120 bytes; an OCSP request for one
// certificate about 100. Answers carry a certificate or two.
const (
	maxForwardRequest = 1 << 10
	maxForwardAnswer  = 64 << 10
)

// timestamp forwards an RFC 3161 TimeStampReq to the TSA. Only the
// request's shape is checked: it carries a hash, nothing personal.
func (a *api) timestamp(c echo.Context) error {
	return a.forward(c, a.TSAURL, "application/timestamp-query", "application/timestamp-reply", validTimeStampReq)
}

// ocsp forwards an OCSP request (certificate identifiers: hashes of the
// issuer and a serial number) to the responder.
func (a *api) ocsp(c echo.Context) error {
	return a.forward(c, a.OCSPURL, "application/ocsp-request", "application/ocsp-response", validOCSPRequest)
}

func (a *api) forward(c echo.Context, upstream, reqType, respType string, valid func([]byte) bool) error {
	if upstream == "" {
		return echo.NewHTTPError(http.StatusNotFound, "the relay forwards no such requests")
	}
	body, err := readBody(c, maxForwardRequest, reqType)
	if err != nil {
		return err
	}
	if !valid(body) {
		return echo.NewHTTPError(http.StatusBadRequest, "the body is not a well-formed "+reqType)
	}
	if err := a.limitClient(c); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(c.Request().Context(), upstreamTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, upstream, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set(echo.HeaderContentType, reqType)
	resp, err := a.Forward.Do(req)
	if err != nil {
		a.log.Warn("forwarding failed", "route", c.Path(), "error", "no answer")
		return echo.NewHTTPError(http.StatusBadGateway, "the upstream service did not answer")
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxForwardAnswer+1))
	switch {
	case err != nil:
		return echo.NewHTTPError(http.StatusBadGateway, "the upstream answer broke off")
	case len(data) > maxForwardAnswer:
		return echo.NewHTTPError(http.StatusBadGateway, "the upstream answer is too large")
	case resp.StatusCode != http.StatusOK:
		a.log.Warn("forwarding failed", "route", c.Path(), "status", resp.StatusCode)
		return echo.NewHTTPError(http.StatusBadGateway, "the upstream service refused the request")
	}
	return c.Blob(http.StatusOK, respType, data)
}

// validTimeStampReq checks TimeStampReq ::= SEQUENCE { version INTEGER
// (v1), messageImprint SEQUENCE {AlgorithmIdentifier, OCTET STRING}, ...}.
func validTimeStampReq(der []byte) bool {
	s := cryptobyte.String(der)
	var req, imprint, alg cryptobyte.String
	var version int
	var hashed []byte
	return s.ReadASN1(&req, cbasn1.SEQUENCE) && s.Empty() &&
		req.ReadASN1Integer(&version) && version == 1 &&
		req.ReadASN1(&imprint, cbasn1.SEQUENCE) &&
		imprint.ReadASN1(&alg, cbasn1.SEQUENCE) &&
		imprint.ReadASN1Bytes(&hashed, cbasn1.OCTET_STRING) && imprint.Empty() &&
		len(hashed) >= 20 && len(hashed) <= 64
}

// validOCSPRequest checks OCSPRequest ::= SEQUENCE { tbsRequest SEQUENCE
// { [0] version?, [1] requestorName?, requestList SEQUENCE OF ...}, [0]
// signature? }.
func validOCSPRequest(der []byte) bool {
	s := cryptobyte.String(der)
	var req, tbs, list cryptobyte.String
	if !s.ReadASN1(&req, cbasn1.SEQUENCE) || !s.Empty() || !req.ReadASN1(&tbs, cbasn1.SEQUENCE) {
		return false
	}
	if !tbs.SkipOptionalASN1(cbasn1.Tag(0).Constructed().ContextSpecific()) ||
		!tbs.SkipOptionalASN1(cbasn1.Tag(1).Constructed().ContextSpecific()) ||
		!tbs.ReadASN1(&list, cbasn1.SEQUENCE) || list.Empty() {
		return false
	}
	return tbs.SkipOptionalASN1(cbasn1.Tag(2).Constructed().ContextSpecific()) && tbs.Empty() &&
		req.SkipOptionalASN1(cbasn1.Tag(0).Constructed().ContextSpecific()) && req.Empty()
}
