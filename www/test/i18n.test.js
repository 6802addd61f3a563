// Translations, complete: every language has exactly English's keys, the
// same {placeholders} in each string, and no empty string. No browser: the
// string modules are plain data.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import en from '../src/i18n/en.js';
import nl from '../src/i18n/nl.js';
import fr from '../src/i18n/fr.js';
import de from '../src/i18n/de.js';
import et from '../src/i18n/et.js';
import lv from '../src/i18n/lv.js';
import lt from '../src/i18n/lt.js';

const others = { nl, fr, de, et, lv, lt };

/** The {name} placeholders of a string, sorted and without repeats. */
const placeholders = (s) => [...new Set([...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();

test('English has no empty string', () => {
  for (const [key, value] of Object.entries(en)) {
    assert.equal(typeof value, 'string', `en: ${key} is not a string`);
    assert.ok(value.trim() !== '', `en: ${key} is empty`);
  }
});

for (const [lang, strings] of Object.entries(others)) {
  describe(lang, () => {
    test('has exactly the keys of en.js', () => {
      const missing = Object.keys(en).filter((k) => !Object.hasOwn(strings, k));
      const extra = Object.keys(strings).filter((k) => !Object.hasOwn(en, k));
      assert.deepEqual({ missing, extra }, { missing: [], extra: [] });
    });

    test('has no empty string', () => {
      const empty = Object.entries(strings)
        .filter(([, v]) => typeof v !== 'string' || v.trim() === '')
        .map(([k]) => k);
      assert.deepEqual(empty, []);
    });

    test('uses the same {placeholders} as English', () => {
      const wrong = Object.keys(en)
        .filter((k) => typeof strings[k] === 'string')
        .filter((k) => placeholders(strings[k]).join() !== placeholders(en[k]).join())
        .map((k) => `${k}: ${lang} {${placeholders(strings[k]).join('}{')}} vs en {${placeholders(en[k]).join('}{')}}`);
      assert.deepEqual(wrong, []);
    });
  });
}
