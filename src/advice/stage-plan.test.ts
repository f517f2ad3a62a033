import { describe, expect, it } from 'vitest';
import { content } from '../content';
import type { Plan } from './plan-schema';
import { logisticsCheck } from './logistics';
import { mergePlan } from './plan';
import { fitPlan, fitSteps } from './stage-plan';
import { villageCheck } from './village';

const data = content.advice;
const village = villageCheck({ annualSalesRmb: 7_700_000, activeShops: 73, households: 800 }, data);
const logistics = logisticsCheck(
  {
    orderValueRmb: 60,
    shippingCostRmb: 8,
    perishable: false,
    deliveryDays: 3,
    monthlyParcels: 20,
    expressPointKm: 9,
  },
  data,
);
const ids = (plan: Plan | undefined) => (plan?.steps ?? []).map((s) => s.id);
const build = (stage: Parameters<typeof fitPlan>[1]) => {
  let plan = mergePlan(undefined, 'logistics', fitSteps(logistics.steps, stage, data), 1);
  plan = mergePlan(plan, 'village', fitSteps(village.steps, stage, data), 2);
  return fitPlan(plan, stage, data, 3) ?? plan;
};

describe('the plan fits the seller stage', () => {
  it('an individual seller with few orders: getting orders first, one village contact at most', () => {
    expect(ids(build('few_orders'))).toEqual([
      'pick_hero_product',
      'improve_listing',
      'better_photos',
      'short_video',
      'win_repeat_buyers',
      'ask_about_village_station',
      'pool_parcels_with_neighbours',
      'talk_to_village_committee',
    ]);
  });

  it('a seller not selling yet opens a shop first', () => {
    expect(ids(build('not_selling')).slice(0, 4)).toEqual([
      'open_first_shop',
      'pick_hero_product',
      'improve_listing',
      'better_photos',
    ]);
  });

  it('a seller with more orders: own steps, then the village contact; no order-getting steps', () => {
    expect(ids(build('more_orders'))).toEqual([
      'ask_about_village_station',
      'pool_parcels_with_neighbours',
      'talk_to_village_committee',
    ]);
  });

  it('an organiser gets the village-level steps first and no contact step', () => {
    const plan = ids(build('organiser'));
    expect(plan.slice(0, 4)).toEqual([
      'count_all_platform_sales',
      'revive_dormant_shops',
      'grow_village_sales',
      'help_neighbours_open_shops',
    ]);
    expect(plan).not.toContain('talk_to_village_committee');
  });

  it('an unknown stage keeps every step, the seller own first', () => {
    const plan = ids(build(undefined));
    expect(plan.indexOf('ask_about_village_station')).toBeLessThan(
      plan.indexOf('count_all_platform_sales'),
    );
    expect(plan).toHaveLength(6);
    expect(fitPlan(undefined, undefined, data, 0)).toBeUndefined();
  });

  it('is idempotent, keeps done steps and re-fits when the stage changes', () => {
    const plan = build('few_orders');
    expect(fitPlan(plan, 'few_orders', data, 9)).toBe(plan);
    const done = { ...plan, steps: plan.steps.map((s, i) => (i === 0 ? { ...s, done: true } : s)) };
    const grown = fitPlan(done, 'more_orders', data, 10);
    expect(ids(grown)).toEqual([
      'pick_hero_product', // done, so kept
      'ask_about_village_station',
      'pool_parcels_with_neighbours',
      'talk_to_village_committee',
    ]);
    expect(grown?.steps[0]?.done).toBe(true);
  });

  it('gives a seller with few orders a plan before any check, with lessons where they exist', () => {
    const plan = fitPlan(undefined, 'few_orders', data, 0);
    expect(ids(plan)).toHaveLength(5);
    expect(plan?.steps.find((s) => s.id === 'win_repeat_buyers')?.lesson).toBe(
      'open_shop/first_month',
    );
    expect(plan?.steps.every((s) => s.check === 'stage')).toBe(true);
  });
});
