// The result area of the verify page, built with DOM calls and
// textContent only: file names and report fields come from the file.

import { icons, unknownVerdict, verdicts } from './verdicts.js';

const svgNS = 'http://www.w3.org/2000/svg';

/** Shows that a file is being checked. */
export function renderPending(section, file) {
  show(section, banner('pending', 'pending', `Checking ${file.name}…`, ''), null);
}

/** Shows a Report: the verdict banner and the facts below it. */
export function renderReport(section, file, report) {
  const v = verdicts[report.verdict] ?? unknownVerdict;
  const head = banner(v.tone, v.icon, v.title, report.summary ?? '');
  head.dataset.verdict = report.verdict;

  const facts = [['File', `${file.name} (${formatSize(report.file?.size ?? file.size)})`]];
  if (report.error) facts.push(['Reason', report.error]);
  if (report.verdict !== 'ERROR') {
    const sigs = report.signatures ?? [];
    facts.push(['Signatures', sigs.length === 0 ? 'none' : String(sigs.length)]);
    for (const sig of sigs) facts.push([`Signature ${sig.index + 1}`, describeSignature(sig)]);
  }
  if (report.tool) facts.push(['Checked by', report.tool]);
  show(section, head, factList(facts));
}

/** Shows that the verifier itself failed (not a verdict about the file). */
export function renderFailure(section, file, error) {
  const head = banner('bad', 'alert', 'The check did not run', error.message);
  show(section, head, factList([['File', `${file.name} (${formatSize(file.size)})`]]));
}

function describeSignature(sig) {
  const who = sig.signer?.commonName || 'unknown signer';
  const intact = sig.status === 'PASSED' ? 'intact' : 'not intact';
  return `${who}: ${intact}`;
}

function show(section, head, facts) {
  section.replaceChildren(...[head, facts].filter(Boolean));
  section.hidden = false;
}

function banner(tone, icon, title, summary) {
  const div = document.createElement('div');
  div.className = `banner tone-${tone}`;
  div.id = 'verdict';
  div.dataset.verdict = '';
  const h2 = document.createElement('h2');
  h2.className = 'verdict-title';
  h2.textContent = title;
  const p = document.createElement('p');
  p.className = 'summary';
  p.textContent = summary;
  const text = document.createElement('div');
  text.append(h2, p);
  div.append(iconElement(icon), text);
  return div;
}

function iconElement(name) {
  const svg = document.createElementNS(svgNS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', `icon icon-${name}`);
  for (const d of icons[name]) {
    const path = document.createElementNS(svgNS, 'path');
    path.setAttribute('d', d);
    svg.append(path);
  }
  return svg;
}

function factList(facts) {
  const dl = document.createElement('dl');
  dl.className = 'facts';
  for (const [term, detail] of facts) {
    const dt = document.createElement('dt');
    dt.textContent = term;
    const dd = document.createElement('dd');
    dd.textContent = detail;
    dl.append(dt, dd);
  }
  return dl;
}

/** Formats a byte count in decimal units. */
export function formatSize(n) {
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)} MB`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)} kB`;
  return `${n} bytes`;
}
