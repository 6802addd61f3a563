// The worker's side of signer.js: runs one call of the wasm signing API
// (versoWasm.sign, wasm/sign_js.go) and posts the answer with the same id.
// Byte results move to the page without a copy.

// The calls the page may make; anything else is refused.
const operations = new Set([
  'check', 'prepare', 'timestampRequest', 'finish', 'ocspRequest', 'checkOCSP', 'addDSS',
  'prepareDocumentTimestamp', 'finishDocumentTimestamp', 'release',
]);

/**
 * @param {object} api globalThis.versoWasm
 * @param {string} id the call's id
 * @param {{op: string, args: unknown[]}} call
 */
export async function signCall(api, id, { op, args }) {
  try {
    if (!operations.has(op) || !Array.isArray(args)) throw new Error(`unknown signing call ${op}`);
    // A File or Blob (the PDF) is read here, in the worker.
    const inputs = await Promise.all(args.map(async (a) => (a instanceof Blob ? new Uint8Array(await a.arrayBuffer()) : a)));
    const out = api.sign[op](...inputs);
    if (out instanceof Error) throw out;
    postMessage({ id, result: out }, transferables(out));
  } catch (err) {
    postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
}

function transferables(out) {
  if (out instanceof Uint8Array) return [out.buffer];
  if (out && typeof out === 'object') return Object.values(out).filter((v) => v instanceof Uint8Array).map((v) => v.buffer);
  return [];
}
