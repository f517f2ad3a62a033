import { describe, expect, it } from 'vitest';
import { content } from '../content';
import { nicheCheck } from './niche';
import { nicheInputSchema, type Differentiator, type NicheInput } from './schemas';

const data = content.advice;
const run = (input: Partial<NicheInput>) =>
  nicheCheck({ sameItemSellers: 3, differentiators: [], ...input }, data);

describe('niche check', () => {
  it.each([
    [9, [], 'no_differentiator', 'warn'],
    [10, [], 'price_war_risk', 'serious'],
    [10, ['handmade'], 'crowded_market', 'warn'],
    [9, ['handmade'], 'differentiated', 'ok'],
    [0, ['own_brand', 'organic'], 'differentiated', 'ok'],
  ] as const)('%d same-item sellers, %j -> %s (%s)', (sellers, diffs, finding, verdict) => {
    const result = run({
      sameItemSellers: sellers,
      differentiators: [...diffs] as Differentiator[],
    });
    expect(result.findings.map((f) => f.id)).toEqual([finding]);
    expect(result.verdict).toBe(verdict);
    expect(result.crowded).toBe(sellers >= 10);
  });

  it('gives concrete differentiation moves for a price-war risk, and skips what is there', () => {
    expect(run({ sameItemSellers: 40 }).steps.map((s) => s.id)).toEqual([
      'tell_origin_story',
      'offer_bundles',
      'find_sub_niche',
      'check_gi_label',
      'agree_flagship_products',
    ]);
    expect(
      run({
        differentiators: ['geographical_indication', 'own_brand'],
        sameItemSellers: 0,
      }).steps.map((s) => s.id),
    ).toEqual(['lead_with_differentiators']);
    expect(run({ sameItemSellers: 2 }).steps.map((s) => s.id)).toEqual([
      'tell_origin_story',
      'check_gi_label',
      'build_own_brand',
    ]);
  });

  it.each([
    [-19, false],
    [-20, true],
    [-60, true],
    [0, false],
    [30, false],
  ])('price %d%% against the market -> unit cost warning: %s', (priceVsMarketPct, flagged) => {
    const result = run({ priceVsMarketPct, differentiators: ['handmade'] });
    expect(result.findings.some((f) => f.id === 'priced_far_below_market')).toBe(flagged);
    expect(result.steps.some((s) => s.id === 'check_unit_costs')).toBe(flagged);
  });

  it('names a benchmark village to learn from, by category first', () => {
    expect(run({ category: 'outdoor' }).example).toBe('beishan');
    expect(run({ category: 'farm_produce' }).example).toBe('bainiu');
    expect(run({ category: 'furniture' }).example).toBe('beishan');
    expect(run({}).example).toBe('beishan');
  });

  it('accepts only the differentiator ids of the contract, each once', () => {
    expect(
      nicheInputSchema.safeParse({ sameItemSellers: 1, differentiators: ['magic'] }).success,
    ).toBe(false);
    expect(
      nicheInputSchema.safeParse({ sameItemSellers: 1, differentiators: ['handmade', 'handmade'] })
        .success,
    ).toBe(false);
  });
});
