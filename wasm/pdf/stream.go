package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/pdfcpu/pdfcpu/pkg/filter"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// Stream returns the decoded content of a stream obtained from Object or
// Resolve, decrypted and passed through its filters. The result is at
// most MaxStreamSize bytes. Image-only filters (DCT, JPX, JBIG2, CCITT)
// are not decoded: a verifier compares their encoded bytes (sd.Raw).
func (f *File) Stream(rev int, sd types.StreamDict) (out []byte, err error) {
	defer recoverError(&err)
	if err := f.checkRev(rev); err != nil {
		return nil, err
	}
	raw := sd.Raw
	if f.encrypted {
		f.mu.Lock()
		id, ok := f.streamOwners[sd.StreamOffset]
		f.mu.Unlock()
		if !ok {
			return nil, errors.New("pdf: stream of an encrypted file not obtained from Object")
		}
		if raw, err = f.decryptStream(raw, id.num, id.gen, sd.Dict); err != nil {
			return nil, err
		}
	}
	pipeline := sd.FilterPipeline
	if pipeline == nil {
		if pipeline, err = f.filterPipeline(rev, sd.Dict); err != nil {
			return nil, err
		}
	}
	return decodePipeline(raw, pipeline, MaxStreamSize)
}

// decode decodes stream data with the filters named in d (references in
// /Filter and /DecodeParms resolved through rev; rev < 0 allows none).
func (f *File) decode(raw []byte, d types.Dict, rev int) ([]byte, error) {
	pipeline, err := f.filterPipeline(rev, d)
	if err != nil {
		return nil, err
	}
	return decodePipeline(raw, pipeline, MaxStreamSize)
}

// filterPipeline reads /Filter and /DecodeParms (a name and a dictionary,
// or arrays of them).
func (f *File) filterPipeline(rev int, d types.Dict) ([]types.PDFFilter, error) {
	res := func(o types.Object) (types.Object, error) {
		if _, ok := o.(types.IndirectRef); ok && rev < 0 {
			return nil, errors.New("indirect /Filter or /DecodeParms where only direct values are allowed")
		}
		if rev < 0 {
			return o, nil
		}
		return f.resolve(rev, o)
	}
	fv, err := res(d["Filter"])
	if err != nil {
		return nil, err
	}
	pv, err := res(d["DecodeParms"])
	if err != nil {
		return nil, err
	}
	var names types.Array
	var parms types.Array
	switch v := fv.(type) {
	case nil:
		return nil, nil
	case types.Name:
		names = types.Array{v}
		parms = types.Array{pv}
	case types.Array:
		names = v
		switch p := pv.(type) {
		case nil:
		case types.Array:
			parms = p
		default:
			return nil, errors.New("/DecodeParms does not match /Filter")
		}
	default:
		return nil, errors.New("/Filter is neither a name nor an array")
	}
	if len(names) > 8 {
		return nil, limitErrorf("more than 8 filters on one stream")
	}
	out := make([]types.PDFFilter, 0, len(names))
	for i, n := range names {
		n, err := res(n)
		if err != nil {
			return nil, err
		}
		name, ok := n.(types.Name)
		if !ok {
			return nil, errors.New("/Filter entry is not a name")
		}
		pf := types.PDFFilter{Name: string(name)}
		if i < len(parms) {
			p, err := res(parms[i])
			if err != nil {
				return nil, err
			}
			if pd, ok := p.(types.Dict); ok {
				pf.DecodeParms = pd
			}
		}
		out = append(out, pf)
	}
	return out, nil
}

// decodePipeline applies the filters in order with pdfcpu's decoders,
// each stage limited to limit bytes (MaxStreamSize; a parameter for the
// limit's test).
func decodePipeline(raw []byte, pipeline []types.PDFFilter, limit int) (out []byte, err error) {
	defer func() {
		// pdfcpu's decoders run on hostile bytes; a panic there must
		// not take the verifier down.
		if !catchPanics {
			return
		}
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("pdf: stream decoder failed: %v", r)
		}
	}()
	out = raw
	for _, pf := range pipeline {
		name := pf.Name
		switch name {
		case "AHx":
			name = filter.ASCIIHex
		case "A85":
			name = filter.ASCII85
		case "LZW":
			name = filter.LZW
		case "Fl":
			name = filter.Flate
		case "RL":
			name = filter.RunLength
		case "Crypt":
			// Only the Identity crypt filter; real crypt filters are
			// handled by the decryption before this pipeline.
			if n, _ := pf.DecodeParms["Name"].(types.Name); n != "" && n != "Identity" {
				return nil, fmt.Errorf("pdf: crypt filter %q is not supported", n)
			}
			continue
		}
		switch name {
		case filter.ASCIIHex, filter.ASCII85, filter.LZW, filter.Flate, filter.RunLength:
		default:
			return nil, fmt.Errorf("pdf: filter %q is not decoded: %w", pf.Name, filter.ErrUnsupportedFilter)
		}
		fl, err := filter.NewFilter(name, decodeParms(pf.DecodeParms), int64(limit))
		if err != nil {
			return nil, err
		}
		r, err := fl.Decode(bytes.NewReader(out))
		if err != nil {
			if errors.Is(err, filter.ErrDecodeLimitExceeded) {
				return nil, limitErrorf("stream decodes to more than MaxStreamSize (%d) bytes", limit)
			}
			return nil, fmt.Errorf("pdf: %s: %w", name, err)
		}
		if out, err = readLimited(r, limit); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// readLimited reads r, failing beyond limit bytes.
func readLimited(r io.Reader, limit int) ([]byte, error) {
	if b, ok := r.(*bytes.Buffer); ok {
		if b.Len() > limit {
			return nil, limitErrorf("stream decodes to more than MaxStreamSize (%d) bytes", limit)
		}
		return b.Bytes(), nil
	}
	b, err := io.ReadAll(io.LimitReader(r, int64(limit)+1))
	if err != nil {
		return nil, err
	}
	if len(b) > limit {
		return nil, limitErrorf("stream decodes to more than MaxStreamSize (%d) bytes", limit)
	}
	return b, nil
}

// decodeParms converts a /DecodeParms dictionary to pdfcpu's form (the
// integer and boolean entries).
func decodeParms(d types.Dict) map[string]int {
	if d == nil {
		return nil
	}
	m := map[string]int{}
	for k, v := range d {
		switch v := v.(type) {
		case types.Integer:
			m[k] = int(v)
		case types.Boolean:
			if v {
				m[k] = 1
			} else {
				m[k] = 0
			}
		}
	}
	return m
}
