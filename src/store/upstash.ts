import { Redis } from '@upstash/redis/cloudflare';
import { COMMIT_SCRIPT } from './commit-script';
import { effectOps, type Op } from './ops';
import { upstashCoordination } from './upstash-coordination';
import { pairs, upstashJobs } from './upstash-jobs';
import { upstashSurveys } from './upstash-surveys';
import { DEFAULT_PREFIX, DEFAULT_TTLS, keyNames, type TtlOptions } from './keys';
import {
  assertEffects,
  StoreUnavailableError,
  type CommitResult,
  type Store,
  type TurnWrite,
  type UserRef,
} from './port';

/** Options of {@link createUpstashStore}. */
export interface UpstashStoreOptions {
  url: string;
  token: string;
  prefix?: string;
  ttl?: TtlOptions;
  /** Per-request timeout; a dead store must fail well inside WeChat's 5 s. */
  timeoutMs?: number;
  /** Retries after a network error (the client's default of 5 with exp backoff takes >10 s). */
  retries?: number;
}

/** Lay ops out for the commit script: distinct keys after the fixed ones, four args per op. */
function scriptArgs(ops: readonly Op[], fixedKeys: number): { keys: string[]; args: string[] } {
  const keys: string[] = [];
  const args = ops.flatMap(([name, key, a, b]) => {
    let index = keys.indexOf(key);
    if (index < 0) index = keys.push(key) - 1;
    return [name, String(fixedKeys + index + 1), String(a), b === undefined ? '' : String(b)];
  });
  return { keys, args: [String(ops.length), ...args] };
}

/**
 * The production store on Upstash Redis over REST. One command per load (MGET) and one
 * per commit (EVALSHA of the commit script), so a turn costs two round trips.
 */
export function createUpstashStore(options: UpstashStoreOptions): Store {
  const timeoutMs = options.timeoutMs ?? 1500;
  const redis = new Redis({
    url: options.url,
    token: options.token,
    // We serialise ourselves: the default JSON-parses values, so "123" would read back as 123.
    automaticDeserialization: false,
    enableTelemetry: false,
    enableAutoPipelining: false,
    retry: { retries: options.retries ?? 1, backoff: () => 50 },
    signal: () => AbortSignal.timeout(timeoutMs),
  });
  const script = redis.createScript<[number, number | string]>(COMMIT_SCRIPT);
  const keys = keyNames(options.prefix ?? DEFAULT_PREFIX);
  const ttl = options.ttl ?? DEFAULT_TTLS;

  const call = async <T>(what: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw new StoreUnavailableError(`upstash ${what} failed: ${(error as Error).message}`, {
        cause: error,
      });
    }
  };
  const json = (raw: string | null | undefined): unknown =>
    raw === null || raw === undefined ? null : JSON.parse(raw);

  return {
    kind: 'upstash',
    async load(user: UserRef, messageId: string) {
      const [version, conversation, profile, handled] = await call('load', () =>
        redis.mget<(string | null)[]>(
          keys.version(user),
          keys.conversation(user),
          keys.profile(user),
          keys.handled(user, messageId),
        ),
      );
      return {
        version: Number(version ?? 0),
        conversation: json(conversation),
        profile: json(profile),
        handled: json(handled),
      };
    },
    async commit(user: UserRef, write: TurnWrite): Promise<CommitResult> {
      assertEffects(write.effects);
      const fixed = [
        keys.version(user),
        keys.conversation(user),
        keys.profile(user),
        keys.handled(user, write.messageId),
      ];
      const { keys: extra, args } = scriptArgs(effectOps(write.effects, keys), fixed.length);
      const [ok, detail] = await call('commit', () =>
        script.exec(
          [...fixed, ...extra],
          [
            String(write.expectedVersion),
            write.conversation === null ? '' : JSON.stringify(write.conversation),
            String(ttl.conversationSeconds),
            write.profile === null ? '' : JSON.stringify(write.profile),
            JSON.stringify(write.replies),
            String(ttl.handledSeconds),
            ...args,
          ],
        ),
      );
      if (Number(ok) === 1) return { ok: true, version: Number(detail) };
      return { ok: false, reason: detail === 'duplicate' ? 'duplicate' : 'conflict' };
    },
    async counters() {
      const flat = await call('counters', () => redis.hgetall(keys.counters()));
      return Object.fromEntries(Object.entries(pairs(flat)).map(([k, v]) => [k, Number(v)]));
    },
    async readLog(log: string, limit = 100) {
      if (limit <= 0) return [];
      const raw = await call('readLog', () => redis.lrange<string>(keys.log(log), -limit, -1));
      return raw.map((entry) => JSON.parse(entry) as unknown);
    },
    async scanUsers(cursor: string, count = 500) {
      const [next, flat] = await call('scanUsers', () =>
        redis.hscan(keys.users(), cursor, { count }),
      );
      const users = Object.entries(pairs(flat)).map(([ref, raw]) => ({
        ref,
        data: JSON.parse(raw) as unknown,
      }));
      return { cursor: String(next), users };
    },
    async setMembers(set: string) {
      return call('setMembers', () => redis.smembers<string[]>(keys.set(set)));
    },
    ...upstashJobs(redis, keys, call),
    ...upstashSurveys(redis, keys, call),
    ...upstashCoordination(redis, keys, call),
    async ping() {
      try {
        return (await redis.ping()) === 'PONG';
      } catch {
        return false;
      }
    },
  };
}
