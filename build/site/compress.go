package main

import (
	"bytes"
	"compress/gzip"

	"github.com/andybalholm/brotli"
)

// compressors make the variants the relay negotiates with Accept-Encoding,
// at the highest settings: they run once per build, not per request.
var compressors = []struct {
	suffix   string
	compress func([]byte) ([]byte, error)
}{
	{".br", brotliBytes},
	{".gz", gzipBytes},
}

// brotliBytes compresses at quality 11 with a 16 MiB window, which suits a
// wasm binary of a few megabytes.
func brotliBytes(data []byte) ([]byte, error) {
	var buf bytes.Buffer
	w := brotli.NewWriterOptions(&buf, brotli.WriterOptions{Quality: brotli.BestCompression, LGWin: 24})
	if _, err := w.Write(data); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// gzipBytes compresses with no name and no time in the header, so that the
// same input always gives the same bytes.
func gzipBytes(data []byte) ([]byte, error) {
	var buf bytes.Buffer
	w, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(data); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
