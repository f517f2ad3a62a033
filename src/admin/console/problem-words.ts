import type { Locale } from '../../core/message';
import {
  FIELD_ERROR_CODES,
  placeIn,
  wordsFor,
  type FieldErrorCode,
  type FieldIssue,
} from '../../http/field-words';
import { translate } from '../../i18n';
import { surveyProblemText, type SurveyProblem } from '../../surveys/validate';
import type { Refusal } from '../services/service';
import type { T } from './i18n';
import type { Problem } from './pages/surveys';

/**
 * Where a problem is, in a researcher's words and language: `questions[0].options[1].code`
 * → "Question 1 · option 2 · code" (field names without words stay as written).
 */
export function placeOf(path: string, t: T): string {
  return placeIn(path, t);
}

/** A generic schema problem of a survey definition as a field problem's kind and figures. */
function kindOf(
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
 * What is wrong, in the reader's language: a generic schema problem ("too short",
 * "required") in the console's own words, a specific rule (an id's format, a show-if) in
 * the validator's words for it, a problem the service already worded as it is.
 */
export function wordsOf(problem: SurveyProblem, t: T, locale: Locale): string {
  const kind = kindOf(problem);
  if (kind) return wordsFor(kind, t);
  if (problem.key) return surveyProblemText(problem, locale, translate);
  return problem.message;
}

const isCode = (value: string): value is FieldErrorCode =>
  (FIELD_ERROR_CODES as readonly string[]).includes(value);

/**
 * Every problem a refusal lists, in the console's language: a definition's, else its field
 * problems, else its error code's words (`trust.errors.<code>`, one for every code).
 */
export function problemsOf(refusal: Refusal, t: T, locale: Locale): Problem[] {
  if (refusal.problems && refusal.problems.length > 0)
    return refusal.problems.map((p) => ({
      path: placeOf(p.path, t),
      message: wordsOf(p, t, locale),
    }));
  const issues: FieldIssue[] =
    refusal.issues ??
    Object.entries(refusal.fields ?? {}).flatMap(([field, codes]) =>
      codes.map((code) => ({ field, code: isCode(code) ? code : 'invalid', params: {} })),
    );
  if (issues.length > 0)
    return issues.map((i) => ({ path: placeOf(i.field, t), message: wordsFor(i, t) }));
  return [{ path: '', message: refusal.message ?? t(`trust.errors.${refusal.error}`) }];
}
