import type { AdviceData } from './content-schema';
import { finding, round, stepFor, tidy, verdictOf } from './result';
import type { Finding, LogisticsInput, LogisticsResult, Step } from './schemas';

/**
 * The logistics check: shipping cost as a share of the order value, days on the road
 * (perishable or not), monthly volume (none yet, small, enough for a volume rate; bulky
 * goods go by freight line), damage and returns apart, and the distance to the nearest
 * express point, each against a rule in `content/rules/logistics.yaml`. Each finding names
 * its rule in `data.rule`.
 *
 * @example logisticsCheck({ orderValueRmb: 50, shippingCostRmb: 10, perishable: false, deliveryDays: 2 }, data).verdict // 'warn'
 */
export function logisticsCheck(input: LogisticsInput, data: AdviceData): LogisticsResult {
  const r = data.rules.logistics;
  const findings: Finding[] = [];
  const steps: Step[] = [];
  const add = (f: Finding, ...stepIds: (string | false)[]) => {
    findings.push(f);
    for (const id of stepIds) if (id) steps.push(stepFor(data, f, id));
  };

  const sharePct = round((input.shippingCostRmb / input.orderValueRmb) * 100);
  const cost = {
    sharePct,
    orderValueRmb: input.orderValueRmb,
    shippingCostRmb: input.shippingCostRmb,
    warnPct: r.shipping_share_warn_pct.value,
    seriousPct: r.shipping_share_serious_pct.value,
    rule: 'logistics.shipping_share_warn_pct',
  };
  if (sharePct > r.shipping_share_serious_pct.value) {
    add(finding('shipping_cost_high', 'serious', cost), 'raise_order_value');
  } else if (sharePct > r.shipping_share_warn_pct.value) {
    add(finding('shipping_cost_high', 'warn', cost), 'raise_order_value');
  } else {
    add(finding('shipping_cost_ok', 'info', cost));
  }

  deliveryTime(input, data, add);
  volume(input, data, add);

  if (input.damageRatePct !== undefined && input.damageRatePct > r.damage_rate_warn_pct.value) {
    const rate = {
      ratePct: input.damageRatePct,
      maxPct: r.damage_rate_warn_pct.value,
      rule: 'logistics.damage_rate_warn_pct',
    };
    add(finding('damage_rate_high', 'warn', rate), 'improve_packaging');
  }
  if (input.returnRatePct !== undefined && input.returnRatePct > r.return_rate_warn_pct.value) {
    const rate = {
      ratePct: input.returnRatePct,
      maxPct: r.return_rate_warn_pct.value,
      rule: 'logistics.return_rate_warn_pct',
    };
    add(finding('return_rate_high', 'warn', rate), 'reduce_returns');
  }

  if (input.expressPointKm !== undefined && input.expressPointKm > r.express_point_far_km.value) {
    const distance = {
      km: input.expressPointKm,
      maxKm: r.express_point_far_km.value,
      rule: 'logistics.express_point_far_km',
    };
    add(finding('express_point_far', 'warn', distance), 'ask_about_village_station');
  }

  return tidy({ verdict: verdictOf(findings), shippingSharePct: sharePct, findings, steps });
}

type Add = (f: Finding, ...stepIds: (string | false)[]) => void;

/**
 * Days on the road. Perishables late by a little get pre-cooling, a smaller delivery area
 * and a faster service; late by more than `perishable_far_days`, cold chain and stock
 * nearer the buyers. Other goods slower than `nonperishable_max_days` lose buyers.
 */
function deliveryTime(input: LogisticsInput, data: AdviceData, add: Add) {
  const r = data.rules.logistics;
  const days = input.deliveryDays;
  if (input.perishable) {
    const base = {
      days,
      maxDays: r.perishable_max_days.value,
      farDays: r.perishable_far_days.value,
      rule: 'logistics.perishable_max_days',
    };
    if (days <= r.perishable_max_days.value) {
      add(finding('perishable_in_time', 'info', base));
      return;
    }
    const far = days > r.perishable_far_days.value;
    add(
      finding('perishable_too_slow', 'serious', { ...base, distance: far ? 'far' : 'near' }),
      'pre_cool_at_origin',
      'limit_delivery_area',
      !far && 'use_faster_service',
      far && 'use_cold_chain',
      far && 'stock_nearer_customers',
    );
    return;
  }
  if (days > r.nonperishable_max_days.value) {
    const slow = {
      days,
      maxDays: r.nonperishable_max_days.value,
      rule: 'logistics.nonperishable_max_days',
    };
    add(finding('slow_delivery', 'warn', slow), 'find_faster_route');
  }
}

/**
 * Monthly parcels: none yet gets a starter's advice; bulky goods go by freight line
 * whatever the volume; otherwise a volume rate from `volume_rate_min_parcels`, below it
 * shipping together with neighbours.
 */
function volume(input: LogisticsInput, data: AdviceData, add: Add) {
  const r = data.rules.logistics;
  const parcels = input.monthlyParcels;
  if (parcels === 0) {
    add(finding('not_shipping_yet', 'info', { parcels: 0 }), 'plan_first_shipments');
    if (input.bulky) add(finding('bulky_goods', 'info', {}), 'use_freight_line');
    return;
  }
  if (input.bulky) {
    add(
      finding('bulky_goods', 'info', parcels === undefined ? {} : { parcels }),
      'use_freight_line',
    );
    return;
  }
  if (parcels === undefined) return;
  const numbers = {
    parcels,
    minParcels: r.volume_rate_min_parcels.value,
    rule: 'logistics.volume_rate_min_parcels',
  };
  if (parcels >= r.volume_rate_min_parcels.value) {
    add(finding('volume_rate_possible', 'info', numbers), 'negotiate_volume_rate');
  } else {
    add(finding('small_sender', 'info', numbers), 'pool_parcels_with_neighbours');
  }
}
