// The worker's digests (www/src/prefix.js) against Node's own SHA-256, for
// byte ranges like a signature's: the first from byte 0, a gap, the rest.

import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { test } from 'node:test';

import { digestRanges, hashers, prefixHasher, step } from '../src/prefix.js';

function expected(algorithm, bytes, ranges) {
  const h = createHash(algorithm.replace('-', '').toLowerCase());
  for (const [offset, length] of ranges) h.update(bytes.subarray(offset, offset + length));
  return h.digest('hex');
}

function digest(algorithm, bytes, prefix, ranges) {
  return digestRanges(algorithm, () => bytes, prefix, ranges).then((d) => Buffer.from(d).toString('hex'));
}

test('digests resumed from saved prefix states equal a fresh hash', async () => {
  const size = 5 * step + 12_345;
  const bytes = randomBytes(size);
  const running = await prefixHasher();
  // Chunks of odd sizes, as a stream delivers them, across step borders.
  for (let at = 0, n = 1; at < size; at += n, n = (n * 7 + 65_521) % 900_001 + 1) running.update(bytes.subarray(at, Math.min(size, at + n)));
  const prefix = running.states();
  const gaps = [[0, 10], [step - 1, 20], [step, 8], [2 * step + 3, 70_000], [5 * step, 11], [size - 40, 30]];
  for (const [a, gap] of gaps) {
    const b = a + gap;
    for (const end of [b, b + 1, size]) {
      if (end > size) continue;
      const ranges = [[0, a], [b, end - b]];
      for (const algorithm of Object.keys(hashers)) {
        assert.equal(await digest(algorithm, bytes, prefix, ranges), expected(algorithm, bytes, ranges), `${algorithm} ${JSON.stringify(ranges)}`);
      }
    }
  }
  // A whole-file range (a document timestamp over everything but itself
  // also starts at 0) and the file's end exactly on a saved state.
  assert.equal(await digest('SHA-256', bytes, prefix, [[0, size]]), expected('SHA-256', bytes, [[0, size]]));
  assert.equal(await digest('SHA-256', bytes, prefix, [[0, 3 * step]]), expected('SHA-256', bytes, [[0, 3 * step]]));
});
