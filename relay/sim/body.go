package sim

import (
	"errors"
	"fmt"
	"io"
	"net/http"
)

// errTooLarge wraps a body beyond its limit.
var errTooLarge = errors.New("the body is too large")

// readLimited reads at most limit bytes of the request body.
func readLimited(w http.ResponseWriter, r *http.Request, limit int64) ([]byte, error) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	if err != nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			return nil, fmt.Errorf("%w: more than %d bytes", errTooLarge, limit)
		}
		return nil, errors.New("the body could not be read")
	}
	return body, nil
}

// statusOf maps a readLimited error to its HTTP status.
func statusOf(err error) int {
	if errors.Is(err, errTooLarge) {
		return http.StatusRequestEntityTooLarge
	}
	return http.StatusBadRequest
}
