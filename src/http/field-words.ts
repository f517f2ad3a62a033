import type { TextParams } from '../core/text';

/**
 * The kinds of field problem the APIs and the console report, each worded in both locales
 * under `field_errors.codes.<code>` (a few have a more precise `<code>_<format>`).
 */
export const FIELD_ERROR_CODES = [
  'required',
  'too_short',
  'too_long',
  'too_small',
  'too_big',
  'too_few',
  'too_many',
  'wrong_type',
  'invalid_value',
  'unknown_key',
  'invalid_format',
  'no_match',
  'not_multiple',
  'not_json',
  'bad_text',
  'past_time',
  'before_from',
  'not_text_question',
  'one_required',
  'nothing_to_change',
  'csrf',
  'invalid',
] as const;

/** One of {@link FIELD_ERROR_CODES}. */
export type FieldErrorCode = (typeof FIELD_ERROR_CODES)[number];

/**
 * One problem with one field, in a stable, language-free shape: where (`audience.course`,
 * `questions.0.low`; `body` or `query` for the whole), what kind, and its figures.
 */
export interface FieldIssue {
  field: string;
  code: FieldErrorCode;
  params: TextParams;
}

/** A translation bound to a language, with i18next's `defaultValue`. */
export type Say = (key: string, params?: TextParams) => string;

const NAME = /^[A-Za-z_][\w-]*$/;

/**
 * Where a problem is, in a researcher's words and language: `questions[0].options[1].code`
 * or `questions.0.low` → "Question 1 · option 2 · code" (a name without words stays as
 * written).
 *
 * @example placeIn('questions.0.low', say) // "Question 1 · Label of the lowest point"
 */
export function placeIn(path: string, say: Say): string {
  // The request as a whole (its body, its query string), not a field named so.
  if (path === 'body' || path === 'query') return say(`field_errors.root.${path}`);
  const parts = path.replace(/\[(\d+)\]/g, '.$1').split('.');
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const next = parts[i + 1];
    if (part === '') continue;
    if (NAME.test(part) && next !== undefined && /^\d+$/.test(next)) {
      const n = Number(next) + 1;
      out.push(say(`field_errors.item.${part}`, { n, defaultValue: `${part} ${n}` }));
      i++;
    } else if (/^\d+$/.test(part)) out.push(`#${Number(part) + 1}`);
    else out.push(say(`field_errors.fields.${part}`, { defaultValue: part }));
  }
  return out.join(' · ');
}

/** What is wrong with the field, in the reader's language (without its place). */
export function wordsFor(issue: Pick<FieldIssue, 'code' | 'params'>, say: Say): string {
  const { code, params } = issue;
  const expected =
    typeof params.expected === 'string'
      ? say(`field_errors.types.${params.expected}`, { defaultValue: params.expected })
      : '';
  const general = say(`field_errors.codes.${code}`, { ...params, expected });
  const format = typeof params.format === 'string' ? params.format : '';
  if (format === '') return general;
  return say(`field_errors.codes.${code}_${format}`, {
    ...params,
    expected,
    defaultValue: general,
  });
}

/** The whole problem as one sentence: "Question 1 · Lowest value: must be at least 0." */
export function sentenceFor(issue: FieldIssue, say: Say): string {
  const place = placeIn(issue.field, say);
  const words = wordsFor(issue, say);
  return place === '' ? words : say('field_errors.sentence', { place, words });
}
