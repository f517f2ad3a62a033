import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { telegramSender } from '../channels/telegram/sender';
import { memoryLogger } from '../shell/logger';
import { createMemoryStore } from '../store/memory';
import type { Store } from '../store/port';
import type { SendResult, Sender } from './senders';
import { seedTelegramAudience } from '../../test/support/audience';
import { FakeBotApi, botApiHandlers } from '../../test/support/bot-api';
import { courseSet, type Recipient } from './audience';
import { deliverChunk, type ConsumerDeps } from './consumer';
import { Pacer, type Timing } from './pacer';
import { cancelJob, createJob, jobStatus, startDueJobs, type PlannerDeps } from './planner';
import { MemoryQueue, type ChunkResult } from './queue';

const api = new FakeBotApi();
const server = setupServer(...botApiHandlers(api));
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

const telegram = {
  token: '1:T',
  webhookSecret: 's',
  apiRoot: undefined,
  botInfo: { id: 1, is_bot: true, first_name: 'b', username: 'b' },
} as unknown as Parameters<typeof telegramSender>[0];

/** A clock that moves only when something sleeps, so pacing is measured, not waited for. */
function fakeTiming(): Timing & { elapsed(): number } {
  let t = 0;
  return { now: () => t, sleep: async (ms) => void (t += ms), elapsed: () => t };
}

/** Users 1..n; every fourth subscribes to the shipping course; provinces alternate. */
function seed(store: Store, n: number, extra: (i: number) => object = () => ({})) {
  return seedTelegramAudience(store, n, {
    fields: (i) => ({ province: i % 3 ? 'zhejiang' : 'anhui', ...extra(i) }),
    effects: (i) =>
      i % 4 === 0 ? [{ kind: 'set_add', set: courseSet('shipping'), member: `telegram:${i}` }] : [],
  });
}

function setup(options: { redeliver?: boolean; consumer?: Partial<ConsumerDeps> } = {}) {
  const store = createMemoryStore();
  const timing = fakeTiming();
  const queue = new MemoryQueue({ redeliverEvery: options.redeliver ?? true, maxAttempts: 10 });
  const blocked: Recipient[] = [];
  let id = 0;
  const planner: PlannerDeps = {
    store,
    queue,
    log: memoryLogger(),
    now: () => 1_000_000,
    newId: () => `job${++id}`,
    chunkSize: 7,
  };
  const consumer: ConsumerDeps = {
    store,
    senders: { telegram: telegramSender(telegram) },
    timing,
    log: memoryLogger(),
    pacer: new Pacer(25, timing),
    maxRetryWaitSeconds: 10,
    transientAttempts: 3,
    transientRetries: 2,
    transientDelaysSeconds: [30, 120],
    onBlocked: async (r) => void blocked.push(r),
    ...options.consumer,
  };
  /** What the consumer answered, delivery by delivery. */
  const results: ChunkResult[] = [];
  const drain = () =>
    queue.drain(async (chunk) => {
      const result = await deliverChunk(consumer, chunk);
      results.push(result);
      return result;
    });
  return { store, timing, queue, planner, consumer, blocked, drain, results };
}

