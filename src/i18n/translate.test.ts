import { afterEach, describe, expect, it } from 'vitest';
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
});
