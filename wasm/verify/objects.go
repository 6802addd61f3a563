package verify

import (
	"bytes"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// sameObject reports whether two objects are equal as values: a revision
// that re-saves an object unchanged has changed nothing.
func sameObject(a, b types.Object) bool {
	switch x := a.(type) {
	case nil:
		return b == nil
	case types.Dict:
		y, ok := b.(types.Dict)
		return ok && sameDict(x, y)
	case types.StreamDict:
		y, ok := b.(types.StreamDict)
		return ok && sameDict(x.Dict, y.Dict) && bytes.Equal(x.Raw, y.Raw)
	case types.Array:
		y, ok := b.(types.Array)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !sameObject(x[i], y[i]) {
				return false
			}
		}
		return true
	case types.Float:
		switch y := b.(type) {
		case types.Float:
			return x == y
		case types.Integer:
			return float64(x) == float64(y)
		}
		return false
	case types.Integer:
		if y, ok := b.(types.Float); ok {
			return float64(x) == float64(y)
		}
		return a == b
	case types.StringLiteral, types.HexLiteral:
		// The same text may be written either way: compare what it says.
		sa, okA := stringBytes(a)
		sb, okB := stringBytes(b)
		return okA && okB && bytes.Equal(sa, sb)
	default:
		return a == b
	}
}

// stringBytes decodes a literal or hexadecimal string.
func stringBytes(o types.Object) ([]byte, bool) {
	switch v := o.(type) {
	case types.StringLiteral:
		b, err := types.Unescape(string(v))
		return b, err == nil
	case types.HexLiteral:
		b, err := v.Bytes()
		return b, err == nil
	}
	return nil, false
}

func sameDict(x, y types.Dict) bool {
	if len(x) != len(y) {
		return false
	}
	for k, v := range x {
		w, ok := y[k]
		if !ok || !sameObject(v, w) {
			return false
		}
	}
	return true
}

// changedKeys lists the keys whose values differ between two dictionaries.
func changedKeys(old, new types.Dict) []string {
	var keys []string
	for k, v := range new {
		if w, ok := old[k]; !ok || !sameObject(v, w) {
			keys = append(keys, k)
		}
	}
	for k := range old {
		if _, ok := new[k]; !ok {
			keys = append(keys, k)
		}
	}
	return keys
}

// onlyKeys reports whether every key in keys is one of allowed.
func onlyKeys(keys []string, allowed ...string) bool {
	for _, k := range keys {
		found := false
		for _, a := range allowed {
			if k == a {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func nameOf(o types.Object) string {
	switch n := o.(type) {
	case types.Name:
		return string(n)
	case types.StringLiteral:
		return string(n)
	}
	return ""
}

func dictOf(o types.Object) (types.Dict, bool) {
	switch d := o.(type) {
	case types.Dict:
		return d, true
	case types.StreamDict:
		return d.Dict, true
	}
	return nil, false
}

func refsIn(o types.Object) []types.IndirectRef {
	var refs []types.IndirectRef
	if a, ok := o.(types.Array); ok {
		for _, e := range a {
			if r, ok := e.(types.IndirectRef); ok {
				refs = append(refs, r)
			}
		}
	}
	return refs
}
