import type { Redis } from '@upstash/redis/cloudflare';
import type { KeyNames } from './keys';
import { expirySeconds, type CoordinationStore } from './port';

/** Set unless held; answer {1, value} when set, {0, holder} otherwise. KEYS: claim. */
const CLAIM = `
local held = redis.call('GET', KEYS[1])
if held then return {0, held} end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
return {1, ARGV[1]}
`;

/** Delete only if still held by ARGV[1]. KEYS: claim. */
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/** Count a hit; the first one starts the window. KEYS: window; ARGV: seconds, by. */
const HIT = `
local n = redis.call('INCRBY', KEYS[1], ARGV[2])
local ttl = redis.call('TTL', KEYS[1])
if ttl < 0 then
  redis.call('EXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {n, ttl}
`;

/**
 * A slice of a log ending before ARGV[1] (-1 or past the end: the end), at most ARGV[2]
 * long: {position of the first, entries}. KEYS: log.
 */
const LOG_PAGE = `
local n = redis.call('LLEN', KEYS[1])
local e = tonumber(ARGV[1])
if e < 0 or e > n then e = n end
local s = math.max(0, e - tonumber(ARGV[2]))
if e <= s then return {s, {}} end
return {s, redis.call('LRANGE', KEYS[1], s, e - 1)}
`;

/**
 * Cache, claims, loose counters, rate-limit windows and log appends on Upstash; `call` maps
 * failures to StoreUnavailableError.
 */
export function upstashCoordination(
  redis: Redis,
  keys: KeyNames,
  call: <T>(what: string, run: () => Promise<T>) => Promise<T>,
): CoordinationStore {
  const claim = redis.createScript<[number, string]>(CLAIM);
  const release = redis.createScript<number>(RELEASE);
  const logPage = redis.createScript<[number, string[]]>(LOG_PAGE);
  const hit = redis.createScript<[number, number]>(HIT);
  return {
    async cacheGet(name) {
      const raw = await call('cacheGet', () => redis.get<string>(keys.cache(name)));
      return raw === null ? null : (JSON.parse(raw) as unknown);
    },
    async cacheSet(name, value, ttlSeconds) {
      await call('cacheSet', () =>
        redis.set(keys.cache(name), JSON.stringify(value), { ex: expirySeconds(ttlSeconds) }),
      );
    },
    async claim(name, value, ttlSeconds) {
      const [won, holder] = await call('claim', () =>
        claim.exec([keys.claim(name)], [value, String(expirySeconds(ttlSeconds))]),
      );
      return { won: Number(won) === 1, holder: String(holder) };
    },
    async release(name, value) {
      await call('release', () => release.exec([keys.claim(name)], [value]));
    },
    async count(counter, by = 1) {
      await call('count', () => redis.hincrby(keys.counters(), counter, by));
    },
    async cacheDelete(name) {
      await call('cacheDelete', () => redis.del(keys.cache(name)));
    },
    async hit(name, windowSeconds, by = 1) {
      if (!Number.isSafeInteger(by)) throw new TypeError(`window ${name}: hit must be an integer`);
      const [count, resetSeconds] = await call('hit', () =>
        hit.exec([keys.window(name)], [String(expirySeconds(windowSeconds)), String(by)]),
      );
      return { count: Number(count), resetSeconds: Number(resetSeconds) };
    },
    async appendLog(log, entry) {
      await call('appendLog', () => redis.rpush(keys.log(log), JSON.stringify(entry)));
    },
    async readLogPage(log, before, count) {
      const end = before === undefined ? -1 : Math.max(0, Math.floor(before));
      const [start, raw] = await call('readLogPage', () =>
        logPage.exec([keys.log(log)], [String(end), String(Math.max(0, Math.floor(count)))]),
      );
      return { start: Number(start), entries: raw.map((e) => JSON.parse(e) as unknown) };
    },
  };
}
