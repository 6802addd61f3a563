// Starts the built relay binary on a free port for the browser tests.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const relayBinary = fileURLToPath(new URL('../../build/out/relay', import.meta.url));

/**
 * Starts the relay on 127.0.0.1 with port 0 and reads the URL it listens
 * on from its log, so there is no race for a free port. env adds to the
 * relay's environment (e.g. SMARTID_CALLBACK_URL).
 * @returns {Promise<{url: string, stop: () => Promise<number|null>}>}
 */
export async function startRelay({ timeoutMs = 10_000, env = {} } = {}) {
  if (!existsSync(relayBinary)) {
    throw new Error(`${relayBinary} is missing: run make build`);
  }
  const child = spawn(relayBinary, ['-addr', '127.0.0.1:0'], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
  let log = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`relay did not start in ${timeoutMs} ms:\n${log}`)), timeoutMs);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
      log += chunk;
      const m = /msg=listening url=(\S+)/.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`relay exited with ${code} before listening:\n${log}`));
    });
  });
  // Keep draining the request log, and keep its request lines for tests
  // that prove what reached the server.
  const requests = [];
  child.stderr.on('data', (chunk) => {
    for (const m of chunk.matchAll(/msg=request method=(\S+) path=(\S+) status=(\d+)/g)) {
      if (requests.length < 100_000) requests.push({ method: m[1], path: m[2], status: Number(m[3]) });
    }
  });
  child.stderr.resume();

  const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    url,
    /** The requests the relay logged so far: { method, path, status }. */
    requests,
    /** Stops the relay with SIGTERM and resolves to its exit code. */
    async stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
