import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/compose';
import type { Inbound } from '../../src/core/message';
import { memoryLogger } from '../../src/shell/logger';
import { runTurn, type TurnDeps } from '../../src/shell/run-turn';
import { KEY_REGISTRY, keyNames } from '../../src/store/keys';
import type { Store, TurnWrite, UserRef } from '../../src/store/port';
import { dayStatsContract } from './contract-days';
import { overlayStoreContract } from './contract-overlay';
import { surveyStoreContract } from './contract-surveys';
import { turnStoreContract } from './contract-turns';

/** What one test of the contract gets from an adapter's setup. */
export interface StoreFixture {
  /** A store over a key prefix no other test or run uses. */
  store: Store;
  /** Moves the store's clock forward (adapters with an injectable clock). */
  advance?: (ms: number) => Promise<void> | void;
  /**
   * The time to live in seconds of a key named relative to the store's prefix (as
   * `keyNames('')` names it), read from the server: -1 no expiry, -2 no such key.
   */
  keyTtl?: (key: string) => Promise<number>;
  /** Whether a key named relative to the store's prefix exists (see {@link keyTtl}). */
  keyExists: (key: string) => Promise<boolean>;
  /** Deletes everything the test wrote. */
  cleanup: () => Promise<void>;
}

const SECOND = 1000;
const DAY_SECONDS = 24 * 60 * 60;
const CONVERSATION_TTL = KEY_REGISTRY.conversation.ttlSeconds;
const HANDLED_TTL = KEY_REGISTRY.handled.ttlSeconds;
/** Slack for the seconds a TTL ticks down between the write and the read. */
const TTL_SLACK = 10;

/** Key names without the prefix, as {@link StoreFixture.keyTtl} takes them. */
const relative = keyNames('');

const alice: UserRef = { channel: 'webchat', userId: 'alice' };
const bob: UserRef = { channel: 'webchat', userId: 'bob' };

/** A turn write with harmless defaults. */
function turn(
  fields: Partial<TurnWrite> & Pick<TurnWrite, 'expectedVersion' | 'messageId'>,
): TurnWrite {
  return { conversation: { at: null }, profile: null, replies: [], effects: [], ...fields };
}

/** A 10,000-character string mixing quotes, escapes, control characters and CJK. */
const LONG = 'ab"\\\n\té中\u0000/'.repeat(1000).slice(0, 10_000);

/** Values that a careless (de)serialisation would change in value or type. */
const TRICKY_STRINGS = [
  '123',
  '0',
  '-1.5e3',
  'true',
  'false',
  'null',
  'undefined',
  'NaN',
  '{"a":1}',
  '[1,"2"]',
  '"quoted"',
  '',
  ' ',
  'OK',
  'héllo wörld 你好 мир مرحبا नमस्ते 🚀 👨‍👩‍👧 u\u0308',
  '\ud800 lone surrogate',
  LONG,
];

const NESTED = {
  a: { b: [1, '1', true, 'true', null, 'null', { c: '', d: '{"a":1}' }] },
  'key:with:colons': '🙂',
  '': 'empty key',
  deep: { deeper: { deepest: [[[]], {}, [0, -1.5, 1e21]] } },
  long: LONG,
};

/** Top-level values for conversation, profile and replies (null would mean "delete"). */
const ROUND_TRIP_VALUES: unknown[] = [...TRICKY_STRINGS, 123, 0, -1.5, true, false, [], {}, NESTED];

/** A text message from the web chat, as the channel adapter would hand it to the shell. */
function hello(userId: string, messageId: string): Inbound {
  return { channel: 'webchat', userId, messageId, kind: 'text', text: 'hello', receivedAt: 0 };
}

/**
 * Awaits every promise (so no racer still writes after cleanup) and fails on any rejection.
 */
async function allFulfilled<T>(promises: Promise<T>[]): Promise<T[]> {
  const settled = await Promise.allSettled(promises);
  expect(settled.filter((result) => result.status === 'rejected')).toStrictEqual([]);
  return settled.map((result) => (result as PromiseFulfilledResult<T>).value);
}

/**
 * Registers the store contract: the behaviour every Store adapter must share. `setup` runs
 * before each test and must hand out a store over a fresh key prefix.
 */
