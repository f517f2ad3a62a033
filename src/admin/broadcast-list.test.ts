import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_TEST_TOKENS, adminTestApp, type AdminTestApp } from '../../test/support/admin-app';
import { FakeBotApi, botApiHandlers } from '../../test/support/bot-api';
import { deliverChunk } from '../broadcast/consumer';
import type { Sender } from '../broadcast/senders';
import { ensureJob } from '../courses/shell/jobs';
import { firstLine, jobCreator } from './broadcast-view';

const api = new FakeBotApi();
const server = setupServer(...botApiHandlers(api));
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

let t: AdminTestApp;
beforeEach(async () => {
  api.reset({ scripts: true });
  t = adminTestApp();
  await t.seedUsers([
    { id: 11 },
    { id: 12, locale: 'en' },
    { id: 13 },
    { id: 21, channel: 'wechat' },
  ]);
});

function call(method: string, path: string, token: string, body?: unknown) {
  return t.app.request(`/admin/api${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

interface Listed {
  id: string;
  kind: string;
  subject?: Record<string, unknown>;
  creator?: Record<string, unknown>;
  firstLine?: Record<string, string>;
  channels?: Record<string, Record<string, number>>;
}

/** Deliver what is queued, WeChat through a sender that says the person is outside the window. */
async function drain(): Promise<void> {
  const wechat: Sender = { send: () => Promise.resolve({ outcome: 'outsideWindow' }) };
  const consumer = { ...t.deps.consumer, senders: { ...t.deps.consumer.senders, wechat } };
  await t.queue.drain((chunk) => deliverChunk(consumer, chunk));
}

describe('GET /admin/api/broadcasts names every push', () => {
  it('says what each job is, who created it, its first line, and counts per channel', async () => {
    const { trainer, researcher } = ADMIN_TEST_TOKENS;
    api.blockChat(13);
    const push = await call('POST', '/broadcasts', trainer, {
      audience: { all: true },
      messages: { en: '  **Market day** moved\nto Friday', 'zh-CN': '集市改到周五' },
    });
    expect(push.status).toBe(201);
    const pushId = ((await push.json()) as { id: string }).id;
    await drain();
    const invited = await call('POST', '/surveys/seller_baseline/send', researcher, {
      audience: { all: true },
    });
    expect(invited.status).toBe(201);
    await ensureJob(
      t.deps.planner,
      'lesson-shipping-rural_network',
      { audience: { course: 'shipping' }, messages: { en: 'New lesson' }, kind: 'course_update' },
      'courses',
    );
    await ensureJob(
      t.deps.planner,
      'push-telegram-42-1',
      {
        audience: { course: 'shipping' },
        messages: { en: 'From the field' },
        kind: 'course_update',
      },
      'telegram:42',
    );
    const res = await call('GET', '/broadcasts', trainer);
    expect(res.status).toBe(200);
    const { jobs } = (await res.json()) as { jobs: Listed[] };
    const byId = new Map(jobs.map((j) => [j.id, j]));
    expect(byId.get(pushId)).toMatchObject({
      creator: { kind: 'console' },
      firstLine: { en: '**Market day** moved', 'zh-CN': '集市改到周五' },
      channels: {
        telegram: { sent: 2, failed: 0, blocked: 1, outsideWindow: 0 },
        wechat: { sent: 0, outsideWindow: 1 },
      },
    });
    expect(byId.get(pushId)?.subject).toBeUndefined();
    const survey = jobs.find((j) => j.kind === 'survey_invite');
    expect(survey?.subject).toMatchObject({
      kind: 'survey',
      id: 'seller_baseline',
      mode: 'invite',
    });
    expect(survey?.subject?.title).toBeDefined();
    expect(survey?.creator).toEqual({ kind: 'console', label: expect.any(String) as string });
    expect(byId.get('lesson-shipping-rural_network')).toMatchObject({
      subject: { kind: 'lesson', course: 'shipping', lesson: 'rural_network' },
      creator: { kind: 'system', name: 'courses' },
    });
    expect(byId.get('push-telegram-42-1')).toMatchObject({
      subject: { kind: 'course', id: 'shipping' },
      creator: { kind: 'telegram', userId: '42' },
    });
    const one = await call('GET', `/broadcasts/${pushId}`, trainer);
    expect(await one.json()).toMatchObject({ creator: { kind: 'console' }, channels: {} });
    expect((await call('GET', '/broadcasts', researcher)).status).toBe(403);
  });
});

describe('naming helpers', () => {
  it('takes the first non-empty line, folded and cut', () => {
    expect(firstLine('\n\n  a   b \nc')).toBe('a b');
    expect(firstLine('x'.repeat(100))).toHaveLength(80);
  });
  it('tells Telegram trainers, the bot and console users apart', () => {
    expect(jobCreator('telegram:7')).toEqual({ kind: 'telegram', userId: '7' });
    expect(jobCreator('courses')).toEqual({ kind: 'system', name: 'courses' });
    expect(jobCreator('li (trainer)')).toEqual({ kind: 'console', label: 'li (trainer)' });
  });
});
