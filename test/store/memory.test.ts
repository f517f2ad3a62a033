import { randomUUID } from 'node:crypto';
import { createMemoryStore } from '../../src/store/memory';
import { storeContract } from './contract';

storeContract('memory', async () => {
  // A fake clock, so TTLs can be crossed without waiting.
  let now = Date.UTC(2026, 0, 1);
  const store = createMemoryStore({ prefix: `test:${randomUUID()}:`, now: () => now });
  return {
    store,
    advance: (ms: number) => {
      now += ms;
    },
    cleanup: async () => undefined,
  };
});
