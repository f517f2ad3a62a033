import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCorpus, type CorpusRequest } from './corpus.js';
import {
  ADMIN_TOKEN,
  TELEGRAM_SECRET,
  faultSuitesCanRun,
  startFaultWorld,
  type FaultWorld,
} from './harness.js';

// 2,000+ malformed requests against every POST endpoint of the real bundle in workerd (store
// on real Redis through the Upstash bridge): none may make the app answer 5xx.

const SEED = 20_240_612;
const CONCURRENCY = 8;
const REQUEST_TIMEOUT_MS = 15_000;
const RUN_BUDGET_MS = 100_000;

const canRun = await faultSuitesCanRun('the malformed-request fault suite');

describe.skipIf(!canRun)('malformed requests against the real bundle', () => {
  let world: FaultWorld;

  beforeAll(async () => {
    world = await startFaultWorld('malformed');
  });
  afterAll(async () => {
    await world?.stop();
  });

  it('no request of the corpus gets a 5xx, and the Worker stays healthy', async () => {
    const corpus = buildCorpus({
      seed: SEED,
      telegramSecret: TELEGRAM_SECRET,
      adminToken: ADMIN_TOKEN,
      wechat: world.wechatSender,
      surveyId: 'seller-baseline',
      minimum: 2_000,
    });
    expect(corpus.length).toBeGreaterThanOrEqual(2_000);

    const started = Date.now();
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let sent = 0;
    let index = 0;
    const deadline = started + RUN_BUDGET_MS;
    async function lane(): Promise<void> {
      while (index < corpus.length && Date.now() < deadline) {
        const request = corpus[index++]!;
        const status = await fire(world.worker.url, request);
        sent += 1;
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (status >= 500 || status === 0) failures.push(`${status} ${request.label}`);
      }
    }
    await Promise.all(Array.from({ length: CONCURRENCY }, lane));
    const seconds = (Date.now() - started) / 1000;
    const fiveHundreds = [...statuses].filter(([s]) => s >= 500).reduce((n, [, c]) => n + c, 0);
    console.log(
      `malformed corpus: ${sent} requests in ${seconds.toFixed(1)} s, ` +
        `${fiveHundreds} with status >= 500, ${statuses.get(0) ?? 0} without an answer; ` +
        `statuses ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}`,
    );

    expect(sent, 'the whole corpus was sent within the time budget').toBe(corpus.length);
    expect(failures.slice(0, 40)).toEqual([]);
    const health = await fetch(`${world.worker.url}/healthz`, {
      signal: AbortSignal.timeout(5_000),
    });
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true, store: 'upstash' });
  }, 150_000);
});

/** POST one request; its status, or 0 when no HTTP answer came. */
async function fire(base: string, request: CorpusRequest): Promise<number> {
  try {
    const response = await fetch(`${base}${request.path}`, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0;
  }
}
