import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/compose';
import { memoryLogger } from '../../src/shell/logger';
import { createMemoryStore } from '../../src/store/memory';
import { StoreUnavailableError, type Store } from '../../src/store/port';
import { FakeBotApi, botApiHandlers } from '../support/bot-api';
import {
  postUpdate,
  telegramTestEnv,
  updateFactory,
  type TestSender,
} from '../support/telegram-updates';

// Replies survive a store blip: the turn is stored before anything is sent, and whoever
// finds it stored but not delivered sends it, exactly once.

const SECRET = 'test-secret_1';
const env = telegramTestEnv(SECRET);
const api = new FakeBotApi();
const server = setupServer(...botApiHandlers(api));
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
afterEach(() => server.resetHandlers());

const li: TestSender = { id: 4242, is_bot: false, first_name: 'Li', language_code: 'en' };
const updates = updateFactory();

let log: ReturnType<typeof memoryLogger>;
beforeEach(() => {
  api.reset({ scripts: true });
  log = memoryLogger();
});

/** A memory store whose next `n` commits reach the data but whose answers are lost. */
function losingCommits(n: number, lost: 'retried' | 'thrown'): Store {
  const store = createMemoryStore();
  const commit = store.commit.bind(store);
  let left = n;
  store.commit = async (user, write) => {
    const result = await commit(user, write);
    if (left <= 0) return result;
    left -= 1;
    // 'retried': the client's retry ran the script again and found the message done.
    if (lost === 'retried') return { ok: false, reason: 'duplicate' };
    throw new StoreUnavailableError('the answer of the commit was lost');
  };
  return store;
}

const texts = () => api.of('sendMessage').map((p) => p.text as string);

describe('Telegram replies after a lost store answer', () => {
  it('sends the reply once when the commit ran but its answer was lost (client retry)', async () => {
    const store = losingCommits(1, 'retried');
    const app = buildApp(env, { store, log });
    const update = updates.text(li, '/start');
    expect((await postUpdate(app, update, SECRET)).status).toBe(200);
    const first = texts();
    expect(first.length).toBeGreaterThan(0);
    // Telegram got 200; if it re-sends anyway, nothing goes out twice.
    expect((await postUpdate(app, update, SECRET)).status).toBe(200);
    expect(texts()).toEqual(first);
    expect((await store.counters()).turns).toBe(1);
  });

  it('answers 503 when the answer is lost for good, and the re-delivery sends the reply once', async () => {
    const store = losingCommits(1, 'thrown');
    const app = buildApp(env, { store, log });
    const update = updates.text(li, '/start');
    expect((await postUpdate(app, update, SECRET)).status).toBe(503);
    expect(texts()).toEqual([]);
    // Telegram re-delivers; the turn is already stored, so it is not run again, only sent.
    expect((await postUpdate(app, update, SECRET)).status).toBe(200);
    const sent = texts();
    expect(sent.length).toBeGreaterThan(0);
    expect((await postUpdate(app, update, SECRET)).status).toBe(200);
    expect(texts()).toEqual(sent);
    expect((await store.counters()).turns).toBe(1);
  });

  it('six messages in a row over a blipping store: every reply arrives exactly once', async () => {
    const store = losingCommits(6, 'retried');
    const app = buildApp(env, { store, log });
    const flow = ['/start', '/help', '/menu', '/help', '/menu', '/help'];
    for (const body of flow)
      expect((await postUpdate(app, updates.text(li, body), SECRET)).status).toBe(200);
    const perUpdate = api.of('sendMessage').length;
    expect(perUpdate).toBeGreaterThanOrEqual(flow.length);
    expect((await store.counters()).turns).toBe(flow.length);
  });
});

describe('Telegram and the per-person rate limit', () => {
  it('answers every update 200, the person once politely, then nothing until the minute ends', async () => {
    const store = createMemoryStore();
    const app = buildApp({ ...env, RATE_LIMIT_PER_MINUTE: '5' }, { store, log });
    const statuses = [(await postUpdate(app, updates.text(li, '/help'), SECRET)).status];
    const perHelp = texts().length;
    for (let i = 1; i < 40; i++) {
      statuses.push((await postUpdate(app, updates.text(li, '/help'), SECRET)).status);
    }
    expect(statuses.every((s) => s === 200)).toBe(true);
    const sent = texts();
    const polite = sent.filter((t) => t.startsWith('You are sending messages faster'));
    expect(polite).toHaveLength(1);
    // Five turns answered, then the notice, then silence.
    expect(perHelp).toBeGreaterThan(0);
    expect(sent).toHaveLength(5 * perHelp + 1);
    expect((await store.counters()).rate_limited).toBe(35);
  });
});
