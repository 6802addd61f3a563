package smartid

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"
)

// maxResponse bounds a response body: a session status with a 768-byte
// signature and a 2 KB certificate is under 8 KB.
const maxResponse = 64 << 10

// retryDelay separates the attempts of a call that may be repeated.
const retryDelay = 200 * time.Millisecond

// call sends one request and decodes a 200 answer into out. A request
// is repeated once when that is safe: a status GET always; a
// session-creating POST because SK answers an identical POST within 15 s
// with the same session (RP API v3, idempotency; certificate choices
// carry a nonce, so a repeated one may leave an unused session to
// expire), and only for failures
// that say nothing reached the service or it failed before answering
// (connection errors, 502, 503, 504).
func (c *Client) call(ctx context.Context, op, method, path string, body any, out any) error {
	var payload []byte
	if body != nil {
		var err error
		if payload, err = json.Marshal(body); err != nil {
			return &Error{Kind: KindProtocol, Op: op, Detail: "cannot encode the request", Err: err}
		}
	}
	var err error
	for attempt := 0; attempt < 2; attempt++ {
		if attempt > 0 {
			t := time.NewTimer(retryDelay)
			select {
			case <-ctx.Done():
				t.Stop()
				return err
			case <-t.C:
			}
		}
		var retry bool
		retry, err = c.once(ctx, op, method, path, payload, out)
		if err == nil || !retry || ctx.Err() != nil {
			return err
		}
	}
	return err
}

// once sends the request once; retry reports whether repeating it may
// help.
func (c *Client) once(ctx context.Context, op, method, path string, payload []byte, out any) (retry bool, err error) {
	var rd io.Reader
	if payload != nil {
		rd = bytes.NewReader(payload)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, rd)
	if err != nil {
		return false, &Error{Kind: KindProtocol, Op: op, Detail: "cannot build the request", Err: err}
	}
	req.Header.Set("Accept", "application/json")
	if payload != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.cfg.HTTPClient.Do(req)
	if err != nil {
		detail := "no answer"
		if errors.Is(err, context.DeadlineExceeded) {
			detail = "no answer in time"
		}
		// The error text names the URL (never personal data: document
		// numbers go into paths only when a session has one already).
		return true, &Error{Kind: KindUnavailable, Op: op, Detail: detail, Err: stripURL(err)}
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxResponse+1))
	if err != nil {
		return true, &Error{Kind: KindUnavailable, Op: op, Detail: "the answer broke off", Status: resp.StatusCode}
	}
	if len(data) > maxResponse {
		return false, protocolErr(op, "the answer is longer than %d bytes", maxResponse)
	}
	if resp.StatusCode != http.StatusOK {
		e := statusError(op, resp.StatusCode)
		return e.Kind == KindUnavailable && resp.StatusCode != http.StatusInternalServerError, e
	}
	if err := json.Unmarshal(data, out); err != nil {
		return false, &Error{Kind: KindProtocol, Op: op, Detail: "the answer is not the JSON expected", Status: resp.StatusCode}
	}
	return false, nil
}

// statusError maps an HTTP status of the RP API to an error.
func statusError(op string, code int) *Error {
	e := &Error{Op: op, Status: code, Detail: fmt.Sprintf("HTTP %d", code)}
	switch {
	case code == http.StatusBadRequest:
		e.Kind = KindBadRequest
	case code == http.StatusUnauthorized || code == http.StatusForbidden:
		e.Kind = KindNotAuthorized
	case code == http.StatusNotFound:
		e.Kind = KindNotFound
	case code == 480:
		e.Kind = KindClientTooOld
	case code == 580:
		e.Kind = KindMaintenance
	case code >= 500:
		e.Kind = KindUnavailable
	default:
		e.Kind = KindProtocol
		e.Detail = fmt.Sprintf("unexpected HTTP %d", code)
	}
	return e
}

// stripURL drops the URL from a transport error: paths of later calls
// carry document numbers.
func stripURL(err error) error {
	if ue, ok := errors.AsType[*url.Error](err); ok {
		return ue.Err
	}
	return err
}
