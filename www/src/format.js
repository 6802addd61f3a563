// Formatting of sizes, times and certificate names for people.

import { language } from './i18n.js';

/** A byte count in decimal units. */
export function formatSize(n) {
  const nf = new Intl.NumberFormat(language(), { maximumFractionDigits: 1 });
  if (n >= 1e6) return `${nf.format(n / 1e6)} MB`;
  if (n >= 1e3) return `${nf.format(n / 1e3)} kB`;
  return `${n} B`;
}

/** An RFC 3339 time in the reader's language and time zone, with the zone. */
export function formatTime(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(language(), { dateStyle: 'long', timeStyle: 'long' }).format(d);
}

/** A date alone. */
export function formatDate(iso) {
  const d = new Date(iso);
  if (!iso || Number.isNaN(d.getTime())) return iso ?? '';
  return new Intl.DateTimeFormat(language(), { dateStyle: 'medium' }).format(d);
}

/** The value of attribute (CN, O…) in an RFC 4514 name, unescaped. */
export function nameAttribute(dn, attr) {
  for (const part of splitDN(dn ?? '')) {
    const eq = part.indexOf('=');
    if (part.slice(0, eq).toUpperCase() === attr) return part.slice(eq + 1);
  }
  return '';
}

/** The name's attributes as readable lines; hex-encoded (#…) values are decoded when they are strings. */
export function splitDN(dn) {
  const parts = [];
  let cur = '';
  for (let i = 0; i < dn.length; i++) {
    const c = dn[i];
    if (c === '\\' && i + 1 < dn.length) { cur += dn[++i]; continue; }
    if (c === ',') { parts.push(cur); cur = ''; continue; }
    cur += c;
  }
  if (cur) parts.push(cur);
  return parts.map(decodeHexValue);
}

const attrNames = { '2.5.4.42': 'GN', '2.5.4.4': 'SN', '2.5.4.97': 'organizationIdentifier', '2.5.4.12': 'T', '1.2.840.113549.1.9.1': 'E' };

// "2.5.4.42=#130441415245" is a DER string: tag, length, bytes.
function decodeHexValue(part) {
  const eq = part.indexOf('=');
  const attr = part.slice(0, eq);
  const value = part.slice(eq + 1);
  const name = attrNames[attr] ?? attr;
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})((?:[0-9a-f]{2})*)$/i.exec(value);
  if (!m || parseInt(m[2], 16) * 2 !== m[3].length) return `${name}=${value}`;
  const bytes = new Uint8Array(m[3].match(/../g)?.map((b) => parseInt(b, 16)) ?? []);
  return `${name}=${new TextDecoder().decode(bytes)}`;
}

/** Hex in groups of two, for fingerprints. */
export function groupHex(hex) {
  return (hex ?? '').toUpperCase().replace(/(..)(?!$)/g, '$1:');
}
