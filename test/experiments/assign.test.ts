import { describe, expect, it } from 'vitest';
import { blockQuotas, drawFor, stratumOf, BLOCK_MULTIPLIER } from '../../src/experiments/assign';
import { pickArm } from '../../src/store/block-pick';

const STRATA = ['zhejiang|few_orders', 'zhejiang|more_orders', 'yunnan|few_orders', 'guizhou|-'];

/** 10,000 people, each in a stratum, assigned in arrival order with the store's rule. */
function simulate(arms: { id: string; weight: number }[], people: number, seed: string) {
  const quotas = blockQuotas(arms);
  const blocks = new Map<string, number[]>();
  const counts = new Map<string, number[]>();
  const history: { stratum: string; counts: number[] }[] = [];
  for (let n = 0; n < people; n++) {
    const pseudonym = `r${n.toString(16).padStart(32, '0')}`;
    const stratum = STRATA[drawFor('stratum', pseudonym) % STRATA.length]!;
    const { arm, counts: block } = pickArm(
      quotas,
      blocks.get(stratum) ?? [],
      drawFor(seed, pseudonym),
    );
    blocks.set(stratum, block);
    const total = counts.get(stratum) ?? quotas.map(() => 0);
    total[arm]! += 1;
    counts.set(stratum, total);
    history.push({ stratum, counts: [...total] });
  }
  return { quotas, counts, history };
}

describe('block randomisation within strata', () => {
  for (const arms of [
    [
      { id: 'control', weight: 1 },
      { id: 'training', weight: 1 },
    ],
    [
      { id: 'control', weight: 2 },
      { id: 'video', weight: 1 },
      { id: 'mentor', weight: 1 },
    ],
  ]) {
    const label = arms.map((a) => `${a.id}:${a.weight}`).join(' ');
    it(`keeps every stratum within one block at every step over 10,000 people (${label})`, () => {
      const { quotas, history, counts } = simulate(arms, 10_000, 'seed-1');
      const blockSize = quotas.reduce((s, [, q]) => s + q, 0);
      for (const { counts: c } of history) {
        const n = c.reduce((s, x) => s + x, 0);
        const full = Math.floor(n / blockSize);
        quotas.forEach(([, q], i) => {
          // Each arm has its quota of every complete block and at most one more block's worth.
          expect(c[i]).toBeGreaterThanOrEqual(full * q);
          expect(c[i]).toBeLessThanOrEqual((full + 1) * q);
        });
      }
      // Every stratum got people, and the weights show in the totals.
      expect(counts.size).toBe(STRATA.length);
      const all = quotas.map((_, i) => [...counts.values()].reduce((s, c) => s + c[i]!, 0));
      const ratio = all[0]! / all[1]!;
      expect(ratio).toBeCloseTo(quotas[0]![1] / quotas[1]![1], 1);
    });
  }

  it('is not a fixed pattern: blocks come out in different orders', () => {
    const { history } = simulate(
      [
        { id: 'a', weight: 1 },
        { id: 'b', weight: 1 },
      ],
      400,
      'seed-2',
    );
    const firstArms = new Set<string>();
    const inStratum = history.filter((h) => h.stratum === STRATA[0]);
    for (let i = 0; i + 4 <= inStratum.length; i += 4) {
      const seq = inStratum.slice(i, i + 4).map((h, j, all) => {
        const before = j === 0 ? (inStratum[i - 1]?.counts ?? [0, 0]) : all[j - 1]!.counts;
        return h.counts[0]! > before[0]! ? 'a' : 'b';
      });
      firstArms.add(seq.join(''));
    }
    expect(firstArms.size).toBeGreaterThan(2);
  });

  it('draws deterministically from the seed and the pseudonym', () => {
    expect(drawFor('s', 'r1')).toBe(drawFor('s', 'r1'));
    expect(drawFor('s', 'r1')).not.toBe(drawFor('t', 'r1'));
    expect(blockQuotas([{ id: 'a', weight: 3 }])).toEqual([['a', 3 * BLOCK_MULTIPLIER]]);
  });

  it('names a stratum from the profile, with - for a field not known', () => {
    expect(stratumOf({ province: 'zhejiang', stage: 'few_orders' }, ['province', 'stage'])).toBe(
      'zhejiang|few_orders',
    );
    expect(stratumOf({ province: 'a|b' }, ['province', 'category'])).toBe('a/b|-');
    expect(stratumOf({ province: 'x' }, undefined)).toBe('all');
  });
});
