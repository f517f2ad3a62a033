import type { EngineEvent } from '../core/events';
import {
  parseSurveyKey,
  responseTable,
  statusDeltas,
  surveyCounter,
  type SurveyRecord,
  type SurveyStatus,
} from './response';

/** Counter moves between two statuses of one survey version, as events. */
export function counterEvents(
  id: string,
  version: number,
  from: SurveyStatus | undefined,
  to: SurveyStatus | undefined,
  wave = 1,
): EngineEvent[] {
  return Object.entries(statusDeltas(from, to)).map(([status, by]) => ({
    type: 'counted',
    counter: surveyCounter(id, version, status as SurveyStatus, wave),
    by,
  }));
}

/**
 * What the shell must write when a person's response changes: their record (null deletes
 * it) and the counters that follow from the change of status, all in the turn's commit.
 */
export function responseEvents(
  id: string,
  version: number,
  from: SurveyStatus | undefined,
  response: SurveyRecord | null,
  wave = 1,
): EngineEvent[] {
  return [
    { type: 'record_set', table: responseTable(id, version, wave), value: response },
    ...counterEvents(id, version, from, response?.status, wave),
  ];
}

/**
 * Erasing a person (`/delete_me`) deletes their record in every survey version (and panel
 * wave) they met and takes them out of its counts.
 */
export function erasureEvents(
  statuses: Readonly<Record<string, SurveyStatus>> | undefined,
): EngineEvent[] {
  return Object.entries(statuses ?? {}).flatMap(([key, status]) => {
    const survey = parseSurveyKey(key);
    return survey ? responseEvents(survey.id, survey.version, status, null, survey.wave) : [];
  });
}
