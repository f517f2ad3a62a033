/**
 * Histograms of numeric answers with bins chosen from the data: the Freedman–Diaconis rule
 * (bin width 2·IQR·n^(-1/3), robust to outliers) when the middle half of the answers is
 * spread out, else Sturges' rule (⌈log2 n⌉ + 1 bins); widths rounded to 1, 2 or 5 × 10^k.
 */

/** One bin of a histogram: values in [from, to) (the last bin includes `to`). */
export interface Bin {
  from: number;
  to: number;
  count: number;
}

/** A step width of 1, 2 or 5 times a power of ten, at least `raw`. */
export function niceStep(raw: number): number {
  if (!(raw > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * power >= raw) return m * power;
  return 10 * power;
}

/**
 * Bin numbers for a histogram: one bin per value when they are few distinct integers,
 * otherwise at most `maxBins` bins of a round width starting at a round number.
 *
 * @example histogramBins([1, 2, 2, 3]) // [{from:1,to:2,count:1},{from:2,to:3,count:2},{from:3,to:4,count:1}]
 */
export function histogramBins(values: readonly number[], maxBins = 10): Bin[] {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return [];
  let min = Infinity;
  let max = -Infinity;
  for (const v of finite) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const integers = finite.every((v) => Number.isInteger(v));
  const step = integers && max - min + 1 <= maxBins ? 1 : niceStep((max - min || 1) / maxBins);
  const start = Math.floor(min / step) * step;
  const n = Math.max(1, Math.min(maxBins + 1, Math.floor((max - start) / step) + 1));
  const bins: Bin[] = Array.from({ length: n }, (_, i) => ({
    from: round(start + i * step),
    to: round(start + (i + 1) * step),
    count: 0,
  }));
  for (const v of finite) {
    const i = Math.min(n - 1, Math.floor((v - start) / step));
    bins[i]!.count += 1;
  }
  return bins;
}

/** Round away floating-point noise (0.1 + 0.2) for labels. */
function round(x: number): number {
  return Number(x.toPrecision(12));
}

/** The q-quantile of sorted numbers (linear interpolation, as R's type 7). */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return NaN;
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

/** The most bins a histogram gets, however many answers there are. */
export const MAX_BINS = 30;

/**
 * How many bins the answers call for: Freedman–Diaconis when the interquartile range is
 * above 0, else Sturges; at least 1, at most {@link MAX_BINS}.
 *
 * @example binCount([1, 2, 2, 3, 4, 8, 9, 50]) // 8 (FD: IQR 6.25, width 6.25, range 49)
 */
export function binCount(values: readonly number[]): number {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  const n = sorted.length;
  if (n < 2) return 1;
  const range = sorted[n - 1]! - sorted[0]!;
  if (range === 0) return 1;
  const iqr = quantile(sorted, 0.75) - quantile(sorted, 0.25);
  const sturges = Math.ceil(Math.log2(n)) + 1;
  const k = iqr > 0 ? Math.ceil(range / (2 * iqr * n ** (-1 / 3))) : sturges;
  return Math.max(1, Math.min(MAX_BINS, k));
}

/** A histogram of the answers, its bin count chosen by {@link binCount}. */
export function histogram(values: readonly number[]): Bin[] {
  return histogramBins(values, binCount(values));
}
