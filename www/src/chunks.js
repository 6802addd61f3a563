// Reading a Blob (the chosen PDF) chunk by chunk, for the verifier's
// workers.

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
export async function* chunks(blob) {
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