describe('broadcast delivery', () => {
  it('every recipient gets exactly one message despite 429s, 500s, 403s and redelivery of every chunk', async () => {
    api.reset({ scripts: true });
    const { store, planner, blocked, drain, queue } = setup();
    await seed(store, 60);
    api.blockChat(5);
    api.blockChat(42);
    api.fail('sendMessage', 429, 'Too Many Requests: retry after 2', 1, 2);
    api.fail('sendMessage', 500, 'Internal Server Error', 2);
    const job = await createJob(
      planner,
      {
        audience: { all: true },
        messages: { 'zh-CN': '新课上线', en: 'New lesson' },
        kind: 'announcement',
      },
      'trainer',
    );
    expect(await drain()).toEqual([]);
    expect(queue.deliveries).toBe(2 * Math.ceil(60 / 7));

    const delivered = api.delivered();
    expect(new Set(delivered).size).toBe(delivered.length);
    expect(delivered.sort((a, b) => a - b)).toEqual(
      Array.from({ length: 60 }, (_, i) => i + 1).filter((i) => i !== 5 && i !== 42),
    );
    expect(blocked.map((r) => r.ref).sort()).toEqual(['telegram:42', 'telegram:5']);
    const status = await jobStatus(store, job.id);
    expect(status?.status).toBe('done');
    expect(status?.counts).toEqual({
      audience: 60,
      sent: 58,
      failed: 0,
      blocked: 2,
      outsideWindow: 0,
      cancelled: 0,
      pending: 0,
    });
    const zh = api.of('sendMessage').find((m) => m.chat_id === 1);
    const en = api.of('sendMessage').find((m) => m.chat_id === 2);
    expect([zh?.text, en?.text]).toEqual(['新课上线', 'New lesson']);
  });

  it('a 5xx that does not pass counts as failed once, after quick tries and queue retries', async () => {
    api.reset({ scripts: true });
    const { store, planner, drain, results } = setup({ redeliver: false });
    await seed(store, 1);
    api.fail('sendMessage', 502, 'Bad Gateway', 100);
    const job = await createJob(
      planner,
      { audience: { all: true }, messages: { en: 'x' }, kind: 'announcement' },
      't',
    );
    expect(await drain()).toEqual([]);
    expect((await jobStatus(store, job.id))?.counts).toMatchObject({
      sent: 0,
      failed: 1,
      pending: 0,
    });
    // Three quick tries in each of three deliveries: the first and two queue retries.
    expect(api.of('sendMessage')).toHaveLength(9);
    expect(results).toEqual([
      { ack: false, delaySeconds: 30 },
      { ack: false, delaySeconds: 120 },
      { ack: true },
    ]);
  });

  it('a long retry_after hands the chunk back to the queue and resumes where it stopped', async () => {
    api.reset({ scripts: true });
    const { store, planner, consumer } = setup();
    await seed(store, 3);
    api.fail('sendMessage', 429, 'Too Many Requests: retry after 60', 1, 60);
    const queue = new MemoryQueue();
    const job = await createJob(
      { ...planner, queue },
      { audience: { all: true }, messages: { en: 'x' }, kind: 'announcement' },
      't',
    );
    const results: unknown[] = [];
    await queue.drain(async (chunk) => {
      const r = await deliverChunk(consumer, chunk);
      results.push(r);
      return r;
    });
    expect(results[0]).toEqual({ ack: false, delaySeconds: 60 });
    expect(api.delivered().sort()).toEqual([1, 2, 3]);
    expect((await jobStatus(store, job.id))?.counts.sent).toBe(3);
  });

  it('paces sends under the configured rate', async () => {
    api.reset({ scripts: true });
    const { store, planner, drain, timing } = setup({ redeliver: false });
    await seed(store, 50);
    await createJob(
      planner,
      { audience: { all: true }, messages: { en: 'x' }, kind: 'announcement' },
      't',
    );
    await drain();
    // 50 sends at 25 a second need at least (50 - chunks) / 25 seconds of spacing.
    expect(timing.elapsed()).toBeGreaterThanOrEqual(((50 - Math.ceil(50 / 7)) / 25) * 1000);
  });

  it('filters audiences: course subscribers, locale and province, consent and blocked people', async () => {
    api.reset({ scripts: true });
    const { store, planner, drain } = setup({ redeliver: false });
    await seed(store, 24, (i) =>
      i === 8 ? { active: false } : i === 12 ? { consent: false } : {},
    );
    await createJob(
      planner,
      { audience: { course: 'shipping' }, messages: { en: 'c' }, kind: 'course_update' },
      't',
    );
    await drain();
    expect(api.delivered().sort((a, b) => a - b)).toEqual([4, 12, 16, 20, 24]);
    api.reset();
    await createJob(
      planner,
      {
        audience: { locale: 'en', province: 'anhui' },
        messages: { en: 'f' },
        kind: 'announcement',
      },
      't',
    );
    await drain();
    expect(api.delivered().sort((a, b) => a - b)).toEqual([6, 18, 24]);
  });

  it('cancel stops a running job: queued recipients are counted as cancelled', async () => {
    api.reset({ scripts: true });
    const { store, planner, drain } = setup({ redeliver: false });
    await seed(store, 20);
    const job = await createJob(
      planner,
      { audience: { all: true }, messages: { en: 'x' }, kind: 'announcement' },
      't',
    );
    await cancelJob(store, job.id);
    await drain();
    expect(api.delivered()).toEqual([]);
    expect(await jobStatus(store, job.id)).toMatchObject({
      status: 'cancelled',
      counts: { audience: 20, cancelled: 20, pending: 0 },
    });
  });

  it('cancel takes effect before the next message, not the next chunk, and the counts stay true', async () => {
    api.reset({ scripts: true });
    const { store, planner, consumer, drain } = setup({ redeliver: false });
    await seed(store, 20);
    const real = telegramSender(telegram);
    let sends = 0;
    let jobId = '';
    // The trainer presses Cancel while the first chunk (7 people) is on its third message.
    consumer.senders = {
      telegram: {
        send: async (recipient, text, choices) => {
          const result = await real.send(recipient, text, choices);
          if (++sends === 3) await cancelJob(store, jobId);
          return result;
        },
      },
    };
    jobId = (
      await createJob(
        planner,
        { audience: { all: true }, messages: { en: 'x' }, kind: 'announcement' },
        't',
      )
    ).id;
    await drain();
    expect(api.delivered()).toHaveLength(3);
    expect(await jobStatus(store, jobId)).toMatchObject({
      status: 'cancelled',
      counts: { audience: 20, sent: 3, cancelled: 17, pending: 0 },
    });
  });

  it('a scheduled job waits for its time and starts once', async () => {
    api.reset({ scripts: true });
    const { store, planner, drain } = setup({ redeliver: false });
    await seed(store, 2);
    let now = 1_000_000;
    const clock = { ...planner, now: () => now };
    const job = await createJob(
      clock,
      {
        audience: { all: true },
        messages: { en: 'later' },
        sendAt: new Date(1_060_000).toISOString(),
        kind: 'announcement',
      },
      't',
    );
    expect((await jobStatus(store, job.id))?.status).toBe('scheduled');
    expect(await startDueJobs(clock)).toBe(0);
    now = 1_060_000;
    expect(await Promise.all([startDueJobs(clock), startDueJobs(clock)])).toEqual(
      expect.arrayContaining([1]),
    );
    await drain();
    expect(api.delivered().sort()).toEqual([1, 2]);
    expect((await jobStatus(store, job.id))?.counts.audience).toBe(2);
  });
});

