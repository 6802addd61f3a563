// The same-device (Web2App) flow on a phone: a mobile viewport offers
// "Open the Smart-ID app" instead of the QR code; the test plays the app
// through the simulator's mock (flowType Web2App), then opens the callback
// URL the mock answers in a new tab of the same browser, as the app does.
// The tab that started keeps the PDF and finishes the signature.

import assert from 'node:assert/strict';
import { createDecipheriv, randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';

import { launchChromium } from './chromium.js';
import { unsignedPDF } from './pdf.js';
import { startRelay } from './relay.js';

// SK requires an https callback; the test maps its origin onto the relay's.
const callbackBase = 'https://verso.test/sign';
const handleKey = randomBytes(32);

let relay;
let browser;

before(async () => {
  relay = await startRelay({ env: { SMARTID_CALLBACK_URL: callbackBase, VERSO_HANDLE_KEYS: handleKey.toString('base64') } });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  if (relay) assert.equal(await relay.stop(), 0);
});

/**
 * The callback URL sealed in a choice handle: the app learns it from
 * Smart-ID, the page never does, so the test reads it with the relay's key
 * (AES-256-GCM: 12-byte nonce, ciphertext, tag; the plaintext is the state
 * JSON, whose "c" is the callback; the tag is not checked here).
 */
function sealedCallback(handle) {
  const raw = Buffer.from(handle, 'base64url');
  const d = createDecipheriv('aes-256-gcm', handleKey, raw.subarray(0, 12));
  const plain = d.update(raw.subarray(12, raw.length - 16)).toString('utf8');
  return JSON.parse(plain).c;
}

describe('sign page on a phone', { timeout: 180_000 }, () => {
  test('same-device link: the app returns through the callback and the first tab signs', async (t) => {
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    t.after(() => context.close());
    const seen = [];
    context.on('page', (p) => {
      p.on('console', (msg) => msg.type() === 'error' && seen.push(`console: ${msg.text()}`));
      p.on('pageerror', (err) => seen.push(`uncaught: ${err.message}`));
    });
    // The Smart-ID app is not installed: the link's new tab goes nowhere.
    await context.route('https://**/*', (route) => route.fulfill({ status: 204, body: '' }));
    const page = await context.newPage();
    await page.goto(`${relay.url}/sign`);
    await page.locator('#version[data-version]').waitFor({ timeout: 15_000 });
    await page.setInputFiles('#file', { name: 'phone.pdf', mimeType: 'application/pdf', buffer: unsignedPDF('Signed on the phone') });
    await page.locator('.add-mark').first().waitFor({ timeout: 30_000 });
    const started = page.waitForResponse((r) => r.url().endsWith('/api/v1/certificate-choice'));
    await page.click('#start');
    const { handle } = await (await started).json();
    const open = page.locator('#open-app');
    await open.waitFor({ timeout: 15_000 });
    assert.equal(await page.locator('#qr').count(), 0, 'no QR code on a phone');
    assert.equal(await open.getAttribute('target'), '_blank', 'the app link keeps this tab (and the PDF)');
    const link = await open.getAttribute('href');
    const initialCallbackUrl = sealedCallback(handle);
    assert.ok(initialCallbackUrl.startsWith(`${callbackBase}?value=`), initialCallbackUrl);

    const res = await fetch(`${relay.url}/sim/mock/device-link`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ documentNumber: 'PNOEE-40404040009-MOCK-Q', deviceLink: link, flowType: 'Web2App', browserCookie: 'phone', initialCallbackUrl }),
    });
    const text = await res.text();
    assert.equal(res.status, 200, text);
    const back = new URL(JSON.parse(text).callbackUrl);
    assert.ok(back.searchParams.get('sessionSecretDigest'), back.href);

    // The app opens the callback in the browser: a new tab on this origin.
    const returned = await context.newPage();
    await returned.goto(`${relay.url}/sign${back.search}`);
    await returned.locator('#returned[data-taken="true"]').waitFor({ timeout: 15_000 });
    assert.equal(new URL(returned.url()).search, '', 'the callback parameters leave the history');

    await page.locator('#status[data-state="done"]').waitFor({ timeout: 60_000 });
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
    const { readFileSync } = await import('node:fs');
    const pdf = readFileSync(await dl.path());
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    t.diagnostic(`signed on the phone: ${pdf.length} bytes`);

    // A return with nobody waiting says so.
    const orphan = await context.newPage();
    await orphan.goto(`${relay.url}/sign${back.search}`);
    await orphan.locator('#returned[data-taken="false"]').waitFor({ timeout: 15_000 });
    assert.deepEqual(seen, [], 'the pages run cleanly');
  });
});
