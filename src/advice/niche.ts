import { differentiationExample } from './benchmarks';
import type { AdviceData } from './content-schema';
import { finding, stepFor, tidy, verdictOf } from './result';
import type { Finding, NicheInput, NicheResult, Step } from './schemas';

/**
 * The niche check: how many nearby shops sell the same item, what sets this seller apart
 * and how the price compares with the market, against the rules of thumb in
 * `content/rules/niche.yaml` → price-war risk and concrete differentiation moves, with a
 * benchmark village to learn from.
 *
 * @example nicheCheck({ sameItemSellers: 40, differentiators: [] }, data).verdict // 'serious'
 */
export function nicheCheck(input: NicheInput, data: AdviceData): NicheResult {
  const r = data.rules.niche;
  const findings: Finding[] = [];
  const steps: Step[] = [];
  const add = (f: Finding, ...stepIds: (string | false)[]) => {
    findings.push(f);
    for (const id of stepIds) if (id) steps.push(stepFor(data, f, id));
  };

  const has = new Set(input.differentiators);
  const crowded = input.sameItemSellers >= r.crowded_sellers.value;
  const example = differentiationExample(data, input.category);
  const base = {
    sellers: input.sameItemSellers,
    crowdedAt: r.crowded_sellers.value,
    differentiators: has.size,
    have: [...has],
    ...(example ? { example: example.id } : {}),
  };
  const gi = !has.has('geographical_indication') && 'check_gi_label';
  const brand = !has.has('own_brand') && 'build_own_brand';

  if (crowded && has.size === 0) {
    add(
      finding('price_war_risk', 'serious', base),
      'find_sub_niche',
      'tell_origin_story',
      'offer_bundles',
      gi,
      'agree_flagship_products',
    );
  } else if (crowded) {
    add(
      finding('crowded_market', 'warn', base),
      'lead_with_differentiators',
      'agree_flagship_products',
      brand,
    );
  } else if (has.size === 0) {
    add(finding('no_differentiator', 'warn', base), 'tell_origin_story', gi, brand);
  } else {
    add(finding('differentiated', 'info', base), 'lead_with_differentiators');
  }

  const price = input.priceVsMarketPct;
  if (price !== undefined && -price >= r.far_below_market_pct.value) {
    const below = { belowPct: -price, thresholdPct: r.far_below_market_pct.value };
    add(finding('priced_far_below_market', 'warn', below), 'check_unit_costs');
  }

  return tidy({
    verdict: verdictOf(findings),
    crowded,
    ...(example ? { example: example.id } : {}),
    findings,
    steps,
  });
}
