import type { Locale } from '../../core/message';
import {
  FIELD_ERROR_CODES,
  placeIn,
  wordsFor,
  type FieldErrorCode,
  type FieldIssue,
} from '../../http/field-words';
import { problemWords, wordedProblems } from '../problem-words';
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
 * problems, else its error code's words (`trust.errors.<code>`, one for every code). Each
 * is placed in words, or with `paths` at its path as given (a page that marks its fields).
 */
export function problemsOf(refusal: Refusal, t: T, locale: Locale, paths = false): Problem[] {
  const place = (path: string) => (paths ? path : placeOf(path, t));
  if (refusal.problems && refusal.problems.length > 0)
    return refusal.problems.map((p) => ({
      path: place(p.path),
      message: problemWords(p, t, locale, wordedProblems(refusal)),
    }));
  const issues: FieldIssue[] =
    refusal.issues ??
    Object.entries(refusal.fields ?? {}).flatMap(([field, codes]) =>
      codes.map((code) => ({ field, code: isCode(code) ? code : 'invalid', params: {} })),
    );
  if (issues.length > 0)
    return issues.map((i) => ({ path: place(i.field), message: wordsFor(i, t) }));
  return [{ path: '', message: refusal.message ?? t(`trust.errors.${refusal.error}`) }];
}
