package sim

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"unicode/utf8"
)

// interactionText is the text field each interaction type carries, with
// its maximum length in characters.
var interactionText = map[string]struct {
	field string
	max   int
}{
	InteractionDisplayTextAndPIN: {"displayText60", 60},
	InteractionConfirmation:      {"displayText200", 200},
	InteractionConfirmationVC:    {"displayText200", 200},
}

// parseInteractions decodes and checks the interactions field (Base64 of
// a JSON array) by SK's rules: each entry a known type with exactly its
// own non-empty text, no type twice, and the verification-code choice
// only in (unlinked) notification flows. The problem is for a person.
func parseInteractions(b64 string, f flow) ([]Interaction, error) {
	raw, err := base64.StdEncoding.Strict().DecodeString(b64)
	if err != nil {
		return nil, fmt.Errorf("not Base64")
	}
	var entries []map[string]json.RawMessage
	if err := json.Unmarshal(raw, &entries); err != nil {
		return nil, fmt.Errorf("not a JSON array of objects")
	}
	switch {
	case len(entries) == 0:
		return nil, fmt.Errorf("no interaction")
	case len(entries) > MaxInteractions:
		return nil, fmt.Errorf("more than %d interactions", MaxInteractions)
	}
	seen := map[string]bool{}
	out := make([]Interaction, 0, len(entries))
	for i, e := range entries {
		var typ string
		if err := json.Unmarshal(e["type"], &typ); err != nil {
			return nil, fmt.Errorf("interaction %d has no type", i)
		}
		spec, ok := interactionText[typ]
		if !ok {
			return nil, fmt.Errorf("interaction %d: unknown type %q", i, typ)
		}
		if seen[typ] {
			return nil, fmt.Errorf("interaction %d: %s appears twice", i, typ)
		}
		seen[typ] = true
		if typ == InteractionConfirmationVC && f != flowNotification {
			return nil, fmt.Errorf("interaction %d: %s is allowed in notification flows only", i, typ)
		}
		for k := range e {
			if k != "type" && k != spec.field {
				return nil, fmt.Errorf("interaction %d: %s takes %s, not %s", i, typ, spec.field, k)
			}
		}
		var text string
		if v, ok := e[spec.field]; !ok || json.Unmarshal(v, &text) != nil || text == "" {
			return nil, fmt.Errorf("interaction %d: %s needs a non-empty %s", i, typ, spec.field)
		}
		if n := utf8.RuneCountInString(text); n > spec.max {
			return nil, fmt.Errorf("interaction %d: %s is %d characters, at most %d", i, spec.field, n, spec.max)
		}
		in := Interaction{Type: typ}
		if spec.field == "displayText60" {
			in.DisplayText60 = text
		} else {
			in.DisplayText200 = text
		}
		out = append(out, in)
	}
	return out, nil
}

// EncodeInteractions returns the interactions field for a request:
// Base64 of the minified JSON array, without HTML escaping.
func EncodeInteractions(in ...Interaction) (string, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(in); err != nil {
		return "", err
	}
	return base64.StdEncoding.EncodeToString(bytes.TrimSuffix(buf.Bytes(), []byte("\n"))), nil
}

// text returns the interaction's display text.
func (in Interaction) text() string {
	if in.DisplayText60 != "" {
		return in.DisplayText60
	}
	return in.DisplayText200
}
