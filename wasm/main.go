//go:build js && wasm

// Command wasm is verso's verifier for the browser. It holds no logic: it
// publishes the verify package to JavaScript as globalThis.versoWasm,
//
//	versoWasm.version                 // verify.Version
//	versoWasm.verify(input)           // the Report as a JSON string
//	versoWasm.verify(input, digest)
//	                                  // a Promise of it, hashing through
//	                                  // digest(algorithm, [[offset, length]...])
//	                                  // → Promise<ArrayBuffer | null>
//	versoWasm.warm()                  // do the first verification's setup now
//	versoWasm.signedRevision(input, index)
//	                                  // the bytes signature index signs
//	versoWasm.buffer(size), versoWasm.release(address)
//	                                  // Go memory the page reads a file
//	                                  // into (buffers.go)
//	versoWasm.sign.…                  // signing (sign_js.go)
//
// where input is a Uint8Array (copied) or the address of a buffer.
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
		"warm":           js.FuncOf(func(js.Value, []js.Value) any { verify.Warm(); return nil }),
		"buffer":         js.FuncOf(newBuffer),
		"release":        js.FuncOf(releaseBuffer),
		"sign":           signAPI(), // sign_js.go
	}))
	select {} // keep the exported functions alive
}

// verifyBytes takes the file's bytes and returns the Report as JSON, or a
// JavaScript Error for misuse. A panic would end the Go program and every
// later call with it, so it becomes an Error too.
//
// With a digest function as second argument, it returns a Promise and lets
// JavaScript hash the signed byte ranges (WebCrypto runs at native speed).
// Waiting for that Promise blocks a goroutine, which Go's wasm port allows
// only outside the call from JavaScript: hence the Promise.
func verifyBytes(_ js.Value, args []js.Value) (result any) {
	defer func() {
		if r := recover(); r != nil {
			result = jsError(fmt.Sprintf("verifier failed: %v", r))
		}
	}()
	if len(args) < 1 || len(args) > 2 {
		return jsError("verify expects a Uint8Array or buffer and an optional digest function")
	}
	data, ok := inputBytes(args[0])
	if !ok {
		return jsError("verify expects a Uint8Array or buffer and an optional digest function")
	}
	if len(args) == 1 || args[1].Type() != js.TypeFunction {
		return reportJSON(verify.Verify(data, verify.Options{}))
	}
	digest := args[1]
	return newPromise(func() any {
		return reportJSON(verify.Verify(data, verify.Options{RangeDigest: func(alg string, ranges [][2]int64) ([]byte, error) {
			return jsDigest(digest, alg, ranges)
		}}))
	})
}

func reportJSON(r *verify.Report) any {
	out, err := json.Marshal(r)
	if err != nil {
		return jsError("encoding the report: " + err.Error())
	}
	return string(out)
}

// jsDigest calls the page's digest function and waits for its Promise. It
// returns nil, and verify hashes in Go, when the function offers no digest.
func jsDigest(fn js.Value, alg string, ranges [][2]int64) ([]byte, error) {
	list := make([]any, len(ranges))
	for i, r := range ranges {
		list[i] = []any{float64(r[0]), float64(r[1])}
	}
	v, err := await(fn.Invoke(alg, list))
	if err != nil || v.IsNull() || v.IsUndefined() {
		return nil, err
	}
	view := js.Global().Get("Uint8Array").New(v)
	out := make([]byte, view.Length())
	js.CopyBytesToGo(out, view)
	return out, nil
}

// await blocks the calling goroutine until p settles.
func await(p js.Value) (js.Value, error) {
	type settled struct {
		v   js.Value
		err error
	}
	done := make(chan settled, 1)
	onResolve := js.FuncOf(func(_ js.Value, a []js.Value) any {
		done <- settled{v: a[0]}
		return nil
	})
	onReject := js.FuncOf(func(_ js.Value, a []js.Value) any {
		done <- settled{err: fmt.Errorf("digest: %s", js.Global().Get("String").Invoke(a[0]).String())}
		return nil
	})
	defer onResolve.Release()
	defer onReject.Release()
	js.Global().Get("Promise").Call("resolve", p).Call("then", onResolve, onReject)
	s := <-done
	return s.v, s.err
}

// newPromise runs work in a goroutine and settles a Promise with its
// result: a JavaScript Error rejects it.
func newPromise(work func() any) js.Value {
	var executor js.Func
	executor = js.FuncOf(func(_ js.Value, a []js.Value) any {
		resolve, reject := a[0], a[1]
		go func() {
			defer executor.Release()
			var out any
			func() {
				defer func() {
					if r := recover(); r != nil {
						out = jsError(fmt.Sprintf("verifier failed: %v", r))
					}
				}()
				out = work()
			}()
			if v, ok := out.(js.Value); ok && v.InstanceOf(js.Global().Get("Error")) {
				reject.Invoke(v)
				return
			}
			resolve.Invoke(out)
		}()
		return nil
	})
	return js.Global().Get("Promise").New(executor)
}

// signedRevision returns, as a Uint8Array, the revision that signature
// index (from 0, as in the Report) signs.
func signedRevision(_ js.Value, args []js.Value) (result any) {
	defer func() {
		if r := recover(); r != nil {
			result = jsError(fmt.Sprintf("verifier failed: %v", r))
		}
	}()
	if len(args) != 2 || args[1].Type() != js.TypeNumber {
		return jsError("signedRevision expects a Uint8Array or buffer and a signature index")
	}
	data, ok := inputBytes(args[0])
	if !ok {
		return jsError("signedRevision expects a Uint8Array or buffer and a signature index")
	}
	signed, err := verify.SignedRevision(data, args[1].Int())
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
