import { describe, expect, it } from 'vitest';
import { buildProgram } from '../compose';
import type { Inbound } from '../core/message';
import { createMemoryStore } from '../store/memory';
import type { MemoryRedis } from '../store/memory-redis';
import { StoreUnavailableError } from '../store/port';
import { memoryLogger } from './logger';
import { mayDeliver, runTurn, TurnContentionError, type TurnDeps } from './run-turn';

function deps(): TurnDeps & { store: ReturnType<typeof createMemoryStore> } {
  return {
    program: buildProgram(),
    store: createMemoryStore(),
    now: () => 1000,
    log: memoryLogger(),
  };
}

let n = 0;
const base: Inbound = {
  channel: 'telegram',
  userId: '9',
  messageId: 'm0',
  kind: 'text',
  receivedAt: 0,
  localeHint: 'en',
};
const say = (d: TurnDeps, fields: Partial<Inbound>) =>
  runTurn(d, { ...base, messageId: `m${++n}`, ...fields } as Inbound);

async function index(d: ReturnType<typeof deps>) {
  return (await d.store.scanUsers('0')).users;
}

describe('runTurn and the audience index', () => {
  it('indexes what audiences filter on once the profile changes, and forgets on erase', async () => {
    const d = deps();
    await say(d, { kind: 'start' });
    expect(await index(d)).toEqual([]);
    await say(d, { kind: 'choice', choiceId: 'en' });
    await say(d, { kind: 'choice', choiceId: 'furniture' });
    await say(d, { kind: 'choice', choiceId: 'zhejiang' });
    await say(d, { kind: 'choice', choiceId: 'few_orders' });
    await say(d, { kind: 'choice', choiceId: 'yes' });
    expect(await index(d)).toEqual([
      {
        ref: 'telegram:9',
        data: {
          channel: 'telegram',
          locale: 'en',
          consent: true,
          category: 'furniture',
          province: 'zhejiang',
          seen: 0,
        },
      },
    ]);
    await say(d, { kind: 'command', command: 'delete_me' });
    await say(d, { kind: 'choice', choiceId: 'yes' });
    expect(await index(d)).toEqual([]);
  });

  it('does not rewrite the index on turns that leave the audience fields alone', async () => {
    const d = deps();
    await say(d, { kind: 'start' });
    await say(d, { kind: 'choice', choiceId: 'en' });
    const before = await index(d);
    await say(d, { text: 'gibberish' });
    expect(await index(d)).toEqual(before);
  });

  it('marks the day of each turn once a day, for counting active people', async () => {
    let now = Date.UTC(2026, 0, 1, 9);
    const d = { ...deps(), now: () => now };
    await say(d, { kind: 'start' });
    await say(d, { kind: 'choice', choiceId: 'en' });
    const day = Math.floor(now / 86_400_000);
    expect((await index(d))[0]?.data).toMatchObject({ locale: 'en', seen: day });
    now += 18 * 60 * 60 * 1000;
    await say(d, { text: 'gibberish' });
    expect((await index(d))[0]?.data).toMatchObject({ seen: day + 1 });
    // A conversation that expired after 30 idle days still counts the comeback.
    now += 40 * 86_400_000;
    await say(d, { text: 'hello again' });
    expect((await index(d))[0]?.data).toMatchObject({ seen: day + 41 });
  });
});

describe('runTurn: one person, many messages at once', () => {
  const hello = (i: number): Inbound => ({
    channel: 'webchat',
    userId: 'burst',
    messageId: `b${i}`,
    kind: 'text',
    text: `hello ${i}`,
    receivedAt: 0,
  });

  it.each([20, 50])(
    'processes a burst of %i in arrival order, none lost, none twice',
    async (n) => {
      const d = { ...deps(), now: () => Date.now() };
      const finished: number[] = [];
      const outcomes = await Promise.all(
        Array.from({ length: n }, (_, i) =>
          runTurn(d, hello(i)).then((outcome) => {
            finished.push(i);
            return outcome;
          }),
        ),
      );
      expect(outcomes.every((o) => !o.duplicate && o.replies.length > 0)).toBe(true);
      expect(finished).toEqual(Array.from({ length: n }, (_, i) => i));
      expect((await d.store.counters()).turns).toBe(n);
      expect((await d.store.load({ channel: 'webchat', userId: 'burst' }, 'probe')).version).toBe(
        n,
      );
    },
  );

  it('gives up with a contention error when the lease never comes free', async () => {
    let now = 0;
    const d = { ...deps(), now: () => now, sleep: async (ms: number) => void (now += ms) };
    const user = { channel: 'webchat', userId: 'burst' };
    await d.store.load(user, 'x', { token: 'stuck', now: 0, leaseMs: 60_000, waiterMs: 1000 });
    await expect(runTurn(d, hello(1))).rejects.toBeInstanceOf(TurnContentionError);
  });
});

