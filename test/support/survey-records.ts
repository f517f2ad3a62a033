import type { Effect, Store } from '../../src/store/port';

/** Write records into a table the way turns do: put_record effects in commits. */
export async function seedRecords(
  store: Store,
  table: string,
  records: Record<string, unknown>,
  batch = 1000,
): Promise<void> {
  const entries = Object.entries(records);
  for (let i = 0; i < entries.length; i += batch) {
    const effects: Effect[] = entries
      .slice(i, i + batch)
      .map(([key, value]) => ({ kind: 'put_record', table, key, value }));
    const result = await store.commit(
      { channel: 'seed', userId: `${table}:${i}` },
      {
        expectedVersion: 0,
        messageId: 'seed',
        conversation: null,
        profile: null,
        replies: [],
        effects,
      },
    );
    if (!result.ok) throw new Error(`seeding failed: ${result.reason}`);
  }
}
