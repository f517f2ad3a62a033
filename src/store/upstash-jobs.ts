import type { Redis } from '@upstash/redis/cloudflare';
import type { KeyNames } from './keys';
import type { JobStore } from './port';

/**
 * Count an outcome only for a recipient not handled before, and per channel when one is
 * given (ARGV[3]). KEYS: done set, counts hash.
 */
const RECORD_DELIVERY = `
if redis.call('SADD', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('HINCRBY', KEYS[2], ARGV[2], 1)
if ARGV[3] and ARGV[3] ~= '' then redis.call('HINCRBY', KEYS[2], ARGV[2] .. '.' .. ARGV[3], 1) end
return 1
`;

/** Turn a flat [field, value, ...] reply (automatic deserialisation is off) into a record. */
export function pairs(flat: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (Array.isArray(flat)) {
    for (let i = 0; i + 1 < flat.length; i += 2) out[String(flat[i])] = String(flat[i + 1]);
  } else if (flat && typeof flat === 'object') {
    for (const [k, v] of Object.entries(flat)) out[k] = String(v);
  }
  return out;
}

/** Broadcast job storage on Upstash; `call` maps failures to StoreUnavailableError. */
export function upstashJobs(
  redis: Redis,
  keys: KeyNames,
  call: <T>(what: string, run: () => Promise<T>) => Promise<T>,
): JobStore {
  const record = redis.createScript<number>(RECORD_DELIVERY);
  return {
    async saveJob(id, job) {
      const created = await call('saveJob', () =>
        redis.set(keys.job(id), JSON.stringify(job), { nx: true }),
      );
      if (created === 'OK') await call('saveJob', () => redis.rpush(keys.jobs(), id));
      else await call('saveJob', () => redis.set(keys.job(id), JSON.stringify(job)));
    },
    async loadJob(id) {
      const raw = await call('loadJob', () => redis.get<string>(keys.job(id)));
      return raw === null ? null : (JSON.parse(raw) as unknown);
    },
    async listJobs(limit) {
      if (limit <= 0) return [];
      const ids = await call('listJobs', () => redis.lrange<string>(keys.jobs(), -limit, -1));
      return ids.reverse();
    },
    async jobState(id) {
      return call('jobState', () => redis.get<string>(keys.jobState(id)));
    },
    async setJobState(id, state) {
      await call('setJobState', () => redis.set(keys.jobState(id), state));
    },
    async jobCounts(id) {
      const flat = await call('jobCounts', () => redis.hgetall(keys.jobCounts(id)));
      return Object.fromEntries(Object.entries(pairs(flat)).map(([k, v]) => [k, Number(v)]));
    },
    async addJobCounts(id, deltas) {
      const entries = Object.entries(deltas);
      if (entries.length === 0) return;
      const tx = redis.multi();
      for (const [field, by] of entries) tx.hincrby(keys.jobCounts(id), field, by);
      await call('addJobCounts', () => tx.exec());
    },
    async handledRecipients(id, refs) {
      if (refs.length === 0) return [];
      const flags = await call('handledRecipients', () =>
        redis.smismember(keys.jobDone(id), [...refs]),
      );
      return flags.map((f) => Number(f) === 1);
    },
    async recordDelivery(id, ref, outcome, channel) {
      const added = await call('recordDelivery', () =>
        record.exec([keys.jobDone(id), keys.jobCounts(id)], [ref, outcome, channel ?? '']),
      );
      return Number(added) === 1;
    },
  };
}
