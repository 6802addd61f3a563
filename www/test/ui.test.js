// The verify page as people use it, in Chromium: every verdict with
// corpus and generated files, the signature cards and their highlights on
// the rendered pages (linked both ways), downloads, languages, keyboard
// use, axe scans and screenshots of each page in each theme.

import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { launchChromium } from './chromium.js';
import { axeScan, corpusPDF, generatedPDF, screenshots } from './fixtures.js';
import { unsignedPDF } from './pdf.js';
import { startRelay } from './relay.js';

let relay;
let browser;
const axeLog = [];

before(async () => {
  mkdirSync(screenshots, { recursive: true });
  generatedPDF('signed-3.pdf'); // generate before the clock of the first test starts
  relay = await startRelay();
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  if (relay) assert.equal(await relay.stop(), 0);
  if (axeLog.length) console.log(`# axe: ${axeLog.join('; ')}`);
});

/** A fresh page that fails the test on console errors, uncaught exceptions or foreign requests. */
async function openPage(t, { colorScheme = 'light', locale = 'en-GB', width = 1280 } = {}) {
  const context = await browser.newContext({ colorScheme, locale, viewport: { width, height: 900 }, timezoneId: 'Europe/Tallinn' });
  t.after(() => context.close());
  const page = await context.newPage();
  const problems = [];
  page.on('console', (msg) => msg.type() === 'error' && problems.push(`console: ${msg.text()}`));
  page.on('pageerror', (err) => problems.push(`uncaught: ${err.message}`));
  const origin = new URL(relay.url).origin;
  context.on('request', (req) => {
    if (req.method() !== 'GET' || new URL(req.url()).origin !== origin) problems.push(`request: ${req.method()} ${req.url()}`);
  });
  t.after(() => assert.deepEqual(problems, [], 'the page should run cleanly and send nothing away'));
  await page.goto(relay.url);
  await page.locator('#version[data-version]').waitFor();
  return page;
}

async function check(page, name, buffer) {
  await page.setInputFiles('#file', { name, mimeType: 'application/pdf', buffer });
  await page.locator('#verdict:not([data-verdict=""])').waitFor();
  return page.locator('#verdict').getAttribute('data-verdict');
}

/** Waits until pdf.js drew every page the viewport shows. */
async function pagesDrawn(page) {
  await page.locator('.pdf-page.drawn').first().waitFor({ timeout: 20_000 });
}

async function scan(t, page, label) {
  const { bad, all, passes } = await axeScan(page);
  axeLog.push(`${label}: ${bad.length} serious/critical, ${all.length} other, ${passes} rules passed`);
  t.diagnostic(`axe ${label}: ${all.map((v) => `${v.impact} ${v.id}`).join(', ') || 'no violations'}`);
  assert.deepEqual(bad, [], `axe: serious or critical violations on ${label}`);
}