/** A sender whose answers a test scripts per recipient; it records every send. */
function scriptedSender(answer: (ref: string, nth: number) => SendResult) {
  const sends: string[] = [];
  const sent: Record<string, number> = {};
  const sender: Sender = {
    async send(recipient) {
      sends.push(recipient.ref);
      const result = answer(recipient.ref, sends.filter((r) => r === recipient.ref).length);
      if (result.outcome === 'sent') sent[recipient.ref] = (sent[recipient.ref] ?? 0) + 1;
      return result;
    },
  };
  /** How many sends succeeded for each ref. */
  const sentTo = () => ({ ...sent });
  return { sender, sends, sentTo };
}

const ok: SendResult = { outcome: 'sent' };
const down: SendResult = { outcome: 'transient', detail: '500: Internal Server Error' };

describe('broadcast delivery: transient failures wait in the queue', () => {
  async function start(
    n: number,
    answer: (ref: string, nth: number) => SendResult,
    consumer: Partial<ConsumerDeps> = {},
    redeliver = true,
  ) {
    const scripted = scriptedSender(answer);
    const ctx = setup({
      redeliver,
      consumer: {
        senders: { telegram: scripted.sender },
        transientAttempts: 1,
        transientRetries: 5,
        transientDelaysSeconds: [30, 120, 300, 600, 900],
        ...consumer,
      },
    });
    await seed(ctx.store, n);
    const job = await createJob(
      ctx.planner,
      { audience: { all: true }, messages: { en: 'x' }, kind: 'announcement' },
      't',
    );
    return { ...ctx, ...scripted, job };
  }

  it('a short 5xx burst loses nobody: the chunk comes back after a delay and everyone gets one copy', async () => {
    let failures = 2;
    const { drain, results, store, job, sentTo } = await start(5, () =>
      failures-- > 0 ? down : ok,
    );
    expect(await drain()).toEqual([]);
    // Two failures in a row look like an outage: the untried rest waits with the chunk.
    expect(results[0]).toEqual({ ack: false, delaySeconds: 30 });
    expect(sentTo()).toEqual({
      'telegram:1': 1,
      'telegram:2': 1,
      'telegram:3': 1,
      'telegram:4': 1,
      'telegram:5': 1,
    });
    expect((await jobStatus(store, job.id))?.counts).toMatchObject({
      audience: 5,
      sent: 5,
      failed: 0,
      pending: 0,
    });
    expect((await jobStatus(store, job.id))?.status).toBe('done');
  });

  it('one failing person does not hold back the chunk, and is counted failed once after the retries, with growing delays', async () => {
    const { drain, results, store, job, sentTo, sends } = await start(5, (ref) =>
      ref === 'telegram:2' ? down : ok,
    );
    expect(await drain()).toEqual([]);
    expect(sentTo()).toEqual({
      'telegram:1': 1,
      'telegram:3': 1,
      'telegram:4': 1,
      'telegram:5': 1,
    });
    expect(sends.filter((r) => r === 'telegram:2')).toHaveLength(6);
    expect(results.filter((r) => !r.ack)).toEqual(
      [30, 120, 300, 600, 900].map((delaySeconds) => ({ ack: false, delaySeconds })),
    );
    expect((await jobStatus(store, job.id))?.counts).toMatchObject({
      audience: 5,
      sent: 4,
      failed: 1,
      pending: 0,
    });
  });

  it('the retry limit and the delays are options; a schedule shorter than the limit repeats its last delay', async () => {
    const { drain, results, store, job, sends } = await start(1, () => down, {
      transientRetries: 3,
      transientDelaysSeconds: [60],
    });
    expect(await drain()).toEqual([]);
    expect(sends).toHaveLength(4);
    expect(results).toEqual([
      { ack: false, delaySeconds: 60 },
      { ack: false, delaySeconds: 60 },
      { ack: false, delaySeconds: 60 },
      { ack: true },
    ]);
    expect((await jobStatus(store, job.id))?.counts).toMatchObject({ failed: 1, pending: 0 });
  });

  it('a send that succeeded is recorded before anything else: a store hiccup while recording does not resend', async () => {
    const { drain, store, job, sentTo, consumer } = await start(3, () => ok, {}, false);
    let hiccups = 2;
    const record = store.recordDelivery.bind(store);
    consumer.store = {
      ...store,
      recordDelivery: async (...args) => {
        if (hiccups-- > 0) throw new Error('store unavailable');
        return record(...args);
      },
    } as Store;
    expect(await drain()).toEqual([]);
    expect(sentTo()).toEqual({ 'telegram:1': 1, 'telegram:2': 1, 'telegram:3': 1 });
    expect((await jobStatus(store, job.id))?.counts).toMatchObject({ sent: 3, pending: 0 });
  });

  it('a long retry_after after a transient failure waits for the longer of the two', async () => {
    const { drain, results, sentTo } = await start(3, (ref, nth) =>
      nth > 1 ? ok : ref === 'telegram:1' ? down : { outcome: 'retry', afterSeconds: 600 },
    );
    expect(await drain()).toEqual([]);
    expect(results[0]).toEqual({ ack: false, delaySeconds: 600 });
    expect(sentTo()).toEqual({ 'telegram:1': 1, 'telegram:2': 1, 'telegram:3': 1 });
  });
});

describe('Pacer', () => {
  it('spaces waits evenly and honours a pause', async () => {
    const timing = fakeTiming();
    const pacer = new Pacer(10, timing);
    for (let i = 0; i < 5; i++) await pacer.wait();
    expect(timing.elapsed()).toBe(400);
    pacer.pause(2000);
    await pacer.wait();
    expect(timing.elapsed()).toBe(2400);
  });
});
