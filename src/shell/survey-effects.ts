import type { EngineEvent } from '../core/events';
import type { Program } from '../core/program';
import type { SurveyCatalog } from '../surveys/catalog';
import type { SurveyCatalogSource } from '../surveys/io/catalog-source';
import type { Effect, UserRef } from '../store/port';
import type { Logger } from './logger';

/** Where the turn gets the surveys it can run and the key it files a person's records under. */
export interface SurveyTurnDeps {
  /**
   * The surveys published now (content and admin API), cached per isolate; a stale cache is
   * refreshed from what the turn's own load reads (see SurveyCatalogSource).
   */
  surveys?: Pick<SurveyCatalogSource, 'wanted' | 'accept' | 'current'>;
  /**
   * The person's pseudonym (an HMAC of channel and user id under a secret): records are
   * filed under it, never under the user id. Computed only in turns that write a record.
   */
  pseudonym?: (user: UserRef) => Promise<string>;
  log: Logger;
}

/** The program with this turn's survey catalogue (the bundled program has none). */
export function programWithSurveys(program: Program, catalog: SurveyCatalog | undefined): Program {
  return catalog ? { ...program, surveys: catalog } : program;
}

/** The pseudonym to file this turn's records under, when the turn writes any. */
export async function respondentFor(
  deps: SurveyTurnDeps,
  user: UserRef,
  events: readonly EngineEvent[],
): Promise<string | undefined> {
  if (!events.some((e) => e.type === 'record_set')) return undefined;
  return deps.pseudonym?.(user);
}

/**
 * Records the engine asked for: `record_set` becomes a put or delete of the person's record
 * (keyed by their pseudonym), in the commit. (`counted` events are `effectsOf`'s.)
 */
export function recordEffects(
  events: readonly EngineEvent[],
  respondent: string | undefined,
  log: Logger,
): Effect[] {
  const effects: Effect[] = [];
  for (const event of events) {
    if (event.type !== 'record_set') continue;
    if (respondent === undefined) {
      // Without a pseudonym secret no record is written under anyone's real id.
      log.error('record_without_pseudonym', { table: event.table });
      continue;
    }
    effects.push(
      event.value === null
        ? { kind: 'delete_record', table: event.table, key: respondent }
        : { kind: 'put_record', table: event.table, key: respondent, value: event.value },
    );
  }
  return effects;
}
