/**
 * The finding ids of the logistics, niche and village checks, apart from the checks so the
 * schemas that list them (and the OpenAPI built from those) import no check.
 */

/** The finding ids the logistics check may report (the OpenAPI document lists them). */
export const LOGISTICS_FINDINGS = [
  'shipping_cost_high',
  'shipping_cost_ok',
  'perishable_too_slow',
  'perishable_in_time',
  'slow_delivery',
  'not_shipping_yet',
  'volume_rate_possible',
  'small_sender',
  'bulky_goods',
  'damage_rate_high',
  'return_rate_high',
  'express_point_far',
] as const;

/** The finding ids the niche check may report (the OpenAPI document lists them). */
export const NICHE_FINDINGS = [
  'price_war_risk',
  'crowded_market',
  'crowded_nationally',
  'no_differentiator',
  'differentiated',
  'priced_far_below_market',
  'priced_above_market',
  'premium_price',
] as const;

/** The finding ids the village check may report (the OpenAPI document lists them). */
export const VILLAGE_FINDINGS = [
  'check_inputs',
  'sales_short',
  'shops_short',
  'village_eligible',
  'town_eligible',
  'town_short',
] as const;
