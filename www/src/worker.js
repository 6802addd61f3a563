// The verifier's Web Worker: it runs the Go wasm off the main thread, so a
// large PDF never freezes the page. Messages from verifier.js carry an id
// and a Blob or ArrayBuffer; answers carry the same id and a Report or an
// error. The file is read here and goes nowhere else.

import 'go:wasm_exec'; // Go's wasm_exec.js, resolved by build/site
import { signCall } from './sign-worker.js';

/* global Go, VERSO_WASM_FILE -- the wasm's hashed name, set by build/site */
let memory = null; // the Go instance's linear memory, for diagnostics
const wasm = start();

wasm.then(
  (api) => {
    postMessage({ type: 'ready', version: api.version });
    // Read the trusted lists while the visitor picks a file, not after.
    setTimeout(() => api.warm?.(), 0);
  },
  (err) => postMessage({ type: 'failed', error: messageOf(err) }),
);

async function start() {
  const go = new Go();
  const response = fetch(new URL(VERSO_WASM_FILE, import.meta.url));
  const { instance } = await WebAssembly.instantiateStreaming(response, go.importObject);
  // run returns only when the Go program exits, which it never does; by the
  // time main blocks, it has published globalThis.versoWasm (wasm/main.go).
  memory = instance.exports.mem;
  go.run(instance);
  if (!globalThis.versoWasm) throw new Error('the wasm did not publish its API');
  return globalThis.versoWasm;
}

// Calls: { id, input } verifies; { id, input, signedRevision: n } returns
// the bytes signature n signs, as an ArrayBuffer moved to the page.
onmessage = async ({ data: { id, input, signedRevision, sign } }) => {
  try {
    const api = await wasm;
    if (sign) return signCall(api, id, sign); // signer.js
    const bytes = input instanceof Blob ? await read(input, id) : new Uint8Array(input);
    postMessage({ id, progress: { phase: 'checking' } });
    if (signedRevision !== undefined) {
      const out = api.signedRevision(bytes, signedRevision);
      if (out instanceof Error) throw out;
      postMessage({ id, result: out.buffer }, [out.buffer]);
      return;
    }
    const out = await api.verify(bytes, digester(bytes));
    if (out instanceof Error) throw out;
    postMessage({ id, result: JSON.parse(out), wasmMemoryBytes: memory?.buffer.byteLength });
  } catch (err) {
    postMessage({ id, error: messageOf(err) });
  }
};

/**
 * Reads a Blob into one buffer, telling the page how far it got (a large
 * file on a slow disk takes seconds).
 */
async function read(blob, id) {
  const bytes = new Uint8Array(blob.size);
  let done = 0;
  let told = 0;
  for await (const chunk of blob.stream()) {
    bytes.set(chunk, done);
    done += chunk.length;
    if (done - told >= 1 << 20 || done === blob.size) {
      told = done;
      postMessage({ id, progress: { phase: 'reading', done, total: blob.size } });
    }
  }
  return bytes;
}

// The digests WebCrypto offers; for others the wasm hashes in Go.
const webCryptoDigests = new Set(['SHA-1', 'SHA-256', 'SHA-384', 'SHA-512']);

/**
 * Hashes the byte ranges a signature covers with WebCrypto, at native speed
 * (Go compiled to wasm hashes about ten times slower). WebCrypto takes one
 * buffer, so the ranges are joined: one copy, the size of the signed part.
 * Outside a secure context there is no crypto.subtle and Go does the work.
 */
function digester(bytes) {
  return async (algorithm, ranges) => {
    if (!webCryptoDigests.has(algorithm) || !globalThis.crypto?.subtle) return null;
    let total = 0;
    for (const [, length] of ranges) total += length;
    const joined = new Uint8Array(total);
    let at = 0;
    for (const [offset, length] of ranges) {
      joined.set(bytes.subarray(offset, offset + length), at);
      at += length;
    }
    return crypto.subtle.digest(algorithm, joined);
  };
}

function messageOf(err) {
  return err instanceof Error ? err.message : String(err);
}
