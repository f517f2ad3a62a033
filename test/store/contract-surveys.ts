import { describe, expect, it } from 'vitest';
import type { Effect, Store, TurnWrite, UserRef } from '../../src/store/port';

const carol: UserRef = { channel: 'telegram', userId: '7' };

function write(
  fields: Partial<TurnWrite> & Pick<TurnWrite, 'expectedVersion' | 'messageId'>,
): TurnWrite {
  return { conversation: { at: null }, profile: null, replies: [], effects: [], ...fields };
}

let seeds = 0;

/** Commit effects for `carol` in batches, one version after another. */
async function commitAll(store: Store, effects: Effect[], batch = 250): Promise<void> {
  let version = (await store.load(carol, 'probe')).version;
  for (let i = 0; i < effects.length; i += batch) {
    const result = await store.commit(
      carol,
      write({
        expectedVersion: version,
        messageId: `seed-${++seeds}`,
        effects: effects.slice(i, i + batch),
      }),
    );
    if (!result.ok) throw new Error(`seed failed: ${result.reason}`);
    version = result.version;
  }
}

async function scanAll(store: Store, table: string, count: number): Promise<Map<string, unknown>> {
  const seen = new Map<string, unknown>();
  let cursor = '0';
  let pages = 0;
  do {
    const page = await store.scanRecords(table, cursor, count);
    for (const r of page.records) seen.set(r.key, r.value);
    cursor = page.cursor;
    if (++pages > 10_000) throw new Error('scan does not end');
  } while (cursor !== '0');
  return seen;
}

/** The survey part of the store contract: response tables, definitions, metadata. */
export function surveyStoreContract(current: () => Store): void {
  describe('surveys: records, definitions, metadata', () => {
    it('keeps a record with the turn, replaces it, deletes it; a re-delivery writes nothing', async () => {
      const store = current();
      const value = {
        status: 'started',
        answers: { q: '逗号, "引号"\n换行', n: -1.5, m: ['a', 'b'] },
      };
      const put: Effect = { kind: 'put_record', table: 'survey:s:1', key: 'r1', value };
      expect(
        await store.commit(carol, write({ expectedVersion: 0, messageId: 'a', effects: [put] })),
      ).toEqual({
        ok: true,
        version: 1,
      });
      expect(await store.getRecord('survey:s:1', 'r1')).toStrictEqual(value);
      const again = await store.commit(
        carol,
        write({
          expectedVersion: 1,
          messageId: 'a',
          effects: [{ ...put, value: { status: 'x' } }],
        }),
      );
      expect(again).toEqual({ ok: false, reason: 'duplicate' });
      expect(await store.getRecord('survey:s:1', 'r1')).toStrictEqual(value);
      await store.commit(
        carol,
        write({
          expectedVersion: 1,
          messageId: 'b',
          effects: [{ kind: 'delete_record', table: 'survey:s:1', key: 'r1' }],
        }),
      );
      expect(await store.getRecord('survey:s:1', 'r1')).toBeNull();
      expect(await store.getRecord('survey:none:1', 'r1')).toBeNull();
      expect(await store.scanRecords('survey:none:1', '0', 10)).toEqual({
        cursor: '0',
        records: [],
      });
    });

    it('pages through a table: every record once, whatever the page size', async () => {
      const store = current();
      const keys = Array.from({ length: 1200 }, (_, i) => `r${String(i).padStart(4, '0')}`);
      await commitAll(
        store,
        keys.map((key, i) => ({ kind: 'put_record', table: 'survey:big:1', key, value: { i } })),
      );
      for (const count of [7, 100, 5000]) {
        const seen = await scanAll(store, 'survey:big:1', count);
        expect(seen.size, `count ${count}`).toBe(1200);
        expect(seen.get('r0042')).toEqual({ i: 42 });
      }
    });

    it('returns every record present for the whole scan, even as others are deleted', async () => {
      const store = current();
      const keys = Array.from({ length: 300 }, (_, i) => `k${i}`);
      await commitAll(
        store,
        keys.map((key) => ({ kind: 'put_record', table: 'survey:d:1', key, value: 1 })),
      );
      const seen = new Set<string>();
      let cursor = '0';
      let deleted = 0;
      do {
        const page = await store.scanRecords('survey:d:1', cursor, 20);
        for (const r of page.records) seen.add(r.key);
        // Delete records already returned, as a withdrawal during an export would.
        const gone = page.records.slice(0, 3).map((r) => r.key);
        await commitAll(
          store,
          gone.map((key) => ({ kind: 'delete_record', table: 'survey:d:1', key })),
        );
        deleted += gone.length;
        cursor = page.cursor;
      } while (cursor !== '0');
      expect(deleted).toBeGreaterThan(0);
      expect(seen.size).toBe(300);
    });

    it('stores a published version once and never replaces it', async () => {
      const store = current();
      expect(await store.addSurveyVersion('s', 1, { id: 's', version: 1, title: '一' })).toBe(true);
      expect(await store.addSurveyVersion('s', 1, { id: 's', version: 1, title: 'changed' })).toBe(
        false,
      );
      expect(
        await store.surveyVersions([
          { id: 's', version: 1 },
          { id: 's', version: 2 },
        ]),
      ).toStrictEqual([{ id: 's', version: 1, title: '一' }, null]);
      expect(await store.surveyVersions([])).toEqual([]);
    });

    it('keeps survey metadata by id', async () => {
      const store = current();
      expect(await store.surveyMeta('s')).toBeNull();
      expect(await store.surveyMetas()).toEqual({});
      await store.saveSurveyMeta('s', { id: 's', status: 'draft', draft: { title: '草稿' } });
      await store.saveSurveyMeta('t', { id: 't', status: 'open' });
      await store.saveSurveyMeta('s', { id: 's', status: 'open' });
      expect(await store.surveyMeta('s')).toEqual({ id: 's', status: 'open' });
      expect(await store.surveyMetas()).toEqual({
        s: { id: 's', status: 'open' },
        t: { id: 't', status: 'open' },
      });
    });
  });
}
