import { DEFAULT_PREFIX, DEFAULT_TTLS, keyNames, type TtlOptions } from './keys';
import { memoryCoordination } from './memory-coordination';
import { memoryJobs } from './memory-jobs';
import { memorySurveys } from './memory-surveys';
import { MemoryRedis } from './memory-redis';
import { effectOps } from './ops';
import {
  assertEffects,
  type CommitResult,
  type Snapshot,
  type Store,
  type TurnWrite,
  type UserRef,
} from './port';

/** Options of {@link createMemoryStore}. */
export interface MemoryStoreOptions {
  prefix?: string;
  ttl?: TtlOptions;
  /** Clock in milliseconds, injectable so tests can expire keys. */
  now?: () => number;
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
  const json = (raw: string | undefined): unknown => (raw === undefined ? null : JSON.parse(raw));

  return {
    kind: 'memory',
    async load(user: UserRef, messageId: string): Promise<Snapshot> {
      return {
        version: Number(db.get(keys.version(user)) ?? 0),
        conversation: json(db.get(keys.conversation(user))),
        profile: json(db.get(keys.profile(user))),
        handled: json(db.get(keys.handled(user, messageId))),
      };
    },
    async commit(user: UserRef, write: TurnWrite): Promise<CommitResult> {
      assertEffects(write.effects);
      // No await between check and write: this block is atomic in a single-threaded isolate.
      if (db.exists(keys.handled(user, write.messageId))) return { ok: false, reason: 'duplicate' };
      const current = Number(db.get(keys.version(user)) ?? 0);
      if (current !== write.expectedVersion) return { ok: false, reason: 'conflict' };
      const version = current + 1;
      db.setString(keys.version(user), String(version), ttl.conversationSeconds);
      if (write.conversation === null) db.del(keys.conversation(user));
      else
        db.setString(
          keys.conversation(user),
          JSON.stringify(write.conversation),
          ttl.conversationSeconds,
        );
      if (write.profile === null) db.del(keys.profile(user));
      else db.setString(keys.profile(user), JSON.stringify(write.profile));
      db.setString(
        keys.handled(user, write.messageId),
        JSON.stringify(write.replies),
        ttl.handledSeconds,
      );
      for (const op of effectOps(write.effects, keys)) db.apply(op);
      return { ok: true, version };
    },
    async counters() {
      return Object.fromEntries(
        Object.entries(db.hgetall(keys.counters())).map(([k, v]) => [k, Number(v)]),
      );
    },
    async readLog(log: string, limit = 100) {
      if (limit <= 0) return [];
      return db.lrange(keys.log(log), -limit, -1).map((raw) => JSON.parse(raw) as unknown);
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
  };
}
