// The verifier's Web Worker: it runs the Go wasm off the main thread, so a
// large PDF never freezes the page. Messages from verifier.js carry an id
// and a Blob or ArrayBuffer; answers carry the same id and a Report or an
// error. The file is read here and goes nowhere else.

import 'go:wasm_exec'; // Go's wasm_exec.js, resolved by build/site
import { readIntoGo } from './gobuffer.js';
import { digestRanges, prefixHasher } from './prefix.js';
import { signCall } from './sign-worker.js';

/* global Go, VERSO_WASM_FILE -- the wasm's hashed name, set by build/site */
let memory = null; // the Go instance's linear memory, which files are read into
let inFlight = 0; // calls received and not yet answered
const wasm = start();

wasm.then(
  (api) => {
    postMessage({ type: 'ready', version: api.version });
    // The first verification's setup (trusted lists, lazily built tables)
    // while the visitor picks a file, not after.
    setTimeout(() => {
      // A file chosen before now goes first and does that setup itself.
      if (inFlight === 0) api.warm?.();
      prefixHasher().catch(() => {}); // compiles hash-wasm's SHA-256
    }, 0);
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
  let file = null;
  inFlight++;
  try {
    const api = await wasm;
    if (sign) return await signCall(api, () => memory, id, sign); // signer.js
    const timings = { start: performance.now() };
    file = input instanceof Blob ? await readFile(api, input, id) : fromBuffer(input);
    timings.read = performance.now() - timings.start;
    postMessage({ id, progress: { phase: 'checking' } });
    if (signedRevision !== undefined) {
      const out = api.signedRevision(file.input, signedRevision);
      if (out instanceof Error) throw out;
      postMessage({ id, result: out.buffer }, [out.buffer]);
      return;
    }
    timings.digest = 0;
    const out = await api.verify(file.input, digester(file, timings));
    if (out instanceof Error) throw out;
    const result = JSON.parse(out);
    timings.total = performance.now() - timings.start;
    delete timings.start;
    postMessage({ id, result, wasmMemoryBytes: memory?.buffer.byteLength, timings });
  } catch (err) {
    postMessage({ id, error: messageOf(err) });
  } finally {
    file?.release();
    inFlight--;
  }
};

/**
 * A file read into Go's memory. input is what the wasm API takes (the
 * buffer's address), bytes() a view of it (made anew each time: Go growing
 * its memory detaches the old one), prefix the running SHA-256 states, or
 * null when they are not at hand.
 * @typedef {{ input: number | Uint8Array, bytes: () => Uint8Array, prefix: PrefixStates | null, release: () => void }} File
 */

/** Bytes the page already holds (the widget's verify(bytes)). */
function fromBuffer(buffer) {
  const bytes = new Uint8Array(buffer);
  return { input: bytes, bytes: () => bytes, prefix: null, release() {} };
}

/**
 * Reads a Blob straight into a buffer in Go's memory (gobuffer.js),
 * telling the page how far it got (a large file on a slow disk takes
 * seconds), and computes its running SHA-256 on the way (prefix.js).
 * (Hashing in a second worker that reads the File too was slower on the
 * two-core benchmark machine.)
 * @returns {Promise<File>}
 */
async function readFile(api, blob, id) {
  if (blob.size === 0) return fromBuffer(new ArrayBuffer(0));
  const prefix = await prefixHasher();
  const held = await readIntoGo(api, () => memory, blob, (chunk, done) => {
    prefix.update(chunk);
    postMessage({ id, progress: { phase: 'reading', done, total: blob.size } });
  });
  return { input: held.address, bytes: held.bytes, prefix: prefix.states(), release: held.release };
}

/**
 * The digest function the wasm calls for the byte ranges a signature
 * covers (prefix.js): views of the file in Go's memory, nothing joined.
 */
function digester(file, timings) {
  return async (algorithm, ranges) => {
    const start = performance.now();
    const digest = await digestRanges(algorithm, file.bytes, file.prefix, ranges);
    timings.digest += performance.now() - start;
    return digest;
  };
}

function messageOf(err) {
  return err instanceof Error ? err.message : String(err);
}
