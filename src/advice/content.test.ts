import { describe, expect, it } from 'vitest';
import { content } from '../content';
import type { Profile } from '../core/profile';
import { CHECK_NAMES } from './plan-schema';
import { catalogues, translate } from '../i18n';
import { LOCALES } from '../core/message';
import { CHECKS } from './checks';
import type { AnyResult } from './render';
import { renderResult } from './render';
import { renderPlanStep } from './render-plan';
import { mergePlan, nextStep } from './plan';

const data = content.advice;

/** Inputs that between them reach every finding and step the checks have. */
const INPUTS: Record<(typeof CHECK_NAMES)[number], unknown[]> = {
  village: [
    {
      annualSalesRmb: 7_700_000,
      activeShops: 73,
      households: 800,
      category: 'furniture',
      town: { taobaoVillages: 1, annualSalesRmb: 5, activeShops: 5 },
    },
    { annualSalesRmb: 12_000_000, activeShops: 120, town: { taobaoVillages: 4 } },
    { annualSalesRmb: 10_000_000, activeShops: 1, households: 1 },
    { annualSalesRmb: 100, activeShops: 400, households: 100 },
    {
      annualSalesRmb: 12_000_000,
      activeShops: 120,
      town: { taobaoVillages: 0, annualSalesRmb: 4e7, activeShops: 400 },
    },
  ],
  logistics: [
    {
      orderValueRmb: 40,
      shippingCostRmb: 12,
      perishable: true,
      deliveryDays: 4,
      monthlyParcels: 50,
      damageRatePct: 6,
      expressPointKm: 9,
    },
    {
      orderValueRmb: 100,
      shippingCostRmb: 20,
      perishable: true,
      deliveryDays: 1,
      monthlyParcels: 900,
    },
    { orderValueRmb: 100, shippingCostRmb: 5, perishable: false, deliveryDays: 3 },
    {
      orderValueRmb: 100,
      shippingCostRmb: 5,
      perishable: false,
      deliveryDays: 15,
      monthlyParcels: 0,
      returnRatePct: 25,
      bulky: true,
    },
    { orderValueRmb: 100, shippingCostRmb: 5, perishable: true, deliveryDays: 6, bulky: true },
  ],
  niche: [
    { sameItemSellers: 50, differentiators: [], priceVsMarketPct: -30, category: 'outdoor' },
    { sameItemSellers: 50, differentiators: ['handmade'] },
    { sameItemSellers: 2, differentiators: [] },
    { sameItemSellers: 2, differentiators: ['organic'], priceVsMarketPct: 50 },
    { sameItemSellers: 5, differentiators: [], nationalListings: 5000, priceVsMarketPct: 80 },
  ],
  storytelling: [
    { text: '山核桃' },
    { text: 'Order now from our village' },
    { text: '历史最低价！好评返现5元，有机大米' },
  ],
};

const results: { check: (typeof CHECK_NAMES)[number]; result: AnyResult }[] = CHECK_NAMES.flatMap(
  (check) =>
    INPUTS[check].map((input) => ({
      check,
      result: CHECKS[check].run(CHECKS[check].input.parse(input), data),
    })),
);
const findingIds = new Set(results.flatMap(({ result }) => result.findings.map((f) => f.id)));
const stepIds = new Set([
  ...results.flatMap(({ result }) => result.steps.map((s) => s.id)),
  // Steps the plan adds for the seller's stage (content/rules/plan.yaml).
  ...Object.values(data.rules.plan.stage_steps).flat(),
  data.rules.plan.village_contact_step,
]);

const PROFILES: Profile[] = [
  {},
  { category: 'farm_produce', province: 'zhejiang', consent: true },
  { category: 'other', province: 'other' },
];

