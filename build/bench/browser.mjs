// Times verso in headless Chromium through the real verify page: for each
// file, "file chosen" (the input's change) to "report rendered", as the page
// measures it, with the peak RSS of the browser's process tree and the wasm
// memory. Prints one JSON object per file on stdout.
//
//   node build/bench/browser.mjs RUNS FILE...

import { readFileSync, readdirSync } from 'node:fs';

import { launchChromium } from '../../www/test/chromium.js';
import { startRelay } from '../../www/test/relay.js';

const [runs, ...files] = process.argv.slice(2);

const relay = await startRelay();
const browser = await launchChromium();
try {
  for (const file of files) {
    const times = [];
    let peakRSS = 0;
    let wasmMemory = 0;
    let verdict = '';
    for (let i = 0; i < Number(runs); i++) {
      // A fresh page per run: the same cold worker a visitor gets.
      const page = await browser.newPage();
      await page.goto(relay.url);
      await page.locator('#version[data-version]').waitFor();
      // A visitor takes seconds to choose a file; meanwhile the worker
      // warms up (decoding the trusted lists, about 1 s). Measure from
      // there, as a visitor meets it.
      await page.waitForTimeout(3000);
      const sampler = sampleRSS((rss) => { peakRSS = Math.max(peakRSS, rss); });
      await page.setInputFiles('#file', file);
      const banner = page.locator('#verdict[data-verdict]:not([data-verdict=""])');
      await banner.waitFor({ timeout: 300_000 });
      sampler.stop();
      verdict = await banner.getAttribute('data-verdict');
      const ms = await page.evaluate(() => performance.getEntriesByName('verso:check').at(-1)?.duration);
      times.push(ms);
      wasmMemory = Math.max(wasmMemory, await page.evaluate(() => globalThis.verso.stats().wasmMemoryBytes));
      await page.close();
    }
    console.log(JSON.stringify({ file, verdict, times, peakRSS, wasmMemory }));
  }
} finally {
  await browser.close();
  await relay.stop();
}

/** Samples every 50 ms the summed RSS of the Chromium processes we started. */
function sampleRSS(report) {
  const timer = setInterval(() => report(chromiumRSS()), 50);
  return { stop: () => { clearInterval(timer); report(chromiumRSS()); } };
}

function chromiumRSS() {
  const root = process.pid;
  const children = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(name));
    } catch { /* the process ended */ }
  }
  let total = 0;
  const todo = [root];
  while (todo.length) {
    const pid = todo.pop();
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const m = /VmRSS:\s+(\d+) kB/.exec(status);
      if (m && /^Name:\s+chrom/m.test(status)) total += Number(m[1]) * 1024;
    } catch { /* the process ended */ }
    todo.push(...(children.get(pid) ?? []));
  }
  return total;
}
