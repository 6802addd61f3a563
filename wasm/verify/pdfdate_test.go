package verify

import "testing"

func TestParsePDFDate(t *testing.T) {
	for in, want := range map[string]string{
		"D:20231015123456+02'00'": "2023-10-15T12:34:56+02:00",
		"D:20231015123456Z":       "2023-10-15T12:34:56Z",
		"D:20231015123456-05'30":  "2023-10-15T12:34:56-05:30",
		"D:2023":                  "2023-01-01T00:00:00Z",
		"D:20230231":              "",
		"garbage":                 "",
		"":                        "",
		"D:2023101512+":           "",
	} {
		if got := parsePDFDate(in); got != want {
			t.Errorf("parsePDFDate(%q) = %q, want %q", in, got, want)
		}
	}
}
