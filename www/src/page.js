// Wires the verify page (and its embedded form, the widget's frame): the
// drop zone, the progress, the result with its cards, actions and page
// view, the live region and the version line. Re-renders on a language
// change.

import { mountDropZone } from './dropzone.js';
import { h, icon } from './dom.js';
import { onLanguage, t, translateStatic } from './i18n.js';
import { signerName, referenceOf } from './card-parts.js';
import { banner, renderFailure, renderPending, signatureCards } from './render.js';
import { downloadBlob, baseName } from './download.js';
import { icons, signatureTone } from './verdicts.js';

/**
 * @param {Document} doc
 * @param {import('./verifier.js').Verifier} verifier
 * @param {{embed?: boolean, onReport?: (report: object) => void}} [options]
 * @returns {{check: (file: File) => Promise<object|undefined>}}
 */
export function mountPage(doc, verifier, { embed = false, onReport } = {}) {
  const result = doc.getElementById('result');
  const version = doc.getElementById('version');
  const live = doc.getElementById('announce');

  let shown = null; // { file, report } on screen, for re-rendering
  let view = null; // the page view, once pdf.js drew it

  const showVersion = () => {
    verifier.ready.then(
      ({ version: v }) => {
        version.textContent = t('version', { v });
        version.dataset.version = v;
        // When the verifier became usable, for tests and profiles.
        if (!performance.getEntriesByName('verso:version-shown').length) performance.mark('verso:version-shown');
      },
      (err) => {
        version.textContent = t('failed.start', { error: err.message });
        version.classList.add('failed');
      },
    );
  };
  showVersion();
  translateStatic(doc);
  onLanguage(() => {
    translateStatic(doc);
    showVersion();
    if (shown) render(shown.file, shown.report, false);
  });

  // Only the latest file's result is shown, whichever finishes first.
  let latest = 0;
  async function check(file) {
    const mine = ++latest;
    performance.mark('verso:file-chosen'); // "file chosen" to "report rendered"
    view?.then((v) => v?.destroy());
    view = null;
    shown = null;
    const progress = renderPending(result, file);
    live.textContent = '';
    try {
      const report = await verifier.verify(file, { onProgress: (p) => mine === latest && progress(p) });
      if (mine !== latest) return undefined;
      shown = { file, report };
      render(file, report, true);
      performance.measure('verso:check', 'verso:file-chosen');
      onReport?.(report);
      return report;
    } catch (err) {
      if (mine === latest) {
        renderFailure(result, file, err);
        live.textContent = `${t('verdict.failed')}: ${err.message}`;
      }
      return undefined;
    }
  }

  function render(file, report, fresh) {
    const sigs = report.signatures ?? [];
    const cards = signatureCards(report, {
      onShow: (sig) => view?.then((v) => {
        const mark = result.querySelector(`.highlight[data-card="sig-${sig.index}"]`);
        v?.highlight(result.querySelector(`#hl-sig-${sig.index}`) || !mark ? `hl-sig-${sig.index}` : mark.id);
      }),
      onRevision: (sig) => downloadRevision(file, sig),
    });
    const actions = h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'button', id: 'download-json', onclick: () => downloadReport(file, report) },
        icon(icons.download, 'download'), t('action.json')),
      h('button', { type: 'button', class: 'button', id: 'print', onclick: () => window.print() },
        icon(icons.print, 'print'), t('action.print')));
    const pages = h('section', { class: 'pages', id: 'pages', 'aria-labelledby': 'pages-title', tabindex: '0' },
      h('h2', { id: 'pages-title', class: 'section-title' }, t('pages.title')),
      h('p', { class: 'muted pages-status' }, t('pages.loading')));
    const wantPages = !embed && report.verdict !== 'ERROR';
    const layout = h('div', { class: wantPages ? 'layout with-pages' : 'layout' },
      sigs.length ? h('section', { class: 'cards', 'aria-labelledby': 'cards-title' },
        h('h2', { id: 'cards-title', class: 'section-title' }, t('signatures')), cards) : null,
      wantPages ? pages : null);
    const checkedAt = h('p', { class: 'print-only' }, t('print.checked', { time: new Date().toLocaleString(), tool: report.tool ?? 'verso' }));
    result.replaceChildren(banner(report, file), report.verdict === 'ERROR' ? null : actions, layout, checkedAt);
    result.hidden = false;
    live.textContent = `${t(`verdict.${report.verdict}`)}. ${result.querySelector('.file-facts').textContent}`;
    if (fresh) result.querySelector('#verdict').scrollIntoView?.({ block: 'nearest' });
    if (wantPages) {
      view?.then((v) => v?.destroy());
      view = showPages(pages.querySelector('.pages-status'), pages, file, report);
    }
  }

  async function showPages(status, container, file, report) {
    try {
      const { mount } = await import('./pageview.js');
      const boxes = highlightBoxes(report, (id) => focusCard(doc, id));
      const v = await mount(container, file, boxes);
      status.remove();
      return v;
    } catch (err) {
      status.textContent = t('pages.failed', { error: err.message });
      return null;
    }
  }

  async function downloadRevision(file, sig) {
    const bytes = await verifier.signedRevision(file, sig.index);
    downloadBlob(doc, new Blob([bytes], { type: 'application/pdf' }), `${baseName(file.name)}.signed-${sig.index + 1}.pdf`);
  }

  mountDropZone(doc.getElementById('drop-zone'), doc.getElementById('file'), check);
  return { check };
}

