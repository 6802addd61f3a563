// The sign page against the relay's built-in simulator: by identity number
// (a demo account that confirms by itself) and by QR code (the test plays
// the phone through the simulator's mock), then the signed PDF on the
// verify page; what leaves the page while signing a 1 MB and a 20 MB PDF;
// axe; screenshots of the QR step in both themes.

import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { launchChromium } from './chromium.js';
import { axeScan, screenshots } from './fixtures.js';
import { unsignedPDF } from './pdf.js';
import { startRelay } from './relay.js';

let relay;
let browser;

before(async () => {
  mkdirSync(screenshots, { recursive: true });
  relay = await startRelay();
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  if (relay) assert.equal(await relay.stop(), 0);
});

async function openSign(t, { problems = true } = {}) {
  const context = await browser.newContext({ acceptDownloads: true });
  t.after(() => context.close());
  const page = await context.newPage();
  const seen = [];
  page.on('console', (msg) => msg.type() === 'error' && seen.push(`console: ${msg.text()}`));
  page.on('pageerror', (err) => seen.push(`uncaught: ${err.message}`));
  if (problems) t.after(() => assert.deepEqual(seen, [], 'the page should run cleanly'));
  await page.goto(`${relay.url}/sign`);
  await page.locator('#version[data-version]').waitFor({ timeout: 15_000 });
  // Every state the flow goes through, as the page sees it.
  await page.evaluate(() => {
    globalThis.seenStates = [];
    setInterval(() => {
      const s = globalThis.versoSign.state();
      const last = globalThis.seenStates.at(-1);
      if (!last || last.name !== s.name) globalThis.seenStates.push({ name: s.name, vc: s.vc });
    }, 10);
  });
  return { context, page };
}

async function chooseFile(page, buffer, name = 'contract.pdf') {
  await page.setInputFiles('#file', { name, mimeType: 'application/pdf', buffer });
  await page.locator('.add-mark').first().waitFor({ timeout: 30_000 });
}

async function byIdentity(page, country, number) {
  await page.check('#method-identity');
  await page.selectOption('#country', country);
  await page.fill('#identity', number);
  await page.locator('#identity-hint.ok').waitFor();
  await page.click('#start');
}

async function download(page) {
  await page.locator('#status[data-state="done"]').waitFor({ timeout: 60_000 });
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
  return readFileSync(await dl.path());
}

/** Verifies pdf on the verify page: VALID, signature A with a consistent reference, its mark linked to the card. */
async function checkSigned(t, pdf) {
  const context = await browser.newContext();
  t.after(() => context.close());
  const page = await context.newPage();
  await page.goto(relay.url);
  await page.locator('#version[data-version]').waitFor();
  await page.setInputFiles('#file', { name: 'signed.pdf', mimeType: 'application/pdf', buffer: pdf });
  await page.locator('#verdict[data-verdict="VALID"]').waitFor({ timeout: 30_000 });
  const report = await page.evaluate(async (b64) => globalThis.verso.verify(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))), pdf.toString('base64'));
  const sig = report.signatures.find((s) => s.letter === 'A');
  assert.ok(sig, 'a signature with letter A');
  const ref = report.references.find((r) => r.letter === 'A');
  assert.equal(ref?.status, 'CONSISTENT', JSON.stringify(ref));
  assert.ok(ref.marks.length >= 1, 'the mark placed is found');
  const mark = page.locator('#hl-mark-A-0');
  await mark.waitFor();
  assert.equal(await mark.getAttribute('data-card'), `sig-${sig.index}`);
  await mark.click();
  await page.waitForFunction((id) => document.activeElement?.id === id, `sig-${sig.index}`);
  return report;
}

