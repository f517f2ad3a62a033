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

/** A share as a whole percentage, 0 when the whole is 0. */
export function percent(part: number, whole: number): number {
  return whole > 0 ? Math.round((100 * part) / whole) : 0;
}

/** One step of a response funnel: its bar's width and its share of the step before. */
export interface FunnelStep {
  key: string;
  value: number;
  /** Width of the bar, % of the largest step (people can start without an invitation). */
  width: number;
  /** % of the step before; undefined for the first step and after an empty one. */
  ofPrevious: number | undefined;
}

/** Invited → started → completed (or any sequence), with conversion at each step. */
export function funnel(steps: readonly { key: string; value: number }[]): FunnelStep[] {
  const max = Math.max(0, ...steps.map((s) => s.value));
  return steps.map((step, i) => {
    const before = i === 0 ? 0 : steps[i - 1]!.value;
    return {
      ...step,
      width: max > 0 ? (100 * step.value) / max : 0,
      ofPrevious: before > 0 ? percent(step.value, before) : undefined,
    };
  });
}

/** Segments of a stacked progress bar, in %, starting where the previous one ended. */
export interface Segment {
  key: string;
  value: number;
  x: number;
  width: number;
}

/** Lay out counts as consecutive segments of a bar whose whole is `total`. */
export function segments(
  counts: Readonly<Record<string, number>>,
  keys: readonly string[],
  total: number,
): Segment[] {
  let x = 0;
  return keys.map((key) => {
    const value = counts[key] ?? 0;
    const width = total > 0 ? (100 * value) / total : 0;
    const segment = { key, value, x, width };
    x += width;
    return segment;
  });
}

/** Shorten a label for a chart row, keeping whole characters. */
export function clip(label: string, max = 36): string {
  const chars = [...label];
  return chars.length <= max ? label : `${chars.slice(0, max - 1).join('')}…`;
}
