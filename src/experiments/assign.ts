import * as z from 'zod';

/**
 * Block randomisation within strata: what an assignment is made of. The pick itself is the
 * store's `assign` op, carried out inside the turn's commit where the block's counts are
 * read and bumped atomically (`store/block-pick.ts`, and the same rule in Lua in
 * `store/commit-script.ts`).
 *
 * A block holds `weight × BLOCK_MULTIPLIER` places per arm. A person takes one of the places
 * still free in their stratum's current block: which one is chosen by `draw`, a number
 * derived from the experiment's seed and the person's pseudonym (so the same person at the
 * same point of the block always lands in the same arm, and nobody can predict their arm
 * from their own data alone). When a block is full the next one starts empty. So within a
 * stratum, after n people, each arm holds between `k × quota` and `(k + 1) × quota` people,
 * with k the number of complete blocks: arm counts never drift apart by more than a block.
 */

/** Places per weight unit in a block (weights 1:1 give blocks of 4: two places per arm). */
export const BLOCK_MULTIPLIER = 2;

/** An arm and its places per block: `[arm id, quota]`. */
export type Quota = readonly [arm: string, places: number];

/** The block's places per arm, in the experiment's arm order. */
export function blockQuotas(arms: readonly { id: string; weight: number }[]): Quota[] {
  return arms.map((a) => [a.id, a.weight * BLOCK_MULTIPLIER] as const);
}

/**
 * A person's draw: FNV-1a (32 bits) of `seed:pseudonym`, then MurmurHash3's finaliser so
 * that the low bits (a pick is `draw mod free`, often a power of two) depend on every
 * character, not only on the low bits of each.
 */
export function drawFor(seed: string, pseudonym: string): number {
  let h = 0x811c9dc5;
  for (const ch of `${seed}:${pseudonym}`) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The profile fields a stratum may be formed from. */
export const STRATA_FIELDS = ['category', 'province', 'stage'] as const;

/**
 * A person's stratum: the values of the `stratifyBy` fields joined by `|` (`-` where
 * absent), or `all` when the experiment is not stratified.
 *
 * @example stratumOf({ province: 'zhejiang' }, ['province', 'stage']) // 'zhejiang|-'
 */
export function stratumOf(
  profile: Readonly<Record<string, unknown>>,
  stratifyBy: readonly (typeof STRATA_FIELDS)[number][] | undefined,
): string {
  if (!stratifyBy?.length) return 'all';
  return stratifyBy
    .map((f) => {
      const v = profile[f];
      return typeof v === 'string' && v !== '' ? v.replaceAll('|', '/') : '-';
    })
    .join('|');
}

/** One person's assignment, as stored under their pseudonym. */
export const assignmentSchema = z.object({
  arm: z.string(),
  stratum: z.string(),
  at: z.number(),
});

/** See {@link assignmentSchema}. */
export type Assignment = z.infer<typeof assignmentSchema>;
