package server

import (
	"strconv"
	"strings"
)

// acceptedCodings parses an Accept-Encoding header (RFC 9110, 12.5.3) into
// the quality of each named coding; "*" stands for any coding not named.
// Malformed weights count as 0, so a garbled header never earns a coding.
func acceptedCodings(header string) map[string]float64 {
	q := map[string]float64{}
	for part := range strings.SplitSeq(header, ",") {
		name, params, _ := strings.Cut(part, ";")
		name = strings.ToLower(strings.TrimSpace(name))
		if name == "" {
			continue
		}
		weight := 1.0
		for p := range strings.SplitSeq(params, ";") {
			k, v, ok := strings.Cut(strings.TrimSpace(p), "=")
			if !ok || strings.ToLower(strings.TrimSpace(k)) != "q" {
				continue
			}
			w, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			if err != nil || w < 0 || w > 1 {
				w = 0
			}
			weight = w
		}
		q[name] = weight
	}
	return q
}

// accepts reports the weight a client gives coding, after "*".
func accepts(q map[string]float64, coding string) float64 {
	if w, ok := q[coding]; ok {
		return w
	}
	return q["*"]
}

// negotiate picks the coding to send among the ones available, in the
// server's order of preference (smallest first), or "" for the file as it
// is. A client that sends no Accept-Encoding gets the file as it is: RFC 9110
// would allow any coding, but some clients that omit the header cannot
// decode.
func negotiate(header string, available []string) string {
	if strings.TrimSpace(header) == "" {
		return ""
	}
	q := acceptedCodings(header)
	best, bestW := "", 0.0
	for _, c := range available {
		if w := accepts(q, c); w > bestW {
			best, bestW = c, w
		}
	}
	return best
}
