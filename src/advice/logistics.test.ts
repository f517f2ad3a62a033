import { describe, expect, it } from 'vitest';
import { content } from '../content';
import { logisticsCheck } from './logistics';
import type { LogisticsInput } from './schemas';

const data = content.advice;
const base: LogisticsInput = {
  orderValueRmb: 100,
  shippingCostRmb: 10,
  perishable: false,
  deliveryDays: 3,
};
const run = (input: Partial<LogisticsInput>) => logisticsCheck({ ...base, ...input }, data);
const ids = (input: Partial<LogisticsInput>) =>
  run(input).findings.map((f) => `${f.id}:${f.severity}`);

describe('logistics check: rules of thumb at their boundaries', () => {
  it.each([
    [15, 'shipping_cost_ok:info', 'ok'],
    [15.01, 'shipping_cost_high:warn', 'warn'],
    [25, 'shipping_cost_high:warn', 'warn'],
    [25.01, 'shipping_cost_high:serious', 'serious'],
    [0, 'shipping_cost_ok:info', 'ok'],
  ])('shipping %d%% of the order value -> %s', (cost, finding, verdict) => {
    const result = run({ shippingCostRmb: cost });
    expect(result.findings.map((f) => `${f.id}:${f.severity}`)).toEqual([finding]);
    expect(result.verdict).toBe(verdict);
    expect(result.shippingSharePct).toBe(cost);
  });

  it.each([
    [true, 2, ['shipping_cost_ok:info', 'perishable_in_time:info']],
    [true, 3, ['perishable_too_slow:serious', 'shipping_cost_ok:info']],
    [false, 5, ['shipping_cost_ok:info']],
    [false, 15, ['slow_delivery:warn', 'shipping_cost_ok:info']],
  ])('perishable %s, %d days', (perishable, deliveryDays, want) => {
    expect(ids({ perishable, deliveryDays })).toEqual(want);
  });

  it.each([
    [299, 'small_sender', 'pool_parcels_with_neighbours'],
    [300, 'volume_rate_possible', 'negotiate_volume_rate'],
    [0, 'not_shipping_yet', 'plan_first_shipments'],
  ])('%d parcels a month -> %s', (monthlyParcels, finding, step) => {
    const result = run({ monthlyParcels });
    expect(result.findings.map((f) => f.id)).toContain(finding);
    expect(result.steps.map((s) => s.id)).toEqual([step]);
  });

  it.each([
    [3, false],
    [3.1, true],
  ])('damage rate %d%% -> packaging step: %s', (damageRatePct, flagged) => {
    const result = run({ damageRatePct });
    expect(result.steps.some((s) => s.id === 'improve_packaging')).toBe(flagged);
    expect(result.verdict).toBe(flagged ? 'warn' : 'ok');
  });

  it.each([
    [5, false],
    [5.5, true],
    [0, false],
  ])('express point %d km away -> village station step: %s', (expressPointKm, flagged) => {
    expect(run({ expressPointKm }).steps.some((s) => s.id === 'ask_about_village_station')).toBe(
      flagged,
    );
  });

  it('orders findings serious first and steps serious, then quick wins', () => {
    const result = run({
      shippingCostRmb: 30,
      perishable: true,
      deliveryDays: 4,
      monthlyParcels: 120,
      damageRatePct: 8,
      expressPointKm: 12,
    });
    expect(result.verdict).toBe('serious');
    expect(result.findings.map((f) => f.severity)).toEqual([
      'serious',
      'serious',
      'warn',
      'warn',
      'info',
    ]);
    expect(result.steps.map((s) => s.id)).toEqual([
      'raise_order_value',
      'pre_cool_at_origin',
      'limit_delivery_area',
      'use_faster_service',
      'improve_packaging',
      'ask_about_village_station',
      'pool_parcels_with_neighbours',
    ]);
  });

  it('follows the thresholds in content, not constants in code', () => {
    const stricter = structuredClone(data);
    stricter.rules.logistics.shipping_share_warn_pct.value = 5;
    expect(logisticsCheck(base, stricter).verdict).toBe('warn');
    expect(logisticsCheck(base, data).verdict).toBe('ok');
  });

  it.each([
    [25, 0, ['reduce_returns']],
    [0, 8, ['improve_packaging']],
    [25, 8, ['improve_packaging', 'reduce_returns']],
    [10, 3, []],
  ])('returns %d%% and damage %d%% are separate: %j', (returnRatePct, damageRatePct, want) => {
    const result = run({ returnRatePct, damageRatePct });
    expect(result.steps.map((s) => s.id)).toEqual(want);
    const returns = result.findings.find((f) => f.id === 'return_rate_high');
    expect(returns?.data).toEqual(
      returnRatePct > 10
        ? { ratePct: returnRatePct, maxPct: 10, rule: 'logistics.return_rate_warn_pct' }
        : undefined,
    );
  });

  it.each([
    [3, 'near', ['pre_cool_at_origin', 'limit_delivery_area', 'use_faster_service']],
    [4, 'near', ['pre_cool_at_origin', 'limit_delivery_area', 'use_faster_service']],
    [
      5,
      'far',
      ['pre_cool_at_origin', 'limit_delivery_area', 'use_cold_chain', 'stock_nearer_customers'],
    ],
  ] as const)(
    'perishables %d days on the road: options for a %s distance',
    (deliveryDays, distance, want) => {
      const result = run({ perishable: true, deliveryDays });
      expect(result.findings.find((f) => f.id === 'perishable_too_slow')?.data.distance).toBe(
        distance,
      );
      expect(result.steps.map((s) => s.id)).toEqual(want);
    },
  );

  it('bulky goods go by freight line, never a courier volume rate or pooling', () => {
    for (const monthlyParcels of [0, 40, 900]) {
      const steps = run({ bulky: true, monthlyParcels }).steps.map((s) => s.id);
      expect(steps).toContain('use_freight_line');
      expect(steps).not.toContain('negotiate_volume_rate');
      expect(steps).not.toContain('pool_parcels_with_neighbours');
    }
    expect(run({ bulky: true }).findings.map((f) => f.id)).toContain('bulky_goods');
  });

  it('a seller with 0 parcels gets a starter step, not pooling', () => {
    const result = run({ monthlyParcels: 0 });
    expect(result.findings.map((f) => f.id)).toEqual(['shipping_cost_ok', 'not_shipping_yet']);
    expect(result.steps.map((s) => s.id)).toEqual(['plan_first_shipments']);
  });

  it('non-perishable delivery beyond the configured days is a finding', () => {
    expect(run({ deliveryDays: 15 }).findings[0]).toMatchObject({
      id: 'slow_delivery',
      severity: 'warn',
      data: { days: 15, maxDays: 5 },
    });
    const patient = structuredClone(data);
    patient.rules.logistics.nonperishable_max_days.value = 20;
    expect(logisticsCheck({ ...base, deliveryDays: 15 }, patient).verdict).toBe('ok');
  });
});
