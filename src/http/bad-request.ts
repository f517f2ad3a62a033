import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import type * as z from 'zod';
import { resolveLocale } from '../core/engine';
import { LOCALES, type Locale } from '../core/message';
import type { TextParams } from '../core/text';
import { translate } from '../i18n';
import {
  FIELD_ERROR_CODES,
  sentenceFor,
  type FieldErrorCode,
  type FieldIssue,
  type Say,
} from './field-words';
import type { AppEnv } from './types';

export { FIELD_ERROR_CODES, type FieldErrorCode, type FieldIssue } from './field-words';

/** The cookie that remembers the console language someone picked (the API reads it too). */
export const LANG_COOKIE = 'svb_admin_lang';

const isLocale = (value: string | undefined): value is Locale =>
  (LOCALES as readonly string[]).includes(value ?? '');

/**
 * The language an API answers its problems in: the console's language cookie, else the
 * request's Accept-Language, else Chinese.
 */
export function apiLocale(c: Context<AppEnv>): Locale {
  const remembered = getCookie(c, LANG_COOKIE);
  if (isLocale(remembered)) return remembered;
  return resolveLocale({}, c.req.header('Accept-Language'));
}

/** A translation bound to `locale`. */
export function sayIn(locale: Locale): Say {
  return (key, params) => translate(locale, key, params);
}

/** One field problem. */
export function fieldIssue(
  field: string,
  code: FieldErrorCode,
  params: TextParams = {},
): FieldIssue {
  return { field, code, params };
}

const isCode = (value: unknown): value is FieldErrorCode =>
  (FIELD_ERROR_CODES as readonly unknown[]).includes(value);

/** The value `path` leads to in `input` (undefined where it leads nowhere). */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let node = input;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

const list = (values: readonly unknown[]) => values.map((v) => String(v)).join(', ');

/** A zod issue's kind and figures in the closed set of codes. */
function codeOf(issue: z.core.$ZodIssue, input: unknown): Pick<FieldIssue, 'code' | 'params'> {
  const size = (origin: string) =>
    origin === 'string' ? 'short' : origin === 'array' || origin === 'set' ? 'few' : 'small';
  switch (issue.code) {
    case 'invalid_type': {
      const missing =
        input === undefined
          ? /received undefined$/.test(issue.message)
          : valueAt(input, issue.path) === undefined;
      return missing
        ? { code: 'required', params: {} }
        : { code: 'wrong_type', params: { expected: issue.expected } };
    }
    case 'too_small': {
      const kind = size(issue.origin);
      const code = kind === 'short' ? 'too_short' : kind === 'few' ? 'too_few' : 'too_small';
      return { code, params: { limit: Number(issue.minimum) } };
    }
    case 'too_big': {
      const kind = size(issue.origin);
      const code = kind === 'short' ? 'too_long' : kind === 'few' ? 'too_many' : 'too_big';
      return { code, params: { limit: Number(issue.maximum) } };
    }
    case 'invalid_value':
      return { code: 'invalid_value', params: { values: list(issue.values) } };
    case 'unrecognized_keys':
      return { code: 'unknown_key', params: { keys: list(issue.keys) } };
    case 'invalid_format':
      return { code: 'invalid_format', params: { format: issue.format } };
    case 'invalid_union':
      return { code: 'no_match', params: {} };
    case 'not_multiple_of':
      return { code: 'not_multiple', params: { divisor: Number(issue.divisor) } };
    case 'custom': {
      // A refinement names its kind in `params.code` (see broadcast/job.ts).
      const { code, ...params } = (issue.params ?? {}) as Record<string, string | number>;
      return isCode(code) ? { code, params } : { code: 'invalid', params: {} };
    }
    default:
      return { code: 'invalid', params: {} };
  }
}

/**
 * A zod failure as field problems: each issue's dotted path (`audience.course`), its kind
 * and figures. Give the `input` that failed so a missing field reads as required; a problem
 * with the whole input is under `root` (`body`, or `query` for a query string).
 */
export function issuesOf(
  error: z.ZodError,
  options: { input?: unknown; root?: 'body' | 'query' } = {},
): FieldIssue[] {
  const root = options.root ?? 'body';
  return error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.map(String).join('.') : root,
    ...codeOf(issue, options.input),
  }));
}

/** A field problem with its sentence in one language. */
export type WordedIssue = FieldIssue & { message: string };

/** The body of a 400 with field problems: the problems worded in `locale`. */
export interface BadRequestBody {
  error: string;
  /** Every problem in one paragraph, for people. */
  message: string;
  /** For each field, its problems' sentences (the shape the APIs always had). */
  fields: Record<string, string[]>;
  issues: WordedIssue[];
}

/**
 * Field problems as the APIs answer them: every problem at once, each in a stable shape
 * (`field`, `code`, `params`) and as a sentence in `locale`.
 *
 * @example c.json(badRequest(issuesOf(parsed.error, { input }), apiLocale(c)), 400)
 */
export function badRequest(
  issues: readonly FieldIssue[],
  locale: Locale,
  error = 'invalid_request',
): BadRequestBody {
  const say = sayIn(locale);
  return wordedBadRequest(
    issues.map((i) => ({ ...i, message: sentenceFor(i, say) })),
    locale,
    error,
  );
}

/** {@link badRequest} for problems already worded (a survey definition's rules). */
export function wordedBadRequest(
  worded: WordedIssue[],
  locale: Locale,
  error = 'invalid_request',
): BadRequestBody {
  const say = sayIn(locale);
  const fields: Record<string, string[]> = {};
  for (const i of worded) (fields[i.field] ??= []).push(i.message);
  const message = say('field_errors.summary', { list: worded.map((i) => i.message).join(' ') });
  return { error, message, fields, issues: worded };
}