describe('runTurn: replies are never lost with a commit answer', () => {
  it('owns the replies of its own commit whose answer was lost (the client retried: duplicate)', async () => {
    const d = deps();
    const real = d.store.commit.bind(d.store);
    let lost = 0;
    d.store.commit = async (user, write) => {
      const result = await real(user, write);
      // Redis ran it; the answer never came back, and the client's retry found it done.
      if (lost++ === 0) return { ok: false, reason: 'duplicate' };
      return result;
    };
    const outcome = await say(d, { kind: 'start' });
    expect(outcome.duplicate).toBe(true);
    expect(outcome.owner).toBe(outcome.token);
    expect(outcome.replies.length).toBeGreaterThan(0);
    expect(await mayDeliver(d.store, { ...base, messageId: `m${n}` }, outcome)).toBe(true);
  });

  it('lets exactly one re-delivery take over replies an earlier attempt never sent', async () => {
    const d = deps();
    const first = await say(d, { kind: 'start', messageId: 'once' });
    // That attempt's isolate died before sending: Telegram re-delivers, twice at once.
    const again = await Promise.all([1, 2].map(() => say(d, { kind: 'start', messageId: 'once' })));
    const inbound = { ...base, messageId: 'once' };
    const allowed = await Promise.all(again.map((o) => mayDeliver(d.store, inbound, o)));
    expect(allowed.filter(Boolean)).toHaveLength(1);
    expect(again[0]?.replies).toEqual(first.replies);
    await d.store.markDelivered({ channel: 'telegram', userId: '9' }, 'once');
    const late = await say(d, { kind: 'start', messageId: 'once' });
    expect(await mayDeliver(d.store, inbound, late)).toBe(false);
  });

  it('gives the lease back when the commit fails, so the next message is not held up', async () => {
    const d = deps();
    const real = d.store.commit.bind(d.store);
    d.store.commit = async () => {
      throw new StoreUnavailableError('down');
    };
    await expect(say(d, { kind: 'start' })).rejects.toBeInstanceOf(StoreUnavailableError);
    d.store.commit = real;
    const snap = await d.store.load({ channel: 'telegram', userId: '9' }, 'next', {
      token: 'n',
      now: 1000,
      leaseMs: 1000,
      waiterMs: 1000,
    });
    expect(snap.waiting).toBeUndefined();
  });
});

describe('runTurn: per-person rate limit', () => {
  it('answers once politely over the limit, then stays silent until the minute is over', async () => {
    let now = Date.UTC(2026, 0, 1, 9, 0, 0);
    const d = { ...deps(), now: () => now, perMinute: 3 };
    for (let i = 0; i < 3; i++) {
      const o = await say(d, { text: 'hello' });
      expect(o.replies.length).toBeGreaterThan(0);
      expect(o.replies[0]?.text).not.toBe(d.program.t('en', 'errors.rate_limited'));
    }
    const over = await say(d, { text: 'hello' });
    expect(over.replies.map((r) => r.text)).toEqual([d.program.t('en', 'errors.rate_limited')]);
    expect((await say(d, { text: 'hello' })).replies).toEqual([]);
    expect((await say(d, { text: 'hello' })).replies).toEqual([]);
    expect((await d.store.counters()).rate_limited).toBe(3);
    now += 60_000;
    const back = await say(d, { text: 'hello' });
    expect(back.replies[0]?.text).not.toBe(d.program.t('en', 'errors.rate_limited'));
    // A re-delivery of a limited message is still a duplicate (no second effect).
    expect((await say(d, { text: 'hello', messageId: `m${n}` })).duplicate).toBe(true);
  });

  it('keeps the conversation as it was while a person is over the limit', async () => {
    let now = Date.UTC(2026, 0, 1, 9, 0, 0);
    const d = { ...deps(), now: () => now, perMinute: 1 };
    await say(d, { kind: 'start' });
    const before = await d.store.load({ channel: 'telegram', userId: '9' }, 'probe');
    await say(d, { kind: 'choice', choiceId: 'en' });
    expect(await d.store.load({ channel: 'telegram', userId: '9' }, 'probe')).toEqual(before);
    now += 60_000;
    await say(d, { kind: 'choice', choiceId: 'en' });
    const after = await d.store.load({ channel: 'telegram', userId: '9' }, 'probe');
    expect(after.version).toBe(before.version + 1);
  });
});

describe('runTurn: /delete_me leaves no trace', () => {
  it('removes conversation, profile, version, stored replies and the rate window', async () => {
    let db: MemoryRedis | undefined;
    const prefix = 'erase:';
    const store = createMemoryStore({ prefix, inspect: (x) => (db = x) });
    const d = { ...deps(), store, now: () => Date.UTC(2026, 0, 1, 9), perMinute: 30 };
    await say(d, { kind: 'start' });
    await say(d, { kind: 'choice', choiceId: 'en' });
    await say(d, { kind: 'command', command: 'delete_me' });
    await say(d, { kind: 'choice', choiceId: 'yes' });
    const left = [...(db?.keys() ?? [])].filter((k) => k.includes('telegram:9'));
    // Only message ids remain (to refuse re-deliveries), with no content.
    expect(left.every((k) => k.startsWith(`${prefix}msg:telegram:9:`))).toBe(true);
    for (const key of left) expect(db?.get(key)).toMatch(/^[od]:/);
  });
});
