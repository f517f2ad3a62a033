import { describe, expect, it } from 'vitest';
import { content } from '../../content';
import { memoryLogger } from '../../shell/logger';
import { createMemoryStore } from '../../store/memory';
import { StoreUnavailableError, type Store } from '../../store/port';
import { surveySchema } from '../schema';
import { createSurveyCatalog } from './catalog-source';
import { pseudonymizer } from './pseudonym';

const baseline = content.surveys[0]!;
const apiSurvey = surveySchema.parse({ ...baseline, id: 'api_one', version: 1, quota: 2 });

function setup() {
  const store = createMemoryStore();
  let now = 0;
  let reads = 0;
  const counting: Store = {
    ...store,
    async surveyMetas() {
      reads += 1;
      return store.surveyMetas();
    },
  };
  const log = memoryLogger();
  const catalog = createSurveyCatalog({
    store: counting,
    content: [baseline],
    now: () => now,
    log,
    ttlMs: 1000,
  });
  return { store, catalog, log, tick: (ms: number) => (now += ms), reads: () => reads };
}

describe('the survey catalogue turns read', () => {
  it('has the content surveys, and API ones once published, read at most once per TTL', async () => {
    const { store, catalog, tick, reads } = setup();
    expect(Object.keys(await catalog.catalog())).toEqual(['seller_baseline']);
    await store.addSurveyVersion('api_one', 1, apiSurvey);
    await store.saveSurveyMeta('api_one', {
      id: 'api_one',
      status: 'open',
      versions: [{ version: 1, publishedAt: 0, by: 'r' }],
    });
    expect(Object.keys(await catalog.catalog())).toEqual(['seller_baseline']);
    expect(reads()).toBe(1);
    tick(1001);
    const fresh = await catalog.catalog();
    expect(fresh.api_one).toMatchObject({
      current: 1,
      status: 'open',
      versions: { 1: { id: 'api_one' } },
    });
    catalog.invalidate();
    await Promise.all([catalog.catalog(), catalog.catalog()]);
    expect(reads()).toBe(3);
  });

  it('marks a closed survey closed and a survey at its quota full', async () => {
    const { store, catalog } = setup();
    await store.addSurveyVersion('api_one', 1, apiSurvey);
    await store.saveSurveyMeta('api_one', {
      id: 'api_one',
      status: 'open',
      versions: [{ version: 1, publishedAt: 0, by: 'r' }],
    });
    await store.saveSurveyMeta('seller_baseline', { id: 'seller_baseline', status: 'closed' });
    await store.count('survey:api_one:1:completed', 2);
    const entries = await catalog.catalog();
    expect(entries.seller_baseline?.status).toBe('closed');
    expect(entries.api_one?.status).toBe('full');
  });

  it('keeps the last catalogue (or the content surveys) when the store fails', async () => {
    const store = createMemoryStore();
    const log = memoryLogger();
    const broken: Store = {
      ...store,
      surveyMetas: () => Promise.reject(new StoreUnavailableError('down')),
    };
    const catalog = createSurveyCatalog({ store: broken, content: [baseline], now: () => 0, log });
    expect(Object.keys(await catalog.catalog())).toEqual(['seller_baseline']);
    expect(log.lines.map((l) => l.event)).toContain('survey_catalog_stale');
  });
});

describe('respondent pseudonyms', () => {
  it('are stable, keyed by the secret, never numeric, and differ by channel', async () => {
    const a = pseudonymizer('secret-a');
    const p = await a({ channel: 'telegram', userId: '42' });
    expect(p).toMatch(/^r[0-9a-f]{32}$/);
    expect(await a({ channel: 'telegram', userId: '42' })).toBe(p);
    expect(await a({ channel: 'wechat', userId: '42' })).not.toBe(p);
    expect(await pseudonymizer('secret-b')({ channel: 'telegram', userId: '42' })).not.toBe(p);
    expect(p).not.toContain('42');
  });
});
