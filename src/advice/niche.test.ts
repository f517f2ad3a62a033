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
      nationalListings: 100,
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
    ).toEqual(['lead_with_differentiators', 'check_national_listings']);
    expect(run({ sameItemSellers: 2, nationalListings: 50 }).steps.map((s) => s.id)).toEqual([
      'tell_origin_story',
      'check_gi_label',
      'build_own_brand',
    ]);
    // Nationwide numbers unknown: few sellers nearby is not the whole story.
    expect(run({ sameItemSellers: 2 }).steps.map((s) => s.id)).toContain('check_national_listings');
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

  it.each([
    ['outdoor', 'beishan'],
    ['farm_produce', 'bainiu'],
    ['furniture', 'dongfeng'],
    ['handicrafts', 'wengang'],
    ['other', undefined],
    [undefined, undefined],
  ])('names a village of the same category only: %s -> %s', (category, example) => {
    expect(run(category ? { category } : {}).example).toBe(example);
  });

  it.each([
    [5, 5000, [], 'crowded_nationally', 'serious'],
    [5, 5000, ['handmade'], 'crowded_nationally', 'warn'],
    [5, 5000, ['handmade', 'heritage'], 'differentiated', 'ok'],
    [5, 499, [], 'no_differentiator', 'warn'],
  ] as const)(
    '%d sellers nearby, %d listings nationwide, %j -> %s (%s)',
    (sameItemSellers, nationalListings, diffs, finding, verdict) => {
      const result = run({ sameItemSellers, nationalListings, differentiators: [...diffs] });
      expect(result.findings.map((f) => f.id)).toEqual([finding]);
      expect(result.verdict).toBe(verdict);
      expect(result.crowded).toBe(finding === 'crowded_nationally');
    },
  );

  it.each([
    [30, [], []],
    [31, [], ['priced_above_market', 'check_price_against_market']],
    [80, [], ['priced_above_market', 'check_price_against_market']],
    [80, ['handmade'], ['premium_price', 'show_the_value']],
  ] as const)('price %d%% above the market with %j -> %j', (priceVsMarketPct, diffs, want) => {
    const result = run({ priceVsMarketPct, differentiators: [...diffs], nationalListings: 10 });
    const [finding, step] = want;
    const ids = result.findings.map((f) => f.id);
    expect(ids.includes('priced_above_market') || ids.includes('premium_price')).toBe(!!finding);
    if (finding) {
      expect(ids).toContain(finding);
      expect(result.steps.map((s) => s.id)).toContain(step);
      expect(result.findings.find((f) => f.id === finding)?.data).toMatchObject({
        abovePct: priceVsMarketPct,
        thresholdPct: 30,
      });
    }
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
