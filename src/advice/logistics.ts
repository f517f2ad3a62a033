import type { AdviceData } from './content-schema';
import { finding, round, stepFor, tidy, verdictOf } from './result';
import type { Finding, LogisticsInput, LogisticsResult, Step } from './schemas';

/**
 * The logistics check: shipping cost as a share of the order value, perishables against
 * delivery days, monthly volume, damage and return rate, and the distance to the nearest
 * express point, each against a rule of thumb in `content/rules/logistics.yaml`.
 *
 * @example logisticsCheck({ orderValueRmb: 50, shippingCostRmb: 10, perishable: false, deliveryDays: 2 }, data).verdict // 'warn'
 */
export function logisticsCheck(input: LogisticsInput, data: AdviceData): LogisticsResult {
  const r = data.rules.logistics;
  const findings: Finding[] = [];
  const steps: Step[] = [];
  const add = (f: Finding, ...stepIds: string[]) => {
    findings.push(f);
    for (const id of stepIds) steps.push(stepFor(data, f, id));
  };

  const sharePct = round((input.shippingCostRmb / input.orderValueRmb) * 100);
  const cost = {
    sharePct,
    orderValueRmb: input.orderValueRmb,
    shippingCostRmb: input.shippingCostRmb,
    warnPct: r.shipping_share_warn_pct.value,
    seriousPct: r.shipping_share_serious_pct.value,
  };
  if (sharePct > r.shipping_share_serious_pct.value) {
    add(finding('shipping_cost_high', 'serious', cost), 'raise_order_value');
  } else if (sharePct > r.shipping_share_warn_pct.value) {
    add(finding('shipping_cost_high', 'warn', cost), 'raise_order_value');
  } else {
    add(finding('shipping_cost_ok', 'info', cost));
  }

  if (input.perishable) {
    const days = { days: input.deliveryDays, maxDays: r.perishable_max_days.value };
    if (input.deliveryDays > r.perishable_max_days.value) {
      add(
        finding('perishable_too_slow', 'serious', days),
        'use_cold_chain',
        'stock_nearer_customers',
      );
    } else {
      add(finding('perishable_in_time', 'info', days));
    }
  }

  if (input.monthlyParcels !== undefined) {
    const volume = { parcels: input.monthlyParcels, minParcels: r.volume_rate_min_parcels.value };
    if (input.monthlyParcels >= r.volume_rate_min_parcels.value) {
      add(finding('volume_rate_possible', 'info', volume), 'negotiate_volume_rate');
    } else {
      add(finding('small_sender', 'info', volume), 'pool_parcels_with_neighbours');
    }
  }

  if (input.damageRatePct !== undefined && input.damageRatePct > r.damage_rate_warn_pct.value) {
    const rate = { ratePct: input.damageRatePct, maxPct: r.damage_rate_warn_pct.value };
    add(finding('damage_rate_high', 'warn', rate), 'improve_packaging');
  }

  if (input.expressPointKm !== undefined && input.expressPointKm > r.express_point_far_km.value) {
    const distance = { km: input.expressPointKm, maxKm: r.express_point_far_km.value };
    add(finding('express_point_far', 'warn', distance), 'ask_about_village_station');
  }

  return tidy({ verdict: verdictOf(findings), shippingSharePct: sharePct, findings, steps });
}
