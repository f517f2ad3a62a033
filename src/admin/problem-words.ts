import type { Locale } from '../core/message';
import { sayIn, type WordedIssue } from '../http/bad-request';
import {
  placeIn,
  wordsFor,
  type FieldErrorCode,
  type FieldIssue,
  type Say,
} from '../http/field-words';
import { translate } from '../i18n';
import { surveyProblemText, type SurveyProblem } from '../surveys/validate';
import type { Refusal } from './services/service';

/** Whether a refusal's `problems` come worded by the service (a lesson's), not as keys. */
export function wordedProblems(refusal: Pick<Refusal, 'error'>): boolean {
  return refusal.error !== 'invalid_survey';
}

/**
 * A survey definition's generic schema problem ("too short", "required") as a field
 * problem's kind and figures; undefined for a specific rule (an id's format, a show-if).
 */
export function problemKind(
  problem: Pick<SurveyProblem, 'key' | 'code' | 'params'>,
): Pick<FieldIssue, 'code' | 'params'> | undefined {
  const params = problem.params ?? {};
  const limit = Number(params.limit ?? params.minimum ?? params.maximum);
  const origin = String(params.origin ?? '');
  const sized = (text: FieldErrorCode, list: FieldErrorCode, number: FieldErrorCode) => ({
    code: origin === 'string' ? text : origin === 'array' ? list : number,
    params: { limit },
  });
  switch (problem.key) {
    case 'required':
      return { code: 'required', params: {} };
    case 'wrongType':
      return { code: 'wrong_type', params: { expected: String(params.expected ?? '') } };
    case 'tooSmall':
      return sized('too_short', 'too_few', 'too_small');
    case 'tooBig':
      return sized('too_long', 'too_many', 'too_big');
    case 'unknownKeys':
      return { code: 'unknown_key', params: { keys: String(params.keys ?? '') } };
    case 'invalidValue':
      return { code: 'invalid_value', params: { values: String(params.values ?? '') } };
    case 'other':
      return { code: problem.code === 'invalid_union' ? 'no_match' : 'invalid', params: {} };
    default:
      return undefined;
  }
}

/**
 * What is wrong with a survey definition, in the reader's language: a generic schema
 * problem in the field problems' words, a specific rule in the validator's words for it, a
 * problem the service already worded (an XLSForm's, a lesson's: `worded`) as it is.
 */
export function problemWords(
  problem: SurveyProblem,
  say: Say,
  locale: Locale,
  worded = false,
): string {
  if (worded) return problem.message;
  const kind = problemKind(problem);
  if (kind) return wordsFor(kind, say);
  if (problem.key) return surveyProblemText(problem, locale, translate);
  return problem.message;
}

/**
 * A survey definition's problem in the APIs' shape: a generic one with its code, a
 * specific rule as `invalid` with the rule's key and figures (`params.rule`). `worded`:
 * the service said it in `locale` already (a lesson's problems).
 */
export function problemIssue(problem: SurveyProblem, locale: Locale, worded = false): WordedIssue {
  const say = sayIn(locale);
  const field = problem.path || 'body';
  const kind = (worded ? undefined : problemKind(problem)) ?? {
    code: 'invalid' as const,
    params: { ...(problem.key ? { rule: problem.key } : {}), ...problem.params },
  };
  const place = placeIn(problem.path, say);
  const words = problemWords(problem, say, locale, worded);
  const message = place === '' ? words : say('field_errors.sentence', { place, words });
  return { field, ...kind, message };
}
