import { describe, expect, it } from 'vitest';
import { content } from '../content';
import type { SurveyResponse } from './response';
import { StatsAccumulator } from './stats-calc';

const survey = content.surveys.find((s) => s.id === 'seller_baseline')!;
const response = (
  answers: SurveyResponse['answers'],
  at = 0,
  status: SurveyResponse['status'] = 'completed',
): SurveyResponse => ({
  status,
  updatedAt: at,
  answers,
  other: {},
});

describe('per-question statistics', () => {
  it('counts options, summarises numbers, keeps the latest texts, counts skips', () => {
    const stats = new StatsAccumulator(survey, 2);
    stats.add(
      'r1',
      response(
        {
          category: 'furniture',
          platforms: ['taobao', 'douyin'],
          years_selling: 1,
          trained: true,
          outlook: 5,
          difficulty_detail: 'old',
        },
        1,
      ),
    );
    stats.add(
      'r2',
      response(
        {
          category: 'furniture',
          platforms: ['douyin'],
          years_selling: 10,
          trained: false,
          outlook: 4,
          difficulty_detail: 'newest',
        },
        3,
      ),
    );
    stats.add(
      'r3',
      response(
        { category: 'other', platforms: null, years_selling: 4, difficulty_detail: 'newer' },
        2,
        'started',
      ),
    );
    stats.add('r4', response({ years_selling: 3, order_value_rmb: null }));
    const byId = Object.fromEntries(stats.result().map((q) => [q.id, q]));
    expect(stats.respondents).toBe(4);
    expect(stats.completed).toBe(3);
    expect(byId.category).toMatchObject({
      answered: 3,
      counts: { furniture: 2, other: 1, farm_produce: 0 },
    });
    expect(byId.platforms).toMatchObject({
      answered: 2,
      skipped: 1,
      counts: { taobao: 1, douyin: 2, other: 0 },
    });
    expect(byId.years_selling?.numeric).toEqual({ n: 4, min: 1, median: 3.5, mean: 4.5, max: 10 });
    // Bins chosen from the answers (see histogram.test.ts); every answer counted once.
    const bins = byId.years_selling?.histogram ?? [];
    expect(bins.reduce((n, b) => n + b.count, 0)).toBe(4);
    expect(bins[0]!.from).toBeLessThanOrEqual(1);
    expect(bins.at(-1)!.to).toBeGreaterThan(10);
    expect(byId.order_value_rmb).toMatchObject({ answered: 0, skipped: 1, numeric: null });
    expect(byId.trained?.counts).toEqual({ yes: 1, no: 1 });
    expect(byId.outlook?.counts).toEqual({ 1: 0, 2: 0, 3: 0, 4: 1, 5: 1 });
    expect(byId.outlook?.numeric).toMatchObject({ median: 4.5 });
    expect(byId.difficulty_detail?.latest?.map((a) => a.text)).toEqual(['newest', 'newer']);
  });
});
