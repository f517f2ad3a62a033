import { describe, expect, it } from 'vitest';
import { content } from '../content';
import { villageCheck } from './village';

const data = content.advice;

describe('village check: the AliResearch criteria, boundaries exactly as written', () => {
  it.each([
    // sales, shops, households, verdict, sales gap, shops gap
    [10_000_000, 100, undefined, 'eligible', 0, 0],
    [9_999_999, 100, undefined, 'not_eligible', 1, 0],
    [10_000_000, 99, undefined, 'not_eligible', 0, 1],
    [7_700_000, 73, undefined, 'not_eligible', 2_300_000, 27],
    [12_000_000, 50, 500, 'eligible', 0, 0], // exactly 10% of households is enough
    [12_000_000, 49, 500, 'not_eligible', 0, 1],
    [12_000_000, 60, 2000, 'not_eligible', 0, 40], // 10% would need 200: 100 shops is nearer
    [12_000_000, 100, 5000, 'eligible', 0, 0], // 100 shops is enough whatever the households
    [12_000_000, 30, 301, 'not_eligible', 0, 1], // 10% of 301 is 30.1: 31 shops
    [0, 0, undefined, 'not_eligible', 10_000_000, 100],
  ] as const)(
    'sales %d, shops %d, households %s -> %s (gaps %d, %d)',
    (annualSalesRmb, activeShops, households, verdict, salesGap, shopsGap) => {
      const result = villageCheck({ annualSalesRmb, activeShops, households }, data);
      expect(result.verdict).toBe(verdict);
      expect(result.gaps).toEqual({ salesRmb: salesGap, shops: shopsGap });
    },
  );

  it('reports each gap as a finding with the numbers behind it', () => {
    const result = villageCheck(
      { annualSalesRmb: 7_700_000, activeShops: 73, households: 800 },
      data,
    );
    expect(result.findings.map((f) => f.id)).toEqual(['sales_short', 'shops_short']);
    expect(result.findings[0]?.data).toMatchObject({ gapRmb: 2_300_000, thresholdRmb: 10_000_000 });
    expect(result.findings[1]?.data).toMatchObject({
      gapShops: 7,
      gapShopsToCount: 27,
      gapShopsToShare: 7,
      sharePct: 9.13,
      gapSharePct: 0.87,
      thresholdPct: 10,
    });
    expect(result.steps.map((s) => s.id)).toEqual([
      'count_all_platform_sales',
      'revive_dormant_shops',
      'grow_village_sales',
      'help_neighbours_open_shops',
    ]);
  });

  it('says which route made an eligible village, and suggests an association', () => {
    const result = villageCheck(
      { annualSalesRmb: 10_000_000, activeShops: 50, households: 500 },
      data,
    );
    expect(result.findings).toEqual([
      {
        id: 'village_eligible',
        severity: 'info',
        data: expect.objectContaining({ route: 'share' }),
      },
    ]);
    expect(result.steps.map((s) => s.id)).toEqual(['form_village_association']);
  });

  it('picks the benchmark villages of the seller category only', () => {
    const ids = (category?: string) =>
      villageCheck({ annualSalesRmb: 1, activeShops: 1, category }, data).benchmarks;
    expect(ids('furniture')).toEqual(['dongfeng']);
    expect(ids('farm_produce')).toEqual(['bainiu']);
    expect(ids('handicrafts')).toEqual(['peixie', 'wengang']);
    // Never a village of another category: none when nothing matches.
    expect(ids('other')).toEqual([]);
    expect(ids(undefined)).toEqual([]);
  });
});

describe('Taobao Town check', () => {
  const town = (taobaoVillages: number, annualSalesRmb?: number, activeShops?: number) =>
    villageCheck(
      {
        annualSalesRmb: 0,
        activeShops: 0,
        town: {
          taobaoVillages,
          ...(annualSalesRmb !== undefined ? { annualSalesRmb, activeShops } : {}),
        },
      },
      data,
    ).town;

  it.each([
    [3, undefined, undefined, 'eligible', 'villages'],
    [2, undefined, undefined, 'not_eligible', null],
    [2, 30_000_001, 301, 'eligible', 'sales_and_shops'],
    [2, 30_000_000, 301, 'not_eligible', null], // "over 30 million": exactly is not enough
    [2, 30_000_001, 300, 'not_eligible', null], // "over 300 shops": exactly is not enough
    [5, 1, 1, 'eligible', 'villages'],
  ] as const)('%d villages, sales %s, shops %s -> %s by %s', (v, sales, shops, verdict, route) => {
    const result = town(v, sales, shops);
    expect(result?.verdict).toBe(verdict);
    expect(result?.route).toBe(route);
  });

  it('reports the gaps of both routes, in whole units past "over"', () => {
    expect(town(1, 30_000_000, 250)?.gaps).toEqual({ taobaoVillages: 2, salesRmb: 1, shops: 51 });
    expect(town(1)?.gaps).toEqual({ taobaoVillages: 2 });
  });

  it('is left out when no township is given', () => {
    expect(villageCheck({ annualSalesRmb: 0, activeShops: 0 }, data).town).toBeUndefined();
  });
});

describe('village check: implausible inputs are questioned, never silently accepted', () => {
  it.each([
    [
      { annualSalesRmb: 10_000_000, activeShops: 1, households: 1 },
      ['few_households', 'sales_per_shop_high'],
    ],
    [{ annualSalesRmb: 10_000_000, activeShops: 400, households: 100 }, ['shops_per_household']],
    [{ annualSalesRmb: 10_000_000, activeShops: 300, households: 100 }, []],
    [{ annualSalesRmb: 50_000, activeShops: 120 }, ['sales_per_shop_low']],
    [{ annualSalesRmb: 900_000_000, activeShops: 100 }, ['sales_per_shop_high']],
    [{ annualSalesRmb: 12_000_000, activeShops: 120, households: 800 }, []],
  ])('%j -> %j', (input, doubts) => {
    const result = villageCheck(input, data);
    const check = result.findings.find((f) => f.id === 'check_inputs');
    expect(check?.data.doubts ?? []).toEqual(doubts);
    if (doubts.length > 0) {
      expect(check?.severity).toBe('warn');
      expect(result.steps[0]?.id).toBe('recheck_village_numbers');
      // Numbers that need a second look are not congratulated.
      expect(result.findings.map((f) => f.id)).not.toContain('village_eligible');
    }
  });

  it('gives the numbers behind the doubt', () => {
    const result = villageCheck(
      { annualSalesRmb: 10_000_000, activeShops: 1, households: 1 },
      data,
    );
    expect(result.findings[0]).toMatchObject({
      id: 'check_inputs',
      data: {
        salesPerShopRmb: 10_000_000,
        maxSalesPerShopRmb: 3_000_000,
        households: 1,
        minHouseholds: 30,
      },
    });
  });

  it('reports active shops as a share of households', () => {
    const result = villageCheck(
      { annualSalesRmb: 12_000_000, activeShops: 60, households: 800 },
      data,
    );
    expect(result.findings.find((f) => f.id === 'shops_short')?.data).toMatchObject({
      sharePct: 7.5,
      gapShopsToShare: 20,
    });
  });
});
