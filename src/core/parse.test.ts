import { describe, expect, it } from 'vitest';
import { normalizeInput, parseNumber, parseYesNo, readNumber, sameLabel, unitOf } from './parse';

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

  it.each(['', 'abc', '1.2.3', '1e5', '--1', '12 34 万x'])('rejects %j', (text) => {
    expect(parseNumber(text)).toBeUndefined();
  });
});

describe('parseNumber: the ways sellers type amounts', () => {
  it.each([
    ['1200万', 12_000_000],
    ['12,000,000', 12_000_000],
    ['12，000，000', 12_000_000],
    ['1.2千万', 12_000_000],
    ['3千', 3000],
    ['5百万', 5_000_000],
    ['12m', 12_000_000],
    ['12M', 12_000_000],
    ['1.5 million', 1_500_000],
    ['10w', 100_000],
    ['大约1000万元', 10_000_000],
    ['about 300 parcels', 300],
    ['RMB 12', 12],
    ['¥8.5', 8.5],
    ['约￥1,200', 1200],
    ['3天', 3],
    ['5km', 5],
    ['八百', 800],
    ['三十五', 35],
    ['十二', 12],
    ['两百五', 250],
    ['一百零五', 105],
    ['九百九十九', 999],
    ['八百万', 8_000_000],
    ['五万', 50_000],
    ['百分之三', 3],
    ['百分之2.5', 2.5],
    // As the sellers of issue 14 typed them.
    ['两千万', 20_000_000],
    ['一千万', 10_000_000],
    ['1000万左右', 10_000_000],
    ['约1.5万', 15_000],
    ['三年', 3],
    ['10k', 10_000],
    ['1.2w', 12_000],
    ['一千', 1000],
    ['两千五', 2500],
    ['一千二百', 1200],
    ['一千零五', 1005],
    ['三千五百万', 35_000_000],
    ['20单左右', 20],
    // What the number is, said first.
    ['运费12块', 12],
    ['每单 30', 30],
    ['每月30单', 30],
    ['客单价：68元', 68],
    ['shipping 12', 12],
    ['每个月两百多个', 200],
    ['20多单', 20],
    ['一万余元', 10_000],
    ['orders 30 a month', undefined],
  ])('%s -> %d', (text, value) => expect(parseNumber(text)).toBe(value));

  it.each(['不到12', 'more than 12', 'less than 5', '一单68元', '超过1000', '至少3'])(
    'asks again when the words before the number change it: %j',
    (text) => expect(parseNumber(text)).toBeUndefined(),
  );

  it.each(['一万二', '一千零', '一二三', '一百十', '八百x', '12mm', '十百', '1.2万千', 'm', '万'])(
    'rejects %j rather than guess',
    (text) => expect(parseNumber(text)).toBeUndefined(),
  );
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

describe('readNumber: ranges take the middle, and say so', () => {
  it.each([
    ['20到30单', 25, 20, 30],
    ['20-30', 25, 20, 30],
    ['20~30', 25, 20, 30],
    ['20至30', 25, 20, 30],
    ['12 to 14', 13, 12, 14],
    ['1-2万', 15_000, 10_000, 20_000],
    ['20单到30单', 25, 20, 30],
    ['3 - 5天', 4, 3, 5],
  ])('%s -> %d (from %d to %d)', (text, value, low, high) => {
    expect(readNumber(text)).toEqual({ value, range: { low, high } });
  });

  it.each([
    ['1.2w', 12_000],
    ['-3', -3],
    ['两千万', 20_000_000],
  ])('a single number has no range: %s', (text, value) => {
    expect(readNumber(text)).toEqual({ value });
  });

  it.each(['30-20', '20-', '-', 'a-b', '20到'])('rejects %j', (text) => {
    expect(readNumber(text)).toBeUndefined();
  });
});

describe('unitOf', () => {
  it.each([
    ['运费12块', 'money'],
    ['68块左右', 'money'],
    ['¥8.5', 'money'],
    ['12 yuan', 'money'],
    ['三天', 'days'],
    ['3 days', 'days'],
    ['3个月', 'months'],
    ['两年', 'years'],
    ['6km', 'distance'],
    ['6 公里', 'distance'],
    ['12', undefined],
    ['1000万', undefined],
    ['一年1200万', undefined],
    ['每个月两百多个', undefined],
  ])('%s -> %s', (text, unit) => expect(unitOf(text)).toBe(unit));
});
