import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWranglerDev, type WranglerDev } from '../support/wrangler-dev.js';

// The real bundle in workerd with a secret missing: nobody but the log learns which one.

let worker: WranglerDev;

beforeAll(async () => {
  // A bot token without TELEGRAM_WEBHOOK_SECRET is a configuration error.
  worker = await startWranglerDev({
    vars: { TELEGRAM_BOT_TOKEN: '1:T' },
    ready: 'answering',
  });
});
afterAll(async () => {
  await worker?.stop();
});

async function get(path: string, init: RequestInit = {}) {
  const response = await fetch(`${worker.url}${path}`, {
    ...init,
    signal: AbortSignal.timeout(15_000),
  });
  return { status: response.status, body: await response.text() };
}

describe('a misconfigured Worker in workerd', () => {
  it('answers /healthz 503 {"ok":false,"error":"misconfigured"}', async () => {
    const answer = await get('/healthz');
    expect(answer.status).toBe(503);
    expect(JSON.parse(answer.body)).toEqual({ ok: false, error: 'misconfigured' });
  });

  it('answers every other route 503 {"error":"misconfigured"} and names no variable', async () => {
    for (const [path, init] of [
      ['/', {}],
      ['/admin/login', {}],
      ['/telegram/webhook', { method: 'POST', body: '{}' }],
    ] as const) {
      const answer = await get(path, init);
      expect(answer.status, path).toBe(503);
      expect(JSON.parse(answer.body), path).toEqual({ error: 'misconfigured' });
      expect(answer.body, path).not.toMatch(/TELEGRAM|SECRET/);
    }
  });

  it('logs the detail for the operator', async () => {
    await get('/healthz');
    await expect.poll(() => worker.logs(), { timeout: 5_000 }).toContain('TELEGRAM_WEBHOOK_SECRET');
  });
});
