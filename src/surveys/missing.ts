import type { Condition } from '../core/conditions';
import type { AnswerColumn } from './columns';
import type { Cell } from './csv';
import { isShown, type SurveyResponse } from './response';
import { OTHER_CODE, type SurveyDefinition } from './schema';

/**
 * Why an answer column is empty, told apart in exports with the codes survey tools use
 * (negative, never a valid answer; written as numbers, so a typed "-97" — exported as
 * text `'-97` — cannot be mistaken for one):
 *
 * - `skipped` (-97): the person saw the question and skipped it (stored as `null`);
 * - `not_shown` (-98): skip logic did not show it (its `showIf` was false on the way);
 * - `not_reached` (-99): the person stopped before it (a partial response: the question
 *   they stopped at and every question after it, and a "please specify" never answered).
 *
 * The codes CSV writes these numbers; the labels CSV writes the reason in words; the
 * codebook lists them; Stata reads them as `.a`/`.b`/`.c`, SPSS as `MISSING VALUES`, R as
 * `NA` with the reason kept in the column's `na_reason` attribute.
 */
export const MISSING_CODES = { skipped: -97, not_shown: -98, not_reached: -99 } as const;

/** See {@link MISSING_CODES}. */
export type MissingReason = keyof typeof MISSING_CODES;

/** The reasons in code order (-97, -98, -99). */
export const MISSING_REASONS: readonly MissingReason[] = ['skipped', 'not_shown', 'not_reached'];

/** Stata's extended missing value for each reason. */
export const STATA_MISSING: Record<MissingReason, string> = {
  skipped: '.a',
  not_shown: '.b',
  not_reached: '.c',
};

/** The i18n key naming a reason (both languages, see locales `surveyExport.missing`). */
export function missingKey(reason: MissingReason): string {
  return `surveyExport.missing.${reason}`;
}

/** Whether a condition reads only earlier answers (no profile field, no slice). */
function answersOnly(c: Condition): boolean {
  if ('all' in c) return c.all.every(answersOnly);
  if ('any' in c) return c.any.every(answersOnly);
  if ('not' in c) return answersOnly(c.not);
  return 'var' in c;
}

/**
 * Why each question of a response has no answer, by question id (answered questions are
 * absent). Worked out from the record alone: `answers` holds `null` for a skipped question
 * and nothing for one never answered. A completed response passed every question, so a
 * missing one was not shown; a partial one passed every question before its last answer.
 * After it, a question whose condition (on answers only) is false was not shown; the first
 * other one is where the person stopped: it and all after it were not reached.
 *
 * @example missingReasons(survey, { status: 'started', answers: { a: null }, ... }) // { a: 'skipped', b: 'not_reached', ... }
 */
export function missingReasons(
  survey: SurveyDefinition,
  response: Pick<SurveyResponse, 'status' | 'answers'>,
): Record<string, MissingReason> {
  const { answers } = response;
  const questions = survey.questions;
  let last = -1;
  questions.forEach((q, i) => {
    if (q.id in answers) last = i;
  });
  const reasons: Record<string, MissingReason> = {};
  let stopped = false;
  questions.forEach((q, i) => {
    if (q.id in answers) {
      if (answers[q.id] === null) reasons[q.id] = 'skipped';
      return;
    }
    if (stopped) reasons[q.id] = 'not_reached';
    else if (response.status === 'completed' || i < last) reasons[q.id] = 'not_shown';
    else if (q.showIf && answersOnly(q.showIf) && !isShown(q, answers, {}))
      reasons[q.id] = 'not_shown';
    else {
      stopped = true;
      reasons[q.id] = 'not_reached';
    }
  });
  return reasons;
}

/**
 * The cell of a column whose answer is missing: the code (or, with `words`, the reason in
 * words); undefined when the column has a value to write. A "please specify" text is
 * missing with its question's reason, and not reached when "Other" was picked but nothing
 * typed; it is empty (not a code) when "Other" was not picked.
 */
export function missingCell(
  column: AnswerColumn,
  response: Pick<SurveyResponse, 'answers' | 'other'>,
  reasons: Readonly<Record<string, MissingReason>>,
  words?: (reason: MissingReason) => string,
): Cell | undefined {
  const write = (reason: MissingReason) => (words ? words(reason) : MISSING_CODES[reason]);
  const reason = reasons[column.question];
  if (reason) return write(reason);
  if (column.kind !== 'other') return undefined;
  const value = response.answers[column.question];
  const picked = value === OTHER_CODE || (Array.isArray(value) && value.includes(OTHER_CODE));
  if (picked && response.other[column.question] === undefined) return write('not_reached');
  return undefined;
}
