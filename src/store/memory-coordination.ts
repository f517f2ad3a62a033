import type { KeyNames } from './keys';
import type { MemoryRedis } from './memory-redis';
import { expirySeconds, type CoordinationStore } from './port';

/** Cache, claims, loose counters, rate-limit windows and log appends over the memory data. */
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
    async cacheDelete(name) {
      db.del(keys.cache(name));
    },
    async hit(name, windowSeconds, by = 1) {
      if (!Number.isSafeInteger(by)) throw new TypeError(`window ${name}: hit must be an integer`);
      // No await in between: atomic in a single-threaded isolate, like the Lua script.
      const key = keys.window(name);
      const count = db.incrby(key, by);
      let resetSeconds = db.ttl(key);
      if (resetSeconds < 0) {
        resetSeconds = expirySeconds(windowSeconds);
        db.expire(key, resetSeconds);
      }
      return { count, resetSeconds };
    },
    async appendLog(log, entry) {
      db.apply(['rpush', keys.log(log), JSON.stringify(entry)]);
    },
    async readLogPage(log, before, count) {
      const all = db.lrange(keys.log(log), 0, -1);
      const end = before === undefined || before > all.length ? all.length : Math.max(0, before);
      const start = Math.max(0, end - Math.max(0, count));
      return { start, entries: all.slice(start, end).map((raw) => JSON.parse(raw) as unknown) };
    },
  };
}
