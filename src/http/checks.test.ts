import { describe, expect, it } from 'vitest';
import { copy } from '../../test/support/copy';
import { buildApp } from '../compose';
import { memoryLogger } from '../shell/logger';
import { createMemoryStore } from '../store/memory';

const app = buildApp({}, { store: createMemoryStore(), log: memoryLogger() });

async function post(check: string, body: unknown) {
  const res = await app.request(`/api/checks/${check}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe('POST /api/checks/*: good input', () => {
  it('village: verdict, gaps, town, benchmarks, findings and steps', async () => {
    const { status, json } = await post('village', {
      annualSalesRmb: 7_700_000,
      activeShops: 73,
      category: 'furniture',
      town: { taobaoVillages: 3 },
    });
    expect(status).toBe(200);
    expect(json).toMatchObject({
      verdict: 'not_eligible',
      gaps: { salesRmb: 2_300_000, shops: 27 },
      town: { verdict: 'eligible', route: 'villages', gaps: { taobaoVillages: 0 } },
      benchmarks: ['dongfeng'],
    });
    expect(json.findings).toContainEqual({
      id: 'sales_short',
      severity: 'warn',
      data: { salesRmb: 7_700_000, thresholdRmb: 10_000_000, gapRmb: 2_300_000 },
    });
  });

  it('village: exactly the criteria is eligible', async () => {
    const { json } = await post('village', { annualSalesRmb: 10_000_000, activeShops: 100 });
    expect(json).toMatchObject({ verdict: 'eligible', gaps: { salesRmb: 0, shops: 0 } });
  });

  it('logistics, niche and storytelling answer the same verdicts as the chat', async () => {
    expect(
      (
        await post('logistics', {
          orderValueRmb: 50,
          shippingCostRmb: 13,
          perishable: true,
          deliveryDays: 3,
        })
      ).json,
    ).toMatchObject({ verdict: 'serious', shippingSharePct: 26 });
    const niche = await post('niche', { sameItemSellers: 12, differentiators: [] });
    expect(niche.json).toMatchObject({ verdict: 'serious', crowded: true });
    // No category, no example: never a village of another category.
    expect(niche.json).not.toHaveProperty('example');
    const outdoor = await post('niche', {
      sameItemSellers: 3,
      differentiators: [],
      nationalListings: 4000,
      priceVsMarketPct: 80,
      category: 'outdoor',
    });
    expect(outdoor.json).toMatchObject({ verdict: 'serious', crowded: true, example: 'beishan' });
    expect((outdoor.json as { findings: { id: string }[] }).findings.map((f) => f.id)).toEqual([
      'crowded_nationally',
      'priced_above_market',
    ]);
    const bulky = await post('logistics', {
      orderValueRmb: 800,
      shippingCostRmb: 60,
      perishable: false,
      deliveryDays: 4,
      monthlyParcels: 40,
      returnRatePct: 12,
      bulky: true,
    });
    expect(bulky.status).toBe(200);
    expect((bulky.json as { steps: { id: string }[] }).steps.map((s) => s.id)).toEqual([
      'reduce_returns',
      'use_freight_line',
    ]);
    const doubtful = await post('village', { annualSalesRmb: 1e7, activeShops: 1, households: 1 });
    expect((doubtful.json as { findings: { id: string }[] }).findings[0]?.id).toBe('check_inputs');
    const story = await post('storytelling', { text: 'Handmade in our village. Order now!' });
    expect(story.json).toMatchObject({
      verdict: 'warn',
      score: 3,
      present: ['origin', 'process', 'call_to_action'],
    });
    expect(story.json.missing).toEqual(['maker', 'heritage', 'proof', 'customer_voice']);
  });
});

describe('POST /api/checks/*: bad input', () => {
  it.each([
    ['village', { activeShops: 3 }, 'annualSalesRmb'],
    ['village', { annualSalesRmb: -5, activeShops: 3 }, 'annualSalesRmb'],
    ['village', { annualSalesRmb: 5, activeShops: 2.5 }, 'activeShops'],
    ['village', { annualSalesRmb: '1000万', activeShops: 3 }, 'annualSalesRmb'],
    [
      'village',
      { annualSalesRmb: 5, activeShops: 3, town: { taobaoVillages: 1, activeShops: 9 } },
      'town.activeShops',
    ],
    [
      'logistics',
      { orderValueRmb: 0, shippingCostRmb: 1, perishable: false, deliveryDays: 1 },
      'orderValueRmb',
    ],
    [
      'logistics',
      { orderValueRmb: 10, shippingCostRmb: 1, perishable: 'yes', deliveryDays: 1 },
      'perishable',
    ],
    [
      'logistics',
      {
        orderValueRmb: 10,
        shippingCostRmb: 1,
        perishable: false,
        deliveryDays: 1,
        damageRatePct: 120,
      },
      'damageRatePct',
    ],
    ['niche', { sameItemSellers: 3, differentiators: ['cheap'] }, 'differentiators.0'],
    ['niche', { sameItemSellers: 3 }, 'differentiators'],
    ['storytelling', { text: '   ' }, 'text'],
    ['storytelling', { text: 'x', locale: 'fr' }, 'locale'],
    ['storytelling', { text: 'x', extra: 1 }, 'body'],
  ])('%s %j -> 400 naming %s', async (check, body, field) => {
    const { status, json } = await post(check, body);
    expect(status).toBe(400);
    expect(json.error).toBe('invalid_request');
    expect(Object.keys(json.fields as object)).toContain(field);
  });

  it('a body that is not JSON is a 400, an unknown check a 404', async () => {
    const notJson = await post('village', '{"annualSalesRmb": ');
    expect(notJson.status).toBe(400);
    // No language asked for: Chinese, placed ("the request") and worded, in every shape.
    const said = `${copy('field_errors.root.body', 'zh-CN')}：${copy('field_errors.codes.not_json', 'zh-CN')}`;
    expect(notJson.json).toEqual({
      error: 'invalid_json',
      message: copy('field_errors.summary', 'zh-CN', { list: said }),
      fields: { body: [said] },
      issues: [{ field: 'body', code: 'not_json', params: {}, message: said }],
    });
    expect((await post('weather', {})).status).toBe(404);
  });
});

describe('GET /api/openapi.json', () => {
  it('documents each check from the same zod schemas', async () => {
    const res = await app.request('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<string, { post: Record<string, unknown> }>;
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual([
      '/api/checks/village',
      '/api/checks/logistics',
      '/api/checks/niche',
      '/api/checks/storytelling',
      '/api/ask',
    ]);
    const niche = JSON.stringify(doc.paths['/api/checks/niche']);
    for (const id of [
      'geographical_indication',
      'handmade',
      'heritage',
      'organic',
      'certified',
      'own_brand',
    ])
      expect(niche).toContain(id);
    const village = doc.paths['/api/checks/village']!.post as {
      requestBody: { content: { 'application/json': { schema: { required: string[] } } } };
      responses: Record<string, unknown>;
    };
    expect(village.requestBody.content['application/json'].schema.required).toEqual([
      'annualSalesRmb',
      'activeShops',
    ]);
    expect(Object.keys(village.responses)).toEqual(['200', '400']);
    expect(JSON.stringify(village.responses['200'])).toContain('not_eligible');
  });
});
