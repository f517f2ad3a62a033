import type { Locale } from '../../core/message';
import {
  FIELD_ERROR_CODES,
  placeIn,
  wordsFor,
  type FieldErrorCode,
  type FieldIssue,
} from '../../http/field-words';
import { problemWords } from '../problem-words';
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
      message: problemWords(p, t, locale),
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
