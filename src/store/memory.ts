import { DEFAULT_PREFIX, DEFAULT_TTLS, keyNames, type TtlOptions } from './keys';
import { memoryCoordination } from './memory-coordination';
import { memoryJobs } from './memory-jobs';
import { memoryOverlay } from './memory-overlay';
import { memorySurveys } from './memory-surveys';
import { MemoryRedis } from './memory-redis';
import { memoryTurns } from './memory-turns';
import { readDayStats, type Store } from './port';

/** Options of {@link createMemoryStore}. */
export interface MemoryStoreOptions {
  prefix?: string;
  ttl?: TtlOptions;
  /** Clock in milliseconds, injectable so tests can expire keys. */
  now?: () => number;
  /** Hands tests the data underneath, to check what is really kept. */
  inspect?: (db: MemoryRedis) => void;
}

/**
 * The embedded store: process-local data with the same semantics as the Upstash adapter
 * (JSON values, TTLs, version check, message de-duplication, the same effect ops). Used
 * when no Upstash credentials are configured; data lives as long as the isolate.
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): Store {
  const keys = keyNames(options.prefix ?? DEFAULT_PREFIX);
  const ttl = options.ttl ?? DEFAULT_TTLS;
  const db = new MemoryRedis(options.now ?? Date.now);
  options.inspect?.(db);

  return {
    kind: 'memory',
    ...memoryTurns(db, keys, ttl, options.now ?? Date.now),
    async counters() {
      return Object.fromEntries(
        Object.entries(db.hgetall(keys.counters())).map(([k, v]) => [k, Number(v)]),
      );
    },
    async readLog(log: string, limit = 100) {
      if (limit <= 0) return [];
      return db.lrange(keys.log(log), -limit, -1).map((raw) => JSON.parse(raw) as unknown);
    },
    async dayStats(days: readonly string[]) {
      return Object.fromEntries(days.map((d) => [d, readDayStats(db.hgetall(keys.dayStats(d)))]));
    },
    async ping() {
      return true;
    },
    async scanUsers() {
      // One page holds everyone: the memory store is for development and tests.
      const users = Object.entries(db.hgetall(keys.users())).map(([ref, raw]) => ({
        ref,
        data: JSON.parse(raw) as unknown,
      }));
      return { cursor: '0', users };
    },
    async setMembers(set: string) {
      return db.smembers(keys.set(set));
    },
    ...memoryJobs(db, keys),
    ...memorySurveys(db, keys),
    ...memoryCoordination(db, keys),
    ...memoryOverlay(db, keys),
  };
}
