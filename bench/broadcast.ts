import { seedTelegramAudience } from '../test/support/audience';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { deliverChunk, type ConsumerDeps } from '../src/broadcast/consumer';
import { jobStatus, createJob, type PlannerDeps } from '../src/broadcast/planner';
import { Pacer, realTiming } from '../src/broadcast/pacer';
import { MemoryQueue } from '../src/broadcast/queue';
import { telegramSender } from '../src/channels/telegram/sender';
import { parseConfig } from '../src/config';
import { createMemoryStore } from '../src/store/memory';
import type { Store } from '../src/store/port';
import { BOT_INFO, TELEGRAM, silentLogger } from './harness';
import { round } from './stats';

/**
 * A Bot API stand-in on loopback that, like Telegram, accepts at most `limit` messages in
 * any one second and answers the rest with 429 and `retry_after`.
 */
class RateLimitedBotApi {
  limit = 30;
  /** Accepted sends in the last second, oldest first. */
  private window: number[] = [];
  /** Every accepted send's time, in order. */
  readonly accepted: number[] = [];
  readonly deliveries = new Map<number, number>();
  limited = 0;
  private server: Server | undefined;

  answer(method: string, payload: Record<string, unknown>): { status: number; body: object } {
    if (method !== 'sendMessage') return { status: 200, body: { ok: true, result: true } };
    const now = performance.now();
    while (this.window.length > 0 && this.window[0]! <= now - 1000) this.window.shift();
    if (this.window.length >= this.limit) {
      this.limited++;
      const retryAfter = Math.max(1, Math.ceil((this.window[0]! + 1000 - now) / 1000));
      return {
        status: 429,
        body: {
          ok: false,
          error_code: 429,
          description: `Too Many Requests: retry after ${retryAfter}`,
          parameters: { retry_after: retryAfter },
        },
      };
    }
    this.window.push(now);
    this.accepted.push(now);
    const chat = Number(payload.chat_id);
    this.deliveries.set(chat, (this.deliveries.get(chat) ?? 0) + 1);
    const result = {
      message_id: this.accepted.length,
      date: 0,
      chat: { id: chat, type: 'private' },
    };
    return { status: 200, body: { ok: true, result } };
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const payload = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<
          string,
          unknown
        >;
        const { status, body } = this.answer((req.url ?? '').split('/').pop() ?? '', payload);
        res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
      });
    });
    await new Promise<void>((done) => this.server!.listen(0, '127.0.0.1', done));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((done) => (this.server ? this.server.close(() => done()) : done()));
  }

  /** Sends per second between the first and last accepted send at index >= `from`. */
  rate(from: number, to = this.accepted.length): number {
    const span = this.accepted.slice(from, to);
    if (span.length < 2) return 0;
    return ((span.length - 1) * 1000) / (span.at(-1)! - span[0]!);
  }
}

/** Options of {@link measureBroadcast}. */
export interface BroadcastOptions {
  recipients: number;
  /** Seconds the job runs at Telegram's real limit before the rest is time-compressed. */
  realScaleSeconds: number;
  /** Factor applied to both the stand-in's limit and the configured rate for the rest. */
  compression: number;
  /** Seconds of a second, small job configured at the limit itself (30/s against 30/s). */
  atLimitSeconds: number;
}

/** Defaults: 10,000 recipients, 60 s at 30/s, then 10× faster. */
export const BROADCAST_DEFAULTS: BroadcastOptions = {
  recipients: 10_000,
  realScaleSeconds: 60,
  compression: 10,
  atLimitSeconds: 15,
};

/** The broadcast figures. */
export interface BroadcastResult {
  recipients: number;
  /** Achieved sends/s at real scale (the stand-in at 30/s, the configured rate). */
  ratePerSec: number;
  limitPerSec: number;
  configuredPerSec: number;
  chunkSize: number;
  /** Sends in the real-scale window, and 429s there. */
  realScaleSends: number;
  realScale429s: number;
  /** The compressed remainder: achieved and configured rate, 429s. */
  compressed: {
    ratePerSec: number;
    configuredPerSec: number;
    limitPerSec: number;
    limited: number;
  };
  /** People who got the message more than once (extra messages counted). */
  duplicates: number;
  /** People in the audience who never got it. */
  misses: number;
  /** The job's own counters at the end. */
  counts: Record<string, number>;
  /** Configured at the limit itself: achieved rate and 429s. */
  atLimit: { configuredPerSec: number; ratePerSec: number; limited: number };
  seconds: number;
}

