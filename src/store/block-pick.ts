/**
 * The `assign` op's rule (block randomisation), in TypeScript for the memory adapter; the
 * commit script runs the same rule in Lua, and the store tests check the two agree.
 * A block holds `places` per arm; the pick takes the `draw mod free`-th free place.
 */

/** An arm and its places per block: `[arm id, places]`. */
export type BlockQuota = readonly [arm: string, places: number];

/**
 * Pick the arm for the next person of a stratum: the `draw mod free`-th free place of the
 * current block. Returns the arm's index and the block's counts after the pick (all zero
 * again when the pick filled the block).
 *
 * @example pickArm([['a', 2], ['b', 2]], [0, 0], 3) // { arm: 1, counts: [0, 1] }
 */
export function pickArm(
  quotas: readonly BlockQuota[],
  counts: readonly number[],
  draw: number,
): { arm: number; counts: number[] } {
  const next = quotas.map((_, i) => counts[i] ?? 0);
  let free = quotas.reduce((sum, [, q], i) => sum + Math.max(0, q - next[i]!), 0);
  if (free === 0) {
    next.fill(0);
    free = quotas.reduce((sum, [, q]) => sum + q, 0);
  }
  let k = draw % free;
  let arm = 0;
  for (const [i, [, q]] of quotas.entries()) {
    const left = Math.max(0, q - next[i]!);
    if (k < left) {
      arm = i;
      break;
    }
    k -= left;
  }
  next[arm]! += 1;
  if (quotas.every(([, q], i) => next[i]! >= q)) next.fill(0);
  return { arm, counts: next };
}
