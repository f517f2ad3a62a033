import { DEFAULT_PREFIX, DEFAULT_TTLS, keyNames, type TtlOptions } from './keys';
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

const SWEEP_EVERY = 1000;

interface Entry {
  value: string;
  expiresAt: number | undefined;
}

/**
 * The embedded store: a process-local map with the same semantics as the Upstash adapter
 * (JSON values, TTLs, version check, message de-duplication). Used when no Upstash
 * credentials are configured; data lives as long as the isolate.
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): Store {
  const keys = keyNames(options.prefix ?? DEFAULT_PREFIX);
  const ttl = options.ttl ?? DEFAULT_TTLS;
  const now = options.now ?? Date.now;
  const strings = new Map<string, Entry>();
  const counters = new Map<string, number>();
  const logs = new Map<string, string[]>();

  const get = (key: string): string | undefined => {
    const entry = strings.get(key);
    if (entry?.expiresAt !== undefined && entry.expiresAt <= now()) strings.delete(key);
    return strings.get(key)?.value;
  };
  const set = (key: string, value: string, ttlSeconds?: number) => {
    strings.set(key, {
      value,
      expiresAt: ttlSeconds === undefined ? undefined : now() + ttlSeconds * 1000,
    });
  };
  let commits = 0;
  // Expired entries are dropped when read; a periodic sweep drops the ones never read again.
  const sweep = () => {
    const at = now();
    for (const [key, entry] of strings) {
      if (entry.expiresAt !== undefined && entry.expiresAt <= at) strings.delete(key);
    }
  };
  const json = (raw: string | undefined): unknown => (raw === undefined ? null : JSON.parse(raw));

  return {
    kind: 'memory',
    async load(user: UserRef, messageId: string): Promise<Snapshot> {
      return {
        version: Number(get(keys.version(user)) ?? 0),
        conversation: json(get(keys.conversation(user))),
        profile: json(get(keys.profile(user))),
        handled: json(get(keys.handled(user, messageId))),
      };
    },
    async commit(user: UserRef, write: TurnWrite): Promise<CommitResult> {
      assertEffects(write.effects);
      if (++commits % SWEEP_EVERY === 0) sweep();
      // No await between check and write: this block is atomic in a single-threaded isolate.
      if (get(keys.handled(user, write.messageId)) !== undefined)
        return { ok: false, reason: 'duplicate' };
      const current = Number(get(keys.version(user)) ?? 0);
      if (current !== write.expectedVersion) return { ok: false, reason: 'conflict' };
      const version = current + 1;
      set(keys.version(user), String(version), ttl.conversationSeconds);
      if (write.conversation === null) strings.delete(keys.conversation(user));
      else
        set(keys.conversation(user), JSON.stringify(write.conversation), ttl.conversationSeconds);
      if (write.profile === null) strings.delete(keys.profile(user));
      else set(keys.profile(user), JSON.stringify(write.profile));
      set(keys.handled(user, write.messageId), JSON.stringify(write.replies), ttl.handledSeconds);
      for (const effect of write.effects) {
        if (effect.kind === 'count') {
          counters.set(effect.counter, (counters.get(effect.counter) ?? 0) + (effect.by ?? 1));
        } else {
          const log = logs.get(keys.log(effect.log)) ?? [];
          log.push(JSON.stringify(effect.entry));
          logs.set(keys.log(effect.log), log);
        }
      }
      return { ok: true, version };
    },
    async counters() {
      return Object.fromEntries(counters);
    },
    async readLog(log: string, limit = 100) {
      if (limit <= 0) return [];
      return (logs.get(keys.log(log)) ?? []).slice(-limit).map((raw) => JSON.parse(raw) as unknown);
    },
    async ping() {
      return true;
    },
  };
}
