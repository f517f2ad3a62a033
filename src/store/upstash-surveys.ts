import type { Redis } from '@upstash/redis/cloudflare';
import type { KeyNames } from './keys';
import type { SurveyStore } from './port';
import { pairs } from './upstash-jobs';

const json = (raw: string | null | undefined): unknown =>
  raw === null || raw === undefined ? null : JSON.parse(raw);

/**
 * Survey definitions and response tables on Upstash; `call` maps failures to
 * StoreUnavailableError. Records are one hash per table, paged with HSCAN.
 */
export function upstashSurveys(
  redis: Redis,
  keys: KeyNames,
  call: <T>(what: string, run: () => Promise<T>) => Promise<T>,
): SurveyStore {
  return {
    async surveyMetas() {
      const flat = await call('surveyMetas', () => redis.hgetall(keys.surveys()));
      return Object.fromEntries(
        Object.entries(pairs(flat)).map(([id, raw]) => [id, JSON.parse(raw) as unknown]),
      );
    },
    async surveyMeta(id) {
      return json(await call('surveyMeta', () => redis.hget<string>(keys.surveys(), id)));
    },
    async saveSurveyMeta(id, meta) {
      await call('saveSurveyMeta', () =>
        redis.hset(keys.surveys(), { [id]: JSON.stringify(meta) }),
      );
    },
    async addSurveyVersion(id, version, definition) {
      const set = await call('addSurveyVersion', () =>
        redis.hsetnx(keys.surveyVersions(), `${id}@${version}`, JSON.stringify(definition)),
      );
      return Number(set) === 1;
    },
    async surveyVersions(refs) {
      if (refs.length === 0) return [];
      const fields = refs.map((r) => `${r.id}@${r.version}`);
      // Automatic deserialisation is off, so the reply is the plain array of values.
      const raw: unknown = await call('surveyVersions', () =>
        redis.hmget(keys.surveyVersions(), ...fields),
      );
      const values = Array.isArray(raw)
        ? raw
        : fields.map((f) => (raw as Record<string, unknown> | null)?.[f]);
      return values.map((v) => json(typeof v === 'string' ? v : null));
    },
    async experiments() {
      const flat = await call('experiments', () => redis.hgetall(keys.experiments()));
      return Object.fromEntries(
        Object.entries(pairs(flat)).map(([id, raw]) => [id, JSON.parse(raw) as unknown]),
      );
    },
    async addExperiment(id, definition) {
      const set = await call('addExperiment', () =>
        redis.hsetnx(keys.experiments(), id, JSON.stringify(definition)),
      );
      return Number(set) === 1;
    },
    async getRecord(table, key) {
      return json(await call('getRecord', () => redis.hget<string>(keys.records(table), key)));
    },
    async scanRecords(table, cursor, count = 500) {
      const [next, flat] = await call('scanRecords', () =>
        redis.hscan(keys.records(table), cursor, { count }),
      );
      const records = Object.entries(pairs(flat)).map(([key, raw]) => ({
        key,
        value: JSON.parse(raw) as unknown,
      }));
      return { cursor: String(next), records };
    },
  };
}
