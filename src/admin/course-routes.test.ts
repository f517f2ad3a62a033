import { describe, expect, it } from 'vitest';
import { buildApp, buildDeps } from '../compose';
import type { Inbound } from '../core/message';
import { memoryLogger } from '../shell/logger';
import { runTurn } from '../shell/run-turn';
import { createMemoryStore } from '../store/memory';
import { courseStatsSchema, coursesResponseSchema } from './course-routes';
import { copy } from '../../test/support/copy';
import { COURSE_ORDER } from '../../test/support/courses';

const TOKENS = {
  trainer: 'trainer-token-0123456789',
  researcher: 'research-token-0123456789',
  admin: 'admin-token-0123456789ab',
};
const env = {
  ADMIN_TOKENS: `trainer:${TOKENS.trainer},researcher:${TOKENS.researcher},admin:${TOKENS.admin}`,
};

function setup() {
  const store = createMemoryStore();
  const overrides = { store, log: memoryLogger() };
  const app = buildApp(env, overrides);
  const { turn } = buildDeps(env, overrides);
  const get = (token?: string, path = '/admin/api/courses') =>
    app.request(path, {
      headers: token ? { Authorization: `Bearer ${token}` } : {},
    });
  let n = 0;
  const say = (userId: string, fields: Partial<Inbound>) =>
    runTurn(turn, {
      channel: 'telegram',
      userId,
      messageId: `m${++n}`,
      kind: 'text',
      receivedAt: 0,
      localeHint: 'en',
      ...fields,
    });
  return { get, say };
}

describe('GET /admin/api/courses', () => {
  it('checks the role: none 401, researcher 403, trainer and admin allowed', async () => {
    const { get } = setup();
    expect((await get()).status).toBe(401);
    expect((await get('not-a-real-token-at-all')).status).toBe(401);
    expect((await get(TOKENS.researcher)).status).toBe(403);
    expect((await get(TOKENS.trainer)).status).toBe(200);
    expect((await get(TOKENS.admin)).status).toBe(200);
  });

  it('lists the courses with lessons, subscribers and completion rates', async () => {
    const { get, say } = setup();
    // Two people subscribe to shipping; one of them starts it, the other finishes it.
    for (const user of ['1', '2']) {
      await say(user, { kind: 'start', args: 'course_shipping' });
      await say(user, { kind: 'choice', choiceId: 'subscribe' });
    }
    await say('1', { kind: 'command', command: 'lesson' });
    await say('2', { kind: 'command', command: 'lesson', args: 'shipping' });
    for (let i = 0; i < 5; i++) {
      await say('2', { text: 'B' });
      await say('2', { kind: 'command', command: 'lesson' });
    }
    const body = coursesResponseSchema.parse(await (await get(TOKENS.trainer)).json());
    // In the catalogue's order (course.yaml `order`).
    expect(body.courses.map((c) => c.id)).toEqual(COURSE_ORDER);
    const shipping = body.courses.find((c) => c.id === 'shipping')!;
    expect(shipping).toMatchObject({
      title: { 'zh-CN': '物流与包装', en: 'Shipping and packaging' },
      level: 'beginner',
      languages: ['zh-CN', 'en'],
      subscribers: 2,
      started: 2,
      completed: 1,
      completionRate: 0.5,
    });
    expect(shipping.lessons[0]).toEqual({
      id: 'rural_network',
      order: 1,
      title: { 'zh-CN': '包裹怎么从村里出去', en: 'How parcels leave your village' },
      minutes: 3,
      quiz: true,
    });
    expect(body.courses.find((c) => c.id === 'open_shop')).toMatchObject({
      subscribers: 0,
      completionRate: 0,
    });
    // /delete_me takes the person out of every course set.
    await say('2', { kind: 'command', command: 'delete_me' });
    await say('2', { kind: 'choice', choiceId: 'yes' });
    const after = coursesResponseSchema.parse(await (await get(TOKENS.trainer)).json());
    expect(after.courses.find((c) => c.id === 'shipping')).toMatchObject({
      subscribers: 1,
      started: 1,
      completed: 0,
      completionRate: 0,
    });
  });
});

describe('GET /admin/api/courses/:id/stats', () => {
  const path = '/admin/api/courses/shipping/stats';

  it('answers trainers and admins, refuses researchers, 404 for an unknown course', async () => {
    const { get } = setup();
    expect((await get(undefined, path)).status).toBe(401);
    const refused = await get(TOKENS.researcher, path);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({
      error: 'forbidden',
      role: 'researcher',
      message: copy('admin_trust.errors.forbidden', 'zh-CN'),
    });
    expect((await get(TOKENS.trainer, path)).status).toBe(200);
    expect((await get(TOKENS.admin, path)).status).toBe(200);
    const unknown = await get(TOKENS.trainer, '/admin/api/courses/no_such_course/stats');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({
      error: 'not_found',
      message: copy('admin_trust.errors.not_found', 'zh-CN'),
    });
    const malformed = await get(TOKENS.trainer, '/admin/api/courses/Bad-Id/stats');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('counts people per lesson from the turns, once each', async () => {
    const { get, say } = setup();
    // 1 subscribes, opens lesson 1 twice and answers wrong, then right after re-opening it.
    await say('1', { kind: 'start', args: 'course_shipping' });
    await say('1', { kind: 'choice', choiceId: 'subscribe' });
    await say('1', { kind: 'command', command: 'lesson' });
    await say('1', { kind: 'command', command: 'lesson' });
    await say('1', { text: 'A' });
    // 2 answers lesson 1 right and opens lesson 2 without answering.
    await say('2', { kind: 'command', command: 'lesson', args: 'shipping' });
    await say('2', { text: 'B' });
    await say('2', { kind: 'command', command: 'lesson' });
    const res = await get(TOKENS.trainer, path);
    const body = courseStatsSchema.parse(await res.json());
    expect(body.id).toBe('shipping');
    expect(body.subscribers).toBe(1);
    expect(body.lessons.map((l) => l.id)).toEqual([
      'rural_network',
      'know_your_costs',
      'pool_parcels',
      'cold_chain',
      'packaging',
    ]);
    expect(body.lessons[0]).toEqual({
      id: 'rural_network',
      title: { 'zh-CN': '包裹怎么从村里出去', en: 'How parcels leave your village' },
      opened: 2,
      finished: 2,
      quiz: { answered: 2, right: 1, shareRight: 0.5 },
    });
    expect(body.lessons[1]).toMatchObject({
      opened: 1,
      finished: 0,
      quiz: { answered: 0, right: 0, shareRight: null },
    });
    expect(body.lessons[2]).toMatchObject({ opened: 0, finished: 0 });
  });
});
