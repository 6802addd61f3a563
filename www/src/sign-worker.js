// The worker's side of signer.js: runs one call of the wasm signing API
// (versoWasm.sign, wasm/sign_js.go) and posts the answer with the same id.
// Byte results move to the page without a copy.

import { readIntoGo } from './gobuffer.js';

// The calls the page may make; anything else is refused.
const operations = new Set([
  'check', 'prepare', 'timestampRequest', 'finish', 'ocspRequest', 'checkOCSP', 'addDSS',
  'prepareDocumentTimestamp', 'finishDocumentTimestamp', 'release',
]);

/**
 * @param {object} api globalThis.versoWasm
 * @param {() => WebAssembly.Memory} memory the Go instance's memory
 * @param {string} id the call's id
 * @param {{op: string, args: unknown[]}} call
 */
export async function signCall(api, memory, id, { op, args }) {
  const held = [];
  try {
    if (!operations.has(op) || !Array.isArray(args)) throw new Error(`unknown signing call ${op}`);
    // A File or Blob (the PDF) is read here, in the worker, straight into
    // Go's memory; the call gets the buffer's address.
    const inputs = [];
    for (const a of args) {
      if (a instanceof Blob && a.size > 0) {
        const buffer = await readIntoGo(api, memory, a);
        held.push(buffer);
        inputs.push(buffer.address);
      } else {
        inputs.push(a instanceof Blob ? new Uint8Array(0) : a);
      }
    }
    const out = api.sign[op](...inputs);
    if (out instanceof Error) throw out;
    postMessage({ id, result: out }, transferables(out));
  } catch (err) {
    postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  } finally {
    for (const buffer of held) buffer.release();
  }
}

function transferables(out) {
  if (out instanceof Uint8Array) return [out.buffer];
  if (out && typeof out === 'object') return Object.values(out).filter((v) => v instanceof Uint8Array).map((v) => v.buffer);
  return [];
}
