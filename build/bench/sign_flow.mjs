// Runs the sign page's whole flow in Node against a relay, through the
// wasm signing API exactly as the page calls it (versoWasm.sign): the
// certificate choice by notification, prepare, the signature session,
// the signature timestamp, finish, OCSP and the DSS, the document
// timestamp (B-LTA). A smoke test of the wasm API with real answers.
//
//   GOOS=js GOARCH=wasm go build -o /tmp/verso.wasm ./wasm
//   node build/bench/sign_flow.mjs RELAY_URL /tmp/verso.wasm IN.pdf OUT.pdf [IDENTITY]

import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [relay, wasmFile, input, output, identity = 'PNOEE-40504040001'] = process.argv.slice(2);
if (!output) {
  console.error('usage: node build/bench/sign_flow.mjs RELAY_URL VERSO.wasm IN.pdf OUT.pdf [IDENTITY]');
  process.exit(2);
}
const goroot = execFileSync('go', ['env', 'GOROOT'], { encoding: 'utf8' }).trim();
await import(join(goroot, 'lib/wasm/wasm_exec.js'));
const go = new Go();
const { instance } = await WebAssembly.instantiate(readFileSync(wasmFile), go.importObject);
go.run(instance);
const api = globalThis.versoWasm.sign;

const b64 = (u8) => Buffer.from(u8).toString('base64');
const unb64 = (s) => new Uint8Array(Buffer.from(s, 'base64'));
const ok = (v) => { if (v instanceof Error) throw v; return v; };

async function post(path, body, type = 'application/json') {
  const r = await fetch(relay + path, { method: 'POST', headers: { 'Content-Type': type }, body });
  if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
  return type === 'application/json' ? r.json() : new Uint8Array(await r.arrayBuffer());
}
async function poll(handle) {
  for (;;) {
    const r = await fetch(`${relay}/api/v1/sessions/${encodeURIComponent(handle)}?timeoutMs=30000`);
    const s = await r.json();
    if (!r.ok) throw new Error(s.error);
    if (s.state === 'COMPLETE') {
      if (s.result !== 'OK') throw new Error(`${s.result}: ${s.message}`);
      return s;
    }
  }
}

const pdf = new Uint8Array(readFileSync(input));
ok(api.check(pdf, [{ page: 1, x: 400, y: 40 }], {}));
const choice = await poll((await post('/api/v1/certificate-choice', JSON.stringify({ identity }))).handle);
const cert = unb64(choice.certificate);
const chain = choice.chain.map(unb64);
const p = ok(api.prepare(pdf, cert, [{ page: 1, x: 400, y: 40 }], {}));
const started = await post('/api/v1/signature', JSON.stringify({ handle: choice.handle, signedAttributes: b64(p.signedAttributes) }));
console.error(`letter ${p.letter}, verification code ${started.verificationCode}`);
const { signature } = await poll(started.handle);
const value = unb64(signature.value);
const ts = ok(api.timestampRequest(p.id, value));
const tsResp = await post('/api/v1/timestamp', ts.request, 'application/timestamp-query');
let out = ok(api.finish(p.id, value, '1.2.840.113549.1.1.10', unb64(signature.parameters), chain, tsResp));
const ocspReq = ok(api.ocspRequest(cert, chain[0]));
const ocspResp = await post('/api/v1/ocsp', ocspReq, 'application/ocsp-request');
ok(api.checkOCSP(ocspResp, cert, chain[0]));
out = ok(api.addDSS(out, [cert, ...chain], [ocspResp]));
const dt = ok(api.prepareDocumentTimestamp(out));
out = ok(api.finishDocumentTimestamp(dt.id, await post('/api/v1/timestamp', dt.request, 'application/timestamp-query')));
writeFileSync(output, out);
console.log(JSON.stringify({ output, bytes: out.length, letter: p.letter, field: p.field, time: p.time }));
process.exit(0);
