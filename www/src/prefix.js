// Hashing for the verifier's worker, with hash-wasm (bundled, no request
// leaves the page): it hashes views of the file in Go's memory, so the
// byte ranges a signature covers need not be joined into a copy, as
// WebCrypto's one-buffer digest would need. And while a file is read, the
// running SHA-256 of everything read so far is saved every step bytes:
// every signature's first range starts at byte 0, so its digest resumes
// from the last saved state before that range ends instead of hashing the
// file again. Hashing a chunk takes about a third of the time the browser
// takes to deliver it, so it hides behind the reading.

import { createSHA1, createSHA256, createSHA384, createSHA512 } from 'hash-wasm';

/** The digests hashed here, by the names the wasm asks for; Go does the others. */
export const hashers = {
  'SHA-1': createSHA1,
  'SHA-256': createSHA256,
  'SHA-384': createSHA384,
  'SHA-512': createSHA512,
};

/** Bytes between saved states: at most this much of a first range is hashed again. */
export const step = 1 << 20;

/**
 * A running SHA-256 that saves its state every step bytes. saved() are the
 * states (to post to another thread), states() the resumable form.
 * @returns {Promise<{ update(chunk: Uint8Array): void, saved(): Uint8Array[], states(): PrefixStates }>}
 */
export async function prefixHasher() {
  const h = await createSHA256();
  h.init();
  const saved = [h.save()]; // saved[k]: the state after k * step bytes
  let sinceSave = 0;
  return {
    update(chunk) {
      for (let at = 0; at < chunk.length;) {
        const n = Math.min(step - sinceSave, chunk.length - at);
        h.update(chunk.subarray(at, at + n));
        at += n;
        sinceSave += n;
        if (sinceSave === step) {
          saved.push(h.save());
          sinceSave = 0;
        }
      }
    },
    saved: () => saved,
    states: () => prefixStates(saved),
  };
}

/**
 * Resumable states from saved ones: saved[k] is the SHA-256 state after
 * k * step bytes.
 * @param {Uint8Array[]} saved
 * @returns {PrefixStates}
 */
export function prefixStates(saved) {
  return {
    /**
     * Loads into hasher (a SHA-256 from hashers) the state after the
     * longest saved prefix not longer than length, and returns that
     * prefix's length: the caller hashes on from there.
     */
    resume(hasher, length) {
      const k = Math.min(Math.floor(length / step), saved.length - 1);
      hasher.load(saved[k]);
      return k * step;
    },
  };
}

/**
 * The digest of the byte ranges ([offset, length] pairs) of the file that
 * bytes() views, or null for an algorithm not hashed here. bytes is a
 * function because a view of Go's memory must be made after the await.
 * @param {PrefixStates | null} prefix
 * @returns {Promise<Uint8Array | null>}
 */
export async function digestRanges(algorithm, bytes, prefix, ranges) {
  const create = hashers[algorithm];
  if (!create) return null;
  const h = await create();
  const view = bytes();
  let first = 0;
  if (algorithm === 'SHA-256' && prefix && ranges.length > 0 && ranges[0][0] === 0) {
    const [, length] = ranges[0];
    h.update(view.subarray(prefix.resume(h, length), length));
    first = 1;
  } else {
    h.init();
  }
  for (const [offset, length] of ranges.slice(first)) h.update(view.subarray(offset, offset + length));
  return h.digest('binary');
}

/** @typedef {{ resume(hasher: object, length: number): number }} PrefixStates */
