// Files read straight into Go's memory (wasm/buffers.go), for the workers
// of the verify and sign pages: one copy of a large PDF, in the wasm, not a
// second one in JavaScript.

/**
 * Reads blob (not empty) into a new buffer in Go's memory. onChunk(chunk,
 * done) sees each chunk, valid only until it returns. The buffer is the
 * caller's to release.
 * @param {object} api globalThis.versoWasm
 * @param {() => WebAssembly.Memory} memory the Go instance's memory
 * @param {Blob} blob
 * @param {(chunk: Uint8Array, done: number) => void} [onChunk]
 * @returns {Promise<{ address: number, bytes: () => Uint8Array, release: () => void }>}
 *   bytes() is a view of the buffer, made anew each time: Go growing its
 *   memory detaches the old one
 */
export async function readIntoGo(api, memory, blob, onChunk = () => {}) {
  const address = api.buffer(blob.size);
  if (address instanceof Error) throw address;
  const held = {
    address,
    bytes: () => new Uint8Array(memory().buffer, address, blob.size),
    release: () => api.release(address),
  };
  try {
    let done = 0;
    for await (const chunk of chunks(blob)) {
      if (done + chunk.length > blob.size) break;
      held.bytes().set(chunk, done);
      done += chunk.length;
      onChunk(chunk, done);
    }
    if (done !== blob.size) throw new Error(`the file changed while it was read (${done} of ${blob.size} bytes)`);
    return held;
  } catch (err) {
    held.release();
    throw err;
  }
}

/** Bytes read from a Blob at once, into one buffer used again and again. */
const readChunk = 4 << 20;

/**
 * The Blob's bytes in order, read into one reused buffer (a "bring your own
 * buffer" reader): each chunk is valid until the next is asked for. Fresh
 * memory is costly (on the benchmark machine a 100 MB file reads in 0.7 s
 * into new buffers, 0.2–0.3 s into one reused), so nothing is allocated
 * per chunk.
 * @returns {AsyncGenerator<Uint8Array>}
 */
async function* chunks(blob) {
  let reader;
  try {
    reader = blob.stream().getReader({ mode: 'byob' });
  } catch {
    yield* blob.stream(); // a browser without byte streams
    return;
  }
  let buffer = new ArrayBuffer(Math.min(readChunk, blob.size));
  for (;;) {
    const { value, done } = await reader.read(new Uint8Array(buffer));
    if (done) return;
    yield value;
    buffer = value.buffer; // the read moved it; it comes back here
  }
}
