import i18next from 'i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCALES } from '../core/message';
import { catalogues, setCatalogues, translate } from '.';

// translate remembers the answers for keys without parameters: these pin what it must not
// remember. Small catalogues of their own, so no wording in locales/ matters here.
const installed = catalogues;
afterEach(() => setCatalogues(installed));

const small = (yes: string) => ({
  'zh-CN': { t: { yes: `是${yes}`, n: '共 {{n}} 个' } },
  en: { t: { yes, n: '{{n}} in all', pair: '{{a}} and {{b}}' } },
});

describe('translate', () => {
  it('answers from the catalogues installed now, not from a remembered answer', () => {
    setCatalogues(small('Yes'));
    expect([translate('en', 't.yes'), translate('zh-CN', 't.yes')]).toEqual(['Yes', '是Yes']);
    expect(translate('en', 't.yes')).toBe('Yes');
    setCatalogues(small('Sure'));
    expect([translate('en', 't.yes'), translate('zh-CN', 't.yes')]).toEqual(['Sure', '是Sure']);
  });

  it('interpolates parameters on every call, and an empty set of them is none', () => {
    setCatalogues(small('Yes'));
    expect(translate('en', 't.n', { n: 1 })).toBe('1 in all');
    expect(translate('en', 't.n', { n: 2 })).toBe('2 in all');
    expect(translate('zh-CN', 't.n', { n: 3 })).toBe('共 3 个');
    expect(translate('en', 't.yes', {})).toBe('Yes');
  });

  it('remembers parameterised answers by every value, and forgets them with the catalogues', () => {
    setCatalogues(small('Yes'));
    expect(translate('en', 't.pair', { a: 1, b: 'x' })).toBe('1 and x');
    expect(translate('en', 't.pair', { a: 1, b: 'x' })).toBe('1 and x');
    expect(translate('en', 't.pair', { a: '1', b: 'x' })).toBe('1 and x');
    expect(translate('en', 't.pair', { a: 1, b: 'y' })).toBe('1 and y');
    expect(translate('en', 't.pair', { a: 'x\u0000b\u0001sy' })).toContain('x');
    expect(translate('en', 't.pair', { a: 'x', b: 'y' })).toBe('x and y');
    const long = 'w'.repeat(200);
    expect(translate('en', 't.pair', { a: long, b: long })).toBe(`${long} and ${long}`);
    setCatalogues({ ...small('Yes'), en: { t: { yes: 'Yes', n: '', pair: '{{b}} or {{a}}' } } });
    expect(translate('en', 't.pair', { a: 1, b: 'x' })).toBe('x or 1');
  });

  it('returns a missing key as the key, per language', () => {
    setCatalogues(small('Yes'));
    expect(translate('en', 't.missing')).toBe('t.missing');
  });

  it('fills long values in exactly as i18next would, for every key of both catalogues', () => {
    // The direct fill for long values must never differ from i18next: compare every
    // template in the real catalogues, with values long enough to take that path.
    const reference = i18next.createInstance();
    void reference.init({
      resources: Object.fromEntries(LOCALES.map((l) => [l, { translation: installed[l] }])),
      lng: 'zh-CN',
      fallbackLng: 'zh-CN',
      initAsync: false,
      interpolation: { escapeValue: false },
      returnNull: false,
    });
    const keys = (node: unknown, prefix: string): [string, string][] =>
      typeof node === 'string'
        ? [[prefix, node]]
        : Object.entries(node as Record<string, unknown>).flatMap(([k, v]) =>
            keys(v, prefix ? `${prefix}.${k}` : k),
          );
    let compared = 0;
    for (const locale of LOCALES)
      for (const [key, template] of keys(installed[locale], '')) {
        const names = [...template.matchAll(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g)].map((m) => m[1]!);
        if (names.length === 0) continue;
        const params = Object.fromEntries(
          names.map((n, i) => [n, `${n} <b>“${i}”</b> & 'quoted' `.repeat(4)]),
        );
        expect(translate(locale, key, params), `${locale} ${key}`).toBe(
          reference.t(key, { lng: locale, ...params }),
        );
        compared++;
      }
    expect(compared).toBeGreaterThan(50);
  });

  it('leaves plurals, nesting and values that look like markup to i18next', () => {
    const long = 'v'.repeat(60);
    setCatalogues({
      'zh-CN': { t: { n: '{{x}}' } },
      en: {
        t: {
          n_one: 'one {{x}}',
          n_other: '{{count}} {{x}}',
          nest: '$t(t.yes) {{x}}',
          yes: 'Yes',
          plain: '[{{x}}]',
        },
      },
    });
    expect(translate('en', 't.n', { count: 2, x: long })).toBe(`2 ${long}`);
    expect(translate('en', 't.nest', { x: long })).toBe(`Yes ${long}`);
    expect(translate('en', 't.plain', { x: `${long}{{y}}` })).toBe(`[${long}{{y}}]`);
    expect(translate('en', 't.plain', { x: long })).toBe(`[${long}]`);
  });
});
