// Translations: one small module per language under i18n/, English
// bundled, the others loaded when chosen. t(key, vars) fills {name}
// placeholders; a missing string falls back to English.

import en from './i18n/en.js';

/** The languages offered, by code, with their own names. */
export const languages = {
  en: 'English', nl: 'Nederlands', fr: 'Français', de: 'Deutsch',
  et: 'Eesti', lv: 'Latviešu', lt: 'Lietuvių',
};

const loaders = {
  nl: () => import('./i18n/nl.js'),
  fr: () => import('./i18n/fr.js'),
  de: () => import('./i18n/de.js'),
  et: () => import('./i18n/et.js'),
  lv: () => import('./i18n/lv.js'),
  lt: () => import('./i18n/lt.js'),
};

let current = 'en';
let strings = en;
const listeners = new Set();

/** The first of the browser's languages that verso speaks, else English. */
export function preferredLanguage(wanted = navigator.languages ?? [navigator.language]) {
  for (const tag of wanted) {
    const code = String(tag).toLowerCase().split('-')[0];
    if (code in languages) return code;
  }
  return 'en';
}

/** The language in use. */
export function language() {
  return current;
}

/** Switches language and tells every listener (they re-render). */
export async function setLanguage(code) {
  if (!(code in languages)) code = 'en';
  strings = code === 'en' ? en : (await loaders[code]()).default;
  current = code;
  document.documentElement.lang = code;
  for (const fn of listeners) fn(code);
}

/** Calls fn after every language change. */
export function onLanguage(fn) {
  listeners.add(fn);
}

/** The string for key in the current language, with {vars} filled in. */
export function t(key, vars = {}) {
  const s = strings[key] ?? en[key] ?? key;
  return s.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
}

/** Translates every [data-i18n] element below root (static page text). */
export function translateStatic(root) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
}
