import { describe, expect, it } from 'vitest';
import type { Plan } from './plan-schema';
import { planSchema } from './plan-schema';
import { content } from '../content';
import { logisticsCheck } from './logistics';
import { nicheCheck } from './niche';
import { isFinished, markDone, mergePlan, nextStep, putOff } from './plan';
import { storytellingCheck } from './storytelling';

const data = content.advice;
const logistics = logisticsCheck(
  {
    orderValueRmb: 50,
    shippingCostRmb: 15,
    perishable: true,
    deliveryDays: 4,
    monthlyParcels: 500,
  },
  data,
);
const story = storytellingCheck(
  { text: '来自我们村的山核桃，我叫王明，手工炒制，祖传做法，有检测报告。' },
  data,
);
const niche = nicheCheck({ sameItemSellers: 30, differentiators: [] }, data);

const ids = (plan: Plan) => plan.steps.map((s) => s.id);

describe('plan', () => {
  it('merges the checks a person ran: serious first, then quick wins, then the rest', () => {
    let plan = mergePlan(undefined, 'storytelling', story.steps, 1);
    plan = mergePlan(plan, 'logistics', logistics.steps, 2);
    expect(ids(plan)).toEqual([
      'raise_order_value', // serious and a quick win
      'pre_cool_at_origin',
      'limit_delivery_area',
      'use_faster_service', // serious
      'add_customer_voice', // quick wins, in the order the checks ran
      'add_call_to_action',
      'negotiate_volume_rate',
    ]);
    expect(plan.updatedAt).toBe(2);
    expect(planSchema.parse(plan)).toEqual(plan);
  });

  it("replaces a check's steps when it runs again, keeping what was done", () => {
    let plan = mergePlan(undefined, 'logistics', logistics.steps, 1);
    plan = markDone(plan, 2, 'negotiate_volume_rate');
    const again = logisticsCheck(
      {
        orderValueRmb: 50,
        shippingCostRmb: 5,
        perishable: false,
        deliveryDays: 1,
        monthlyParcels: 600,
      },
      data,
    );
    plan = mergePlan(plan, 'logistics', again.steps, 3);
    expect(plan.steps).toEqual([
      expect.objectContaining({
        id: 'negotiate_volume_rate',
        done: true,
        params: { parcels: 600, minParcels: 300, rule: 'logistics.volume_rate_min_parcels' },
      }),
    ]);
  });

  it('keeps the steps of other checks and each step once', () => {
    let plan = mergePlan(undefined, 'niche', niche.steps, 1);
    plan = mergePlan(plan, 'logistics', logistics.steps, 2);
    expect(ids(plan).filter((id) => id === 'tell_origin_story')).toHaveLength(1);
    expect(plan.steps.filter((s) => s.check === 'niche')).toHaveLength(niche.steps.length);
  });

  it('"next step" shows one step at a time; "done" marks it; the plan ends', () => {
    let plan = mergePlan(undefined, 'logistics', logistics.steps, 1);
    const total = plan.steps.length;
    for (let i = 0; i < total; i++) {
      const next = nextStep(plan);
      expect(next).toMatchObject({ position: i + 1, total, done: i });
      expect(isFinished(plan)).toBe(false);
      plan = markDone(plan, 10 + i);
    }
    expect(nextStep(plan)).toBeUndefined();
    expect(isFinished(plan)).toBe(true);
    expect(markDone(plan, 99)).toBe(plan);
  });

  it('"later" puts a step behind the others, and they come back round', () => {
    let plan = mergePlan(undefined, 'logistics', logistics.steps, 1);
    const [a, b, c, d] = ids(plan);
    expect(ids(plan)).toHaveLength(5);
    plan = putOff(plan, 2);
    expect(nextStep(plan)?.step.id).toBe(b);
    plan = markDone(plan, 3);
    expect(nextStep(plan)?.step.id).toBe(c);
    plan = putOff(putOff(putOff(plan, 4), 5), 6);
    // Every open step was put off: back to plan order.
    expect(nextStep(plan)?.step.id).toBe(a);
    expect(d).toBe('use_faster_service');
  });

  it('an empty plan has no next step and is not finished', () => {
    expect(nextStep(undefined)).toBeUndefined();
    expect(isFinished(undefined)).toBe(false);
    expect(isFinished({ steps: [], updatedAt: 0 })).toBe(false);
  });
});
