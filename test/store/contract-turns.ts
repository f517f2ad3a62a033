import { expect, it } from 'vitest';
import { keyNames, rateWindow } from '../../src/store/keys';
import type { Store, TurnLease, TurnWrite, UserRef } from '../../src/store/port';

const dora: UserRef = { channel: 'telegram', userId: '42' };
const T0 = Date.UTC(2026, 0, 1, 12);

function lease(token: string, now = T0, fields: Partial<TurnLease> = {}): TurnLease {
  return { token, now, leaseMs: 5000, waiterMs: 1000, ...fields };
}

function write(
  fields: Partial<TurnWrite> & Pick<TurnWrite, 'expectedVersion' | 'messageId'>,
): TurnWrite {
  return { conversation: { at: null }, profile: null, replies: [], effects: [], ...fields };
}

/** What the turn contract needs from a fixture. */
export interface TurnFixture {
  store: Store;
  /** Let `ms` pass for the store's own clock (a fake clock, or real waiting). */
  pass(ms: number): Promise<void>;
  /** Whether a key (named as `keyNames('')` names it) exists on the server. */
  exists(key: string): Promise<boolean>;
}

/**
 * The turn queue, delivery records, rate window and erasure: the part of the store contract
 * that keeps one person's turns in order and nothing lost or kept too long.
 */
