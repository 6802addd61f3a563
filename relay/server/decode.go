package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"

	"github.com/labstack/echo/v4"
)

// maxJSONBody bounds an API request body: the largest is POST /signature
// with a chosen handle (about 4 KB, it holds the certificate) and the
// signed attributes (under 1 KB in Base64).
const maxJSONBody = 8 << 10

// readBody reads a request body of at most limit bytes with one of the
// content types.
func readBody(c echo.Context, limit int64, contentTypes ...string) ([]byte, error) {
	mt, _, _ := mime.ParseMediaType(c.Request().Header.Get(echo.HeaderContentType))
	ok := false
	for _, ct := range contentTypes {
		ok = ok || mt == ct
	}
	if !ok {
		return nil, echo.NewHTTPError(http.StatusUnsupportedMediaType, "the body must be "+contentTypes[0])
	}
	body, err := io.ReadAll(io.LimitReader(c.Request().Body, limit+1))
	if err != nil {
		return nil, echo.NewHTTPError(http.StatusBadRequest, "the body could not be read")
	}
	if int64(len(body)) > limit {
		return nil, echo.NewHTTPError(http.StatusRequestEntityTooLarge, "the body is too large")
	}
	return body, nil
}

// decodeJSON reads one JSON object into v, strictly: no unknown fields,
// nothing after it.
func decodeJSON(c echo.Context, v any) error {
	body, err := readBody(c, maxJSONBody, echo.MIMEApplicationJSON)
	if err != nil {
		return err
	}
	if err := unmarshalStrict(body, v); err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, err.Error())
	}
	return nil
}

// unmarshalStrict is decodeJSON's parser, apart for fuzzing.
func unmarshalStrict(body []byte, v any) error {
	d := json.NewDecoder(bytes.NewReader(body))
	d.DisallowUnknownFields()
	if err := d.Decode(v); err != nil {
		return errors.New("the body is not the JSON object expected")
	}
	if d.More() {
		return errors.New("the body has more than one JSON value")
	}
	return nil
}
