// The verify page in a real Chromium, served by the built relay: the wasm
// starts in its worker and shows its version, and files chosen through the
// real file input get the verdict the Report gives, on the page and through
// globalThis.verso.verify. No request may carry the file away.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';

import { launchChromium } from './chromium.js';
import { unsignedPDF } from './pdf.js';
import { startRelay } from './relay.js';

const screenshots = fileURLToPath(new URL('../../build/out/screenshots/', import.meta.url));
const versionDeadlineMs = 2000;

let relay;
let browser;

before(async () => {
  mkdirSync(screenshots, { recursive: true });
  relay = await startRelay();
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  if (relay) assert.equal(await relay.stop(), 0, 'the relay should exit cleanly on SIGTERM');
});

/**
 * Opens the page in a fresh context (empty cache) and records what would
 * betray a problem: console errors (CSP violations among them), uncaught
 * exceptions, and any request that is not a same-origin GET.
 */
async function openPage(t) {
  const context = await browser.newContext();
  t.after(() => context.close());
  const page = await context.newPage();
  const problems = [];
  page.on('console', (msg) => msg.type() === 'error' && problems.push(`console: ${msg.text()}`));
  page.on('pageerror', (err) => problems.push(`uncaught: ${err.message}`));
  const origin = new URL(relay.url).origin;
  page.on('request', (req) => {
    if (req.method() !== 'GET' || new URL(req.url()).origin !== origin) {
      problems.push(`request: ${req.method()} ${req.url()}`);
    }
  });
  t.after(() => assert.deepEqual(problems, [], 'the page should run cleanly and send nothing away'));
  return page;
}

/** Chooses a file through the page's real <input type=file>. */
async function choose(page, name, mimeType, buffer) {
  await page.setInputFiles('#file', { name, mimeType, buffer });
}

describe('verify page', { timeout: 60_000 }, () => {
  test('shows the verifier version within 2 s', async (t) => {
    const page = await openPage(t);
    let wasmEncoding = 'none';
    page.on('response', (res) => {
      if (res.url().endsWith('.wasm')) wasmEncoding = res.headers()['content-encoding'] ?? 'none';
    });

    const start = performance.now();
    await page.goto(relay.url);
    const version = page.locator('#version[data-version]');
    await version.waitFor({ timeout: 10_000 });
    const wall = performance.now() - start;
    // The page's own mark counts from navigation start to the version on
    // screen, without the test's polling delay.
    const shown = await page.evaluate(() => performance.getEntriesByName('verso:version-shown')[0].startTime);
    t.diagnostic(`version shown ${shown.toFixed(0)} ms after navigation start ` +
      `(${wall.toFixed(0)} ms by the test's clock; wasm content-encoding: ${wasmEncoding})`);
    assert.ok(shown < versionDeadlineMs, `version shown after ${shown.toFixed(0)} ms`);

    const { version: v } = await page.evaluate(() => globalThis.verso.ready);
    assert.match(v, /\S/);
    assert.equal(await version.textContent(), `verso verifier ${v}`);
  });

  test('an unsigned PDF has no signatures', async (t) => {
    const pdf = unsignedPDF();
    assertQpdfAccepts(pdf);
    const page = await openPage(t);
    await page.goto(relay.url);

    await choose(page, 'unsigned.pdf', 'application/pdf', pdf);
    const banner = page.locator('#verdict[data-verdict="NO_SIGNATURES"]');
    await banner.waitFor();
    assert.equal(await banner.locator('.verdict-title').textContent(), 'Not signed');
    assert.match(await page.locator('#result .file-facts').textContent(), /unsigned\.pdf/);
    await page.screenshot({ path: join(screenshots, 'verify-no-signatures.png'), fullPage: true });

    const report = await page.evaluate((bytes) => globalThis.verso.verify(new Uint8Array(bytes)), [...pdf]);
    assert.equal(report.verdict, 'NO_SIGNATURES');
    assert.equal(report.file.size, pdf.length);
    assert.deepEqual(report.signatures, []);
    const fromBlob = await page.evaluate(
      (bytes) => globalThis.verso.verify(new Blob([new Uint8Array(bytes)])),
      [...pdf],
    );
    assert.equal(fromBlob.verdict, 'NO_SIGNATURES');
  });

  test('a file that is not a PDF is an error', async (t) => {
    const notPDF = Buffer.from('These are notes, not a PDF.\n');
    const page = await openPage(t);
    await page.goto(relay.url);

    await choose(page, 'notes.txt', 'text/plain', notPDF);
    const banner = page.locator('#verdict[data-verdict="ERROR"]');
    await banner.waitFor();
    assert.equal(await banner.locator('.verdict-title').textContent(), 'Could not read');
    await page.screenshot({ path: join(screenshots, 'verify-error.png'), fullPage: true });

    const report = await page.evaluate((bytes) => globalThis.verso.verify(new Uint8Array(bytes)), [...notPDF]);
    assert.equal(report.verdict, 'ERROR');
    assert.ok(report.error, 'an ERROR report says why');
  });

  test('a signed PDF: verdict, and the revision each signature signs', async (t) => {
    const shared = process.env.VERSO_SHARED ?? fileURLToPath(new URL('../../../shared/', import.meta.url));
    const file = join(shared, 'corpus/files/dss/pades-multiple-pages-annots-overlap.pdf');
    if (!existsSync(file)) {
      t.skip(`${file} not found (set VERSO_SHARED to the shared folder)`);
      return;
    }
    const pdf = readFileSync(file);
    const page = await openPage(t);
    await page.goto(relay.url);

    await choose(page, 'signed.pdf', 'application/pdf', pdf);
    await page.locator('#verdict[data-verdict="VALID"]').waitFor();
    await page.screenshot({ path: join(screenshots, 'verify-valid.png'), fullPage: true });

    const { lengths, revision } = await page.evaluate(async (bytes) => {
      const data = new Uint8Array(bytes);
      const report = await globalThis.verso.verify(data);
      const first = await globalThis.verso.signedRevision(data, 0);
      return { lengths: report.signatures.map((s) => s.revision.length), revision: first.length };
    }, [...pdf]);
    assert.equal(lengths.length, 3);
    assert.equal(revision, lengths[0], 'signedRevision(0) is exactly what the first signature signs');
    const beyond = await page.evaluate(
      (bytes) => globalThis.verso.signedRevision(new Uint8Array(bytes), 3).then(() => 'resolved', (err) => err.message),
      [...pdf],
    );
    assert.match(beyond, /no such signature/);
  });

  test('verso.verify rejects what is not bytes', async (t) => {
    const page = await openPage(t);
    await page.goto(relay.url);
    const message = await page.evaluate(() => globalThis.verso.verify('a string').then(
      () => 'resolved',
      (err) => err.message,
    ));
    assert.match(message, /expects a File/);
  });
});

/** The generated PDF must be a real one, or the test proves nothing. */
function assertQpdfAccepts(pdf) {
  const dir = mkdtempSync(join(tmpdir(), 'verso-'));
  try {
    const file = join(dir, 'unsigned.pdf');
    writeFileSync(file, pdf);
    const run = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
    assert.equal(run.status, 0, `qpdf --check: ${run.error ?? ''}${run.stdout}${run.stderr}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
