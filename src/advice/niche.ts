import { differentiationExample } from './benchmarks';
import type { AdviceData } from './content-schema';
import { finding, stepFor, tidy, verdictOf } from './result';
import type { Finding, NicheInput, NicheResult, Step } from './schemas';

/**
 * The niche check: how many shops nearby and (when known) listings nationwide sell the
 * same item, what sets this seller apart and how the price compares with the market,
 * against the rules in `content/rules/niche.yaml` → price-war risk, concrete
 * differentiation moves and price advice, with a benchmark village of the same category
 * to learn from (none when no village sells that category).
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
  const listings = input.nationalListings;
  const nationally =
    listings !== undefined &&
    listings >= r.national_crowded_listings.value &&
    has.size <= r.few_differentiators.value;
  const example = differentiationExample(data, input.category);
  const base = {
    sellers: input.sameItemSellers,
    crowdedAt: r.crowded_sellers.value,
    differentiators: has.size,
    have: [...has],
    rule: 'niche.crowded_sellers',
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
  } else if (!nationally) {
    // Few sellers nearby says nothing about the platform: ask for a search when unknown.
    const unknown = listings === undefined && 'check_national_listings';
    if (has.size === 0)
      add(finding('no_differentiator', 'warn', base), 'tell_origin_story', gi, brand, unknown);
    else add(finding('differentiated', 'info', base), 'lead_with_differentiators', unknown);
  }
  if (nationally) {
    add(
      finding('crowded_nationally', has.size === 0 ? 'serious' : 'warn', {
        ...base,
        listings,
        listingsAt: r.national_crowded_listings.value,
        rule: 'niche.national_crowded_listings',
      }),
      'find_sub_niche',
      'tell_origin_story',
      has.size > 0 && 'lead_with_differentiators',
      gi,
      brand,
    );
  }

  price(input, data, has.size, add);

  return tidy({
    verdict: verdictOf(findings),
    crowded: crowded || nationally,
    ...(example ? { example: example.id } : {}),
    findings,
    steps,
  });
}

/** Far below the market → margin risk; far above → a reason buyers can see, or a finding. */
function price(
  input: NicheInput,
  data: AdviceData,
  differentiators: number,
  add: (f: Finding, ...stepIds: (string | false)[]) => void,
) {
  const r = data.rules.niche;
  const pct = input.priceVsMarketPct;
  if (pct === undefined) return;
  if (-pct >= r.far_below_market_pct.value) {
    const below = {
      belowPct: -pct,
      thresholdPct: r.far_below_market_pct.value,
      rule: 'niche.far_below_market_pct',
    };
    add(finding('priced_far_below_market', 'warn', below), 'check_unit_costs');
  } else if (pct > r.above_market_pct.value) {
    const above = {
      abovePct: pct,
      thresholdPct: r.above_market_pct.value,
      differentiators,
      rule: 'niche.above_market_pct',
    };
    if (differentiators === 0)
      add(
        finding('priced_above_market', 'warn', above),
        'check_price_against_market',
        'tell_origin_story',
      );
    else add(finding('premium_price', 'info', above), 'show_the_value');
  }
}
