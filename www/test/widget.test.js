// The widget on a host page of another origin with a strict CSP: the
// custom element frames the verifier, hands it the host's PDF (src) or a
// File (verify()), resizes to the content and emits verso-report. Also
// the documentation page with its live example.

import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { launchChromium } from './chromium.js';
import { axeScan, generatedPDF, screenshots } from './fixtures.js';
import { startHost } from './host.js';
import { startRelay } from './relay.js';

let relay;
let host;
let browser;

before(async () => {
  mkdirSync(screenshots, { recursive: true });
  const pdf = generatedPDF('signed-3.pdf');
  relay = await startRelay();
  host = await startHost(new URL(relay.url).origin, { '/contract.pdf': pdf });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await host?.stop();
  if (relay) assert.equal(await relay.stop(), 0);
});

async function openHost(t, attrs, colorScheme = 'light') {
  const context = await browser.newContext({ colorScheme, viewport: { width: 1000, height: 900 } });
  t.after(() => context.close());
  const page = await context.newPage();
  const problems = [];
  page.on('console', (msg) => msg.type() === 'error' && problems.push(`console: ${msg.text()}`));
  page.on('pageerror', (err) => problems.push(`uncaught: ${err.message}`));
  const allowed = new Set([new URL(relay.url).origin, new URL(host.url).origin]);
  context.on('request', (req) => {
    if (req.method() !== 'GET' || !allowed.has(new URL(req.url()).origin)) problems.push(`request: ${req.method()} ${req.url()}`);
  });
  t.after(() => assert.deepEqual(problems, [], 'host and frame run cleanly and send nothing away'));
  // The test listens before the widget can report.
  await page.addInitScript(() => {
    globalThis.reports = [];
    document.addEventListener('verso-report', (e) => globalThis.reports.push(e.detail));
  });
  await page.goto(`${host.url}/?attrs=${encodeURIComponent(attrs)}`);
  return page;
}

function frameOf(page) {
  return page.frames().find((f) => f.url().includes('/embed.html'));
}