describe('verify page', () => {
  for (const theme of ['light', 'dark']) {
    test(`the empty page (${theme})`, { timeout: 90_000 }, async (t) => {
      const page = await openPage(t, { colorScheme: theme });
      assert.match(await page.locator('.privacy').textContent(), /never leaves this page/);
      await scan(t, page, `empty page, ${theme}`);
      await page.screenshot({ path: join(screenshots, `verify-empty-${theme}.png`), fullPage: true });
    });

    test(`several signatures: cards, highlights both ways (${theme})`, { timeout: 90_000 }, async (t) => {
      const page = await openPage(t, { colorScheme: theme });
      assert.equal(await check(page, 'contract.pdf', generatedPDF('signed-3.pdf')), 'VALID');
      assert.equal(await page.locator('.verdict-title').textContent(), 'Signed and all signatures are valid');
      assert.equal(await page.locator('article.card').count(), 3);
      const first = page.locator('#sig-0');
      assert.equal(await first.locator('h3').textContent(), 'MARI JÕGI');
      assert.match(await first.textContent(), /Personal number \(EE\) 48103120014/);
      assert.match(await page.locator('#announce').textContent(), /Signed and all signatures are valid/);

      await pagesDrawn(page);
      for (const i of [0, 1, 2]) await page.locator(`#hl-sig-${i}`).waitFor({ state: 'attached' });
      // Highlight → card.
      await page.locator('#hl-sig-1').click();
      assert.equal(await page.evaluate(() => document.activeElement.id), 'sig-1');
      // Card → highlight.
      await page.locator('#sig-2 [data-show]').click();
      await page.waitForFunction(() => document.activeElement?.id === 'hl-sig-2');

      await page.locator('#sig-0 details.cert summary').click();
      assert.match(await page.locator('#sig-0 details.cert').textContent(), /SHA-256 fingerprint/);
      await scan(t, page, `three signatures, ${theme}`);
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: join(screenshots, `verify-signatures-${theme}.png`), fullPage: true });
    });
  }

  // A document verso signed three times (the verifier's warm-up document:
  // Smart-ID simulator signatures A, B and C on a signatures page, each
  // with its "see last page" mark on page 1).
  for (const theme of ['light', 'dark']) {
    test(`letters and marks: cards, page marks and links, ${theme}`, { timeout: 90_000 }, async (t) => {
      const pdf = readFileSync(new URL('../../wasm/verify/warmup.pdf', import.meta.url));
      const page = await openPage(t, { colorScheme: theme });
      assert.equal(await check(page, 'agreement.pdf', pdf), 'VALID');
      for (const [i, [letter, name]] of [['A', 'OK TESTNUMBER'], ['B', 'ADULT TESTNUMBER'], ['C', 'OK TESTNUMBER']].entries()) {
        const card = page.locator(`#sig-${i}`);
        assert.equal(await card.locator('h3').textContent(), name);
        assert.equal(await card.locator('.letter').textContent(), letter);
        assert.match(await card.textContent(), /Reference/);
      }
      await pagesDrawn(page);
      // Each mark on page 1 leads to its letter's card.
      for (const [i, letter] of ['A', 'B', 'C'].entries()) {
        const mark = page.locator(`#hl-mark-${letter}-0`);
        await mark.waitFor({ state: 'attached' });
        assert.equal(await mark.getAttribute('data-card'), `sig-${i}`);
      }
      await page.locator('#hl-mark-B-0').click();
      assert.equal(await page.evaluate(() => document.activeElement.id), 'sig-1');
      await scan(t, page, `letters and marks, ${theme}`);
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: join(screenshots, `verify-references-${theme}.png`), fullPage: true });
    });
  }

  test('a qualified signature from the corpus: QES label, timestamp, TSA, revocation', { timeout: 90_000 }, async (t) => {
    const pdf = corpusPDF(t, 'siva-test/PadesTestAdesQC.pdf');
    if (!pdf) return;
    const page = await openPage(t);
    assert.equal(await check(page, 'PadesTestAdesQC.pdf', pdf), 'VALID');
    const card = page.locator('#sig-0');
    const text = await card.textContent();
    assert.match(text, /AARE NURM/);
    assert.match(text, /Personal number \(EE\) 38211015222/);
    assert.match(text, /Advanced signature with a qualified certificate/);
    assert.match(text, /proven by a timestamp from SK TIMESTAMPING AUTHORITY/);
    assert.match(text, /Not revoked \(OCSP in the DSS, SK OCSP RESPONDER 2011/);
    await card.locator('details.cert summary').click();
    assert.match(await card.locator('details.cert').textContent(), /CE:8E:FB:19/);
    assert.match(await card.locator('details.cert').textContent(), /Smart-ID qualified/);
    await pagesDrawn(page);
    await page.locator('#hl-sig-0').waitFor({ state: 'attached' });
    await page.screenshot({ path: join(screenshots, 'verify-qualified-light.png'), fullPage: true });
  });

  test('the corpus file with three signatures and a document timestamp', { timeout: 90_000 }, async (t) => {
    const pdf = corpusPDF(t, 'dss/pades-multiple-pages-annots-overlap.pdf');
    if (!pdf) return;
    const page = await openPage(t, { colorScheme: 'dark' });
    assert.equal(await check(page, 'multiple.pdf', pdf), 'VALID');
    assert.equal(await page.locator('article.card').count(), 3);
    assert.match(await page.locator('#sig-2 .card-kind').textContent(), /Document timestamp 3/);
    assert.match(await page.locator('#sig-0').textContent(), /Not visible on the pages/);
    await pagesDrawn(page);
    await page.screenshot({ path: join(screenshots, 'verify-corpus-multiple-dark.png'), fullPage: true });
  });

  for (const [label, theme, load, verdict, title] of [
    ['generated: changed after signing', 'light', () => generatedPDF('modified.pdf'), 'MODIFIED', 'Changed after signing'],
    ['corpus: changed after signing', 'dark', (t) => corpusPDF(t, 'dss/modified_after_signature.pdf'), 'MODIFIED', 'Changed after signing'],
    ['generated: a signed byte altered', 'light', () => generatedPDF('invalid.pdf'), 'INVALID', 'Signature invalid'],
    ['corpus: digest mismatch', 'dark', (t) => corpusPDF(t, 'dss/malformed-pades.pdf'), 'INVALID', 'Signature invalid'],
    ['generated: not signed', 'light', () => unsignedPDF(), 'NO_SIGNATURES', 'Not signed'],
    ['generated: not a PDF', 'light', () => Buffer.from('notes, not a PDF\n'), 'ERROR', 'Could not read'],
  ]) {
    test(`${label}: ${verdict}`, { timeout: 90_000 }, async (t) => {
      const pdf = load(t);
      if (!pdf) return;
      const page = await openPage(t, { colorScheme: theme });
      assert.equal(await check(page, `${verdict.toLowerCase()}.pdf`, pdf), verdict);
      assert.equal(await page.locator('.verdict-title').textContent(), title);
      // Colour is never alone: every banner has an icon and words.
      assert.equal(await page.locator('#verdict svg.icon').count(), 1);
      if (verdict === 'MODIFIED') {
        assert.ok(await page.locator('details.changes[open] li.change.disallowed').count() > 0, 'disallowed changes stand out, open');
      }
      if (verdict === 'INVALID') assert.match(await page.locator('#sig-0 .checks').textContent(), /Not intact/);
      if (verdict !== 'ERROR' && verdict !== 'NO_SIGNATURES') await pagesDrawn(page);
      await scan(t, page, `${verdict}, ${theme}`);
      const slug = label.split(':')[0];
      await page.screenshot({ path: join(screenshots, `verify-${verdict.toLowerCase()}-${slug}-${theme}.png`), fullPage: true });
    });
  }

  test('downloads: the JSON report and the revision a signature signed', { timeout: 90_000 }, async (t) => {
    const pdf = generatedPDF('signed-3.pdf');
    const page = await openPage(t);
    await check(page, 'contract.pdf', pdf);
    const [json] = await Promise.all([page.waitForEvent('download'), page.locator('#download-json').click()]);
    assert.equal(json.suggestedFilename(), 'contract.verso.json');
    const report = JSON.parse(readFileSync(await json.path(), 'utf8'));
    assert.equal(report.verdict, 'VALID');
    assert.equal(report.signatures.length, 3);

    const [rev] = await Promise.all([page.waitForEvent('download'), page.locator('#sig-0 [data-revision]').click()]);
    assert.equal(rev.suggestedFilename(), 'contract.signed-1.pdf');
    const bytes = readFileSync(await rev.path());
    assert.equal(bytes.length, report.signatures[0].revision.length);
    assert.deepEqual(bytes, pdf.subarray(0, bytes.length));
  });

  test('print: a one-page summary', { timeout: 90_000 }, async (t) => {
    const page = await openPage(t);
    await check(page, 'contract.pdf', generatedPDF('signed-3.pdf'));
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('#pages').isVisible(), false);
    assert.equal(await page.locator('.actions').isVisible(), false);
    await page.screenshot({ path: join(screenshots, 'verify-print.png'), fullPage: true });
    const pdf = await page.pdf({ format: 'A4' });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    assert.equal(pages, 1, `the summary prints on ${pages} pages`);
  });

  test('languages: from the browser, and switchable', { timeout: 90_000 }, async (t) => {
    const page = await openPage(t, { locale: 'et-EE' });
    assert.equal(await page.locator('html').getAttribute('lang'), 'et');
    await check(page, 'leping.pdf', generatedPDF('signed-3.pdf'));
    const estonian = await page.locator('.verdict-title').textContent();
    assert.notEqual(estonian, 'Signed and all signatures are valid');
    for (const lang of ['nl', 'fr', 'de', 'lv', 'lt', 'en']) {
      await page.locator('#lang').selectOption(lang);
      await page.waitForFunction((l) => document.documentElement.lang === l, lang);
      const title = await page.locator('.verdict-title').textContent();
      if (lang === 'en') assert.equal(title, 'Signed and all signatures are valid');
      else assert.notEqual(title, 'Signed and all signatures are valid', `${lang} has its own words`);
    }
    await page.locator('#theme').selectOption('dark');
    assert.equal(await page.locator('html').getAttribute('data-theme'), 'dark');
  });

  test('keyboard only: reach the file input, choose, read the result', { timeout: 90_000 }, async (t) => {
    const page = await openPage(t);
    let reached = false;
    for (let i = 0; i < 10 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.id === 'file');
    }
    assert.ok(reached, 'Tab reaches the file input');
    // The focused input shows: the drop zone around it is outlined.
    const outline = await page.locator('#drop-zone').evaluate((el) => getComputedStyle(el).outlineStyle);
    assert.equal(outline, 'solid');
    // Headless Chromium opens no file chooser for a key press; the file
    // goes in through the same focused input.
    await page.setInputFiles('#file', { name: 'contract.pdf', mimeType: 'application/pdf', buffer: generatedPDF('signed-3.pdf') });
    await page.locator('#verdict[data-verdict="VALID"]').waitFor();
    // On to the actions and a card's buttons, in order.
    const stops = [];
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      stops.push(await page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent.trim()));
    }
    assert.ok(stops.includes('download-json') && stops.includes('print'), `tab stops: ${stops.join(' | ')}`);
  });

  test('large files show progress', { timeout: 90_000 }, async (t) => {
    const page = await openPage(t);
    await page.setInputFiles('#file', { name: 'big.pdf', mimeType: 'application/pdf', buffer: generatedPDF('big.pdf') });
    await page.locator('#verdict progress').waitFor({ state: 'attached' });
    await page.locator('#verdict[data-verdict="VALID"]').waitFor({ timeout: 60_000 });
  });
});
