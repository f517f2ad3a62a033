import { describe, expect, it } from 'vitest';
import { LOCALES } from '../core/message';
import { catalogues, translate } from '.';

function keys(node: unknown, prefix = ''): string[] {
  if (typeof node !== 'object' || node === null) return [prefix];
  return Object.entries(node).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!).sort();
}

describe('locales', () => {
  const all = new Set(LOCALES.flatMap((l) => keys(catalogues[l])));

  it.each(LOCALES)('%s has every key the other languages have', (locale) => {
    const mine = new Set(keys(catalogues[locale]));
    expect([...all].filter((k) => !mine.has(k))).toEqual([]);
  });

  it('uses the same placeholders in every language', () => {
    for (const key of all) {
      const [first, ...others] = LOCALES.map((l) => placeholders(translate(l, key)));
      for (const other of others) expect(other, key).toEqual(first);
    }
  });

  it('has no empty strings', () => {
    for (const locale of LOCALES) {
      for (const key of keys(catalogues[locale]))
        expect(translate(locale, key).trim(), `${locale} ${key}`).not.toBe('');
    }
  });

  it('interpolates without HTML-escaping (channels escape for themselves)', () => {
    expect(translate('en', 'errors.unknown_command', { command: '<b>' })).toContain('/<b>');
  });
});