describe('widget', () => {
  for (const theme of ['light', 'dark']) {
    test(`checks the host's PDF (src) across origins, sizes itself, emits verso-report (${theme})`, { timeout: 90_000 }, async (t) => {
      const page = await openHost(t, `src="/contract.pdf" lang="en" theme="${theme}"`, theme);
      await page.waitForFunction(() => globalThis.reports.length > 0, null, { timeout: 30_000 });
      const report = await page.evaluate(() => globalThis.reports[0]);
      assert.equal(report.verdict, 'VALID');
      assert.equal(report.signatures.length, 3);

      const frame = frameOf(page);
      assert.ok(frame, 'the widget frames embed.html');
      assert.notEqual(new URL(frame.url()).origin, new URL(page.url()).origin, 'the frame is cross-origin');
      await frame.locator('#verdict[data-verdict="VALID"]').waitFor();
      assert.equal(await frame.locator('html').getAttribute('data-theme'), theme);
      // Sized to its content: the frame is as tall as its document.
      await page.waitForFunction(() => {
        const f = document.querySelector('verso-verify').shadowRoot.querySelector('iframe');
        return f.getBoundingClientRect().height > 600;
      });
      const { frameHeight } = await page.evaluate(() => ({
        frameHeight: document.querySelector('verso-verify').shadowRoot.querySelector('iframe').getBoundingClientRect().height,
      }));
      const contentHeight = await frame.evaluate(() => document.documentElement.getBoundingClientRect().height);
      assert.ok(Math.abs(frameHeight - contentHeight) <= 2, `frame ${frameHeight}px, content ${contentHeight}px`);

      const { bad } = await axeScan(frame);
      assert.deepEqual(bad, [], 'axe in the frame');
      const hostScan = await axeScan(page);
      assert.deepEqual(hostScan.bad, [], 'axe on the host page');
      // A viewport as tall as the page: a full-page capture would re-lay
      // out the frame while it is taken.
      const height = await page.evaluate(() => Math.ceil(document.documentElement.scrollHeight));
      await page.setViewportSize({ width: 1000, height });
      await page.waitForTimeout(500);
      await page.screenshot({ path: join(screenshots, `widget-host-${theme}.png`) });
    });
  }

  test('verify(file) passes a File and resolves to the Report; other windows are ignored', { timeout: 90_000 }, async (t) => {
    const page = await openHost(t, 'lang="de"');
    const frame = await (async () => {
      for (let i = 0; i < 100; i++) {
        const f = frameOf(page);
        if (f) return f;
        await page.waitForTimeout(100);
      }
      throw new Error('no frame');
    })();
    await frame.locator('#version[data-version]').waitFor();
    assert.equal(await frame.locator('html').getAttribute('lang'), 'de');

    // A message from the wrong window changes nothing: the host itself, or
    // another frame of the verso origin that is not the widget's.
    await page.evaluate(() => window.postMessage({ type: 'verso:report', report: { verdict: 'FAKE' } }, '*'));
    await page.evaluate((src) => new Promise((resolve) => {
      const f = document.createElement('iframe');
      f.src = src;
      f.onload = resolve;
      document.body.append(f);
    }), `${relay.url}/embed.html?origin=${encodeURIComponent(new URL(host.url).origin)}`);
    const other = page.frames().find((f) => f !== frame && f.url().includes('/embed.html'));
    await other.evaluate(() => parent.postMessage({ type: 'verso:report', report: { verdict: 'FAKE' } }, '*'));
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate(() => globalThis.reports.length), 0, 'forged messages are not reports');

    const verdict = await page.evaluate(async (bytes) => {
      const file = new File([new Uint8Array(bytes)], 'vertrag.pdf', { type: 'application/pdf' });
      const report = await document.querySelector('verso-verify').verify(file);
      return report.verdict;
    }, [...generatedPDF('modified.pdf')]);
    assert.equal(verdict, 'MODIFIED');
    assert.equal(await frame.locator('.verdict-title').textContent(), 'Nach dem Signieren geändert');

    // Switching the language attribute re-renders the frame.
    await page.evaluate(() => document.querySelector('verso-verify').setAttribute('lang', 'fr'));
    await frame.waitForFunction(() => document.documentElement.lang === 'fr');
    assert.equal(await frame.locator('.verdict-title').textContent(), 'Modifié après la signature');
  });

  test('the frame refuses to talk to a host whose origin is not the one framing it', { timeout: 60_000 }, async (t) => {
    const page = await openHost(t, '');
    // Frame embed.html by hand, claiming another origin.
    await page.evaluate((src) => {
      const f = document.createElement('iframe');
      f.src = src;
      f.id = 'liar';
      document.body.append(f);
    }, `${relay.url}/embed.html?origin=${encodeURIComponent('https://bank.example')}`);
    await page.waitForTimeout(1500);
    const liar = page.frames().find((f) => f.url().includes('bank.example'));
    assert.ok(liar);
    await liar.locator('#version[data-version]').waitFor();
    // It works as a plain verifier and posts nothing to the page.
    assert.equal(await page.evaluate(() => globalThis.reports.length), 0);
  });

  for (const theme of ['light', 'dark']) {
    test(`the documentation page with its live example (${theme})`, { timeout: 60_000 }, async (t) => {
      const context = await browser.newContext({ colorScheme: theme, viewport: { width: 1000, height: 900 } });
      t.after(() => context.close());
      const page = await context.newPage();
      await page.goto(`${relay.url}/widget.html`);
      assert.match(await page.locator('pre').first().textContent(), /<verso-verify/);
      await page.waitForFunction(() => document.querySelector('verso-verify')?.shadowRoot?.querySelector('iframe'));
      await page.frames().find((f) => f.url().includes('/embed.html')).locator('#version[data-version]').waitFor();
      const { bad } = await axeScan(page);
      assert.deepEqual(bad, []);
      await page.screenshot({ path: join(screenshots, `widget-docs-${theme}.png`), fullPage: true });
    });
  }
});