export function turnStoreContract(fixture: () => TurnFixture): void {
  it('lets one turn of a person run at a time and the others wait in arrival order', async () => {
    const { store } = fixture();
    const a = await store.load(dora, 'a', lease('A'));
    expect(a.waiting).toBeUndefined();
    expect(await store.load(dora, 'b', lease('B'))).toMatchObject({ waiting: { position: 0 } });
    expect(await store.load(dora, 'c', lease('C'))).toMatchObject({ waiting: { position: 1 } });
    // Asking again keeps the place; the holder asking again keeps the lease.
    expect(await store.load(dora, 'c', lease('C'))).toMatchObject({ waiting: { position: 1 } });
    expect((await store.load(dora, 'a', lease('A'))).waiting).toBeUndefined();
    // Another person is not held up.
    expect((await store.load({ ...dora, userId: '43' }, 'x', lease('X'))).waiting).toBeUndefined();

    expect(
      await store.commit(dora, write({ expectedVersion: 0, messageId: 'a', token: 'A' })),
    ).toEqual({ ok: true, version: 1 });
    // C asks first, but B came first and is still asking.
    expect(await store.load(dora, 'c', lease('C'))).toMatchObject({ waiting: { position: 1 } });
    const b = await store.load(dora, 'b', lease('B'));
    expect(b).toMatchObject({ version: 1, handled: null });
    expect(b.waiting).toBeUndefined();
    await store.releaseTurn(dora, 'B');
    expect((await store.load(dora, 'c', lease('C'))).waiting).toBeUndefined();
  });

  it('passes over a waiter that stopped asking, and a lease whose turn died', async () => {
    const { store, pass } = fixture();
    await store.load(dora, 'a', lease('A'));
    expect(await store.load(dora, 'b', lease('B'))).toMatchObject({ waiting: { position: 0 } });
    expect(await store.load(dora, 'c', lease('C'))).toMatchObject({ waiting: { position: 1 } });
    await store.releaseTurn(dora, 'A');
    // B never asks again: two seconds on, C goes first.
    expect((await store.load(dora, 'c', lease('C', T0 + 2000))).waiting).toBeUndefined();
    await store.releaseTurn(dora, 'C');
    expect(
      (await store.load(dora, 'c2', lease('C', T0 + 2000, { leaseMs: 300 }))).waiting,
    ).toBeUndefined();
    // C's isolate dies holding the lease: it lapses on its own.
    expect(await store.load(dora, 'd', lease('D', T0 + 2000))).toMatchObject({
      waiting: { position: 0 },
    });
    await pass(400);
    expect((await store.load(dora, 'd', lease('D', T0 + 2400))).waiting).toBeUndefined();
  });

  it('a handled message takes no lease and needs none', async () => {
    const { store } = fixture();
    await store.load(dora, 'a', lease('A'));
    await store.commit(
      dora,
      write({ expectedVersion: 0, messageId: 'a', token: 'A', replies: ['hi'], profile: { p: 1 } }),
    );
    await store.load(dora, 'b', lease('B'));
    // B holds the lease; a re-delivery of 'a' still gets its answer at once.
    expect(await store.load(dora, 'a', lease('A2'))).toMatchObject({
      handled: { replies: ['hi'], owner: 'A', delivered: false },
      profile: { p: 1 },
    });
  });

  it('a turn keeps the lease while its replies go out; a re-delivery waits, then finds them sent', async () => {
    const { store } = fixture();
    await store.load(dora, 'm', lease('T'));
    await store.commit(
      dora,
      write({ expectedVersion: 0, messageId: 'm', token: 'T', replies: ['r'], holdLeaseMs: 5000 }),
    );
    // The owner itself (its commit answer lost) sees its message handled.
    expect((await store.load(dora, 'm', lease('T'))).handled?.owner).toBe('T');
    // A re-delivery, and the person's next message, wait in line meanwhile.
    expect(await store.load(dora, 'm', lease('R'))).toMatchObject({ waiting: { position: 0 } });
    expect(await store.load(dora, 'n', lease('N'))).toMatchObject({ waiting: { position: 1 } });
    await store.markDelivered(dora, 'm');
    expect((await store.load(dora, 'm', lease('R'))).handled).toEqual({
      replies: null,
      owner: 'T',
      delivered: true,
    });
    // R found its message handled and left the line; N goes next.
    expect((await store.load(dora, 'n', lease('N'))).waiting).toBeUndefined();
  });

  it('records delivery: the body goes, the id stays, and one caller takes over', async () => {
    const { store, exists } = fixture();
    await store.commit(
      dora,
      write({ expectedVersion: 0, messageId: 'm', token: 'T', replies: ['r'] }),
    );
    expect(await store.claimDelivery(dora, 'm', 'other', 'U')).toBe(false);
    const claims = await Promise.all(
      ['U1', 'U2', 'U3'].map((to) => store.claimDelivery(dora, 'm', 'T', to)),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    const winner = ['U1', 'U2', 'U3'][claims.indexOf(true)];
    expect((await store.load(dora, 'm')).handled).toEqual({
      replies: ['r'],
      owner: winner,
      delivered: false,
    });
    await store.markDelivered(dora, 'm');
    expect((await store.load(dora, 'm')).handled).toEqual({
      replies: null,
      owner: winner,
      delivered: true,
    });
    expect(await store.claimDelivery(dora, 'm', winner ?? '', 'V')).toBe(false);
    expect(await exists(keyNames('').handled(dora, 'm'))).toBe(true);
  });

  it('counts committed messages in the rate window; a kept-state commit changes nothing else', async () => {
    const { store } = fixture();
    for (let i = 0; i < 3; i++) {
      const snap = await store.load(dora, `m${i}`, lease(`t${i}`, T0 + i));
      expect(snap.recent).toBe(i);
      await store.commit(
        dora,
        write({
          expectedVersion: i,
          messageId: `m${i}`,
          token: `t${i}`,
          at: T0 + i,
          conversation: { n: i },
          profile: { p: i },
        }),
      );
    }
    const limited = await store.commit(
      dora,
      write({
        expectedVersion: 99,
        messageId: 'over',
        token: 'x',
        at: T0 + 5,
        conversation: null,
        profile: null,
        keepState: true,
        effects: [{ kind: 'count', counter: 'rate_limited' }],
      }),
    );
    expect(limited).toEqual({ ok: true, version: 3 });
    expect(await store.load(dora, 'probe', lease('p', T0 + 6))).toMatchObject({
      version: 3,
      conversation: { n: 2 },
      profile: { p: 2 },
      recent: 4,
    });
    await store.releaseTurn(dora, 'p');
    // The next minute starts from zero.
    const next = (rateWindow(T0) + 1) * 60_000;
    expect((await store.load(dora, 'probe', lease('q', next))).recent).toBe(0);
  });

  it('erasure forgets version, reply bodies and rate window, and still refuses re-deliveries', async () => {
    const { store, exists } = fixture();
    const keys = keyNames('');
    await store.commit(
      dora,
      write({
        expectedVersion: 0,
        messageId: 'm1',
        token: 't1',
        at: T0,
        conversation: { secret: 'my shop' },
        profile: { province: 'yunnan' },
        replies: ['about your shop in Yunnan'],
      }),
    );
    expect(
      await store.commit(
        dora,
        write({
          expectedVersion: 1,
          messageId: 'bye',
          token: 't2',
          at: T0,
          conversation: null,
          profile: null,
          replies: ['deleted'],
          erase: true,
        }),
      ),
    ).toEqual({ ok: true, version: 0 });
    for (const key of [
      keys.version(dora),
      keys.conversation(dora),
      keys.profile(dora),
      keys.rate(dora, rateWindow(T0)),
    ])
      expect(await exists(key), key).toBe(false);
    // The old message is still known (no second effect), but its content is gone.
    expect((await store.load(dora, 'm1')).handled).toEqual({
      replies: null,
      owner: 't1',
      delivered: false,
    });
    // Not even the goodbye is kept: a re-delivery of it is known, and answered with nothing.
    expect((await store.load(dora, 'bye')).handled?.replies).toBeNull();
    expect(await exists(keys.replies(dora))).toBe(false);
    expect(await store.load(dora, 'next')).toMatchObject({ version: 0, conversation: null });
  });

  it('reads the survey catalogue with the turn when asked, not the versions already known', async () => {
    const { store } = fixture();
    await store.saveSurveyMeta('s1', { id: 's1', draft: null });
    await store.addSurveyVersion('s1', 1, { v: 1 });
    await store.addSurveyVersion('s1', 2, { v: 2 });
    await store.commit(
      dora,
      write({
        expectedVersion: 0,
        messageId: 'm',
        effects: [
          { kind: 'count', counter: 'survey:s1:2:completed', by: 3 },
          { kind: 'count', counter: 'turns' },
        ],
      }),
    );
    const snap = await store.load(dora, 'n', lease('L'), {
      surveys: { knownVersions: ['s1@1'] },
    });
    expect(snap.version).toBe(1);
    expect(snap.surveys).toEqual({
      metas: { s1: { id: 's1', draft: null } },
      versions: { 's1@2': { v: 2 } },
      counters: { 'survey:s1:2:completed': 3 },
    });
    // Not asked: not read. A handled or waiting message carries none either.
    await store.releaseTurn(dora, 'L');
    expect((await store.load(dora, 'n', lease('L2'))).surveys).toBeUndefined();
    expect(
      (await store.load(dora, 'm', lease('L3'), { surveys: { knownVersions: [] } })).surveys,
    ).toBeUndefined();
  });
}
