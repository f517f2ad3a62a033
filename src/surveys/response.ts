import * as z from 'zod';
import { evaluate, valueSchema, type Value } from '../core/conditions';
import { LOCALES } from '../core/message';
import { mediaAnswerKey } from './media-keys';
import { SURVEY_STATUSES, type SurveyStatus } from './status';
import type { Question, SurveyDefinition } from './schema';

export { SURVEY_STATUSES, type SurveyStatus };

/**
 * One respondent's record in a survey version's table, keyed by their pseudonym. Times are
 * milliseconds since the epoch; `answers` holds `null` for a skipped question and nothing
 * for a question never shown.
 */
export const surveyResponseSchema = z.object({
  status: z.enum(SURVEY_STATUSES),
  locale: z.enum(LOCALES).optional(),
  channel: z.string().optional(),
  startedAt: z.number().optional(),
  updatedAt: z.number().optional(),
  completedAt: z.number().optional(),
  /** When the person declined or withdrew. */
  at: z.number().optional(),
  answers: z.record(z.string(), valueSchema).default({}),
  other: z.record(z.string(), z.string()).default({}),
});

/** See {@link surveyResponseSchema}. */
export type SurveyResponse = z.infer<typeof surveyResponseSchema>;

/** A record as written: a decline or withdrawal carries its status and time only. */
export type SurveyRecord = Partial<SurveyResponse> & { status: SurveyStatus };

/** The part a panel wave adds to a name: nothing for wave 1 (the layout before waves), `:w<n>` after. */
function waveSuffix(wave: number): string {
  return wave > 1 ? `:w${wave}` : '';
}

/**
 * The table a survey version's responses live in; a later panel wave's responses have
 * their own (`survey:<id>:<v>:w<n>`), so wave 1 keeps the layout from before waves.
 */
export function responseTable(id: string, version: number, wave = 1): string {
  return `survey:${id}:${version}${waveSuffix(wave)}`;
}

/** A survey version's counter of people in a status (`started` includes `completed`), per wave. */
export function surveyCounter(id: string, version: number, status: SurveyStatus, wave = 1): string {
  return `survey:${id}:${version}${waveSuffix(wave)}:${status}`;
}

/** The key of a survey version (and panel wave after the first) in a person's profile. */
export function surveyKey(id: string, version: number, wave = 1): string {
  return `${id}@${version}${waveSuffix(wave)}`;
}

/** Read a {@link surveyKey} back; undefined when it is not one. */
export function parseSurveyKey(
  key: string,
): { id: string; version: number; wave: number } | undefined {
  const match = /^([a-z][a-z0-9_]*)@(\d+)(?::w(\d+))?$/.exec(key);
  return match
    ? { id: match[1]!, version: Number(match[2]), wave: match[3] ? Number(match[3]) : 1 }
    : undefined;
}

/** The counters a person in a status counts towards. */
function countedIn(status: SurveyStatus | undefined): SurveyStatus[] {
  if (status === 'completed') return ['started', 'completed'];
  return status ? [status] : [];
}

/**
 * How the counters move when a person goes from one status to another (or to none, when
 * their data is erased), so counts always match the records kept.
 *
 * @example statusDeltas('started', 'completed') // { completed: 1 }
 */
export function statusDeltas(
  from: SurveyStatus | undefined,
  to: SurveyStatus | undefined,
): Partial<Record<SurveyStatus, number>> {
  const deltas: Partial<Record<SurveyStatus, number>> = {};
  for (const s of countedIn(from)) deltas[s] = (deltas[s] ?? 0) - 1;
  for (const s of countedIn(to)) deltas[s] = (deltas[s] ?? 0) + 1;
  for (const s of SURVEY_STATUSES) if (deltas[s] === 0) delete deltas[s];
  return deltas;
}

/** Whether a question is shown, given the answers so far and the person's profile. */
export function isShown(
  question: Question,
  answers: Readonly<Record<string, Value>>,
  profile: Readonly<Record<string, unknown>>,
): boolean {
  return question.showIf === undefined || evaluate(question.showIf, { vars: answers, profile });
}

/**
 * The answers that count: those of questions shown given the answers before them. After
 * "back" changes an answer, a later question may no longer be shown; its answer is dropped.
 */
export function shownAnswers(
  survey: SurveyDefinition,
  answers: Readonly<Record<string, Value>>,
  profile: Readonly<Record<string, unknown>>,
): Record<string, Value> {
  const kept: Record<string, Value> = {};
  for (const question of survey.questions) {
    if (!(question.id in answers) || !isShown(question, kept, profile)) continue;
    kept[question.id] = answers[question.id]!;
    // A voice answer's media key travels with its question's answer.
    const media = mediaAnswerKey(question.id);
    if (media in answers) kept[media] = answers[media]!;
  }
  return kept;
}
