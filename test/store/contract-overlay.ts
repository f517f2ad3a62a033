import { describe, expect, it } from 'vitest';
import { assignmentTable } from '../../src/experiments/schema';
import type { Store, UserRef } from '../../src/store/port';

const dora: UserRef = { channel: 'webchat', userId: 'overlay' };
const lease = (token: string) => ({ token, now: 1_000, leaseMs: 5_000, waiterMs: 5_000 });

/** The content overlay part of the store contract: writes, history, and the turn's load. */
export function overlayStoreContract(current: () => Store): void {
  describe('content overlay', () => {
    it('publishes, revises and unpublishes a field, keeping its history and bumping the version', async () => {
      const store = current();
      expect(await store.overlayVersion()).toBe(0);
      expect(await store.overlay()).toStrictEqual({ version: 0, kinds: { lessons: {}, faq: {} } });
      const v1 = { title: '第一课', n: 1 };
      expect(await store.writeOverlay('lessons', 'shop/first', v1, { v: 1 })).toStrictEqual({
        written: true,
        version: 1,
        previous: null,
      });
      // Only-if-absent leaves a published field alone and says what is there.
      expect(
        await store.writeOverlay('lessons', 'shop/first', { other: true }, { v: 9 }, true),
      ).toStrictEqual({ written: false, version: 1, previous: v1 });
      const v2 = { title: '第一课（修订）', n: 2 };
      expect((await store.writeOverlay('lessons', 'shop/first', v2, { v: 2 })).version).toBe(2);
      expect(await store.overlay()).toStrictEqual({
        version: 2,
        kinds: { lessons: { 'shop/first': v2 }, faq: {} },
      });
      const gone = await store.writeOverlay('lessons', 'shop/first', null, { v: 'removed' });
      expect(gone).toStrictEqual({ written: true, version: 3, previous: v2 });
      expect(await store.overlay()).toStrictEqual({ version: 3, kinds: { lessons: {}, faq: {} } });
      expect(await store.overlayHistory('lessons', 'shop/first')).toStrictEqual([
        { v: 1 },
        { v: 2 },
        { v: 'removed' },
      ]);
      expect(await store.overlayHistory('lessons', 'shop/other')).toStrictEqual([]);
    });

    it('is read by the turn load only when the caller knows another version', async () => {
      const store = current();
      const cold = await store.load(dora, 'm1', lease('t1'), { overlay: { knownVersion: 0 } });
      expect(cold.overlay).toBeUndefined();
      await store.releaseTurn(dora, 't1');
      await store.writeOverlay('lessons', 'shop/first', { a: '逗号, "引号"' }, { v: 1 });
      const stale = await store.load(dora, 'm1', lease('t2'), {
        overlay: { knownVersion: 0 },
        surveys: { knownVersions: [] },
      });
      expect(stale.overlay).toStrictEqual({
        version: 1,
        kinds: { lessons: { 'shop/first': { a: '逗号, "引号"' } }, faq: {} },
      });
      // The survey material still follows the overlay in the same reply.
      expect(stale.surveys).toMatchObject({ metas: {}, versions: {} });
      await store.releaseTurn(dora, 't2');
      const fresh = await store.load(dora, 'm1', lease('t3'), { overlay: { knownVersion: 1 } });
      expect(fresh.overlay).toBeUndefined();
      expect(fresh.version).toBe(0);
    });

    it('is read in the same load as the experiments and the survey catalogue', async () => {
      const store = current();
      const eve: UserRef = { channel: 'webchat', userId: 'overlay-experiments' };
      await store.addExperiment('trial', { id: 'trial', seed: 's' });
      await store.addExperiment('other', { id: 'other', seed: 't' });
      await store.commit(eve, {
        expectedVersion: 0,
        messageId: 'seed',
        conversation: null,
        profile: { locale: 'en' },
        replies: [],
        effects: [
          { kind: 'put_record', table: assignmentTable('trial'), key: 'p1', value: { arm: 'a' } },
        ],
      });
      await store.writeOverlay('lessons', 'shop/first', { n: 1 }, { v: 1 });
      const all = await store.load(eve, 'm1', lease('t1'), {
        surveys: { knownVersions: ['x@1'] },
        experiments: { pseudonym: 'p1', ids: ['trial', 'other'] },
        overlay: { knownVersion: 0 },
      });
      expect(all.version).toBe(1);
      expect(all.overlay).toStrictEqual({
        version: 1,
        kinds: { lessons: { 'shop/first': { n: 1 } }, faq: {} },
      });
      expect(all.surveys).toStrictEqual({ metas: {}, versions: {}, counters: {} });
      expect(all.experiments).toStrictEqual({
        definitions: { trial: { id: 'trial', seed: 's' }, other: { id: 'other', seed: 't' } },
        assigned: { trial: { arm: 'a' } },
      });
      await store.releaseTurn(eve, 't1');
      // The overlay known: only the experiments follow (and no survey material was asked for).
      const known = await store.load(eve, 'm1', lease('t2'), {
        experiments: { pseudonym: 'p1', ids: ['trial'] },
        overlay: { knownVersion: 1 },
      });
      expect(known.overlay).toBeUndefined();
      expect(known.surveys).toBeUndefined();
      expect(known.experiments?.assigned).toStrictEqual({ trial: { arm: 'a' } });
      await store.releaseTurn(eve, 't2');
    });
  });
}
