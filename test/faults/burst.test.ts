import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { faultSuitesCanRun, startFaultWorld, type FaultWorld } from './harness.js';

// One person's burst through the web chat of the real bundle, on real Redis: every message
// answered (no 503), each processed once, in the order the store saw them arrive. The rate
// limit is raised so that it is the queue, not the limit, that is under test.

const canRun = await faultSuitesCanRun('the burst suite');

describe.skipIf(!canRun)('same-person bursts under the real bundle', () => {
  let world: FaultWorld;
  beforeAll(async () => {
    world = await startFaultWorld('burst', { RATE_LIMIT_PER_MINUTE: '1000' });
  });
  afterAll(async () => {
    await world?.stop();
  });

  async function send(userId: string, messageId: string, text: string) {
    const res = await fetch(`${world.worker.url}/webchat/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ userId, messageId, text, locale: 'en' }),
      signal: AbortSignal.timeout(30_000),
    });
    const body = (await res.json()) as { messages?: { text: string }[] };
    return { status: res.status, texts: (body.messages ?? []).map((m) => m.text) };
  }

  it.each([20, 50])('%i concurrent messages: all answered, each once', async (n) => {
    const user = `burst-${n}`;
    expect((await send(user, 'start', '/start')).status).toBe(200);
    const before = Number(await world.redis.hget(`${world.prefix}counters`, 'turns'));
    const answers = await Promise.all(
      Array.from({ length: n }, (_, i) => send(user, `m${i}`, `/help`)),
    );
    const statuses = answers.map((a) => a.status);
    console.log(`burst of ${n}: statuses ${JSON.stringify(countBy(statuses))}`);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    expect(answers.every((a) => a.texts.length > 0)).toBe(true);
    const after = Number(await world.redis.hget(`${world.prefix}counters`, 'turns'));
    expect(after - before).toBe(n);
    const version = await world.redis.get(`${world.prefix}ver:webchat:${user}`);
    expect(Number(version)).toBe(n + 1);
    // A retried request (same messageId) gets the same answer and changes nothing.
    const again = await send(user, 'm0', '/help');
    expect(again.texts).toEqual(answers[0]?.texts);
    expect(Number(await world.redis.hget(`${world.prefix}counters`, 'turns'))).toBe(after);
  });
});

function countBy(xs: readonly number[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of xs) out[x] = (out[x] ?? 0) + 1;
  return out;
}
