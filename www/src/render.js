// The result area of the verify page: the verdict banner, one card per
// signature and the actions. Built with DOM calls and text nodes only:
// names and reasons come from the file.

import { h, icon } from './dom.js';
import { t } from './i18n.js';
import { formatSize, formatTime } from './format.js';
import { icons, signatureTone, unknownVerdict, verdicts } from './verdicts.js';
import { certificateDetails, changeList, identityLine, qualifiedWords, referenceOf, signerName } from './card-parts.js';

/** Shows that a file is being read and checked; progress() updates it. */
export function renderPending(section, file) {
  const bar = h('progress', { max: 100, 'aria-hidden': 'true' });
  const text = h('p', { class: 'summary' }, t('progress.reading', { name: file.name, percent: 0 }));
  const head = h('div', { class: 'banner tone-pending', id: 'verdict', 'data-verdict': '', role: 'status' },
    icon(icons.pending, 'pending'), h('div', { class: 'banner-text' }, h('h2', { class: 'verdict-title' }, file.name), text, bar));
  section.replaceChildren(head);
  section.hidden = false;
  return ({ phase, done, total }) => {
    if (phase === 'reading') {
      const percent = total ? Math.floor((100 * done) / total) : 0;
      bar.value = percent;
      text.textContent = t('progress.reading', { name: file.name, percent });
    } else {
      bar.removeAttribute('value'); // indeterminate
      text.textContent = t('progress.checking', { name: file.name });
    }
  };
}

/** The banner: verdict in words, colour and icon. */
export function banner(report, file) {
  const v = verdicts[report.verdict] ?? unknownVerdict;
  const title = verdicts[report.verdict] ? t(`verdict.${report.verdict}`) : t('verdict.unknown');
  const sigs = report.signatures ?? [];
  const facts = report.verdict === 'ERROR'
    ? t('file.none', { name: file.name, size: formatSize(report.file?.size ?? file.size) })
    : t('file', { name: file.name, size: formatSize(report.file?.size ?? file.size), count: sigs.length });
  return h('div', { class: `banner tone-${v.tone}`, id: 'verdict', 'data-verdict': report.verdict },
    icon(icons[v.icon], v.icon),
    h('div', { class: 'banner-text' },
      h('h2', { class: 'verdict-title' }, title),
      h('p', { class: 'summary' }, verdicts[report.verdict] ? t(`detail.${report.verdict}`) : report.summary ?? ''),
      report.error ? h('p', { class: 'reason' }, report.error) : null,
      h('p', { class: 'file-facts' }, facts)));
}

/** Shows that the verifier itself failed (not a verdict about the file). */
export function renderFailure(section, file, error) {
  const head = h('div', { class: 'banner tone-bad', id: 'verdict', 'data-verdict': 'FAILED' },
    icon(icons.alert, 'alert'),
    h('div', { class: 'banner-text' }, h('h2', { class: 'verdict-title' }, t('verdict.failed')),
      h('p', { class: 'summary' }, error.message), h('p', { class: 'file-facts' }, `${file.name}, ${formatSize(file.size)}`)));
  section.replaceChildren(head);
  section.hidden = false;
}

/**
 * One card per signature.
 * @param {object} report
 * @param {{onShow?: (sig) => void, onRevision?: (sig) => void}} handlers
 */
export function signatureCards(report, handlers = {}) {
  const sigs = report.signatures ?? [];
  return sigs.map((sig) => card(report, sig, sigs.length, handlers));
}

