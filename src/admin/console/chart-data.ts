export { histogramBins, niceStep, type Bin } from '../../surveys/histogram';

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
  /**
   * % of the step before; undefined for the first step, after an empty one, and when the
   * step is not a part of the one before (people start through a link without an invitation,
   * so "started" as a share of "invited" would be a false figure).
   */
  ofPrevious: number | undefined;
}

/**
 * Invited → started → completed (or any sequence), with conversion at each step that is a
 * part of the step before (`partOfPrevious`, true unless a step says otherwise).
 */
export function funnel(
  steps: readonly { key: string; value: number; partOfPrevious?: boolean }[],
): FunnelStep[] {
  const max = Math.max(0, ...steps.map((s) => s.value));
  return steps.map(({ key, value, partOfPrevious = true }, i) => {
    const before = i === 0 ? 0 : steps[i - 1]!.value;
    return {
      key,
      value,
      width: max > 0 ? (100 * value) / max : 0,
      ofPrevious: before > 0 && partOfPrevious ? percent(value, before) : undefined,
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
