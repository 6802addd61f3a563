package sim

import (
	"bytes"
	"encoding/json"
	"net/http"
)

// unknownField is added to every JSON object the RP API returns, as SK's
// own test responses do, so that clients prove they ignore new fields.
const unknownField = "simulatorUnknownField"

// writeJSON writes v with status. Unless disabled, every object in it
// gains unknownField.
func (s *Simulator) writeJSON(w http.ResponseWriter, status int, contentType string, v any) {
	body, err := json.Marshal(v)
	if err == nil && !s.opts.NoUnknownFields {
		body, err = withUnknownFields(body)
	}
	if err != nil {
		http.Error(w, "cannot encode the response", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// withUnknownFields re-encodes a JSON document with unknownField in every
// object. Numbers keep their text.
func withUnknownFields(body []byte) ([]byte, error) {
	d := json.NewDecoder(bytes.NewReader(body))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return nil, err
	}
	var add func(any)
	add = func(v any) {
		switch t := v.(type) {
		case map[string]any:
			for _, e := range t {
				add(e)
			}
			t[unknownField] = "clients must ignore fields they do not know"
		case []any:
			for _, e := range t {
				add(e)
			}
		}
	}
	add(v)
	var out bytes.Buffer
	e := json.NewEncoder(&out)
	e.SetEscapeHTML(false)
	if err := e.Encode(v); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// problem writes an RFC 9457 body.
func (s *Simulator) problem(w http.ResponseWriter, status int, detail string, errs ...ProblemError) {
	title := http.StatusText(status)
	switch status {
	case statusClientTooOld:
		title = "Client too old"
	case statusMaintenance:
		title = "System under maintenance"
	}
	s.writeJSON(w, status, "application/problem+json", Problem{
		Type: "about:blank", Title: title, Status: status, Detail: detail, Errors: errs,
	})
}

// Status codes of the RP API beyond net/http's.
const (
	statusClientTooOld = 480
	statusMaintenance  = 580
)
