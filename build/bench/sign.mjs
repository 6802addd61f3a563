// Times the sign page's wasm calls on a 50 MB PDF in headless Chromium:
// versoWasm.sign.prepare (bytes into the wasm, marks, signatures page,
// placeholder, ByteRange digest, signed attributes) and finish (CMS,
// checks, embedding, bytes out), with WebCrypto standing in for Smart-ID
// in between (not timed). Prints one JSON object.
//
//   go run build/bench/sign_fixture.go build/bench/out/sign
//   GOOS=js GOARCH=wasm go build -o build/bench/out/sign/verso.wasm ./wasm
//   node build/bench/sign.mjs build/bench/out/sign [RUNS]

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { launchChromium } from '../../www/test/chromium.js';

const [dir, runs = '3'] = process.argv.slice(2);
if (!dir) {
  console.error('usage: node build/bench/sign.mjs DIR [RUNS]');
  process.exit(2);
}
const goroot = execFileSync('go', ['env', 'GOROOT'], { encoding: 'utf8' }).trim();
const files = {
  '/wasm_exec.js': [readFileSync(join(goroot, 'lib/wasm/wasm_exec.js')), 'text/javascript'],
  '/verso.wasm': [readFileSync(join(dir, 'verso.wasm')), 'application/wasm'],
  '/doc.pdf': [readFileSync(join(dir, '50mb.pdf')), 'application/pdf'],
  '/cert.der': [readFileSync(join(dir, 'cert.der')), 'application/octet-stream'],
  '/issuer.der': [readFileSync(join(dir, 'issuer.der')), 'application/octet-stream'],
  '/key.pk8': [readFileSync(join(dir, 'key.pk8')), 'application/octet-stream'],
  '/pss-params.der': [readFileSync(join(dir, 'pss-params.der')), 'application/octet-stream'],
  '/': ['<!doctype html><title>verso sign bench</title><script src="/wasm_exec.js"></script>', 'text/html'],
};

const browser = await launchChromium();
try {
  const page = await browser.newPage();
  // Served from memory on a made-up secure origin (WebCrypto needs one).
  await page.route('https://bench.verso.test/**', (route) => {
    const [body, contentType] = files[new URL(route.request().url()).pathname] ?? [];
    return body ? route.fulfill({ body, contentType }) : route.fulfill({ status: 404 });
  });
  await page.goto('https://bench.verso.test/');
  const result = await page.evaluate(async (runs) => {
    const get = async (p) => new Uint8Array(await (await fetch(p)).arrayBuffer());
    const go = new Go();
    const { instance } = await WebAssembly.instantiateStreaming(fetch('/verso.wasm'), go.importObject);
    go.run(instance);
    const api = globalThis.versoWasm.sign;
    const [pdf, cert, issuer, pk8, params] = await Promise.all(
      ['/doc.pdf', '/cert.der', '/issuer.der', '/key.pk8', '/pss-params.der'].map(get));
    const key = await crypto.subtle.importKey('pkcs8', pk8, { name: 'RSA-PSS', hash: 'SHA-256' }, false, ['sign']);
    const prepare = [];
    const finish = [];
    let size = 0;
    for (let i = 0; i < runs; i++) {
      let t = performance.now();
      const p = api.prepare(pdf, cert, [{ page: 1, x: 400, y: 40 }], {});
      if (p instanceof Error) throw p;
      prepare.push(performance.now() - t);
      const value = new Uint8Array(await crypto.subtle.sign({ name: 'RSA-PSS', saltLength: 32 }, key, p.signedAttributes));
      t = performance.now();
      const out = api.finish(p.id, value, '1.2.840.113549.1.1.10', params, [issuer], null);
      if (out instanceof Error) throw out;
      finish.push(performance.now() - t);
      size = out.length;
    }
    return { inputBytes: pdf.length, outputBytes: size, prepareMs: prepare, finishMs: finish, userAgent: navigator.userAgent };
  }, Number(runs));
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(JSON.stringify({ ...result, prepareMedianMs: median(result.prepareMs), finishMedianMs: median(result.finishMs) }));
} finally {
  await browser.close();
}
