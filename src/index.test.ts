import { afterEach, describe, expect, it, vi } from 'vitest';
import worker from './index';

const ctx = { waitUntil: () => undefined, passThroughOnException: () => undefined, props: {} };

/** Call the Worker's exported `fetch` as workerd would. */
async function call(path: string, env: Record<string, unknown>) {
  const response = await worker.fetch(
    new Request(`http://localhost${path}`),
    env,
    ctx as unknown as ExecutionContext,
  );
  return { status: response.status, body: await response.text() };
}

describe('the Worker with a configuration error', () => {
  afterEach(() => vi.restoreAllMocks());
  // A bot token without its webhook secret: parseConfig names TELEGRAM_WEBHOOK_SECRET.
  const broken = { TELEGRAM_BOT_TOKEN: '1:T' };

  it('answers /healthz 503 misconfigured and names nothing', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const answer = await call('/healthz', broken);
    expect(answer.status).toBe(503);
    expect(JSON.parse(answer.body)).toEqual({ ok: false, error: 'misconfigured' });
    expect(answer.body).not.toContain('TELEGRAM');
    // The detail goes to the log, where the operator looks.
    expect(error.mock.calls.flat().join('\n')).toContain('TELEGRAM_WEBHOOK_SECRET');
  });

  it('answers every other route 503 without the detail', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    for (const path of ['/', '/admin/login', '/telegram/webhook', '/nowhere']) {
      const answer = await call(path, broken);
      expect(answer.status, path).toBe(503);
      expect(JSON.parse(answer.body), path).toEqual({ error: 'misconfigured' });
    }
  });

  it('serves normally once configured', async () => {
    const answer = await call('/healthz', {});
    expect(answer.status).toBe(200);
  });
});
