package main

import (
	"bytes"
	"html/template"
)

// pageAssets are the hashed names index.html refers to, relative to it.
type pageAssets struct {
	Script, Style, Icon string
}

// renderPage fills the index.html template with the asset names.
func renderPage(file string, assets pageAssets) ([]byte, error) {
	t, err := template.ParseFiles(file)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, assets); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
