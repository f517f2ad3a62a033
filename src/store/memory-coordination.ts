import type { KeyNames } from './keys';
import type { MemoryRedis } from './memory-redis';
import { expirySeconds, type CoordinationStore } from './port';

/** Cache, claims and loose counters over the memory store's data. */
export function memoryCoordination(db: MemoryRedis, keys: KeyNames): CoordinationStore {
  return {
    async cacheGet(name) {
      const raw = db.get(keys.cache(name));
      return raw === undefined ? null : (JSON.parse(raw) as unknown);
    },
    async cacheSet(name, value, ttlSeconds) {
      db.setString(keys.cache(name), JSON.stringify(value), expirySeconds(ttlSeconds));
    },
    async claim(name, value, ttlSeconds) {
      // No await between the read and the write: atomic in a single-threaded isolate.
      const held = db.get(keys.claim(name));
      if (held !== undefined) return { won: false, holder: held };
      db.setString(keys.claim(name), value, expirySeconds(ttlSeconds));
      return { won: true, holder: value };
    },
    async release(name, value) {
      if (db.get(keys.claim(name)) === value) db.del(keys.claim(name));
    },
    async count(counter, by = 1) {
      db.hincrby(keys.counters(), counter, by);
    },
  };
}