/** Create a job for everyone in `store` and return its queue. */
async function startJob(
  store: Store,
  chunkSize: number,
): Promise<{ id: string; queue: MemoryQueue }> {
  const queue = new MemoryQueue();
  const planner: PlannerDeps = {
    store,
    queue,
    log: silentLogger,
    now: Date.now,
    newId: () => `bench-${Date.now()}`,
    chunkSize,
  };
  const job = await createJob(
    planner,
    {
      audience: { all: true },
      messages: { 'zh-CN': '新课上线：直播带货入门。', en: 'New lesson: selling by live stream.' },
      kind: 'announcement',
    },
    'bench',
  );
  return { id: job.id, queue };
}

/**
 * Deliver queued chunks one at a time, as the Worker's queue consumer does (batch size 1,
 * concurrency 1); a chunk handed back waits its delay and is queued again. Stops when the
 * queue is empty or `stop()` says so (checked between chunks).
 */
async function drain(queue: MemoryQueue, deps: ConsumerDeps, stop: () => boolean): Promise<void> {
  while (queue.pending.length > 0 && !stop()) {
    const chunk = queue.pending.shift()!;
    const result = await deliverChunk(deps, chunk);
    if (result.ack) continue;
    await realTiming.sleep((result.delaySeconds ?? 1) * 1000);
    queue.pending.push(chunk);
  }
}

/**
 * A broadcast to 10,000 people through the real planner and consumer, the real Telegram
 * sender and a rate-limited Bot API stand-in on loopback, in real time. The first
 * `realScaleSeconds` run at Telegram's limit (30/s) and the configured rate (default 25/s);
 * the rest runs with both multiplied by `compression`, so the whole job finishes in about
 * a minute and a half and every recipient can be checked for duplicates and misses.
 */
export async function measureBroadcast(
  options: BroadcastOptions = BROADCAST_DEFAULTS,
): Promise<BroadcastResult> {
  const started = performance.now();
  const { chunkSize, perSecond } = parseConfig({}).broadcast;
  const api = new RateLimitedBotApi();
  const apiRoot = await api.start();
  try {
    const sender = telegramSender({
      token: TELEGRAM.token,
      webhookSecret: TELEGRAM.secret,
      botInfo: BOT_INFO,
      apiRoot,
    });
    const consumer = (rate: number, store: Store): ConsumerDeps => ({
      store,
      senders: { telegram: sender },
      timing: realTiming,
      log: silentLogger,
      pacer: new Pacer(rate, realTiming),
      maxRetryWaitSeconds: 10,
      transientAttempts: 3,
      onBlocked: async () => undefined,
    });

    // The job: real scale for a while, then compressed.
    const store = createMemoryStore();
    await seedTelegramAudience(store, options.recipients);
    const { id, queue } = await startJob(store, chunkSize);
    const windowEnd = performance.now() + options.realScaleSeconds * 1000;
    await drain(queue, consumer(perSecond, store), () => performance.now() >= windowEnd);
    const realScaleSends = api.accepted.length;
    const realScaleRate = api.rate(0);
    const realScale429s = api.limited;
    api.limit = 30 * options.compression;
    await drain(queue, consumer(perSecond * options.compression, store), () => false);
    const compressedRate = api.rate(realScaleSends);
    const compressedLimited = api.limited - realScale429s;
    const deliveries = [...api.deliveries.values()];
    const duplicates = deliveries.reduce((sum, n) => sum + Math.max(0, n - 1), 0);
    let misses = 0;
    for (let i = 1; i <= options.recipients; i++) if (!api.deliveries.has(i)) misses++;
    const status = await jobStatus(store, id);

    // Configured at the limit itself, briefly, on a fresh job.
    api.limit = 30;
    const atLimitStore = createMemoryStore();
    await seedTelegramAudience(atLimitStore, 2000);
    const before = { sends: api.accepted.length, limited: api.limited };
    const atLimitJob = await startJob(atLimitStore, chunkSize);
    await realTiming.sleep(1100);
    const atLimitEnd = performance.now() + options.atLimitSeconds * 1000;
    await drain(
      atLimitJob.queue,
      consumer(30, atLimitStore),
      () => performance.now() >= atLimitEnd,
    );

    return {
      recipients: options.recipients,
      ratePerSec: round(realScaleRate, 2),
      limitPerSec: 30,
      configuredPerSec: perSecond,
      chunkSize,
      realScaleSends,
      realScale429s,
      compressed: {
        ratePerSec: round(compressedRate, 1),
        configuredPerSec: perSecond * options.compression,
        limitPerSec: 30 * options.compression,
        limited: compressedLimited,
      },
      duplicates,
      misses,
      counts: { ...(status?.counts ?? {}) },
      atLimit: {
        configuredPerSec: 30,
        ratePerSec: round(api.rate(before.sends), 2),
        limited: api.limited - before.limited,
      },
      seconds: round((performance.now() - started) / 1000, 1),
    };
  } finally {
    await api.stop();
  }
}