export function storeContract(name: string, setup: () => Promise<StoreFixture>): void {
  describe(`store contract: ${name}`, () => {
    let fixture: StoreFixture;
    let store: Store;

    beforeEach(async () => {
      fixture = await setup();
      store = fixture.store;
    });

    afterEach(async () => {
      await fixture.cleanup();
    });

    it('loads a fresh user as version 0 with nothing stored', async () => {
      expect(await store.load(alice, 'm1')).toStrictEqual({
        version: 0,
        conversation: null,
        profile: null,
        handled: null,
        recent: 0,
      });
    });

    it('round-trips JSON values with their JS types', async () => {
      for (const [i, value] of ROUND_TRIP_VALUES.entries()) {
        const result = await store.commit(
          alice,
          turn({
            expectedVersion: i,
            messageId: `m${i}`,
            conversation: value,
            profile: value,
            replies: value,
            effects: [{ kind: 'append', log: 'round-trip', entry: value }],
          }),
        );
        expect(result).toStrictEqual({ ok: true, version: i + 1 });
        const loaded = await store.load(alice, 'probe');
        const replies = (await store.load(alice, `m${i}`)).handled?.replies;
        for (const [field, got] of [
          ['conversation', loaded.conversation],
          ['profile', loaded.profile],
          ['replies', replies],
        ] as const) {
          expect(typeof got, `${field} of value #${i}`).toBe(typeof value);
          expect(got, `${field} of value #${i}`).toStrictEqual(value);
        }
      }
      // null is a legal log entry; it cannot be a conversation (null deletes).
      await store.commit(
        alice,
        turn({
          expectedVersion: ROUND_TRIP_VALUES.length,
          messageId: 'null-entry',
          effects: [{ kind: 'append', log: 'round-trip', entry: null }],
        }),
      );
      const log = await store.readLog('round-trip', 1000);
      expect(log).toStrictEqual([...ROUND_TRIP_VALUES, null]);
      expect(log.map((entry) => typeof entry)).toStrictEqual(
        [...ROUND_TRIP_VALUES, null].map((entry) => typeof entry),
      );
    });

    it('bumps the version and rejects a stale commit without any effect', async () => {
      const first = await store.commit(
        alice,
        turn({
          expectedVersion: 0,
          messageId: 'm1',
          conversation: { step: 1 },
          profile: { name: 'A' },
          replies: ['one'],
          effects: [
            { kind: 'count', counter: 'turns' },
            { kind: 'append', log: 'answers', entry: { step: 1 } },
          ],
        }),
      );
      expect(first).toStrictEqual({ ok: true, version: 1 });
      expect(
        await store.commit(alice, turn({ expectedVersion: 1, messageId: 'm2', conversation: 2 })),
      ).toStrictEqual({ ok: true, version: 2 });
      await store.commit(
        alice,
        turn({ expectedVersion: 2, messageId: 'm3', conversation: { step: 3 }, profile: { n: 3 } }),
      );

      const before = {
        snapshot: await store.load(alice, 'stale'),
        counters: await store.counters(),
        log: await store.readLog('answers'),
      };
      const stale = await store.commit(
        alice,
        turn({
          expectedVersion: 2,
          messageId: 'stale',
          conversation: { step: 'stale' },
          profile: null,
          replies: ['stale'],
          effects: [
            { kind: 'count', counter: 'turns', by: 5 },
            { kind: 'count', counter: 'other' },
            { kind: 'append', log: 'answers', entry: 'stale' },
          ],
        }),
      );
      expect(stale).toStrictEqual({ ok: false, reason: 'conflict' });
      expect(await store.load(alice, 'stale')).toStrictEqual(before.snapshot);
      expect(before.snapshot).toStrictEqual({
        version: 3,
        conversation: { step: 3 },
        profile: { n: 3 },
        handled: null,
        recent: 0,
      });
      expect(await store.counters()).toStrictEqual(before.counters);
      expect(await store.counters()).toStrictEqual({ turns: 1 });
      expect(await store.readLog('answers')).toStrictEqual(before.log);
      // A commit from the future is just as stale.
      expect(
        await store.commit(alice, turn({ expectedVersion: 7, messageId: 'future' })),
      ).toStrictEqual({ ok: false, reason: 'conflict' });
      expect((await store.load(alice, 'future')).version).toBe(3);
    });

    it('treats a repeated message id as a duplicate with no effect, per user', async () => {
      const replies = [{ text: 'first answer', choices: [{ id: 'a', label: '是' }] }];
      expect(
        await store.commit(
          alice,
          turn({
            expectedVersion: 0,
            messageId: 'dup',
            conversation: { step: 1 },
            replies,
            effects: [
              { kind: 'count', counter: 'turns' },
              { kind: 'append', log: 'answers', entry: 'first' },
            ],
          }),
        ),
      ).toStrictEqual({ ok: true, version: 1 });

      // The right version and the same id: still a duplicate, and nothing changes.
      const again = await store.commit(
        alice,
        turn({
          expectedVersion: 1,
          messageId: 'dup',
          conversation: { step: 2 },
          profile: { changed: true },
          replies: ['second answer'],
          effects: [
            { kind: 'count', counter: 'turns' },
            { kind: 'append', log: 'answers', entry: 'second' },
          ],
        }),
      );
      expect(again).toStrictEqual({ ok: false, reason: 'duplicate' });
      expect((await store.load(alice, 'dup')).handled).toStrictEqual({
        replies,
        owner: '',
        delivered: false,
      });
      expect(await store.load(alice, 'probe')).toStrictEqual({
        version: 1,
        conversation: { step: 1 },
        profile: null,
        handled: null,
        recent: 0,
      });
      expect(await store.counters()).toStrictEqual({ turns: 1 });
      expect(await store.readLog('answers')).toStrictEqual(['first']);
      // A stale version with a handled id reports the duplicate (the caller returns replies).
      expect(await store.commit(alice, turn({ expectedVersion: 0, messageId: 'dup' }))).toEqual({
        ok: false,
        reason: 'duplicate',
      });

      // Another user's message with the same id is a different message.
      expect((await store.load(bob, 'dup')).handled).toBeNull();
      expect(
        await store.commit(
          bob,
          turn({
            expectedVersion: 0,
            messageId: 'dup',
            replies: ['bob'],
            effects: [{ kind: 'count', counter: 'turns' }],
          }),
        ),
      ).toStrictEqual({ ok: true, version: 1 });
      expect((await store.load(bob, 'dup')).handled?.replies).toStrictEqual(['bob']);
      expect((await store.load(alice, 'dup')).handled?.replies).toStrictEqual(replies);
      expect(await store.counters()).toStrictEqual({ turns: 2 });
    });

    it('deletes conversation and profile on null and keeps counting versions', async () => {
      await store.commit(
        alice,
        turn({ expectedVersion: 0, messageId: 'm1', conversation: { c: 1 }, profile: { p: 1 } }),
      );
      expect(
        await store.commit(
          alice,
          turn({ expectedVersion: 1, messageId: 'm2', conversation: null, profile: { p: 2 } }),
        ),
      ).toStrictEqual({ ok: true, version: 2 });
      expect(await store.load(alice, 'x')).toStrictEqual({
        version: 2,
        conversation: null,
        profile: { p: 2 },
        handled: null,
        recent: 0,
      });

      expect(
        await store.commit(
          alice,
          turn({ expectedVersion: 2, messageId: 'm3', conversation: { c: 3 }, profile: null }),
        ),
      ).toStrictEqual({ ok: true, version: 3 });
      expect(await store.load(alice, 'x')).toMatchObject({ conversation: { c: 3 }, profile: null });

      expect(
        await store.commit(
          alice,
          turn({ expectedVersion: 3, messageId: 'm4', conversation: null, profile: null }),
        ),
      ).toStrictEqual({ ok: true, version: 4 });
      expect(await store.load(alice, 'x')).toStrictEqual({
        version: 4,
        conversation: null,
        profile: null,
        handled: null,
        recent: 0,
      });
      // The next commit must name version 4, not start over at 0.
      expect(await store.commit(alice, turn({ expectedVersion: 0, messageId: 'm5' }))).toEqual({
        ok: false,
        reason: 'conflict',
      });
      expect(await store.commit(alice, turn({ expectedVersion: 4, messageId: 'm5' }))).toEqual({
        ok: true,
        version: 5,
      });
    });

    it('applies count and append effects; readLog returns the last N, oldest first', async () => {
      expect(await store.counters()).toStrictEqual({});
      expect(await store.readLog('answers')).toStrictEqual([]);
      await store.commit(
        alice,
        turn({
          expectedVersion: 0,
          messageId: 'm1',
          effects: [
            { kind: 'count', counter: 'turns' },
            { kind: 'count', counter: 'flow:survey:started', by: 5 },
            { kind: 'append', log: 'answers', entry: { q: 1 } },
            { kind: 'append', log: 'audit', entry: 'a1' },
            { kind: 'count', counter: 'turns' },
            { kind: 'append', log: 'answers', entry: { q: 2 } },
          ],
        }),
      );
      await store.commit(
        bob,
        turn({
          expectedVersion: 0,
          messageId: 'm1',
          effects: [
            { kind: 'count', counter: 'turns', by: 1 },
            { kind: 'count', counter: 'flow:survey:started', by: -2 },
            { kind: 'append', log: 'answers', entry: { q: 3 } },
          ],
        }),
      );
      expect(await store.counters()).toStrictEqual({ turns: 3, 'flow:survey:started': 3 });
      expect(await store.readLog('answers')).toStrictEqual([{ q: 1 }, { q: 2 }, { q: 3 }]);
      expect(await store.readLog('audit')).toStrictEqual(['a1']);
      expect(await store.readLog('answers', 2)).toStrictEqual([{ q: 2 }, { q: 3 }]);
      expect(await store.readLog('answers', 1)).toStrictEqual([{ q: 3 }]);
      expect(await store.readLog('answers', 10)).toStrictEqual([{ q: 1 }, { q: 2 }, { q: 3 }]);
      expect(await store.readLog('nothing-here', 5)).toStrictEqual([]);

      // The default limit is the last 100.
      await store.commit(
        alice,
        turn({
          expectedVersion: 1,
          messageId: 'm2',
          effects: Array.from({ length: 105 }, (_, i) => ({
            kind: 'append' as const,
            log: 'long',
            entry: i,
          })),
        }),
      );
      expect(await store.readLog('long')).toStrictEqual(
        Array.from({ length: 100 }, (_, i) => i + 5),
      );
    });

    it('expires conversation, version and handled ids; keeps the profile', async () => {
      expect(
        fixture.advance ?? fixture.keyTtl,
        'setup must provide advance (fake clock) or keyTtl (server TTLs)',
      ).toBeDefined();
      const write = turn({
        expectedVersion: 0,
        messageId: 'm1',
        conversation: { c: 1 },
        profile: { p: 1 },
        replies: ['r1'],
        effects: [
          { kind: 'count', counter: 'turns' },
          { kind: 'append', log: 'answers', entry: 1 },
        ],
      });
      await store.commit(alice, write);

      if (fixture.keyTtl) {
        const ttl = fixture.keyTtl;
        const expectNear = async (key: string, seconds: number) => {
          const actual = await ttl(key);
          expect(actual, `TTL of ${key}`).toBeLessThanOrEqual(seconds);
          expect(actual, `TTL of ${key}`).toBeGreaterThan(seconds - TTL_SLACK);
        };
        await expectNear(relative.conversation(alice), CONVERSATION_TTL);
        await expectNear(relative.version(alice), CONVERSATION_TTL);
        await expectNear(relative.handled(alice, 'm1'), HANDLED_TTL);
        expect(await ttl(relative.profile(alice))).toBe(-1);
        expect(await ttl(relative.counters())).toBe(-1);
        expect(await ttl(relative.log('answers'))).toBe(-1);
        // A deleted conversation is gone, not merely expiring; the version still expires.
        await store.commit(
          alice,
          turn({ expectedVersion: 1, messageId: 'm2', conversation: null, profile: { p: 2 } }),
        );
        expect(await ttl(relative.conversation(alice))).toBe(-2);
        await expectNear(relative.version(alice), CONVERSATION_TTL);
        expect(await ttl(relative.profile(alice))).toBe(-1);
        expect(CONVERSATION_TTL).toBe(30 * DAY_SECONDS);
        expect(HANDLED_TTL).toBe(2 * DAY_SECONDS);
      }

      if (fixture.advance) {
        const advance = fixture.advance;
        await advance((2 * DAY_SECONDS - 1) * SECOND);
        expect((await store.load(alice, 'm1')).handled?.replies).toStrictEqual(['r1']);
        await advance(2 * SECOND);
        expect(await store.load(alice, 'm1')).toStrictEqual({
          version: 1,
          conversation: { c: 1 },
          profile: { p: 1 },
          handled: null,
          recent: 0,
        });
        await advance((28 * DAY_SECONDS - 2) * SECOND); // 30 days minus 1 s after the commit
        expect((await store.load(alice, 'm1')).conversation).toStrictEqual({ c: 1 });
        await advance(2 * SECOND);
        expect(await store.load(alice, 'm1')).toStrictEqual({
          version: 0,
          conversation: null,
          profile: { p: 1 },
          handled: null,
          recent: 0,
        });
        expect(await store.counters()).toStrictEqual({ turns: 1 });
        expect(await store.readLog('answers')).toStrictEqual([1]);
      }
    });

    it('keeps users apart whatever their ids contain', async () => {
      const users: UserRef[] = [
        { channel: 'webchat', userId: 'a' },
        { channel: 'webchat', userId: 'a:b' },
        { channel: 'webchat', userId: 'a:b:c' },
        { channel: 'webchat', userId: 'a b' },
        { channel: 'webchat', userId: ' a' },
        { channel: 'webchat', userId: 'a%3Ab' },
        { channel: 'webchat', userId: 'ü' },
        { channel: 'webchat', userId: 'u\u0308' },
        { channel: 'webchat', userId: '用户 👩‍🌾' },
        { channel: 'webchat', userId: '*' },
        { channel: 'telegram', userId: 'a' },
        { channel: 'wechat', userId: 'a:b' },
      ];
      for (const [i, user] of users.entries()) {
        expect(
          await store.commit(
            user,
            turn({
              expectedVersion: 0,
              messageId: 'm1',
              conversation: { owner: i },
              profile: { owner: i },
              replies: [i],
            }),
          ),
          `first commit of user #${i}`,
        ).toStrictEqual({ ok: true, version: 1 });
      }
      for (const [i, user] of users.entries()) {
        expect(await store.load(user, 'probe'), `user #${i}`).toStrictEqual({
          version: 1,
          conversation: { owner: i },
          profile: { owner: i },
          handled: null,
          recent: 0,
        });
        expect((await store.load(user, 'm1')).handled?.replies, `user #${i}`).toStrictEqual([i]);
      }
      // 'a' + message 'b:m1' must not read as 'a:b' + message 'm1'.
      const a = users[0] as UserRef;
      expect((await store.load(a, 'b:m1')).handled).toBeNull();
      expect(await store.commit(a, turn({ expectedVersion: 1, messageId: 'b:m1' }))).toEqual({
        ok: true,
        version: 2,
      });
      expect((await store.load(users[1] as UserRef, 'probe')).version).toBe(1);
    });

    describe('concurrency', () => {
      const deps = (): TurnDeps & { log: ReturnType<typeof memoryLogger> } => ({
        program: buildProgram(),
        store,
        now: () => 1_700_000_000_000,
        log: memoryLogger(),
        maxAttempts: 50,
      });

      it('runs 20 concurrent turns of one user with no lost or doubled effect', async () => {
        const d = deps();
        const outcomes = await allFulfilled(
          Array.from({ length: 20 }, (_, i) => runTurn(d, hello('racer', `m${i}`))),
        );
        expect(outcomes).toHaveLength(20);
        for (const outcome of outcomes) expect(outcome.replies.length).toBeGreaterThan(0);
        expect((await store.counters()).turns).toBe(20);
        expect((await store.load({ channel: 'webchat', userId: 'racer' }, 'probe')).version).toBe(
          20,
        );
        // The race was real: some turns had to wait for the one before them.
        expect(d.log.lines.filter((line) => line.event === 'turn_wait').length).toBeGreaterThan(0);
      });

      it('handles one message id sent 5 times at once exactly once', async () => {
        const d = deps();
        const outcomes = await allFulfilled(
          Array.from({ length: 5 }, () => runTurn(d, hello('tapper', 'same'))),
        );
        expect((await store.counters()).turns).toBe(1);
        const tapper = { channel: 'webchat', userId: 'tapper' };
        expect((await store.load(tapper, 'probe')).version).toBe(1);
        const snapshot = await store.load(tapper, 'same');
        expect(outcomes[0]?.replies.length).toBeGreaterThan(0);
        for (const outcome of outcomes) {
          expect(outcome.replies).toStrictEqual(outcomes[0]?.replies);
          expect(outcome.replies).toStrictEqual(snapshot.handled?.replies);
        }
        // One of the five committed; the others know it was not theirs.
        expect(outcomes.filter((o) => !o.duplicate)).toHaveLength(1);
        expect(outcomes.filter((o) => o.owner === o.token)).toHaveLength(1);
      });

      it('keeps every append of 20 racing load-commit loops exactly once', async () => {
        const user: UserRef = { channel: 'webchat', userId: 'raw-racer' };
        let conflicts = 0;
        const racer = async (id: string) => {
          for (let attempt = 0; attempt < 50; attempt++) {
            const snapshot = await store.load(user, id);
            const result = await store.commit(
              user,
              turn({
                expectedVersion: snapshot.version,
                messageId: id,
                conversation: { last: id },
                effects: [{ kind: 'append', log: 'ids', entry: id }],
              }),
            );
            if (result.ok) return result.version;
            expect(result.reason).toBe('conflict');
            conflicts++;
          }
          throw new Error(`${id} never committed`);
        };
        const ids = Array.from({ length: 20 }, (_, i) => `r${i}`);
        const versions = await allFulfilled(ids.map(racer));
        expect([...versions].sort((x, y) => x - y)).toStrictEqual(
          Array.from({ length: 20 }, (_, i) => i + 1),
        );
        const log = await store.readLog('ids', 1000);
        expect(log).toHaveLength(20);
        expect([...(log as string[])].sort()).toStrictEqual([...ids].sort());
        expect((await store.load(user, 'probe')).version).toBe(20);
        expect(conflicts).toBeGreaterThan(0);
      });
    });

    surveyStoreContract(() => store);
    overlayStoreContract(() => store);

    describe('day figures', () => {
      dayStatsContract(() => ({ store, keyTtl: fixture.keyTtl }));
    });

    describe('turns', () => {
      turnStoreContract(() => ({
        store,
        pass: async (ms) => {
          if (fixture.advance) await fixture.advance(ms);
          else await new Promise((resolve) => setTimeout(resolve, ms));
        },
        exists: fixture.keyExists,
      }));
    });

    describe('coordination: cache, claims, loose counters, windows, log appends', () => {
      it('caches JSON values until their TTL passes', async () => {
        expect(await store.cacheGet('token')).toBeNull();
        const value = { token: '123', expiresAt: 1_700_000_000_000, nested: ['0', null] };
        await store.cacheSet('token', value, 60);
        expect(await store.cacheGet('token')).toStrictEqual(value);
        await store.cacheSet('token', '123', 60);
        expect(await store.cacheGet('token')).toBe('123');
        if (fixture.keyTtl) {
          const ttl = await fixture.keyTtl(relative.cache('token'));
          expect(ttl).toBeLessThanOrEqual(60);
          expect(ttl).toBeGreaterThan(60 - TTL_SLACK);
        }
        if (fixture.advance) {
          await fixture.advance(59 * SECOND);
          expect(await store.cacheGet('token')).toBe('123');
          await fixture.advance(2 * SECOND);
          expect(await store.cacheGet('token')).toBeNull();
        }
      });

      it('lets the first claim win and tells later callers who holds it', async () => {
        expect(await store.claim('reply:m1', 'cs', 3600)).toStrictEqual({
          won: true,
          holder: 'cs',
        });
        expect(await store.claim('reply:m1', 'passive', 3600)).toStrictEqual({
          won: false,
          holder: 'cs',
        });
        expect(await store.claim('reply:m2', 'passive', 3600)).toStrictEqual({
          won: true,
          holder: 'passive',
        });
        if (fixture.keyTtl) {
          const ttl = await fixture.keyTtl(relative.claim('reply:m1'));
          expect(ttl).toBeLessThanOrEqual(3600);
          expect(ttl).toBeGreaterThan(3600 - TTL_SLACK);
        }
      });

      it('releases a claim only for its holder, and an expired claim can be taken', async () => {
        await store.claim('lock', 'owner-a', 10);
        await store.release('lock', 'owner-b');
        expect((await store.claim('lock', 'owner-c', 10)).holder).toBe('owner-a');
        await store.release('lock', 'owner-a');
        expect(await store.claim('lock', 'owner-c', 10)).toStrictEqual({
          won: true,
          holder: 'owner-c',
        });
        if (fixture.advance) {
          await fixture.advance(11 * SECOND);
          expect((await store.claim('lock', 'owner-d', 10)).won).toBe(true);
        }
        // Sub-second and fractional TTLs round up to a whole second rather than failing.
        expect((await store.claim('short', 'x', 0.2)).won).toBe(true);
      });

      it('gives a claim raced by 10 callers to exactly one', async () => {
        const results = await allFulfilled(
          Array.from({ length: 10 }, (_, i) => store.claim('race', `caller-${i}`, 60)),
        );
        const winners = results.filter((r) => r.won);
        expect(winners).toHaveLength(1);
        for (const r of results) expect(r.holder).toBe(winners[0]?.holder);
      });

      it('counts outside a turn into the same counters', async () => {
        await store.count('wechat:outside_window');
        await store.count('wechat:outside_window', 2);
        expect(await store.counters()).toStrictEqual({ 'wechat:outside_window': 3 });
      });

      it('forgets a cached value on cacheDelete, and deleting nothing is fine', async () => {
        await store.cacheSet('admin-session:abc', { role: 'admin' }, 3600);
        await store.cacheDelete('admin-session:abc');
        await store.cacheDelete('admin-session:never');
        expect(await store.cacheGet('admin-session:abc')).toBeNull();
      });

      it('counts hits in a window that starts at the first hit and then resets', async () => {
        expect(await store.hit('login:1.2.3.4', 900, 0)).toStrictEqual({
          count: 0,
          resetSeconds: 900,
        });
        expect((await store.hit('login:1.2.3.4', 900)).count).toBe(1);
        const third = await store.hit('login:1.2.3.4', 900, 2);
        expect(third.count).toBe(3);
        expect(third.resetSeconds).toBeLessThanOrEqual(900);
        expect(third.resetSeconds).toBeGreaterThan(900 - TTL_SLACK);
        expect((await store.hit('login:5.6.7.8', 900)).count).toBe(1);
        if (fixture.keyTtl) {
          const ttl = await fixture.keyTtl(relative.window('login:1.2.3.4'));
          expect(ttl).toBeGreaterThan(900 - TTL_SLACK);
        }
        if (fixture.advance) {
          // Later hits do not extend the window.
          await fixture.advance(600 * SECOND);
          expect((await store.hit('login:1.2.3.4', 900)).resetSeconds).toBe(300);
          await fixture.advance(301 * SECOND);
          expect(await store.hit('login:1.2.3.4', 900)).toStrictEqual({
            count: 1,
            resetSeconds: 900,
          });
        }
        await expect(store.hit('login:x', 900, 1.5)).rejects.toThrow(TypeError);
      });

      it('counts 20 racing hits exactly', async () => {
        await allFulfilled(Array.from({ length: 20 }, () => store.hit('race', 60)));
        expect((await store.hit('race', 60, 0)).count).toBe(20);
      });

      it('appends to a durable log outside a turn, read back oldest first', async () => {
        await store.appendLog('admin:audit', { who: 'admin#1', what: 'login' });
        await store.appendLog('admin:audit', { who: 'trainer#1', what: '你好 "x"' });
        expect(await store.readLog('admin:audit', 10)).toStrictEqual([
          { who: 'admin#1', what: 'login' },
          { who: 'trainer#1', what: '你好 "x"' },
        ]);
        if (fixture.keyTtl) expect(await fixture.keyTtl(relative.log('admin:audit'))).toBe(-1);
      });

      it('pages a log from the end by stable positions, unmoved by later appends', async () => {
        expect(await store.readLogPage('audit-pages', undefined, 3)).toStrictEqual({
          start: 0,
          entries: [],
        });
        for (let i = 0; i < 5; i++) await store.appendLog('audit-pages', { n: i });
        const last = await store.readLogPage('audit-pages', undefined, 2);
        expect(last).toStrictEqual({ start: 3, entries: [{ n: 3 }, { n: 4 }] });
        await store.appendLog('audit-pages', { n: 5 });
        expect(await store.readLogPage('audit-pages', last.start, 2)).toStrictEqual({
          start: 1,
          entries: [{ n: 1 }, { n: 2 }],
        });
        expect(await store.readLogPage('audit-pages', 1, 5)).toStrictEqual({
          start: 0,
          entries: [{ n: 0 }],
        });
        expect(await store.readLogPage('audit-pages', 0, 5)).toStrictEqual({
          start: 0,
          entries: [],
        });
        expect(await store.readLogPage('audit-pages', 99, 1)).toStrictEqual({
          start: 5,
          entries: [{ n: 5 }],
        });
        expect(await store.readLogPage('audit-pages', undefined, 0)).toStrictEqual({
          start: 6,
          entries: [],
        });
      });
    });

    it('answers ping', async () => {
      expect(await store.ping()).toBe(true);
    });

    it('readLog with a limit of 0 or less returns nothing, not the whole log', async () => {
      await store.commit(
        alice,
        turn({
          expectedVersion: 0,
          messageId: 'm1',
          effects: [{ kind: 'append', log: 'l', entry: 1 }],
        }),
      );
      expect(await store.readLog('l', 0)).toEqual([]);
      expect(await store.readLog('l', -5)).toEqual([]);
      expect(await store.readLog('l', 1)).toEqual([1]);
    });

    it('keeps the audience index and named sets with the turn', async () => {
      await store.commit(
        alice,
        turn({
          expectedVersion: 0,
          messageId: 'm1',
          effects: [
            {
              kind: 'index_user',
              user: 'webchat:alice',
              data: { locale: 'en', province: 'anhui' },
            },
            { kind: 'index_user', user: 'telegram:7', data: { locale: 'zh-CN' } },
            { kind: 'set_add', set: 'course:shipping', member: 'webchat:alice' },
            { kind: 'set_add', set: 'course:shipping', member: 'telegram:7' },
            { kind: 'set_add', set: 'course:shipping', member: 'telegram:7' },
          ],
        }),
      );
      await store.commit(
        alice,
        turn({
          expectedVersion: 1,
          messageId: 'm2',
          effects: [
            { kind: 'index_user', user: 'telegram:7', data: null },
            { kind: 'set_remove', set: 'course:shipping', member: 'telegram:7' },
          ],
        }),
      );
      const seen: unknown[] = [];
      let cursor = '0';
      do {
        const page = await store.scanUsers(cursor, 1);
        seen.push(...page.users);
        cursor = page.cursor;
      } while (cursor !== '0');
      expect(seen).toEqual([{ ref: 'webchat:alice', data: { locale: 'en', province: 'anhui' } }]);
      expect(await store.setMembers('course:shipping')).toEqual(['webchat:alice']);
      expect(await store.setMembers('nothing')).toEqual([]);
    });

    it('stores broadcast jobs: definition, newest-first list, state and counts', async () => {
      await store.saveJob('j1', { audience: { all: true }, text: '"123"' });
      await store.saveJob('j2', { n: 2 });
      await store.saveJob('j1', { audience: { all: true }, text: 'edited' });
      expect(await store.listJobs(10)).toEqual(['j2', 'j1']);
      expect(await store.listJobs(1)).toEqual(['j2']);
      expect(await store.loadJob('j1')).toEqual({ audience: { all: true }, text: 'edited' });
      expect(await store.loadJob('nope')).toBeNull();
      expect(await store.jobState('j1')).toBeNull();
      await store.setJobState('j1', 'cancelled');
      expect(await store.jobState('j1')).toBe('cancelled');
      await store.addJobCounts('j1', { audience: 3, queued: 3 });
      await store.addJobCounts('j1', { queued: -1 });
      expect(await store.jobCounts('j1')).toEqual({ audience: 3, queued: 2 });
    });

    it('records each recipient of a job once, whatever the redeliveries', async () => {
      expect(await store.recordDelivery('j', 'telegram:1', 'sent')).toBe(true);
      expect(await store.recordDelivery('j', 'telegram:1', 'sent')).toBe(false);
      expect(await store.recordDelivery('j', 'telegram:1', 'failed')).toBe(false);
      expect(await store.recordDelivery('j', 'telegram:2', 'blocked')).toBe(true);
      expect(
        await store.handledRecipients('j', ['telegram:1', 'telegram:3', 'telegram:2']),
      ).toEqual([true, false, true]);
      expect(await store.handledRecipients('j', [])).toEqual([]);
      expect(await store.jobCounts('j')).toEqual({ sent: 1, blocked: 1 });
      const racers = await Promise.all(
        Array.from({ length: 10 }, () => store.recordDelivery('j', 'telegram:9', 'sent')),
      );
      expect(racers.filter(Boolean)).toHaveLength(1);
    });

    it('counts a recorded outcome per channel too, once, when the channel is given', async () => {
      expect(await store.recordDelivery('jc', 'telegram:1', 'sent', 'telegram')).toBe(true);
      expect(await store.recordDelivery('jc', 'telegram:1', 'sent', 'telegram')).toBe(false);
      expect(await store.recordDelivery('jc', 'wechat:2', 'blocked', 'wechat')).toBe(true);
      expect(await store.recordDelivery('jc', 'webchat:3', 'sent', 'webchat')).toBe(true);
      expect(await store.jobCounts('jc')).toEqual({
        sent: 2,
        blocked: 1,
        'sent.telegram': 1,
        'sent.webchat': 1,
        'blocked.wechat': 1,
      });
    });

    it('refuses a malformed effect before writing anything', async () => {
      const bad = turn({
        expectedVersion: 0,
        messageId: 'm1',
        effects: [{ kind: 'count', counter: 'c', by: 1.5 }],
      });
      await expect(store.commit(alice, bad)).rejects.toThrow(TypeError);
      expect((await store.load(alice, 'm1')).version).toBe(0);
      expect((await store.load(alice, 'm1')).handled).toBeNull();
    });
  });
}
