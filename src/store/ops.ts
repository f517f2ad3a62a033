import { KEY_REGISTRY, type KeyNames } from './keys';
import type { Effect } from './port';

/**
 * The few Redis writes a commit may carry, as data: both adapters execute the same list
 * (the Upstash one inside the commit's Lua script, the memory one in process), so the
 * effect-to-key mapping lives in one place.
 */
export type Op =
  | readonly ['hincrby', key: string, field: string, by: number]
  | readonly ['hset', key: string, field: string, value: string]
  | readonly ['hdel', key: string, field: string]
  | readonly ['rpush', key: string, value: string]
  | readonly ['sadd', key: string, member: string]
  | readonly ['srem', key: string, member: string]
  /**
   * `spec` is JSON `{ s: stratum, r: draw, q: [[arm, places]…], at, u?: users index key,
   * ref?: index entry, e?: experiment id }`; see BLOCK_FIELD_PREFIX.
   */
  | readonly ['assign', key: string, member: string, spec: string]
  /**
   * A day's figures (`key`: its hash): one message; `spec` is JSON `{ p: the day's people
   * set, n: 1 when the person is new, t: the hash's TTL, pt: the set's TTL }`; the person
   * (`member`) counts as active when the set did not hold them yet.
   */
  | readonly ['day', key: string, member: string, spec: string];

/**
 * An experiment's assignments share its records hash with the block state: a person's
 * assignment under their pseudonym (JSON `{ arm, stratum, at }`), and the current block's
 * counts per stratum under `#b:<stratum>` (a JSON array, in arm order). Pseudonyms start
 * with a letter, so the two never collide; readers of the table skip `#` fields.
 */
export const BLOCK_FIELD_PREFIX = '#b:';

/** The writes that carry out a turn's effects. */
export function effectOps(effects: readonly Effect[], keys: KeyNames): Op[] {
  return effects.map((effect): Op => {
    switch (effect.kind) {
      case 'count':
        return ['hincrby', keys.counters(), effect.counter, effect.by ?? 1];
      case 'append':
        return ['rpush', keys.log(effect.log), JSON.stringify(effect.entry)];
      case 'index_user':
        return effect.data === null
          ? ['hdel', keys.users(), effect.user]
          : ['hset', keys.users(), effect.user, JSON.stringify(effect.data)];
      case 'set_add':
        return ['sadd', keys.set(effect.set), effect.member];
      case 'set_remove':
        return ['srem', keys.set(effect.set), effect.member];
      case 'put_record':
        return ['hset', keys.records(effect.table), effect.key, JSON.stringify(effect.value)];
      case 'delete_record':
        return ['hdel', keys.records(effect.table), effect.key];
      case 'day_stats':
        return [
          'day',
          keys.dayStats(effect.day),
          effect.person,
          JSON.stringify({
            p: keys.dayPeople(effect.day),
            n: effect.fresh ? 1 : 0,
            t: KEY_REGISTRY.dayStats.ttlSeconds,
            pt: KEY_REGISTRY.dayPeople.ttlSeconds,
          }),
        ];
      case 'assign_arm':
        return [
          'assign',
          keys.records(effect.table),
          effect.key,
          JSON.stringify({
            s: effect.stratum,
            r: effect.draw,
            q: effect.quotas,
            at: effect.at,
            ...(effect.index
              ? { u: keys.users(), ref: effect.index.user, e: effect.index.experiment }
              : {}),
          }),
        ];
    }
  });
}
