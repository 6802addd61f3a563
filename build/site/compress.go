package main

import (
	"bytes"
	"compress/gzip"

	"github.com/andybalholm/brotli"
)

// compressor makes one pre-compressed variant, written as name+suffix.
type compressor struct {
	suffix   string
	compress func([]byte) ([]byte, error)
}

// compressors make the variants the relay negotiates with Accept-Encoding.
// They run once per build, not per request, so gzip runs at its best
// level; brotli's quality is the caller's choice because 11, the smallest,
// takes about 20 s for an 8 MB wasm where 9 takes 1.5 s for 13% more.
func compressors(brotliQuality int) []compressor {
	return []compressor{
		{".br", func(data []byte) ([]byte, error) { return brotliBytes(data, brotliQuality) }},
		{".gz", gzipBytes},
	}
}

// brotliBytes compresses at the given quality (0 to 11).
func brotliBytes(data []byte, quality int) ([]byte, error) {
	var buf bytes.Buffer
	w := brotli.NewWriterLevel(&buf, quality)
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
