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

/** The table a survey version's responses live in. */
export function responseTable(id: string, version: number): string {
  return `survey:${id}:${version}`;
}

/** A survey version's counter of people in a status (`started` includes `completed`). */
export function surveyCounter(id: string, version: number, status: SurveyStatus): string {
  return `survey:${id}:${version}:${status}`;
}

/** The key of a survey version in a person's profile. */
export function surveyKey(id: string, version: number): string {
  return `${id}@${version}`;
}

/** Read a {@link surveyKey} back; undefined when it is not one. */
export function parseSurveyKey(key: string): { id: string; version: number } | undefined {
  const match = /^([a-z][a-z0-9_]*)@(\d+)$/.exec(key);
  return match ? { id: match[1]!, version: Number(match[2]) } : undefined;
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
