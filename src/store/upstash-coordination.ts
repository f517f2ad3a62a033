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

/** Cache, claims and loose counters on Upstash; `call` maps failures to StoreUnavailableError. */
export function upstashCoordination(
  redis: Redis,
  keys: KeyNames,
  call: <T>(what: string, run: () => Promise<T>) => Promise<T>,
): CoordinationStore {
  const claim = redis.createScript<[number, string]>(CLAIM);
  const release = redis.createScript<number>(RELEASE);
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
  };
}
