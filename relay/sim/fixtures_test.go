package sim

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestSKFixtures: SK's published responses decode with the types the
// simulator encodes, and encoding them again loses nothing but the
// deliberate unknown fields.
func TestSKFixtures(t *testing.T) {
	dir := filepath.Join(sharedDir(t), "fixtures", "smart-id")
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures in %s", dir)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var v any = &SessionStatus{}
		if strings.Contains(filepath.Base(f), "certificate-by-document") {
			v = &CertificateResponse{}
		}
		if err := json.Unmarshal(data, v); err != nil {
			t.Errorf("%s: %v", filepath.Base(f), err)
			continue
		}
		again, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		var want, got any
		_ = json.Unmarshal(data, &want)
		_ = json.Unmarshal(again, &got)
		if want = withoutUnknown(want); !reflect.DeepEqual(want, got) {
			t.Errorf("%s: re-encoded\n%v\nwant\n%v", filepath.Base(f), got, want)
		}
	}
}

// withoutUnknown drops the fixtures' unknownField… entries.
func withoutUnknown(v any) any {
	switch t := v.(type) {
	case map[string]any:
		for k, e := range t {
			if strings.HasPrefix(k, "unknownField") {
				delete(t, k)
				continue
			}
			t[k] = withoutUnknown(e)
		}
	case []any:
		for i, e := range t {
			t[i] = withoutUnknown(e)
		}
	}
	return v
}
