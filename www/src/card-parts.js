// Parts of a signature card: the signer's name and identity, the
// qualified label in words, the list of changes and the certificate.

import { h, icon } from './dom.js';
import { t } from './i18n.js';
import { formatDate, groupHex, splitDN } from './format.js';
import { icons } from './verdicts.js';

/** The signer's name as the certificate states it. */
export function signerName(signer) {
  if (!signer) return '';
  if (signer.givenName && signer.surname) return `${signer.givenName} ${signer.surname}`;
  return signer.commonName || signer.organization || '';
}

/** The identity number with its kind (ETSI EN 319 412-1 semantics). */
export function identityLine(signer) {
  if (signer?.identityNumber) {
    const key = ['PNO', 'PAS', 'IDC', 'TIN'].includes(signer.identityType) ? signer.identityType : 'other';
    return t(`identity.${key}`, { country: signer.identityCountry ?? '', number: key === 'other' ? signer.serialNumber : signer.identityNumber });
  }
  if (signer?.serialNumber) return t('identity.other', { number: signer.serialNumber });
  return t('identity.none');
}

/** The qualified label in words (QES, ADES_QC…). */
export function qualifiedWords(sig) {
  const label = sig.trust?.qualified?.label;
  if (!label) return t('qualified.INDETERMINATE');
  return t(`qualified.${label}`);
}

/**
 * The references entry of a signature, once the Report carries them: a
 * top-level list (letter, signature, marks, status) or a per-signature
 * letter. The NOT_CHECKED placeholder gives nothing.
 */
export function referenceOf(report, sig) {
  const list = Array.isArray(report.references) ? report.references : [];
  const entry = list.find((r) => r.signature === sig.index);
  if (entry) return entry;
  const own = sig.references;
  if (own && (own.letter || sig.letter)) return { ...own, letter: own.letter ?? sig.letter };
  return sig.letter ? { letter: sig.letter } : null;
}

/** The changes after a signature, disallowed ones first and marked. */
export function changeList(sig) {
  const changes = sig.modifications?.changes ?? [];
  if (changes.length === 0) return null;
  const sorted = [...changes].sort((a, b) => Number(a.permitted) - Number(b.permitted));
  const bad = sorted.some((c) => !c.permitted);
  const items = sorted.map((c) => h('li', { class: c.permitted ? 'change' : 'change disallowed' },
    icon(c.permitted ? icons.check : icons.warning, c.permitted ? 'check' : 'warning'),
    h('span', {},
      h('strong', {}, t(`kind.${c.kind}`) === `kind.${c.kind}` ? t('kind.other') : t(`kind.${c.kind}`)),
      ` (${[t('change.where', { revision: c.revision }), c.page ? t('change.page', { page: c.page }) : null,
        t(c.permitted ? 'change.permitted' : 'change.disallowed')].filter(Boolean).join(', ')})`,
      c.detail ? h('span', { class: 'detail' }, c.detail) : null)));
  return h('details', { class: 'changes', open: bad },
    h('summary', {}, t('changes.list', { count: changes.length })),
    h('ul', {}, items));
}

/** The certificate as Acrobat's "Show Signer's Certificate" would give it. */
export function certificateDetails(sig) {
  const s = sig.signer;
  if (!s) return null;
  const trust = sig.trust ?? {};
  const leaf = trust.chain?.[0];
  const rows = [];
  const row = (key, ...value) => rows.push(h('dt', {}, t(key)), h('dd', {}, ...value));
  const lines = (dn) => h('span', { class: 'dn' }, splitDN(dn).map((l) => h('span', {}, l)));
  row('cert.subject', lines(s.subject));
  row('cert.issuer', lines(s.issuer));
  row('cert.validity', t('cert.validityRange', { from: formatDate(s.notBefore), to: formatDate(s.notAfter) }));
  row('cert.serial', h('code', {}, s.certificateSerial));
  row('cert.key', [s.keyType, s.keySize ? `${s.keySize} bit` : ''].filter(Boolean).join(' '));
  row('cert.sha256', h('code', { class: 'hex' }, groupHex(leaf?.sha256 ?? s.certificateSHA256)));
  if (leaf?.sha1) row('cert.sha1', h('code', { class: 'hex' }, groupHex(leaf.sha1)));
  if (trust.policies?.length) {
    row('cert.policies', h('ul', {}, trust.policies.map((p) => h('li', {}, p.name ? `${p.name} (${p.oid})` : p.oid))));
  }
  const qc = trust.qcStatements;
  if (qc) {
    const words = [];
    if (qc.compliance) words.push(t('qc.compliance'));
    if (qc.sscd) words.push(t('qc.sscd'));
    for (const type of qc.types ?? []) words.push(t(`qc.${type}`));
    row('cert.qc', h('ul', {}, words.map((w) => h('li', {}, w)), (qc.pds ?? []).map((u) => h('li', {}, u))));
  }
  if (trust.chain?.length > 1) {
    row('cert.chain', h('ol', {}, trust.chain.map((c) => h('li', {}, splitDN(c.subject).find((l) => l.startsWith('CN=')) ?? c.subject))));
  }
  const warnings = [...(sig.integrity?.warnings ?? []), ...(trust.warnings ?? []), ...(trust.revocationProblems ?? [])];
  if (warnings.length) row('cert.warnings', h('ul', {}, warnings.map((w) => h('li', {}, w))));
  if (trust.qualified?.reason) rows.push(h('dt', {}, t('row.qualified')), h('dd', {}, trust.qualified.reason));
  return h('details', { class: 'cert' }, h('summary', {}, t('cert.details')), h('dl', {}, rows));
}
