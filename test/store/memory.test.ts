import { randomUUID } from 'node:crypto';
import { createMemoryStore } from '../../src/store/memory';
import type { MemoryRedis } from '../../src/store/memory-redis';
import { storeContract } from './contract';

storeContract('memory', async () => {
  // A fake clock, so TTLs can be crossed without waiting.
  let now = Date.UTC(2026, 0, 1);
  const prefix = `test:${randomUUID()}:`;
  let db: MemoryRedis | undefined;
  const store = createMemoryStore({ prefix, now: () => now, inspect: (d) => (db = d) });
  return {
    store,
    keyExists: async (key: string) => db?.exists(prefix + key) ?? false,
    advance: (ms: number) => {
      now += ms;
    },
    cleanup: async () => undefined,
  };
});
