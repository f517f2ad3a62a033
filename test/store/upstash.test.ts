import { randomUUID } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { Redis as IORedis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/admin/services/questions';
import { buildApp, buildDeps, buildProgram } from '../../src/compose';
import { content } from '../../src/content';
import { withOverlay } from '../../src/content/overlay';
import { storedLessonField } from '../../src/courses/stored-lessons';
import { createOverlayCache } from '../../src/shell/overlay-cache';
import { surveyServices } from '../../src/surveys/io/services';
import { memoryLogger } from '../../src/shell/logger';
import { runTurn } from '../../src/shell/run-turn';
import { StoreUnavailableError, type Store, type UserRef } from '../../src/store/port';
import { createUpstashStore } from '../../src/store/upstash';
import { defaultRedisUrl, requireRedis } from '../support/redis-available';
import { deleteByPrefix } from '../support/redis-keys';
import { startUpstashBridge, type UpstashBridge } from '../support/upstash-bridge';
import { storeContract, type StoreFixture } from './contract';

const ok = await requireRedis();
if (!ok) {
  console.warn(
    `Skipping the Upstash store contract: Redis is not reachable at ${defaultRedisUrl()} ` +
      '(start Redis or set REDIS_URL; with CI set this is a failure instead).',
  );
}
const suite = ok ? describe : describe.skip;

const user: UserRef = { channel: 'webchat', userId: 'round-trips' };

suite('upstash store over the bridge and a real Redis', () => {
  let bridge: UpstashBridge;
  let raw: IORedis;

  beforeAll(async () => {
    bridge = await startUpstashBridge();
    raw = new IORedis(defaultRedisUrl());
  });

  afterAll(async () => {
    await raw?.quit();
    await bridge?.close();
  });

  const setup = async (): Promise<StoreFixture & { store: Store }> => {
    const prefix = `test:store:${randomUUID()}:`;
    return {
      // Generous timeout: the suite shares 2 cores; the dead-store tests below check fail-fast.
      store: createUpstashStore({
        url: bridge.url,
        token: bridge.token,
        prefix,
        timeoutMs: 15_000,
      }),
      keyTtl: (key: string) => raw.ttl(`${prefix}${key}`),
      keyExists: async (key: string) => (await raw.exists(`${prefix}${key}`)) === 1,
      cleanup: () => deleteByPrefix(prefix, raw),
    };
  };

  storeContract('upstash', setup);

  describe('round trips', () => {
    it('costs one request per load and one per commit once the script is cached', async () => {
      const { store, cleanup } = await setup();
      try {
        const cost = async (run: () => Promise<unknown>) => {
          const before = bridge.requests;
          await run();
          return bridge.requests - before;
        };
        // EVALSHA of an unknown script fails with NOSCRIPT and the client falls back to EVAL.
        await raw.script('FLUSH');
        const firstLoad = await cost(() => store.load(user, 'm1'));
        expect(firstLoad).toBeGreaterThanOrEqual(1);
        expect(firstLoad).toBeLessThanOrEqual(2);
        expect(await cost(() => store.load(user, 'm1'))).toBe(1);
        const first = await cost(async () => {
          expect(await store.commit(user, write(0, 'm1'))).toEqual({ ok: true, version: 1 });
        });
        expect(first).toBeGreaterThanOrEqual(1);
        expect(first).toBeLessThanOrEqual(2);

        expect(await cost(() => store.commit(user, write(1, 'm2')))).toBe(1);
        expect(await cost(() => store.commit(user, write(1, 'm3')))).toBe(1); // conflict
        expect(await cost(() => store.commit(user, write(2, 'm2')))).toBe(1); // duplicate
        expect(await cost(() => store.load(user, 'm2'))).toBe(1); // handled
      } finally {
        await cleanup();
      }
    });

    it('runs a whole turn in two requests, and a re-delivery in one', async () => {
      const { store, cleanup } = await setup();
      try {
        const deps = { program: buildProgram(), store, now: () => 0, log: memoryLogger() };
        const inbound = {
          channel: 'webchat' as const,
          userId: 'turn',
          messageId: 'm1',
          kind: 'text' as const,
          text: 'hello',
          receivedAt: 0,
        };
        await store.commit({ channel: 'webchat', userId: 'warm-up' }, write(0, 'warm-up'));
        let before = bridge.requests;
        const outcome = await runTurn(deps, inbound);
        expect(bridge.requests - before).toBe(2);
        before = bridge.requests;
        expect((await runTurn(deps, inbound)).replies).toStrictEqual(outcome.replies);
        expect(bridge.requests - before).toBe(1);
      } finally {
        await cleanup();
      }
    });
  });
});

describe.runIf(ok)('a turn with a stale survey catalogue', () => {
  it('still costs two requests: the load reads the catalogue', async () => {
    const bridge = await startUpstashBridge();
    const prefix = `test:catalog:${randomUUID()}:`;
    const store = createUpstashStore({ url: bridge.url, token: bridge.token, prefix });
    const raw = new IORedis(defaultRedisUrl());
    let now = 1_000_000;
    try {
      const log = memoryLogger();
      const surveys = surveyServices({
        store,
        content: content.surveys,
        secret: 'catalog-secret',
        now: () => now,
        log,
      });
      const deps = {
        program: buildProgram(),
        store,
        now: () => now,
        log,
        surveys: surveys.catalog,
        pseudonym: surveys.pseudonym,
      };
      await store.commit({ channel: 'webchat', userId: 'warm-up' }, write(0, 'warm-up'));
      const hello = (messageId: string) => ({
        channel: 'webchat' as const,
        userId: 'cat',
        messageId,
        kind: 'text' as const,
        text: 'hello',
        receivedAt: 0,
      });
      for (const [i, state] of ['cold', 'fresh', 'stale'].entries()) {
        if (state === 'stale') now += 60_000;
        const before = bridge.requests;
        await runTurn(deps, hello(`m${i}`));
        expect(bridge.requests - before, `${state} catalogue`).toBe(2);
      }
      expect(Object.keys(surveys.catalog.current())).toEqual(
        content.surveys.map((survey) => survey.id),
      );
    } finally {
      await deleteByPrefix(prefix, raw);
      raw.disconnect();
      await bridge.close();
    }
  });
});

describe.runIf(ok)('a turn after a lesson is published or unpublished', () => {
  it('sees the overlay through its own load: still two requests, rebuilt once per version', async () => {
    const bridge = await startUpstashBridge();
    const prefix = `test:overlay:${randomUUID()}:`;
    const store = createUpstashStore({ url: bridge.url, token: bridge.token, prefix });
    const raw = new IORedis(defaultRedisUrl());
    try {
      const course = content.courses[0]!;
      const lesson = { ...course.lessons[0]!, id: 'published_live', order: 39 };
      const field = storedLessonField(course.id, lesson.id);
      const stored = { course: course.id, lesson, version: 1, at: 1, by: 'trainer', hash: 'h' };
      let builds = 0;
      let bundle = content;
      const overlay = createOverlayCache((material) => {
        builds += 1;
        bundle = withOverlay(content, material.kinds);
        return buildProgram(bundle);
      });
      const deps = { program: buildProgram(), store, now: () => 0, log: memoryLogger(), overlay };
      const lessonIds = () =>
        bundle.courses.find((c) => c.id === course.id)!.lessons.map((l) => l.id);
      await store.commit({ channel: 'webchat', userId: 'warm-up' }, write(0, 'warm-up'));
      const hello = (messageId: string) => ({
        channel: 'webchat' as const,
        userId: 'overlay',
        messageId,
        kind: 'text' as const,
        text: 'hello',
        receivedAt: 0,
      });
      const turn = async (messageId: string) => {
        const before = bridge.requests;
        await runTurn(deps, hello(messageId));
        return bridge.requests - before;
      };
      expect(await turn('m1')).toBe(2);
      expect(lessonIds()).not.toContain(lesson.id);
      await store.writeOverlay('lessons', field, stored, { version: 1 });
      expect(await turn('m2')).toBe(2);
      expect(lessonIds()).toContain(lesson.id);
      const afterPublish = builds;
      expect(await turn('m3')).toBe(2);
      expect(builds).toBe(afterPublish);
      await store.writeOverlay('lessons', field, null, { unpublished: true });
      expect(await turn('m4')).toBe(2);
      expect(lessonIds()).not.toContain(lesson.id);
    } finally {
      await deleteByPrefix(prefix, raw);
      raw.disconnect();
      await bridge.close();
    }
  });
});

describe.runIf(ok)('a trainer answer written through the service', () => {
  it('is found by a turn on a fresh isolate and by /api/ask, the load still the only read', async () => {
    const bridge = await startUpstashBridge();
    const prefix = `test:faq:${randomUUID()}:`;
    const store = createUpstashStore({ url: bridge.url, token: bridge.token, prefix });
    const raw = new IORedis(defaultRedisUrl());
    try {
      const overrides = { store, log: memoryLogger(), now: () => 5_000 };
      const writer = buildDeps({}, overrides);
      const entry = {
        id: 'honey_in_glass',
        question: {
          'zh-CN': '蜂蜜用玻璃瓶寄会不会碎？',
          en: 'Will honey in glass jars break in the post?',
        },
        answer: {
          'zh-CN': '玻璃瓶要单独用气泡膜包好，瓶口封膜，箱内塞满缓冲物。',
          en: 'Wrap each glass jar in bubble wrap, seal the lid with film and fill the box with padding.',
        },
        experience: true,
      };
      const trainer = { label: 'trainer', role: 'trainer' as const, via: 'token' as const };
      expect(await answerQuestion(writer, trainer, entry)).toMatchObject({ ok: true });
      expect(await store.overlayHistory('faq', entry.id)).toStrictEqual([
        { entry: { ...entry, also: [] }, by: 'trainer', at: 5_000 },
      ]);
      // Another isolate: its own overlay cache, built from the bundle only.
      const { turn } = buildDeps({}, overrides);
      await store.commit({ channel: 'webchat', userId: 'warm-up' }, write(0, 'warm-up'));
      const before = bridge.requests;
      const outcome = await runTurn(turn, {
        channel: 'webchat',
        userId: 'faq',
        messageId: 'm1',
        kind: 'text',
        text: 'will my honey glass jars break?',
        receivedAt: 0,
        localeHint: 'en',
      });
      expect(bridge.requests - before).toBe(2);
      expect(JSON.stringify(outcome.replies)).toContain('bubble wrap');
      // /api/ask outside a turn: the version, then the overlay once; then the version only.
      const app = buildApp({}, overrides);
      const ask = async () => {
        const start = bridge.requests;
        const res = await app.request('/api/ask', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ question: 'will my honey glass jars break?' }),
        });
        return { body: JSON.stringify(await res.json()), requests: bridge.requests - start };
      };
      const first = await ask();
      expect(first.body).toContain('bubble wrap');
      expect(first.requests).toBeLessThanOrEqual(2);
      const again = await ask();
      expect(again.body).toContain('bubble wrap');
      expect(again.requests).toBe(1);
    } finally {
      await deleteByPrefix(prefix, raw);
      raw.disconnect();
      await bridge.close();
    }
  });
});

