import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../store/memory';
import { overview, userFigures, type Totals } from './overview';

const TOTALS: Totals = {
  surveys: { total: 0, byStatus: {}, invited: 0, completed: 0 },
  courses: { total: 0, subscribers: 0, started: 0, completed: 0 },
};
const totals = () => Promise.resolve(TOTALS);

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 4, 20, 12);
const today = Math.floor(NOW / DAY);

async function seeded() {
  const store = createMemoryStore({ now: () => NOW });
  const people: [string, Record<string, unknown>][] = [
    ['telegram:1', { channel: 'telegram', locale: 'zh-CN', consent: true, seen: today }],
    ['telegram:2', { channel: 'telegram', locale: 'en', consent: true, seen: today - 6 }],
    ['wechat:3', { channel: 'wechat', locale: 'zh-CN', consent: false, seen: today - 7 }],
    ['wechat:4', { channel: 'wechat', consent: true, seen: today - 29, active: false }],
    ['webchat:5', { channel: 'webchat', locale: 'en', seen: today - 30 }],
    ['telegram:6', { channel: 'telegram', locale: 'zh-CN' }],
  ];
  for (const [ref, data] of people) {
    const [channel, userId] = ref.split(':') as [string, string];
    await store.commit(
      { channel, userId },
      {
        expectedVersion: 0,
        messageId: 'm',
        conversation: null,
        profile: null,
        replies: [],
        effects: [
          { kind: 'index_user', user: ref, data },
          { kind: 'count', counter: 'turns', by: 3 },
        ],
      },
    );
  }
  return store;
}

describe('overview figures', () => {
  it('counts people by channel and language, and who was active in the last 7 and 30 days', async () => {
    expect(await userFigures(await seeded(), NOW)).toEqual({
      total: 6,
      byChannel: { telegram: 3, wechat: 2, webchat: 1 },
      byLocale: { 'zh-CN': 3, en: 2, unknown: 1 },
      consented: 3,
      inactive: 1,
      active7: 2,
      active30: 4,
      byProvince: {},
      byCategory: {},
      truncated: false,
    });
  });

  it('counts checks from the flow counters and the state of recent jobs', async () => {
    const store = await seeded();
    await store.count('flow:village:started', 5);
    await store.count('flow:village:completed', 4);
    await store.count('flow:storytelling:completed', 1);
    await store.saveJob('j1', {});
    await store.setJobState('j1', 'running');
    await store.saveJob('j2', {});
    await store.setJobState('j2', 'done');
    const figures = await overview(store, NOW, totals);
    expect(figures.checks).toEqual([
      { check: 'village', started: 5, completed: 4 },
      { check: 'logistics', started: 0, completed: 0 },
      { check: 'niche', started: 0, completed: 0 },
      { check: 'storytelling', started: 0, completed: 1 },
    ]);
    expect(figures.jobs).toEqual({ scheduled: 0, running: 1, done: 1, cancelled: 0 });
    expect(figures.turns).toBe(18);
    expect(figures.generatedAt).toBe(new Date(NOW).toISOString());
  });

  it('reuses the figures for a minute instead of scanning again', async () => {
    const store = await seeded();
    const first = await overview(store, NOW, totals);
    await store.count('turns', 100);
    expect(await overview(store, NOW + 1000, totals)).toEqual(first);
  });
});
