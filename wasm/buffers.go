//go:build js && wasm

package main

import (
	"sync"
	"syscall/js"
	"unsafe"

	"github.com/verso-pdf/verso/wasm/pdf"
)

// Buffers in Go's memory that JavaScript fills directly: a file is read
// from its Blob straight into the slice the verifier reads, instead of
// into a JavaScript buffer that Go then copies. For a 100 MB file that is
// one pass over fresh memory less (about 0.3 s on a small machine) and
// 100 MB less at the peak.
//
//	versoWasm.buffer(size)    // → address of a new Go slice of size bytes
//	versoWasm.release(address)
//
// JavaScript writes through new Uint8Array(mem.buffer, address, size),
// made anew whenever Go grows its memory (which detaches mem.buffer). The
// address stays valid: Go's collector does not move objects, and the
// slice is held here until released.
var buffers = struct {
	sync.Mutex
	held map[uintptr][]byte
}{held: map[uintptr][]byte{}}

// maxHeldBuffers bounds the buffers a page may hold at once; a page holds
// one per verification in flight.
const maxHeldBuffers = 8

func newBuffer(_ js.Value, args []js.Value) any {
	if len(args) != 1 || args[0].Type() != js.TypeNumber {
		return jsError("buffer expects a size")
	}
	size := args[0].Float()
	if size < 1 || size > pdf.MaxFileSize || size != float64(int(size)) {
		return jsError("buffer size must be between 1 byte and the largest file verso reads")
	}
	buffers.Lock()
	defer buffers.Unlock()
	if len(buffers.held) >= maxHeldBuffers {
		return jsError("too many buffers held")
	}
	b := make([]byte, int(size))
	at := uintptr(unsafe.Pointer(&b[0]))
	buffers.held[at] = b
	return float64(at)
}

func releaseBuffer(_ js.Value, args []js.Value) any {
	if len(args) == 1 && args[0].Type() == js.TypeNumber {
		buffers.Lock()
		delete(buffers.held, uintptr(args[0].Float()))
		buffers.Unlock()
	}
	return nil
}

// inputBytes returns the bytes an argument names: a Uint8Array (copied
// into Go) or the address of a held buffer (used in place).
func inputBytes(v js.Value) ([]byte, bool) {
	switch {
	case v.Type() == js.TypeNumber:
		buffers.Lock()
		defer buffers.Unlock()
		b, ok := buffers.held[uintptr(v.Float())]
		return b, ok
	case v.InstanceOf(js.Global().Get("Uint8Array")):
		return bytesOf(v), true
	}
	return nil, false
}
