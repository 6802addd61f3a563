// The language and theme switches. The choice is kept in localStorage
// (two short words, nothing about files) and applied to <html>.

import { h } from './dom.js';
import { languages, language, onLanguage, preferredLanguage, setLanguage, t } from './i18n.js';

const themes = ['auto', 'light', 'dark'];

/** Applies a theme: "light", "dark" or "auto" (the system's). */
export function applyTheme(theme) {
  const root = document.documentElement;
  if (theme === 'light' || theme === 'dark') root.dataset.theme = theme;
  else delete root.dataset.theme;
}

/** The saved or given language and theme, applied before the first render. */
export async function initialSettings({ lang, theme } = {}) {
  const saved = (key) => { try { return localStorage.getItem(`verso.${key}`); } catch { return null; } };
  applyTheme(theme ?? saved('theme') ?? 'auto');
  await setLanguage(lang ?? saved('lang') ?? preferredLanguage());
}

/** The two switches, as a small form. */
export function settingsBar() {
  const save = (key, value) => { try { localStorage.setItem(`verso.${key}`, value); } catch { /* private mode */ } };
  const langSelect = h('select', { id: 'lang', onchange: (e) => { save('lang', e.target.value); setLanguage(e.target.value); } },
    Object.entries(languages).map(([code, name]) => h('option', { value: code, lang: code }, name)));
  const themeSelect = h('select', { id: 'theme', onchange: (e) => { save('theme', e.target.value); applyTheme(e.target.value); } },
    themes.map((v) => h('option', { value: v })));
  const langLabel = h('label', { for: 'lang' });
  const themeLabel = h('label', { for: 'theme' });
  const label = () => {
    langLabel.textContent = t('settings.language');
    themeLabel.textContent = t('settings.theme');
    for (const o of themeSelect.options) o.textContent = t(`theme.${o.value}`);
    langSelect.value = language();
    themeSelect.value = document.documentElement.dataset.theme ?? 'auto';
  };
  label();
  onLanguage(label);
  return h('form', { class: 'settings', onsubmit: (e) => e.preventDefault() },
    h('div', {}, langLabel, langSelect), h('div', {}, themeLabel, themeSelect));
}
