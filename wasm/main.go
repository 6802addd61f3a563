//go:build js && wasm

// Command wasm is verso's verifier for the browser. It holds no logic: it
// publishes the verify package to JavaScript as globalThis.versoWasm,
//
//	versoWasm.version                 // verify.Version
//	versoWasm.verify(Uint8Array)      // the Report as a JSON string
//	versoWasm.signedRevision(Uint8Array, index)
//	                                  // the bytes signature index signs
//
// and then waits for calls. www/src/worker.js is its only caller.
package main

import (
	"encoding/json"
	"fmt"
	"syscall/js"

	"github.com/verso-pdf/verso/wasm/verify"
)

func main() {
	js.Global().Set("versoWasm", js.ValueOf(map[string]any{
		"version":        verify.Version,
		"verify":         js.FuncOf(verifyBytes),
		"signedRevision": js.FuncOf(signedRevision),
	}))
	select {} // keep the exported functions alive
}

// verifyBytes takes the file's bytes and returns the Report as JSON, or a
// JavaScript Error for misuse. A panic would end the Go program and every
// later call with it, so it becomes an Error too.
func verifyBytes(_ js.Value, args []js.Value) (result any) {
	defer func() {
		if r := recover(); r != nil {
			result = jsError(fmt.Sprintf("verifier failed: %v", r))
		}
	}()
	if len(args) != 1 || !args[0].InstanceOf(js.Global().Get("Uint8Array")) {
		return jsError("verify expects one Uint8Array")
	}
	out, err := json.Marshal(verify.Verify(bytesOf(args[0]), verify.Options{}))
	if err != nil {
		return jsError("encoding the report: " + err.Error())
	}
	return string(out)
}

// signedRevision returns, as a Uint8Array, the revision that signature
// index (from 0, as in the Report) signs.
func signedRevision(_ js.Value, args []js.Value) (result any) {
	defer func() {
		if r := recover(); r != nil {
			result = jsError(fmt.Sprintf("verifier failed: %v", r))
		}
	}()
	if len(args) != 2 || !args[0].InstanceOf(js.Global().Get("Uint8Array")) || args[1].Type() != js.TypeNumber {
		return jsError("signedRevision expects a Uint8Array and a signature index")
	}
	signed, err := verify.SignedRevision(bytesOf(args[0]), args[1].Int())
	if err != nil {
		return jsError(err.Error())
	}
	out := js.Global().Get("Uint8Array").New(len(signed))
	js.CopyBytesToJS(out, signed)
	return out
}

func bytesOf(v js.Value) []byte {
	data := make([]byte, v.Length())
	js.CopyBytesToGo(data, v)
	return data
}

func jsError(msg string) js.Value {
	return js.Global().Get("Error").New(msg)
}
