import { describe, expect, it } from 'vitest';
import { normalizeInput, parseNumber, parseYesNo, sameLabel } from './parse';

describe('parseNumber', () => {
  it.each([
    ['1200', 1200],
    ['1,200', 1200],
    ['１２００', 1200],
    ['1000万', 10_000_000],
    ['1.1万', 11_000],
    ['2.5亿', 250_000_000],
    ['3k', 3000],
    ['15%', 15],
    ['-3', -3],
    ['500元', 500],
    [' 42 ', 42],
  ])('%s -> %d', (text, value) => expect(parseNumber(text)).toBe(value));

  it.each(['', 'abc', '1.2.3', '一千', '1e5', '--1', '12 34 万x'])('rejects %j', (text) => {
    expect(parseNumber(text)).toBeUndefined();
  });
});

describe('parseYesNo', () => {
  it.each([
    ['yes', true],
    ['Y', true],
    ['好的', true],
    ['是。', true],
    ['no', false],
    ['不要', false],
    ['否', false],
    ['maybe', undefined],
    ['', undefined],
  ])('%s -> %s', (text, value) => expect(parseYesNo(text)).toBe(value));
});

describe('normalizeInput and sameLabel', () => {
  it('folds full-width characters and ideographic spaces', () => {
    expect(normalizeInput('\u3000ＡＢＣ１２\u3000')).toBe('ABC12');
  });
  it('matches labels regardless of case, width and spaces', () => {
    expect(sameLabel('  english ', 'English')).toBe(true);
    expect(sameLabel('Ｆｕｒｎｉｔｕｒｅ', 'furniture')).toBe(true);
    expect(sameLabel('浙江', '江浙')).toBe(false);
  });
});
