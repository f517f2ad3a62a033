import type { AdviceData } from './content-schema';
import { closestVillages } from './benchmarks';
import { finding, round, shortfall, stepFor, tidy } from './result';
import type { Finding, Step, VillageInput, VillageResult } from './schemas';

/**
 * The Taobao Village check: each AliResearch criterion against the village's numbers
 * (Alibaba-platform sales, active shops), the gap to each in numbers, an optional Taobao
 * Town check of the township and the benchmark villages of the seller's category.
 * Implausible combinations (content/rules/village.yaml) are questioned with
 * `check_inputs`, never silently accepted. Pure; thresholds come from content.
 *
 * @example villageCheck({ annualSalesRmb: 7_700_000, activeShops: 73 }, data).gaps // { salesRmb: 2300000, shops: 27 }
 */
export function villageCheck(input: VillageInput, data: AdviceData): VillageResult {
  const c = data.criteria.village;
  const findings: Finding[] = [];
  const steps: Step[] = [];

  const doubt = plausibility(input, data);
  if (doubt) {
    findings.push(doubt);
    steps.push(stepFor(data, doubt, 'recheck_village_numbers'));
  }

  const salesGap = shortfall(input.annualSalesRmb, c.min_annual_sales_rmb);
  const toCount = shortfall(input.activeShops, c.min_active_shops);
  const share = input.households === undefined ? undefined : shopShare(input, data);
  const shopsGap = Math.min(toCount, share?.gapShops ?? Infinity);

  if (salesGap > 0) {
    const f = finding('sales_short', 'warn', {
      salesRmb: input.annualSalesRmb,
      thresholdRmb: c.min_annual_sales_rmb.value,
      gapRmb: salesGap,
    });
    findings.push(f);
    steps.push(stepFor(data, f, 'count_all_platform_sales'));
    steps.push(stepFor(data, f, 'grow_village_sales'));
  }
  if (shopsGap > 0) {
    const f = finding('shops_short', 'warn', {
      activeShops: input.activeShops,
      thresholdShops: c.min_active_shops.value,
      gapShops: shopsGap,
      gapShopsToCount: toCount,
      ...(share
        ? {
            households: input.households ?? 0,
            sharePct: share.sharePct,
            thresholdPct: c.min_active_shop_share_pct.value,
            gapSharePct: share.gapPct,
            gapShopsToShare: share.gapShops,
          }
        : {}),
    });
    findings.push(f);
    steps.push(stepFor(data, f, 'revive_dormant_shops'));
    steps.push(stepFor(data, f, 'help_neighbours_open_shops'));
  }
  const eligible = salesGap === 0 && shopsGap === 0;
  // Numbers that need a second look are not congratulated: the person checks them first.
  if (eligible && !doubt) {
    const f = finding('village_eligible', 'info', {
      salesRmb: input.annualSalesRmb,
      activeShops: input.activeShops,
      route: toCount === 0 ? 'shops' : 'share',
    });
    findings.push(f);
    steps.push(stepFor(data, f, 'form_village_association'));
  }

  const town = input.town ? townCheck(input.town, data) : undefined;
  if (town) findings.push(town.finding);

  return tidy({
    verdict: eligible ? 'eligible' : 'not_eligible',
    gaps: { salesRmb: salesGap, shops: shopsGap },
    ...(town ? { town: town.result } : {}),
    benchmarks: closestVillages(data, input.category).map((v) => v.id),
    findings,
    steps,
  });
}

/** Why the village check's inputs need a second look (`check_inputs`), as stable ids. */
export const INPUT_DOUBTS = [
  'shops_per_household',
  'few_households',
  'sales_per_shop_low',
  'sales_per_shop_high',
] as const;

/**
 * Combinations of inputs that are unlikely to be right (content/rules/village.yaml):
 * a `check_inputs` finding listing each doubt with the numbers behind it, or undefined.
 */
function plausibility(input: VillageInput, data: AdviceData): Finding | undefined {
  const r = data.rules.village;
  const doubts: (typeof INPUT_DOUBTS)[number][] = [];
  const numbers: Record<string, number> = {};
  const { households, activeShops, annualSalesRmb } = input;
  if (households !== undefined) {
    const perHousehold = round(activeShops / households);
    if (perHousehold > r.max_shops_per_household.value) {
      doubts.push('shops_per_household');
      Object.assign(numbers, {
        shopsPerHousehold: perHousehold,
        maxShopsPerHousehold: r.max_shops_per_household.value,
      });
    }
    if (households < r.min_households.value) {
      doubts.push('few_households');
      Object.assign(numbers, { households, minHouseholds: r.min_households.value });
    }
  }
  if (activeShops > 0) {
    const perShop = Math.round(annualSalesRmb / activeShops);
    if (perShop < r.min_sales_per_active_shop_rmb.value) doubts.push('sales_per_shop_low');
    if (perShop > r.max_sales_per_active_shop_rmb.value) doubts.push('sales_per_shop_high');
    if (doubts.some((d) => d.startsWith('sales_per_shop')))
      Object.assign(numbers, {
        salesPerShopRmb: perShop,
        minSalesPerShopRmb: r.min_sales_per_active_shop_rmb.value,
        maxSalesPerShopRmb: r.max_sales_per_active_shop_rmb.value,
      });
  }
  if (doubts.length === 0) return undefined;
  return finding('check_inputs', 'warn', { doubts, ...numbers });
}

/** The share-of-households route: exactly the criterion's percentage is enough. */
function shopShare(input: VillageInput, data: AdviceData) {
  const households = input.households ?? 1;
  const pct = data.criteria.village.min_active_shop_share_pct.value;
  // Whole shops: the smallest count whose share reaches pct% of households.
  const needed = Math.ceil((households * pct) / 100);
  const gapShops = Math.max(0, needed - input.activeShops);
  const sharePct = round((input.activeShops / households) * 100);
  return { sharePct, gapShops, gapPct: gapShops === 0 ? 0 : round(Math.max(0, pct - sharePct)) };
}

type TownResult = NonNullable<VillageResult['town']>;

/** The Taobao Town check: enough Taobao Villages, or (since 2019) over the sales and shops. */
function townCheck(
  town: NonNullable<VillageInput['town']>,
  data: AdviceData,
): { result: TownResult; finding: Finding } {
  const t = data.criteria.town;
  const gapVillages = shortfall(town.taobaoVillages, t.min_taobao_villages);
  const sales = town.annualSalesRmb;
  const shops = town.activeShops;
  const second =
    sales !== undefined && shops !== undefined
      ? {
          salesRmb: sales,
          activeShops: shops,
          gapSalesRmb: shortfall(sales, t.min_annual_sales_rmb),
          gapShops: shortfall(shops, t.min_active_shops),
        }
      : undefined;
  const route: TownResult['route'] =
    gapVillages === 0
      ? 'villages'
      : second && second.gapSalesRmb === 0 && second.gapShops === 0
        ? 'sales_and_shops'
        : null;
  const numbers = {
    taobaoVillages: town.taobaoVillages,
    thresholdVillages: t.min_taobao_villages.value,
    gapVillages,
    thresholdSalesRmb: t.min_annual_sales_rmb.value,
    thresholdShops: t.min_active_shops.value,
    ...second,
  };
  return {
    result: {
      verdict: route ? 'eligible' : 'not_eligible',
      route,
      gaps: {
        taobaoVillages: gapVillages,
        ...(second ? { salesRmb: second.gapSalesRmb, shops: second.gapShops } : {}),
      },
    },
    finding: route
      ? finding('town_eligible', 'info', { ...numbers, route })
      : finding('town_short', 'info', numbers),
  };
}
