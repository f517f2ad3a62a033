import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeBotApi, botApiHandlers } from '../../test/support/bot-api';
import { deliverChunk } from '../broadcast/consumer';
import { MemoryQueue } from '../broadcast/queue';
import { buildDeps } from '../compose';
import { createApp } from '../http/app';
import { memoryLogger } from '../shell/logger';
import { createMemoryStore } from '../store/memory';

const api = new FakeBotApi();
const server = setupServer(...botApiHandlers(api));
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

const TOKENS = {
  trainer: 'trainer-token-0123456789',
  researcher: 'research-token-0123456789',
  admin: 'admin-token-0123456789ab',
};
const env = {
  ADMIN_TOKENS: `trainer:${TOKENS.trainer},researcher:${TOKENS.researcher},admin:${TOKENS.admin}`,
  TELEGRAM_BOT_TOKEN: '1:T',
  TELEGRAM_WEBHOOK_SECRET: 's',
  TELEGRAM_BOT_INFO: JSON.stringify({ id: 1, is_bot: true, first_name: 'b', username: 'b' }),
};

async function setup() {
  const store = createMemoryStore();
  const queue = new MemoryQueue();
  const base = buildDeps(env, { store, log: memoryLogger() });
  const deps = { ...base, planner: { ...base.planner, queue } };
  for (const id of [11, 12, 13]) {
    await store.commit(
      { channel: 'telegram', userId: String(id) },
      {
        expectedVersion: 0,
        messageId: 's',
        conversation: null,
        profile: null,
        replies: [],
        effects: [
          {
            kind: 'index_user',
            user: `telegram:${id}`,
            data: { channel: 'telegram', locale: 'en', consent: true },
          },
        ],
      },
    );
  }
  const app = createApp(deps);
  const call = (method: string, path: string, token?: string, body?: unknown) =>
    app.request(`/admin/api${path}`, {
      method,
      headers: {
        'Content-Type': 'application/json',
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  return {
    deps,
    queue,
    call,
    drain: () => queue.drain((chunk) => deliverChunk(deps.consumer, chunk)),
  };
}

const push = {
  audience: { all: true },
  messages: { 'zh-CN': '第3课已上线', en: 'Lesson 3 is out' },
};

describe('/admin/api/broadcasts', () => {
  it('checks the role: none 401, researcher 403, trainer and admin allowed', async () => {
    const { call } = await setup();
    expect((await call('POST', '/broadcasts', undefined, push)).status).toBe(401);
    expect((await call('POST', '/broadcasts', 'not-a-real-token-at-all', push)).status).toBe(401);
    expect((await call('POST', '/broadcasts', TOKENS.researcher, push)).status).toBe(403);
    expect((await call('GET', '/broadcasts', TOKENS.researcher)).status).toBe(403);
    expect((await call('POST', '/broadcasts', TOKENS.trainer, push)).status).toBe(201);
    expect((await call('POST', '/broadcasts', TOKENS.admin, push)).status).toBe(201);
  });

  it('400 lists every problem with the body', async () => {
    const { call } = await setup();
    const res = await call('POST', '/broadcasts', TOKENS.trainer, {
      audience: { planet: 'mars' },
      messages: {},
      sendAt: 'soon',
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { fields: Record<string, string[]> };
    expect(Object.keys(body.fields).sort()).toEqual(['audience', 'messages', 'sendAt']);
  });

  it('a push goes out and its counters add up', async () => {
    api.reset({ scripts: true });
    const { call, drain } = await setup();
    const created = (await (await call('POST', '/broadcasts', TOKENS.trainer, push)).json()) as {
      id: string;
    };
    await drain();
    const status = await (await call('GET', `/broadcasts/${created.id}`, TOKENS.trainer)).json();
    expect(status).toMatchObject({
      id: created.id,
      status: 'done',
      counts: { audience: 3, sent: 3, failed: 0, blocked: 0, outsideWindow: 0, pending: 0 },
    });
    expect(api.delivered().sort()).toEqual([11, 12, 13]);
    const list = (await (await call('GET', '/broadcasts', TOKENS.trainer)).json()) as {
      jobs: { id: string }[];
    };
    expect(list.jobs.map((j) => j.id)).toEqual([created.id]);
  });

  it('cancel stops a job before it is delivered; unknown ids are 404', async () => {
    api.reset({ scripts: true });
    const { call, drain } = await setup();
    const created = (await (await call('POST', '/broadcasts', TOKENS.trainer, push)).json()) as {
      id: string;
    };
    const cancelled = await (
      await call('POST', `/broadcasts/${created.id}/cancel`, TOKENS.trainer)
    ).json();
    expect(cancelled).toMatchObject({ status: 'cancelled' });
    await drain();
    expect(api.delivered()).toEqual([]);
    expect((await call('GET', '/broadcasts/nope', TOKENS.trainer)).status).toBe(404);
    expect((await call('POST', '/broadcasts/nope/cancel', TOKENS.trainer)).status).toBe(404);
  });
});

describe('without the BROADCAST queue binding', () => {
  it('refuses to start a push or an invitation with 503, says why, and stores nothing', async () => {
    const store = createMemoryStore();
    const log = memoryLogger();
    // No `queue` override and no binding in env: what a deploy without the queue gets.
    const app = createApp(buildDeps(env, { store, log }));
    expect(log.lines.some((l) => l.event === 'broadcast_queue_missing')).toBe(true);
    const post = (path: string, body: unknown) =>
      app.request(path, {
        method: 'POST',
        headers: { Authorization: `Bearer ${TOKENS.admin}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    for (const [path, body] of [
      ['/admin/api/broadcasts', { audience: { all: true }, messages: { en: 'hi' } }],
      ['/admin/api/surveys/seller_baseline/send', { audience: { all: true } }],
    ] as const) {
      const res = await post(path, body);
      expect(res.status, path).toBe(503);
      const answer = (await res.json()) as { error: string; message: string };
      expect(answer.error).toBe('broadcast_queue_missing');
      expect(answer.message).toMatch(/BROADCAST/);
    }
    expect(await store.listJobs(10)).toEqual([]);
    expect(log.lines.filter((l) => l.event === 'broadcast_refused')).toHaveLength(2);
  });

  it('takes an in-memory queue only when a caller passes one explicitly', async () => {
    const queue = new MemoryQueue();
    const deps = buildDeps(env, { store: createMemoryStore(), log: memoryLogger(), queue });
    expect(deps.planner.queue).toBe(queue);
  });
});
