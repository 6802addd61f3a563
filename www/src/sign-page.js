// Wires the sign page: the PDF (it stays here), its pages with the marks
// the signer places, the choice of Smart-ID by QR code / same-device link
// or by identity number, the states of the flow and the signed PDF.
// The flow is build/bench/sign_flow.mjs's, through signer.js and the
// relay (relay-client.js): only signed attributes, timestamp and OCSP
// requests leave the page.

import { mountDropZone } from './dropzone.js';
import { h, icon } from './dom.js';
import { language, onLanguage, t, translateStatic } from './i18n.js';
import { formatSize } from './format.js';
import { downloadBlob, baseName } from './download.js';
import { icons } from './verdicts.js';
import { PSS_OID } from './signer.js';
import { relay, RelayError, unb64 } from './relay-client.js';
import { checkIdentity, countries } from './identity.js';
import { qrSVG } from './qr.js';

// The size a mark takes on the page, in points, for the preview (the wasm
// draws "see last page (A)" about this wide, markHeight 16).
const markW = 84;
const markH = 16;
const maxMarks = 100;

// ISO 639-2 codes for SK's fallback page behind the QR link.
const iso639_2 = { en: 'eng', nl: 'nld', fr: 'fra', de: 'deu', et: 'est', lv: 'lav', lt: 'lit' };

/** A phone: a narrow screen held in the hand, where a QR code cannot be scanned. */
const isPhone = () => matchMedia('(max-width: 40rem) and (pointer: coarse)').matches || navigator.userAgentData?.mobile === true;

// The same-device (Web2App) return. The Smart-ID app opens the relay's
// callback URL, this page with ?value=…&sessionSecretDigest=…, most often
// in a new tab. The PDF must not leave the memory of the tab that started
// signing (not even to sessionStorage or IndexedDB), so that tab never
// navigates away: "Open the Smart-ID app" opens in a new tab, and the
// returning tab hands the two parameters to the waiting tab over a
// same-origin BroadcastChannel. The waiting tab presents them to the relay
// with its handle (it plays SK's session cookie; only it holds the handle)
// and goes on like the QR flow. sessionStorage keeps only the handle of a
// waiting same-device choice, so that a return into the very tab that
// started (its memory, and the PDF, gone) is told apart and explained.
const callbackChannel = 'verso-sign-callback';
const pendingKey = 'verso.sign.sameDevice';
const takenWaitMs = 2000;

/** The callback parameters of this page's URL, or null. */
function callbackParams(loc) {
  const q = new URLSearchParams(loc.search);
  const value = q.get('value');
  const sessionSecretDigest = q.get('sessionSecretDigest');
  return value && sessionSecretDigest ? { value, sessionSecretDigest } : null;
}

/** Waits for a same-device callback from another tab of this origin. */
function awaitCallback(signal) {
  return new Promise((resolve, reject) => {
    if (typeof BroadcastChannel !== 'function') return;
    const ch = new BroadcastChannel(callbackChannel);
    const done = () => ch.close();
    signal.addEventListener('abort', () => { done(); reject(new DOMException('cancelled', 'AbortError')); }, { once: true });
    ch.onmessage = ({ data }) => {
      if (data?.type !== 'callback' || typeof data.value !== 'string' || typeof data.sessionSecretDigest !== 'string') return;
      ch.postMessage({ type: 'taken', value: data.value });
      done();
      resolve({ value: data.value, sessionSecretDigest: data.sessionSecretDigest });
    };
  });
}

/**
 * @param {Document} doc
 * @param {import('./signer.js').Signer} signer
 * @param {Promise<{version: string}>} ready
 */
