import type { KeyNames } from './keys';
import type { MemoryRedis } from './memory-redis';
import type { JobStore } from './port';

/** Broadcast job storage over the memory store's data. */
export function memoryJobs(db: MemoryRedis, keys: KeyNames): JobStore {
  return {
    async saveJob(id, job) {
      if (!db.exists(keys.job(id))) db.apply(['rpush', keys.jobs(), id]);
      db.setString(keys.job(id), JSON.stringify(job));
    },
    async loadJob(id) {
      const raw = db.get(keys.job(id));
      return raw === undefined ? null : (JSON.parse(raw) as unknown);
    },
    async listJobs(limit) {
      return limit <= 0 ? [] : db.lrange(keys.jobs(), -limit, -1).reverse();
    },
    async jobState(id) {
      return db.get(keys.jobState(id)) ?? null;
    },
    async setJobState(id, state) {
      db.setString(keys.jobState(id), state);
    },
    async jobCounts(id) {
      return Object.fromEntries(
        Object.entries(db.hgetall(keys.jobCounts(id))).map(([k, v]) => [k, Number(v)]),
      );
    },
    async addJobCounts(id, deltas) {
      for (const [field, by] of Object.entries(deltas)) db.hincrby(keys.jobCounts(id), field, by);
    },
    async handledRecipients(id, refs) {
      return refs.map((ref) => db.sismember(keys.jobDone(id), ref));
    },
    async recordDelivery(id, ref, outcome, channel) {
      if (!db.sadd(keys.jobDone(id), ref)) return false;
      db.hincrby(keys.jobCounts(id), outcome, 1);
      if (channel) db.hincrby(keys.jobCounts(id), `${outcome}.${channel}`, 1);
      return true;
    },
  };
}
