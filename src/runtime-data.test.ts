import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RUNTIME_DATA_FILE } from '../scripts/runtime-data';
import type workerModule from './index';

// A cold isolate: fresh modules, so nothing is installed (the setup file installed the data
// in the modules the other tests share, not in these).
type Worker = typeof workerModule;
let worker: Worker;
const ctx = { waitUntil: () => undefined, passThroughOnException: () => undefined, props: {} };

beforeEach(async () => {
  vi.resetModules();
  worker = (await import('./index')).default;
});
afterEach(() => vi.restoreAllMocks());

/** An ASSETS binding that answers from the built asset (or with `status`), counting reads. */
function assets(status = 200) {
  const reads: string[] = [];
  const binding = {
    fetch: async (request: Request) => {
      reads.push(new URL(request.url).pathname);
      await new Promise((r) => setTimeout(r, 5));
      return status === 200
        ? new Response(readFileSync(RUNTIME_DATA_FILE))
        : new Response('not found', { status });
    },
  };
  return { binding, reads };
}

async function call(path: string, env: Record<string, unknown>) {
  const response = await worker.fetch(
    new Request(`http://localhost${path}`),
    env,
    ctx as unknown as ExecutionContext,
  );
  return { status: response.status, body: await response.text() };
}

const start = JSON.stringify({ userId: 'cold-1', text: '/start', locale: 'en' });

describe('a cold isolate reads its content and catalogues once, from ASSETS', () => {
  it('serves concurrent first requests after one read, and later ones with none', async () => {
    const { binding, reads } = assets();
    const env = { ASSETS: binding };
    const first = await Promise.all([call('/healthz', env), call('/healthz', env)]);
    expect(first.map((a) => a.status)).toEqual([200, 200]);
    expect(reads).toEqual(['/runtime-data.json']);
    // A turn needs the flows and the translations: both came from the asset.
    const turn = await worker.fetch(
      new Request('http://localhost/webchat/api/messages', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: start,
      }),
      env,
      ctx as unknown as ExecutionContext,
    );
    expect(turn.status).toBe(200);
    const { messages } = (await turn.json()) as { messages: { text?: string }[] };
    expect(messages.length).toBeGreaterThan(0);
    expect(JSON.stringify(messages)).not.toMatch(/"text":"[a-z_]+\.[a-z_.]+"/);
    expect(reads).toHaveLength(1);
  });

  it('answers 503 misconfigured without the binding, naming it only in the log', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const answer = await call('/healthz', {});
    expect(answer.status).toBe(503);
    expect(JSON.parse(answer.body)).toEqual({ ok: false, error: 'misconfigured' });
    expect(error.mock.calls.flat().join('\n')).toContain('ASSETS');
  });

  it('answers 503 while the asset is missing, and reads again on the next request', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const missing = assets(404);
    expect((await call('/webchat/api/messages', { ASSETS: missing.binding })).status).toBe(503);
    const present = assets();
    expect((await call('/healthz', { ASSETS: present.binding })).status).toBe(200);
    expect([missing.reads.length, present.reads.length]).toEqual([1, 1]);
  });
});
