import { expect, it } from 'vitest';
import { KEY_REGISTRY, keyNames } from '../../src/store/keys';
import type { Store, TurnWrite, UserRef } from '../../src/store/port';

/** What the day-figures contract needs from a fixture. */
export interface DayFixture {
  store: Store;
  /** TTL in seconds of a key named as `keyNames('')` names it (adapters that can read it). */
  keyTtl?: (key: string) => Promise<number>;
}

const relative = keyNames('');
const TTL_SLACK = 10;

function visit(user: UserRef, version: number, messageId: string, day: string, fresh: boolean) {
  const write: TurnWrite = {
    expectedVersion: version,
    messageId,
    conversation: { at: messageId },
    profile: { locale: 'zh-CN' },
    replies: [],
    effects: [
      { kind: 'count', counter: 'turns' },
      { kind: 'day_stats', day, person: `${user.channel}:${user.userId}`, fresh },
    ],
  };
  return write;
}

/**
 * Per-day figures written by the commit (`day_stats`): messages, distinct people, new
 * people, in the day's own keys with their TTLs, and never in the counters hash.
 */
export function dayStatsContract(fixture: () => DayFixture): void {
  it('counts messages, distinct active people and new people per day, in their own keys', async () => {
    const { store, keyTtl } = fixture();
    const ana: UserRef = { channel: 'telegram', userId: 'ana' };
    const bo: UserRef = { channel: 'wechat', userId: 'bo' };
    const d1 = '2026-12-04';
    const d2 = '2026-12-05';
    expect((await store.commit(ana, visit(ana, 0, 'a1', d1, true))).ok).toBe(true);
    expect((await store.commit(ana, visit(ana, 1, 'a2', d1, false))).ok).toBe(true);
    // A re-delivered message writes nothing, figures included.
    expect(await store.commit(ana, visit(ana, 2, 'a2', d1, false))).toStrictEqual({
      ok: false,
      reason: 'duplicate',
    });
    expect((await store.commit(bo, visit(bo, 0, 'b1', d1, true))).ok).toBe(true);
    expect((await store.commit(ana, visit(ana, 2, 'a3', d2, false))).ok).toBe(true);

    expect(await store.dayStats([d1, d2, '2026-12-06'])).toStrictEqual({
      [d1]: { new: 2, active: 2, messages: 3 },
      [d2]: { new: 0, active: 1, messages: 1 },
      '2026-12-06': { new: 0, active: 0, messages: 0 },
    });
    // The counters the turn load reads stay small: only what was counted there.
    expect(await store.counters()).toStrictEqual({ turns: 4 });
    if (keyTtl) {
      const stats = KEY_REGISTRY.dayStats.ttlSeconds;
      const people = KEY_REGISTRY.dayPeople.ttlSeconds;
      expect(await keyTtl(relative.dayStats(d1))).toBeGreaterThan(stats - TTL_SLACK);
      expect(await keyTtl(relative.dayStats(d1))).toBeLessThanOrEqual(stats);
      expect(await keyTtl(relative.dayPeople(d1))).toBeGreaterThan(people - TTL_SLACK);
      expect(await keyTtl(relative.dayPeople(d1))).toBeLessThanOrEqual(people);
    }
  });

  it('reads no days as no figures', async () => {
    expect(await fixture().store.dayStats([])).toStrictEqual({});
  });
}