describe('advice texts', () => {
  it('every step the checks give is in the step catalogue, and every catalogued step is reachable', () => {
    expect([...stepIds].sort()).toEqual(Object.keys(data.rules.steps).sort());
  });

  it('every finding has its words in both languages', () => {
    for (const id of findingIds) {
      for (const locale of LOCALES) {
        const key = `checks.findings.${id}`;
        expect(translate(locale, key), `${locale} ${key}`).not.toBe(key);
      }
    }
  });

  it('renders every result and plan step in both languages with no key or placeholder left', () => {
    for (const locale of LOCALES) {
      for (const profile of PROFILES) {
        const ctx = { locale, t: translate, data, lists: content.lists, profile };
        for (const { check, result } of results) {
          const plan = mergePlan(undefined, check, result.steps, 0);
          const texts = [
            ...renderResult(ctx, check, result).map((r) => r.text),
            ...plan.steps.map(
              (step, i) => renderPlanStep(ctx, { ...nextStep(plan)!, step, position: i + 1 }).text,
            ),
          ];
          for (const text of texts) {
            expect(text, text).not.toMatch(/checks\.|plan\.|advice\.|\{\{|undefined|NaN/);
          }
        }
      }
    }
  });

  it('states no money amounts of its own: prices and fees come from the seller', () => {
    const texts = LOCALES.flatMap((l) =>
      ['advice', 'checks', 'plan'].flatMap((section) => strings(catalogues[l][section])),
    );
    for (const text of texts)
      expect(text, text).not.toMatch(/RMB ?\d|\d ?(元|块)|¥|￥|per parcel fee/);
  });

  it('presents thresholds as rules of thumb, never as law or platform policy', () => {
    // Every finding that rests on a threshold names its rule, and says what the rule rests
    // on: "our rule of thumb", or the source that sets the number.
    const ruled = results.flatMap(({ result }) => result.findings.filter((f) => 'rule' in f.data));
    expect(ruled.length).toBeGreaterThan(10);
    const threshold =
      /\{\{(warnPct|maxDays|minParcels|maxPct|maxKm|crowdedAt|listingsAt|thresholdPct)\}\}/;
    for (const f of ruled) {
      for (const locale of LOCALES) {
        const text = translate(locale, `checks.findings.${f.id}`);
        if (threshold.test(text)) expect(text, f.id).toMatch(/\{\{basis\}\}/);
      }
    }
    expect(translate('en', 'checks.common.rule_ours')).toBe('Our rule of thumb');
    expect(translate('zh-CN', 'checks.common.rule_ours')).toBe('我们的经验做法');
    const all0 = LOCALES.flatMap((l) => strings(catalogues[l].checks));
    for (const text of all0) expect(text).not.toMatch(/common rule of thumb|常见的经验|常见经验/);
    const all = LOCALES.flatMap((l) =>
      ['advice', 'checks', 'plan'].flatMap((s) => strings(catalogues[l][s])),
    );
    for (const text of all)
      expect(text).not.toMatch(/\blaw\b|platform (rule|policy) (says|requires)|法律规定|平台规定/);
  });
});

describe('benchmark facts: the traps of DOMAIN.md', () => {
  const byId = (id: string) => data.villages.find((v) => v.id === id);

  it('Dongfeng is in Jiangsu and sells furniture, not Zhejiang bamboo', () => {
    const dongfeng = byId('dongfeng');
    expect(dongfeng?.province).toBe('jiangsu');
    expect(dongfeng?.categories).toEqual(['furniture']);
    const words = JSON.stringify(dongfeng);
    expect(words).not.toMatch(/bamboo|竹|Zhejiang|浙江/);
  });

  it('ties no village to Wuyi or brushes other than Wengang, and never dates Junpu to 2009', () => {
    // The storytelling check's division list names every county, 武义 among them: places
    // it recognises, not claims the bot makes.
    const all = JSON.stringify(content, (key, value: unknown) =>
      key === 'place_names' ? undefined : value,
    );
    expect(all).not.toMatch(/Wuyi|武义|Junpu|军埔/);
    const brushes = data.villages.filter((v) => /brush|毛笔/.test(JSON.stringify(v)));
    expect(brushes.map((v) => v.id)).toEqual(['wengang']);
  });

  it('counts stop at 2022 and leave out the unverified town counts', () => {
    const years = data.counts.map((c) => c.year);
    expect(Math.max(...years)).toBe(2022);
    expect(data.counts.find((c) => c.year === 2014)?.towns).toBeUndefined();
    expect(data.counts.find((c) => c.year === 2021)?.towns).toBeUndefined();
    expect(translate('en', 'checks.village.latest')).toMatch(/^Latest figures we have/);
  });

  it('the criteria boundaries are the ones AliResearch wrote', () => {
    const { village, town } = data.criteria;
    expect(
      [
        village.min_annual_sales_rmb,
        village.min_active_shops,
        village.min_active_shop_share_pct,
      ].map((c) => [c.value, c.inclusive]),
    ).toEqual([
      [10_000_000, true],
      [100, true],
      [10, true],
    ]);
    expect(
      [town.min_taobao_villages, town.min_annual_sales_rmb, town.min_active_shops].map((c) => [
        c.value,
        c.inclusive,
      ]),
    ).toEqual([
      [3, true],
      [30_000_000, false],
      [300, false],
    ]);
  });
});

function strings(node: unknown): string[] {
  if (typeof node === 'string') return [node];
  if (typeof node !== 'object' || node === null) return [];
  return Object.values(node).flatMap(strings);
}