function downloadReport(file, report) {
  const json = `${JSON.stringify(report, null, 2)}\n`;
  downloadBlob(document, new Blob([json], { type: 'application/json' }), `${baseName(file.name)}.verso.json`);
}

/** The boxes the page view draws: signature widgets, then reference marks. */
function highlightBoxes(report, focus) {
  const boxes = [];
  for (const sig of report.signatures ?? []) {
    const r = sig.rect;
    if (!(sig.page > 0 && r?.length === 4 && r[2] - r[0] > 0 && r[3] - r[1] > 0)) continue;
    const letter = referenceOf(report, sig)?.letter;
    const what = t(sig.kind === 'document-timestamp' ? 'card.timestamp' : 'card.signature', { n: sig.index + 1 });
    boxes.push({
      page: sig.page, rect: r, id: `hl-sig-${sig.index}`, tone: signatureTone(sig).tone,
      text: letter ?? String(sig.index + 1),
      label: t('pages.highlight', { what, who: signerName(sig.signer) || t('card.unknownSigner'), page: sig.page }),
      onActivate: () => focus(`sig-${sig.index}`),
    });
  }
  for (const ref of Array.isArray(report.references) ? report.references : []) {
    // The card of the letter's signature: the one the reference names, else
    // the signature that carries the letter (-1 means none shows it).
    const sig = (ref.signature >= 0 ? report.signatures?.find((s) => s.index === ref.signature) : null)
      ?? report.signatures?.find((s) => s.letter === ref.letter);
    for (const [i, mark] of (ref.marks ?? []).entries()) {
      if (!(mark.page > 0 && mark.rect?.length === 4)) continue;
      boxes.push({
        page: mark.page, rect: mark.rect, id: `hl-mark-${ref.letter}-${i}`,
        tone: ref.status === 'CONSISTENT' ? 'good' : 'warn', text: ref.letter,
        label: t('pages.mark', { letter: ref.letter, page: mark.page }),
        data: sig ? { card: `sig-${sig.index}` } : undefined,
        onActivate: () => (sig ? focus(`sig-${sig.index}`) : undefined),
      });
    }
  }
  return boxes;
}

function focusCard(doc, id) {
  const card = doc.getElementById(id);
  if (!card) return;
  card.scrollIntoView({ block: 'start', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
  card.focus({ preventScroll: true });
  card.classList.remove('flash');
  void card.offsetWidth;
  card.classList.add('flash');
}
