// The page's side of the verifier Web Worker (worker.js). Every call is a
// message answered by id, so calls may overlap.

/** A verifier running in its own Web Worker. */
export class Verifier {
  #worker;
  #pending = new Map();
  #nextId = 1;
  #failure = null;

  /** Resolves to { version } once the wasm runs; rejects if it cannot start. */
  ready;

  /** The wasm's linear memory after the last verification, in bytes. */
  wasmMemoryBytes = 0;
  /** The last verification's phases in ms: { read, digest, total }. */
  timings = null;

  /** @param {URL} workerURL the bundled worker.js */
  constructor(workerURL) {
    let started, failed;
    this.ready = new Promise((resolve, reject) => { started = resolve; failed = reject; });
    this.ready.catch(() => {}); // reported through verify and the page, not as unhandled

    const fail = (error) => {
      this.#failure ??= error;
      failed(error);
      for (const call of this.#pending.values()) call.reject(error);
      this.#pending.clear();
    };
    this.#worker = new Worker(workerURL, { type: 'module', name: 'verso-verifier' });
    this.#worker.onerror = (event) => {
      event.preventDefault();
      fail(new Error(`the verifier could not start: ${event.message || 'worker failed to load'}`));
    };
    this.#worker.onmessage = ({ data }) => {
      switch (data.type) {
        case 'ready':
          started({ version: data.version });
          return;
        case 'failed':
          fail(new Error(`the verifier could not start: ${data.error}`));
          return;
      }
      const call = this.#pending.get(data.id);
      if (!call) return;
      if (data.progress) {
        call.onProgress?.(data.progress);
        return;
      }
      this.#pending.delete(data.id);
      if (data.wasmMemoryBytes) this.wasmMemoryBytes = data.wasmMemoryBytes;
      if (data.timings) this.timings = data.timings;
      if (data.error === undefined) call.resolve(data.result);
      else call.reject(new Error(data.error));
    };
  }

  /**
   * Verifies a PDF and resolves to its Report. The bytes go to the worker,
   * never to the network.
   * @param {Blob | ArrayBuffer | ArrayBufferView} input a File, Blob or bytes
   * @param {{onProgress?: (p: {phase: string, done?: number, total?: number}) => void}} [options]
   * @returns {Promise<object>} the Report
   */
  verify(input, { onProgress } = {}) {
    return this.#call(input, {}, onProgress);
  }

  /**
   * The revision that signature `index` (from 0, as in the Report) signs:
   * the document as its signer saw it.
   * @param {Blob | ArrayBuffer | ArrayBufferView} input the signed PDF
   * @param {number} index
   * @returns {Promise<Uint8Array>}
   */
  async signedRevision(input, index) {
    if (!Number.isInteger(index) || index < 0) throw new TypeError('signedRevision expects a signature index from 0');
    return new Uint8Array(await this.#call(input, { signedRevision: index }));
  }

  #call(input, extra, onProgress) {
    if (this.#failure) return Promise.reject(this.#failure);
    let message;
    try {
      message = toMessage(input);
    } catch (err) {
      return Promise.reject(err);
    }
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, onProgress });
      this.#worker.postMessage({ id, input: message.input, ...extra }, message.transfer);
    });
  }
}

// toMessage prepares input for postMessage without detaching the caller's
// buffer: a Blob (a File) goes as a handle that the worker reads, bytes go
// as a copy.
function toMessage(input) {
  if (input instanceof Blob || input instanceof ArrayBuffer) {
    return { input, transfer: [] }; // structured clone: a handle, or a copy
  }
  if (ArrayBuffer.isView(input)) {
    const copy = new Uint8Array(input.buffer, input.byteOffset, input.byteLength).slice();
    return { input: copy.buffer, transfer: [copy.buffer] };
  }
  throw new TypeError('verso.verify expects a File, a Blob, an ArrayBuffer or a typed array');
}