function card(report, sig, count, { onShow, onRevision }) {
  const { tone, icon: iconName } = signatureTone(sig);
  const id = `sig-${sig.index}`;
  const letter = referenceOf(report, sig)?.letter;
  const isTimestamp = sig.kind === 'document-timestamp';
  const what = t(isTimestamp ? 'card.timestamp' : 'card.signature', { n: sig.index + 1 });
  const intact = sig.status === 'PASSED';

  const rows = [];
  const row = (key, value, cls = '') => rows.push(h('dt', {}, t(key)), h('dd', { class: cls }, value));
  if (!isTimestamp) row('row.identity', identityLine(sig.signer));
  row('row.qualified', qualifiedWords(sig));
  row('row.time', timeLine(sig));
  row('row.integrity', intact
    ? t('integrity.ok', { alg: [sig.integrity?.digestAlgorithm, sig.integrity?.signatureAlgorithm].filter(Boolean).join(', ') })
    : t('integrity.bad', { reason: sig.integrity?.reason ?? '' }), intact ? '' : 'bad');
  row('row.trust', trustLine(sig.trust), sig.trust?.status === 'TRUSTED' ? 'good' : '');
  row('row.revocation', revocationLine(sig.trust));
  const mods = sig.modifications ?? {};
  row('row.changes', t(`changes.${mods.status}`) ?? mods.reason, mods.status === 'DISALLOWED' ? 'warn' : '');
  const ref = referenceOf(report, sig);
  if (ref?.status) row('row.reference', t(`ref.${ref.status}`), ref.status === 'CONSISTENT' ? 'good' : 'warn');

  const visible = sig.page > 0 && sig.rect?.length === 4 && sig.rect[2] - sig.rect[0] > 0 && sig.rect[3] - sig.rect[1] > 0;
  const actions = h('div', { class: 'card-actions' },
    visible
      ? h('button', { type: 'button', class: 'link-button', 'data-show': sig.index, onclick: () => onShow?.(sig) },
        icon(icons.page, 'page'), t('action.show', { page: sig.page }))
      : h('span', { class: 'muted' }, t('action.invisible')),
    h('button', { type: 'button', class: 'link-button', 'data-revision': sig.index, onclick: () => onRevision?.(sig) },
      icon(icons.download, 'download'), t('action.revision')));

  return h('article', { class: `card tone-edge-${tone}`, id, tabindex: '-1', 'aria-labelledby': `${id}-name`, 'data-index': sig.index },
    h('header', { class: 'card-head' },
      letter ? h('span', { class: 'letter', title: t('card.letter', { letter }) }, letter) : null,
      h('div', { class: 'card-title' },
        h('p', { class: 'card-kind' }, `${what} / ${count}`),
        h('h3', { id: `${id}-name` }, signerName(sig.signer) || t('card.unknownSigner'))),
      h('span', { class: `pill tone-${tone}` }, icon(icons[iconName], iconName), t(intact ? 'status.intact' : 'status.broken'))),
    h('dl', { class: 'checks' }, rows),
    changeList(sig),
    certificateDetails(sig),
    actions);
}

function timeLine(sig) {
  const time = sig.time ?? {};
  const ts = time.timestamp;
  if (ts?.status === 'PASSED') {
    const tsa = ts.authority?.match(/CN=((?:\\.|[^,])*)/)?.[1]?.replace(/\\(.)/g, '$1') ?? ts.authority;
    return t('time.timestamp', { time: formatTime(ts.genTime), tsa });
  }
  const claimed = time.signingTime || time.claimedM;
  const parts = [];
  if (ts) parts.push(t('time.badTimestamp', { reason: ts.reason ?? ts.status }));
  parts.push(claimed ? t('time.claimed', { time: formatTime(claimed) }) : t('time.none'));
  return parts.join(' ');
}

function trustLine(trust = {}) {
  const status = trust.status ?? 'NOT_CHECKED';
  return t(`trust.${status}`, { anchor: trust.anchor ?? '', reason: trust.reason ?? '' });
}

function revocationLine(trust = {}) {
  const rev = trust.chain?.[0]?.revocation;
  if (!rev?.status || rev.status === 'no data') return t('revocation.none');
  if (rev.status === 'good') {
    return t('revocation.good', { source: [rev.source, rev.responder].filter(Boolean).join(', '), time: formatTime(rev.producedAt || rev.thisUpdate) });
  }
  if (rev.status === 'revoked') return t('revocation.revoked', { time: formatTime(rev.revokedAt) });
  return t('revocation.unknown', { source: rev.source ?? '' });
}
