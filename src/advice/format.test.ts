import { describe, expect, it } from 'vitest';
import { formatParams, formatRmb } from './format';

describe('formatRmb', () => {
  it.each([
    [2_300_000, 'zh-CN', '230万元'],
    [12_345, 'zh-CN', '1.23万元'],
    [30_000_000, 'zh-CN', '3000万元'],
    [250_000_000, 'zh-CN', '2.5亿元'],
    [800, 'zh-CN', '800元'],
    [2_300_000, 'en', 'RMB 2,300,000'],
    [12.5, 'en', 'RMB 12.5'],
  ] as const)('%d in %s -> %s', (value, locale, text) => {
    expect(formatRmb(value, locale)).toBe(text);
  });

  it('formats amounts as money and other numbers with separators', () => {
    expect(
      formatParams({ gapRmb: 1_000_000, shops: 1234, sharePct: 9.125, id: 'x' }, 'en'),
    ).toEqual({ gapRmb: 'RMB 1,000,000', shops: '1,234', sharePct: '9.13', id: 'x' });
  });
});