function write(expectedVersion: number, messageId: string) {
  return {
    expectedVersion,
    messageId,
    conversation: { at: null },
    profile: null,
    replies: ['ok'],
    effects: [{ kind: 'count' as const, counter: 'turns' }],
  };
}

describe('upstash store that cannot reach its server', () => {
  const dead = (url: string) =>
    createUpstashStore({ url, token: 'token', prefix: 'test:dead:', timeoutMs: 500, retries: 1 });

  const expectUnavailable = async (store: Store, label: string) => {
    const started = performance.now();
    await expect(store.load(user, 'm1')).rejects.toBeInstanceOf(StoreUnavailableError);
    console.info(`${label}: load failed after ${Math.round(performance.now() - started)} ms`);
    await expect(store.commit(user, write(0, 'm1'))).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.counters()).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.readLog('answers')).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(await store.ping()).toBe(false);
  };

  it('rejects with StoreUnavailableError when the port is closed', async () => {
    await expectUnavailable(dead('http://127.0.0.1:9'), 'closed port');
  });

  it('rejects with StoreUnavailableError when the server never answers', async () => {
    // Accepts connections and then says nothing: only the client's timeout can end the wait.
    const sockets = new Set<Socket>();
    const server: Server = createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const address = server.address();
      if (address === null || typeof address === 'string') throw new Error('no port');
      await expectUnavailable(dead(`http://127.0.0.1:${address.port}`), 'silent server');
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
