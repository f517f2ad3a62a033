import { describe, expect, it } from 'vitest';
import { binCount, histogram, MAX_BINS, quantile } from './histogram';

describe('histogram bins chosen from the data', () => {
  it('quantiles interpolate like R (type 7)', () => {
    expect(quantile([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantile([1, 2, 3, 4], 0.75)).toBe(3.25);
    expect(quantile([7], 0.5)).toBe(7);
  });

  it('Freedman–Diaconis when the middle half is spread out', () => {
    // IQR 6.25, n 8: width 2 · 6.25 · 8^(-1/3) = 6.25; range 49 → 8 bins.
    expect(binCount([1, 2, 2, 3, 4, 8, 9, 50])).toBe(8);
    // An outlier widens the range but not the IQR: more bins, not wider ones.
    const uniform = Array.from({ length: 1000 }, (_, i) => i / 10);
    expect(binCount(uniform)).toBe(10);
    expect(binCount([...uniform, 10_000])).toBe(MAX_BINS);
  });

  it('Sturges when the interquartile range is 0, and 1 bin for one value', () => {
    // 9 values, IQR 0 (most are 5): ⌈log2 9⌉ + 1 = 5.
    expect(binCount([5, 5, 5, 5, 5, 5, 5, 1, 9])).toBe(5);
    expect(binCount([3, 3, 3])).toBe(1);
    expect(binCount([4])).toBe(1);
    expect(binCount([])).toBe(1);
    expect(binCount([NaN, 2, Infinity])).toBe(1);
  });

  it('every answer lands in exactly one bin', () => {
    const values = [0, 0.5, 1.25, 3, 3, 7.5, 12, 12, 19.99, 20, 100];
    const bins = histogram(values);
    expect(bins.reduce((n, b) => n + b.count, 0)).toBe(values.length);
    expect(bins[0]!.from).toBeLessThanOrEqual(0);
    expect(bins.at(-1)!.to).toBeGreaterThanOrEqual(100);
    for (let i = 1; i < bins.length; i++) expect(bins[i]!.from).toBe(bins[i - 1]!.to);
  });
});