export function mountSignPage(doc, signer, ready) {
  const section = doc.getElementById('sign');
  const live = doc.getElementById('announce');
  const version = doc.getElementById('version');

  let file = null; // the chosen PDF
  let marks = []; // {page, x, y} in points from the page's lower-left corner
  let view = null; // the page view
  let method = 'qr';
  let country = 'EE';
  let identityText = '';
  let state = { name: 'idle' };
  let run = null; // { abort: AbortController } while signing

  const showVersion = () => ready.then(
    ({ version: v }) => { version.textContent = t('version', { v }); version.dataset.version = v; },
    (err) => { version.textContent = t('failed.start', { error: err.message }); version.classList.add('failed'); });
  showVersion();
  translateStatic(doc);
  onLanguage(() => { translateStatic(doc); showVersion(); if (file) render(); });

  async function choose(f) {
    cancel();
    file = f;
    marks = [];
    state = { name: 'ready' };
    view?.destroy();
    view = null;
    render();
    live.textContent = t('sign.chosen', { name: f.name });
    try {
      await ready;
      await signer.check(f, [], {});
    } catch (err) {
      if (file === f) setState({ name: 'error', key: 'sign.error.document', detail: err.message });
      return;
    }
    const container = section.querySelector('#pages');
    try {
      const { mount } = await import('./pageview.js');
      if (file !== f) return;
      view = await mount(container, f, [], { onPick: addMark });
      container.querySelector('.pages-status')?.remove();
    } catch (err) {
      container.querySelector('.pages-status').textContent = t('pages.failed', { error: err.message });
    }
  }

  function addMark({ page, x, y }) {
    if (run || marks.length >= maxMarks) return;
    // The point picked is the middle of the mark; it stays on the page.
    const box = view ? pageBox(page) : null;
    let mx = Math.max(0, x - markW / 2);
    let my = Math.max(0, y - markH / 2);
    if (box) {
      mx = Math.min(mx, box.w - markW);
      my = Math.min(my, box.h - markH);
    }
    marks.push({ page, x: Math.round(mx), y: Math.round(my) });
    renderMarks();
    live.textContent = t('sign.mark.added', { page, count: marks.length });
  }

  function pageBox(page) {
    const sheet = section.querySelector(`#page-${page} .pdf-sheet`);
    const [w, h2] = (sheet?.style.aspectRatio ?? '').split('/').map(Number);
    return w && h2 ? { w, h: h2 } : null;
  }

  function removeMark(i) {
    marks.splice(i, 1);
    renderMarks();
    live.textContent = t('sign.mark.removed', { count: marks.length });
    section.querySelector('#marks-title')?.focus();
  }

  function renderMarks() {
    const list = section.querySelector('#marks');
    if (!list) return;
    list.replaceChildren(...marks.map((m, i) => h('li', {},
      t('sign.mark.item', { n: i + 1, page: m.page }), ' ',
      h('button', { type: 'button', class: 'link-button', disabled: run ? true : null, onclick: () => removeMark(i) },
        t('sign.mark.remove'), h('span', { class: 'visually-hidden' }, ` ${i + 1}`)))));
    section.querySelector('#marks-none').hidden = marks.length > 0;
    view?.setBoxes(marks.map((m, i) => ({
      page: m.page, rect: [m.x, m.y, m.x + markW, m.y + markH], id: `mark-${i}`, tone: 'neutral', text: '?',
      label: t('sign.mark.item', { n: i + 1, page: m.page }), onActivate: () => removeMark(i),
      data: { mark: String(i) },
    })));
  }

  /** The whole section, for a new file or a new language. */
  function render() {
    const countrySelect = h('select', { id: 'country', onchange: (e) => { country = e.target.value; validate(); } },
      Object.keys(countries).map((c) => h('option', { value: c, selected: c === country ? true : null }, t(`country.${c}`))));
    const identity = h('input', {
      id: 'identity', type: 'text', inputmode: 'numeric', autocomplete: 'off', spellcheck: 'false',
      value: identityText, placeholder: countries[country], 'aria-describedby': 'identity-hint',
      oninput: (e) => { identityText = e.target.value; validate(); },
    });
    const form = h('form', { id: 'method', class: 'method', novalidate: true, onsubmit: (e) => { e.preventDefault(); start(); } },
      h('fieldset', {},
        h('legend', {}, t('sign.method.title')),
        radio('qr', isPhone() ? t('sign.method.app') : t('sign.method.qr'), isPhone() ? t('sign.method.appHint') : t('sign.method.qrHint')),
        radio('identity', t('sign.method.identity'), t('sign.method.identityHint'))),
      h('fieldset', { class: 'identity', id: 'identity-fields', hidden: method !== 'identity' ? true : null },
        h('legend', { class: 'visually-hidden' }, t('sign.method.identity')),
        h('div', { class: 'field' }, h('label', { for: 'country' }, t('sign.country')), countrySelect),
        h('div', { class: 'field grow' }, h('label', { for: 'identity' }, t('sign.identity')), identity),
        h('p', { class: 'hint', id: 'identity-hint' })),
      h('div', { class: 'actions' },
        h('button', { type: 'submit', class: 'button primary', id: 'start' }, t('sign.start'))));
    section.replaceChildren(
      h('div', { class: 'file-head' },
        h('h2', { id: 'sign-file', class: 'verdict-title' }, file.name),
        h('p', { class: 'file-facts muted' }, formatSize(file.size))),
      h('div', { class: 'layout with-pages' },
        h('div', { class: 'sign-steps' },
          h('section', { class: 'step', 'aria-labelledby': 'marks-title' },
            h('h3', { id: 'marks-title', class: 'section-title', tabindex: '-1' }, t('sign.marks.title')),
            h('p', { class: 'muted' }, t('sign.marks.hint')),
            h('p', { id: 'marks-none', class: 'muted' }, t('sign.marks.none')),
            h('ul', { id: 'marks', class: 'marks' })),
          h('section', { class: 'step', 'aria-labelledby': 'method-title' },
            h('h3', { id: 'method-title', class: 'section-title' }, t('sign.method.heading')),
            form),
          h('div', { id: 'status', class: 'status', 'data-state': state.name, tabindex: '-1' })),
        h('section', { class: 'pages', id: 'pages', 'aria-labelledby': 'pages-title', tabindex: '0' },
          h('h2', { id: 'pages-title', class: 'section-title' }, t('pages.title')),
          h('p', { class: 'muted pages-status' }, t('pages.loading')))));
    section.hidden = false;
    validate(false);
    renderMarks();
    renderState();
    if (view) {
      // A new language: draw the pages again.
      const old = view;
      view = null;
      old.destroy();
      import('./pageview.js').then(async ({ mount }) => {
        view = await mount(section.querySelector('#pages'), file, [], { onPick: addMark });
        section.querySelector('#pages .pages-status')?.remove();
        renderMarks();
      });
    }
  }

  function radio(value, label, hint) {
    const id = `method-${value}`;
    return h('div', { class: 'choice' },
      h('input', { type: 'radio', name: 'method', id, value, checked: method === value ? true : null, 'aria-describedby': `${id}-hint`,
        onchange: () => { method = value; section.querySelector('#identity-fields').hidden = value !== 'identity'; validate(false); } }),
      h('label', { for: id }, label),
      h('p', { class: 'hint', id: `${id}-hint` }, hint));
  }

  /** Checks the identity number as typed; returns the identity or null. */
  function validate(show = true) {
    const input = section.querySelector('#identity');
    const hint = section.querySelector('#identity-hint');
    if (!input) return null;
    input.placeholder = countries[country];
    const r = checkIdentity(country, identityText);
    const problem = r.problem === 'empty' ? (show ? 'empty' : null) : r.problem;
    // Say "not valid" only once the number is complete or wrong-looking.
    const complete = identityText.replace(/\D/g, '').length >= 11;
    const visible = problem && (problem !== 'format' || complete || !show ? problem : null);
    input.setAttribute('aria-invalid', visible && identityText ? 'true' : 'false');
    hint.textContent = r.identity ? t('sign.identity.ok') : (identityText && visible ? t(`sign.identity.${problem}`, { example: countries[country] }) : t('sign.identity.hint', { example: countries[country] }));
    hint.className = `hint ${r.identity ? 'ok' : identityText && visible ? 'bad' : ''}`;
    return r.identity ?? null;
  }

  function setState(next) {
    state = next;
    renderState();
    const said = stateSentence(next);
    if (said) live.textContent = said;
  }

  function stateSentence(s) {
    switch (s.name) {
      case 'error': return `${t('sign.state.error')}. ${t(s.key)}`;
      case 'done': return t('sign.state.done');
      case 'confirm': return s.vc ? `${t('sign.state.confirm')}. ${t('sign.vc', { code: s.vc })}` : t('sign.state.confirm');
      case 'ready': case 'idle': return '';
      default: return t(`sign.state.${s.name}`);
    }
  }

  function renderState() {
    const box = section.querySelector('#status');
    if (!box) return;
    const busy = !['idle', 'ready', 'done', 'error'].includes(state.name);
    box.dataset.state = state.name;
    for (const el of section.querySelectorAll('#method input, #method select, #method button')) el.disabled = busy;
    doc.getElementById('file').disabled = busy;
    const steps = ['waiting', 'confirm', 'signing', 'timestamping', 'done'];
    const at = steps.indexOf(state.name);
    const progress = at >= 0 && state.name !== 'done' ? h('ol', { class: 'steps' }, steps.slice(0, 4).map((s, i) =>
      h('li', { class: i < at ? 'past' : i === at ? 'now' : 'next', 'aria-current': i === at ? 'step' : null }, t(`sign.step.${s}`)))) : null;
    const cancelButton = busy ? h('button', { type: 'button', class: 'button', id: 'cancel', onclick: cancel }, t('sign.cancel')) : null;
    switch (state.name) {
      case 'idle': case 'ready':
        box.replaceChildren();
        return;
      case 'error':
        box.replaceChildren(h('div', { class: 'banner tone-bad', role: 'alert' }, icon(icons.cross, 'cross'),
          h('div', { class: 'banner-text' },
            h('h3', { class: 'verdict-title' }, t('sign.state.error')),
            h('p', { class: 'summary', id: 'error-text' }, t(state.key)),
            state.detail ? h('p', { class: 'reason' }, t('sign.error.detail', { detail: state.detail })) : null,
            h('div', { class: 'actions' }, h('button', { type: 'button', class: 'button', id: 'retry', onclick: () => setState({ name: 'ready' }) }, t('sign.retry'))))));
        return;
      case 'done': {
        const name = `${baseName(file.name)}.signed.pdf`;
        box.replaceChildren(h('div', { class: 'banner tone-good' }, icon(icons.check, 'check'),
          h('div', { class: 'banner-text' },
            h('h3', { class: 'verdict-title' }, t('sign.state.done')),
            h('p', { class: 'summary' }, t('sign.done.text', { letter: state.letter || '—', name })),
            h('div', { class: 'actions' },
              h('button', { type: 'button', class: 'button primary', id: 'download', onclick: () => downloadBlob(doc, new Blob([state.pdf], { type: 'application/pdf' }), name) },
                icon(icons.download, 'download'), t('sign.download')),
              h('a', { class: 'button', href: './' }, t('sign.verify'))))));
        return;
      }
      default: {
        const body = [h('h3', { class: 'verdict-title' }, t(`sign.state.${state.name}`))];
        if (state.name === 'waiting' && state.flow === 'device-link') {
          body.push(h('p', { class: 'summary' }, t(state.phone ? 'sign.waiting.app' : 'sign.waiting.qr')));
          if (state.phone && state.web2app) {
            // A new tab: this one keeps the PDF in memory while the app runs.
            body.push(h('p', {}, h('a', { class: 'button primary', id: 'open-app', href: state.web2app, target: '_blank', rel: 'noopener' }, t('sign.openApp'))));
          }
          if (!state.phone || !state.web2app) {
            body.push(h('div', { class: 'qr-box', id: 'qr' }, state.qr ? qrSVG(state.qr, t('sign.qr.label')) : h('p', { class: 'muted' }, t('sign.qr.loading'))));
          }
        } else if (state.name === 'waiting') {
          body.push(h('p', { class: 'summary' }, t('sign.waiting.notification')));
        } else if (state.name === 'confirm') {
          body.push(h('p', { class: 'summary' }, t(state.vc ? 'sign.confirm.vc' : 'sign.confirm.text')));
          if (state.vc) body.push(h('p', { class: 'vc', id: 'vc', 'aria-label': t('sign.vc', { code: state.vc }) }, state.vc));
        } else {
          body.push(h('p', { class: 'summary' }, t(`sign.${state.name}.text`)));
        }
        box.replaceChildren(h('div', { class: 'banner tone-pending' }, icon(icons.pending, 'pending'),
          h('div', { class: 'banner-text' }, progress, ...body, h('div', { class: 'actions' }, cancelButton))));
      }
    }
  }

  function cancel() {
    if (!run) return;
    run.abort.abort();
    run = null;
    setState({ name: 'ready' });
    live.textContent = t('sign.cancelled');
  }

  async function start() {
    if (run || !file) return;
    let identity = null;
    if (method === 'identity') {
      identity = validate(true);
      if (!identity) {
        section.querySelector('#identity').focus();
        return;
      }
    }
    const mine = { abort: new AbortController() };
    run = mine;
    const signal = mine.abort.signal;
    const alive = () => run === mine;
    let prepared = null;
    try {
      await signAll(identity, signal, alive, (p) => { prepared = p; });
    } catch (err) {
      if (!alive()) return;
      if (err instanceof RelayError) setState({ name: 'error', key: err.key, detail: err.detail });
      else setState({ name: 'error', key: 'sign.error.document', detail: err.message });
    } finally {
      if (prepared) signer.release(prepared.id).catch(() => {});
      if (alive()) {
        run = null;
        renderState();
        renderMarks();
      }
      section.querySelector('#status')?.focus();
    }
  }

  async function signAll(identity, signal, alive, onPrepared) {
    const phone = isPhone();
    const step = (s) => { if (!alive()) throw new DOMException('cancelled', 'AbortError'); setState(s); };
    step({ name: 'starting' });
    await signer.check(file, marks, {});
    const choice = await relay.certificateChoice(identity, signal);
    const flow = choice.flow;
    step({ name: 'waiting', flow, phone });
    // The QR code changes every second: the relay recomputes the link.
    let linking = flow === 'device-link';
    const links = (async () => {
      while (linking && alive()) {
        try {
          const link = await relay.link(choice.handle, iso639_2[language()] ?? 'eng', signal);
          if (linking && alive() && state.name === 'waiting') {
            state = { ...state, qr: link.qr, web2app: link.web2app };
            updateQR(link.qr, link.web2app);
          }
        } catch (err) {
          if (signal.aborted) return;
          // One missed second is no failure; the poll reports a real one.
        }
        await new Promise((r) => setTimeout(r, 1000));
      }
    })();
    // On a phone the app may come back through the callback instead.
    const sameDevice = phone && flow === 'device-link';
    const returned = sameDevice ? awaitCallback(signal) : null;
    returned?.catch(() => {});
    if (sameDevice) sessionStorage.setItem(pendingKey, choice.handle);
    let chosen;
    try {
      chosen = await relay.poll(choice.handle, signal);
    } catch (err) {
      if (!(sameDevice && err instanceof RelayError && err.key === 'sign.error.sameDevice')) throw err;
      chosen = await relay.callback(choice.handle, await returned, signal);
    } finally {
      linking = false;
      if (sameDevice) sessionStorage.removeItem(pendingKey);
    }
    void links;
    const cert = unb64(chosen.certificate);
    const chain = chosen.chain.map(unb64);
    const p = await signer.prepare(file, cert, marks, {});
    onPrepared(p);
    const started = await relay.signature(chosen.handle, p.signedAttributes, signal);
    step({ name: 'confirm', vc: started.verificationCode });
    const { signature } = await relay.poll(started.handle, signal);
    step({ name: 'signing' });
    const value = unb64(signature.value);
    const ts = await signer.timestampRequest(p.id, value);
    step({ name: 'timestamping' });
    const tsResp = await relay.timestamp(ts.request, signal);
    let out = await signer.finish(p.id, value, PSS_OID, unb64(signature.parameters), chain, tsResp);
    // Long-term validation: the certificate's status, then a document
    // timestamp over everything (PAdES B-LTA).
    const ocspResp = await relay.ocsp(await signer.ocspRequest(cert, chain[0]), signal);
    await signer.checkOCSP(ocspResp, cert, chain[0]);
    out = await signer.addDSS(out, [cert, ...chain], [ocspResp]);
    const dt = await signer.prepareDocumentTimestamp(out);
    out = await signer.finishDocumentTimestamp(dt.id, await relay.timestamp(dt.request, signal));
    step({ name: 'done', pdf: out, letter: p.letter });
  }

  /** Swaps the QR code in place, without re-rendering (focus stays put). */
  function updateQR(qr, web2app) {
    const box = section.querySelector('#qr');
    if (box) box.replaceChildren(qrSVG(qr, t('sign.qr.label')));
    const open = section.querySelector('#open-app');
    if (open && web2app) open.href = web2app;
    if (state.phone && web2app && !open) renderState();
  }

  /**
   * This page was opened by the Smart-ID app with the callback: hand it to
   * the tab that is waiting for it, and say where signing goes on.
   */
  async function handReturn(params) {
    // The parameters are single-use proofs: keep them out of the history.
    history.replaceState(null, '', location.pathname);
    const sameTab = sessionStorage.getItem(pendingKey) !== null;
    sessionStorage.removeItem(pendingKey);
    let taken = false;
    if (typeof BroadcastChannel === 'function') {
      const ch = new BroadcastChannel(callbackChannel);
      taken = await new Promise((resolve) => {
        const timer = setTimeout(() => resolve(false), takenWaitMs);
        ch.onmessage = ({ data }) => {
          if (data?.type === 'taken' && data.value === params.value) { clearTimeout(timer); resolve(true); }
        };
        ch.postMessage({ type: 'callback', ...params });
      });
      ch.close();
    }
    const key = taken ? 'sign.returned.taken' : sameTab ? 'sign.returned.lost' : 'sign.returned.none';
    const banner = h('div', { class: `banner ${taken ? 'tone-good' : 'tone-bad'}`, id: 'returned', role: taken ? 'status' : 'alert', 'data-taken': String(taken) },
      icon(taken ? icons.check : icons.cross, taken ? 'check' : 'cross'),
      h('div', { class: 'banner-text' },
        h('h3', { class: 'verdict-title' }, t(taken ? 'sign.returned.title' : 'sign.state.error')),
        h('p', { class: 'summary' }, t(key))));
    // Before the sign section, which stays hidden until a PDF is chosen.
    section.before(banner);
    live.textContent = t(key);
  }

  mountDropZone(doc.getElementById('drop-zone'), doc.getElementById('file'), choose);
  const returned = callbackParams(location);
  if (returned) handReturn(returned);
  return {
    choose,
    /** The state of the flow, for tests: { name, … }. */
    state: () => state,
  };
}
