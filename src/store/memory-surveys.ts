import type { KeyNames } from './keys';
import type { MemoryRedis } from './memory-redis';
import type { SurveyStore } from './port';

const json = (raw: string | undefined): unknown => (raw === undefined ? null : JSON.parse(raw));

/** Survey definitions and response tables over the memory store's data. */
export function memorySurveys(db: MemoryRedis, keys: KeyNames): SurveyStore {
  return {
    async surveyMetas() {
      return Object.fromEntries(
        Object.entries(db.hgetall(keys.surveys())).map(([id, raw]) => [id, JSON.parse(raw)]),
      );
    },
    async surveyMeta(id) {
      return json(db.hget(keys.surveys(), id));
    },
    async saveSurveyMeta(id, meta) {
      db.apply(['hset', keys.surveys(), id, JSON.stringify(meta)]);
    },
    async addSurveyVersion(id, version, definition) {
      return db.hsetnx(keys.surveyVersions(), `${id}@${version}`, JSON.stringify(definition));
    },
    async surveyVersions(refs) {
      return refs.map((r) => json(db.hget(keys.surveyVersions(), `${r.id}@${r.version}`)));
    },
    async experiments() {
      return Object.fromEntries(
        Object.entries(db.hgetall(keys.experiments())).map(([id, raw]) => [id, JSON.parse(raw)]),
      );
    },
    async addExperiment(id, definition) {
      return db.hsetnx(keys.experiments(), id, JSON.stringify(definition));
    },
    async getRecord(table, key) {
      return json(db.hget(keys.records(table), key));
    },
    async scanRecords(table, cursor, count = 500) {
      const page = db.hscan(keys.records(table), cursor, count);
      return {
        cursor: page.cursor,
        records: page.entries.map(([key, raw]) => ({ key, value: JSON.parse(raw) as unknown })),
      };
    },
  };
}
