package tsl

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzTrustedList feeds the list reader: parsing, canonicalisation and
// signature checking must never panic, and must refuse what they cannot
// verify.
func FuzzTrustedList(f *testing.F) {
	f.Add([]byte(`<TrustServiceStatusList xmlns="` + nsTSL + `"/>`))
	f.Add([]byte(`<a:r xmlns:a="urn:a" a:b="1"><a:c Id="x">t</a:c></a:r>`))
	dir := os.Getenv("VERSO_SHARED")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "..", "shared")
	}
	if data, err := os.ReadFile(filepath.Join(dir, "trustlists", "2023-LV.xml")); err == nil {
		f.Add(data[:20000])
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := parseXML(data)
		if err != nil {
			return
		}
		canonicalDocument(doc, true, nil)
		canonicalDocument(doc, false, nil)
		if l, err := read("fuzz", data); err == nil {
			l.Services()
		}
	})
}
