// Privacy, proven: while the page verifies a 20 MB signed PDF, the browser
// sends nothing but same-origin GETs of the site's static files, and the
// relay's own request log agrees. Offline: after the first visit the
// service worker serves the app and the wasm, and never a PDF.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { launchChromium } from './chromium.js';
import { generatedPDF } from './fixtures.js';
import { startRelay } from './relay.js';

let relay;
let browser;

before(async () => {
  generatedPDF('big.pdf');
  relay = await startRelay();
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  if (relay) assert.equal(await relay.stop(), 0);
});

describe('privacy', () => {
  test('verifying a 20 MB PDF sends nothing but GETs of static files', { timeout: 120_000 }, async (t) => {
    const pdf = generatedPDF('big.pdf');
    assert.ok(pdf.length > 20e6, `big.pdf is ${pdf.length} bytes`);
    const context = await browser.newContext();
    t.after(() => context.close());
    const page = await context.newPage();
    await page.goto(relay.url);
    await page.locator('#version[data-version]').waitFor();
    // The service worker has cached the site by now: what follows is what
    // verifying costs.
    await page.evaluate(() => navigator.serviceWorker.ready);

    // From here on, every request of the page, its workers and the service
    // worker, with its body size.
    const sent = [];
    context.on('request', (req) => sent.push({
      method: req.method(), url: req.url(), body: req.postDataBuffer()?.length ?? 0, headers: req.headers(),
    }));
    const logged = relay.requests.length;
    await page.setInputFiles('#file', { name: 'big.pdf', mimeType: 'application/pdf', buffer: pdf });
    await page.locator('#verdict[data-verdict="VALID"]').waitFor({ timeout: 90_000 });
    await page.locator('.pdf-page.drawn').first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(500);

    const origin = new URL(relay.url).origin;
    const bodyBytes = sent.reduce((n, r) => n + r.body, 0);
    const headerBytes = sent.reduce((n, r) => n + Object.entries(r.headers).reduce((m, [k, v]) => m + k.length + v.length + 4, 0), 0);
    const serverSaw = relay.requests.slice(logged);
    t.diagnostic(`while verifying ${pdf.length} bytes: ${sent.length} requests by the browser, ` +
      `${bodyBytes} body bytes, about ${headerBytes} header bytes; the relay logged ${serverSaw.length}: ` +
      `${serverSaw.map((r) => `${r.method} ${r.path}`).join(', ')}`);
    for (const r of sent) {
      assert.equal(r.method, 'GET', `${r.method} ${r.url}`);
      assert.equal(new URL(r.url).origin, origin, `a request left the origin: ${r.url}`);
      assert.match(new URL(r.url).pathname, /^\/(assets\/[\w.-]+|sw\.js|embed\.html|widget\.(html|js)|)$/, `not a static file: ${r.url}`);
    }
    assert.equal(bodyBytes, 0, 'no request carries a body');
    for (const r of serverSaw) {
      assert.equal(r.method, 'GET');
      assert.ok(!r.path.startsWith('/api/'), `the relay saw ${r.path}`);
    }
  });

  test('offline after the first visit; the cache holds no PDF', { timeout: 120_000 }, async (t) => {
    const context = await browser.newContext();
    t.after(() => context.close());
    const page = await context.newPage();
    await page.goto(relay.url);
    await page.locator('#version[data-version]').waitFor();
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null || location.reload(), null, { timeout: 20_000 }).catch(() => {});
    await page.setInputFiles('#file', { name: 'contract.pdf', mimeType: 'application/pdf', buffer: generatedPDF('signed-3.pdf') });
    await page.locator('#verdict[data-verdict="VALID"]').waitFor();
    await page.locator('.pdf-page.drawn').first().waitFor();

    await context.setOffline(true);
    await page.reload();
    await page.locator('#version[data-version]').waitFor({ timeout: 20_000 });
    await page.setInputFiles('#file', { name: 'contract.pdf', mimeType: 'application/pdf', buffer: generatedPDF('signed-3.pdf') });
    await page.locator('#verdict[data-verdict="VALID"]').waitFor();
    await page.locator('.pdf-page.drawn').first().waitFor({ timeout: 20_000 });

    const cached = await page.evaluate(async () => {
      const urls = [];
      for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        for (const req of await cache.keys()) {
          const res = await cache.match(req);
          urls.push({ url: req.url, type: res.headers.get('content-type') });
        }
      }
      return urls;
    });
    t.diagnostic(`the service worker keeps ${cached.length} files`);
    assert.ok(cached.some((c) => c.url.endsWith('.wasm')), 'the wasm is cached');
    for (const c of cached) {
      assert.ok(!/pdf/i.test(c.type ?? '') && !c.url.endsWith('.pdf'), `cached a PDF: ${c.url}`);
    }
  });
});
