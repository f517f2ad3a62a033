import { describe, expect, it } from 'vitest';
import { buildApp, buildDeps } from '../compose';
import type { Inbound } from '../core/message';
import { memoryLogger } from '../shell/logger';
import { runTurn } from '../shell/run-turn';
import { createMemoryStore } from '../store/memory';
import { overviewSchema } from './overview';

const TOKENS = {
  admin: 'admin-token-0123456789ab',
  trainer: 'trainer-token-0123456789',
};
const env = { ADMIN_TOKENS: `admin:${TOKENS.admin},trainer:${TOKENS.trainer}` };

/** Noon on 4 December 2026 in China (04:00 UTC). */
const DAY1 = Date.UTC(2026, 11, 4, 4);
const HOUR = 3_600_000;

function setup() {
  let now = DAY1;
  const clock = () => now;
  const store = createMemoryStore({ now: clock });
  const overrides = { store, log: memoryLogger(), now: clock };
  const app = buildApp(env, overrides);
  const { turn } = buildDeps(env, overrides);
  let n = 0;
  const say = (userId: string, fields: Partial<Inbound> = {}) =>
    runTurn(turn, {
      channel: 'telegram',
      userId,
      messageId: `m${++n}`,
      kind: 'text',
      text: 'hello',
      receivedAt: now,
      localeHint: 'zh-CN',
      ...fields,
    });
  const figures = async (token = TOKENS.admin) => {
    const response = await app.request('/admin/api/overview', {
      headers: { Authorization: `Bearer ${token}` },
    });
    return { status: response.status, body: (await response.json()) as unknown };
  };
  return { say, figures, at: (ms: number) => (now = ms) };
}

describe('GET /admin/api/overview: the last 30 days', () => {
  it('counts new people, active people and messages per China day after two days of activity', async () => {
    const { say, figures, at } = setup();
    const choose = (userId: string, choiceId: string) => say(userId, { kind: 'choice', choiceId });
    // Day 1: Ana arrives and completes onboarding (6 messages, profile with consent); Bo
    // starts and picks a language (2 messages: a profile from the second on).
    await say('ana', { kind: 'start' });
    for (const id of ['zh-CN', 'farm_produce', 'hebei', 'not_selling', 'yes'])
      await choose('ana', id);
    await say('bo', { kind: 'start' });
    await choose('bo', 'en');
    // 23:30 UTC on 4 December is 07:30 on 5 December in China: day 2 already.
    at(Date.UTC(2026, 11, 4, 23, 30));
    await say('ana');
    await say('ana');
    at(Date.UTC(2026, 11, 5, 4));
    await say('cai', { kind: 'start' });
    await choose('cai', 'zh-CN');
    await say('cai');
    at(Date.UTC(2026, 11, 5, 4) + 2 * HOUR);

    const { status, body } = await figures();
    expect(status).toBe(200);
    const data = overviewSchema.parse(body);
    expect(data.timeZone).toBe('Asia/Shanghai');
    expect(data.days).toHaveLength(30);
    expect(data.days.at(-1)?.day).toBe('2026-12-05');
    expect(data.days[0]?.day).toBe('2026-11-06');
    expect(data.days.slice(-2)).toEqual([
      { day: '2026-12-04', new: 2, active: 2, messages: 8 },
      { day: '2026-12-05', new: 1, active: 2, messages: 5 },
    ]);
    expect(data.days.slice(0, -2).every((d) => d.new + d.active + d.messages === 0)).toBe(true);
    expect(data.turns).toBe(13);
    expect(data.users.total).toBe(3);
    // Province and category only of the one who gave them (and consented to keep them).
    expect(data.users.byProvince).toEqual({ hebei: 1 });
    expect(data.users.byCategory).toEqual({ farm_produce: 1 });
    expect(data.totals.surveys.total).toBeGreaterThan(0);
    expect(data.totals.courses.total).toBeGreaterThan(0);
  });

  it('is for admins only', async () => {
    const { figures } = setup();
    expect((await figures(TOKENS.trainer)).status).toBe(403);
  });
});