describe('sign page', { timeout: 180_000 }, () => {
  test('/sign serves the sign page; axe finds nothing serious', async (t) => {
    const { page } = await openSign(t);
    await chooseFile(page, unsignedPDF('Axe'));
    await page.check('#method-identity');
    await page.fill('#identity', '4050404000');
    const { bad, all, passes } = await axeScan(page);
    t.diagnostic(`axe sign page: ${bad.length} serious/critical, ${all.length} other (${all.map((v) => `${v.impact} ${v.id}`).join(', ') || 'none'}), ${passes} rules passed`);
    assert.deepEqual(bad, []);
    assert.equal(await page.getAttribute('#identity', 'aria-invalid'), 'false', 'an unfinished number is not wrong yet');
    await page.fill('#identity', '40504040002');
    await page.locator('#identity-hint.bad').waitFor();
  });

  test('by identity number: notification, verification code, signed PDF verifies', async (t) => {
    const { page } = await openSign(t);
    await chooseFile(page, unsignedPDF('Signed by notification'));
    await page.click('.add-mark[data-page="1"]');
    await page.locator('#marks li').first().waitFor();
    await byIdentity(page, 'EE', '40504040001');
    const pdf = await download(page);
    const states = await page.evaluate(() => globalThis.seenStates);
    t.diagnostic(`states: ${states.map((s) => s.name + (s.vc ? ` (${s.vc})` : '')).join(' → ')}`);
    assert.ok(states.some((s) => s.name === 'confirm' && /^\d{4}$/.test(s.vc ?? '')), 'the verification code was shown');
    assert.ok(pdf.length > 1000 && pdf.subarray(0, 5).toString() === '%PDF-');
    await checkSigned(t, pdf);
  });

  test('by QR code: a new code each second, the phone scans it, screenshots in both themes', async (t) => {
    const { page } = await openSign(t);
    await page.setViewportSize({ width: 1280, height: 900 });
    await chooseFile(page, unsignedPDF('Signed by QR code'));
    await page.locator('.pdf-page.drawn').first().waitFor({ timeout: 30_000 });
    // A mark by clicking on the page.
    const sheet = page.locator('#page-1 .pdf-sheet');
    const box = await sheet.boundingBox();
    // The locator scrolls the sheet into view before it clicks.
    await sheet.click({ position: { x: box.width * 0.7, y: box.height * 0.85 } });
    await page.locator('#marks li').first().waitFor();
    await page.click('#start');
    const qr = page.locator('#qr svg[data-text^="http"]');
    await qr.waitFor({ timeout: 15_000 });
    const first = await qr.getAttribute('data-text');
    await page.waitForFunction((f) => document.querySelector('#qr svg')?.dataset.text !== f, first, { timeout: 5000 });
    for (const theme of ['light', 'dark']) {
      await page.selectOption('#theme', theme);
      await page.screenshot({ path: join(screenshots, `sign-qr-${theme}.png`), fullPage: true });
    }
    await page.selectOption('#theme', 'light');
    const link = await page.locator('#qr svg').getAttribute('data-text');
    const res = await fetch(`${relay.url}/sim/mock/device-link`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ documentNumber: 'PNOEE-40404040009-MOCK-Q', deviceLink: link, flowType: 'QR' }),
    });
    assert.equal(res.status, 200, await res.text());
    const pdf = await download(page);
    for (const theme of ['light', 'dark']) {
      await page.selectOption('#theme', theme);
      await page.screenshot({ path: join(screenshots, `sign-done-${theme}.png`), fullPage: true });
    }
    const states = (await page.evaluate(() => globalThis.seenStates)).map((s) => s.name);
    t.diagnostic(`states: ${states.join(' → ')}`);
    assert.ok(states.includes('waiting') && states.includes('done'));
    await checkSigned(t, pdf);
  });

  test('privacy: only relay API calls leave, their bodies do not grow with the PDF', async (t) => {
    const totals = {};
    for (const [label, mb, number] of [['1 MB', 1, '40404040009'], ['20 MB', 20, '40504040001']]) {
      const { context, page } = await openSign(t);
      const pdf = unsignedPDF(`Privacy ${label}`, { padBytes: mb * 1024 * 1024 });
      await chooseFile(page, pdf, `${mb}mb.pdf`);
      const sent = [];
      context.on('request', (req) => sent.push({ method: req.method(), url: req.url(), body: req.postDataBuffer()?.length ?? 0 }));
      await byIdentity(page, 'LT', number);
      await download(page);
      const origin = new URL(relay.url).origin;
      const api = sent.filter((r) => new URL(r.url).pathname.startsWith('/api/'));
      for (const r of sent) {
        assert.equal(new URL(r.url).origin, origin, `a request left the origin: ${r.url}`);
        if (!r.url.startsWith(`${origin}/api/`)) assert.equal(r.method, 'GET', `${r.method} ${r.url}`);
      }
      totals[label] = api.reduce((n, r) => n + r.body, 0);
      t.diagnostic(`signing ${pdf.length} bytes: ${api.length} API calls (${api.map((r) => `${r.method} ${new URL(r.url).pathname.replace(/sessions\/[^/?]+/, 'sessions/…')}`).join(', ')}), ${totals[label]} body bytes`);
      assert.ok(totals[label] < 16_000, `${totals[label]} body bytes`);
    }
    assert.ok(Math.abs(totals['20 MB'] - totals['1 MB']) < 256, JSON.stringify(totals));
  });
});
