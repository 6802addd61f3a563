//go:build js && wasm

// Command wasm is verso's verifier for the browser. It holds no logic: it
// publishes the verify package to JavaScript as globalThis.versoWasm,
//
//	versoWasm.version                 // verify.Version
//	versoWasm.verify(Uint8Array)      // the Report as a JSON string
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
		"version": verify.Version,
		"verify":  js.FuncOf(verifyBytes),
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
	data := make([]byte, args[0].Length())
	js.CopyBytesToGo(data, args[0])
	out, err := json.Marshal(verify.Verify(data, verify.Options{}))
	if err != nil {
		return jsError("encoding the report: " + err.Error())
	}
	return string(out)
}

func jsError(msg string) js.Value {
	return js.Global().Get("Error").New(msg)
}
