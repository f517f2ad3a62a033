import type { Value } from '../core/conditions';
import { normalizeInput, parseNumber, parseYesNo, sameLabel } from '../core/parse';
import type { TextParams } from '../core/text';
import type { Question } from './schema';

/** What the person sent for the open question. */
export interface SurveyInput {
  text?: string;
  choiceId?: string;
}

/** An option as offered: its code and its label in every language (for typed matches). */
export interface OfferedOption {
  code: string;
  labels: readonly string[];
}

/**
 * Why an answer was refused: an i18n key under `surveys.errors` with its parameters, and
 * whether the question's own `constraintMessage` replaces it (range, length, selections).
 */
export interface AnswerError {
  reason: string;
  params?: TextParams;
  constraint?: boolean;
}

/** The outcome of reading an answer. */
export type Parsed = { ok: true; value: Value } | { ok: false; error: AnswerError };

const fail = (reason: string, params?: TextParams, constraint = false): Parsed => ({
  ok: false,
  error: { reason, ...(params ? { params } : {}), ...(constraint ? { constraint } : {}) },
});

/** Find one option by button id, number (1-based), code or label in any language. */
export function findOption(
  options: readonly OfferedOption[],
  input: SurveyInput,
): OfferedOption | undefined {
  if (input.choiceId !== undefined) return options.find((o) => o.code === input.choiceId);
  const typed = normalizeInput(input.text ?? '');
  if (typed === '') return undefined;
  if (/^\d+$/.test(typed)) return options[Number(typed) - 1];
  return options.find((o) => [o.code, ...o.labels].some((name) => sameLabel(typed, name)));
}

/**
 * Several options typed at once: `1,3`, `1 3`, `1、3` or labels separated by commas.
 * Undefined when any part matches no option.
 */
export function findOptions(
  options: readonly OfferedOption[],
  text: string,
): OfferedOption[] | undefined {
  const whole = findOption(options, { text });
  if (whole) return [whole];
  const parts = normalizeInput(text)
    .split(/[,，、;；\s]+/)
    .filter((p) => p !== '');
  const picked: OfferedOption[] = [];
  for (const part of parts) {
    const option = findOption(options, { text: part });
    if (!option) return undefined;
    if (!picked.includes(option)) picked.push(option);
  }
  return picked.length > 0 ? picked : undefined;
}

/** A number inside `[min, max]` to show as an example. */
export function exampleNumber(min: number | undefined, max: number | undefined, integer: boolean) {
  const lo = min ?? (max !== undefined ? Math.min(0, max) : 0);
  const hi = max ?? lo + 24;
  const middle = (lo + hi) / 2;
  return integer ? Math.round(middle) : Math.round(middle * 10) / 10;
}

/** A date inside `[min, max]` to show as an example. */
function exampleDate(min: string | undefined, max: string | undefined): string {
  const typical = '2024-05-01';
  if (min !== undefined && typical < min) return min;
  if (max !== undefined && typical > max) return max;
  return typical;
}

/** Check a number against a question's bounds. */
function inRange(value: number, q: { min?: number; max?: number }, integer: boolean): Parsed {
  const example = exampleNumber(q.min, q.max, integer);
  const params = { min: q.min ?? '', max: q.max ?? '', example };
  if (q.min !== undefined && value < q.min)
    return fail(q.max === undefined ? 'too_small' : 'range', params, true);
  if (q.max !== undefined && value > q.max)
    return fail(q.min === undefined ? 'too_large' : 'range', params, true);
  return { ok: true, value };
}

/**
 * Read a date the way people type it: `2024-05-01`, `2024/5/1`, `2024.5.1`, `2024年5月1日`.
 *
 * @example parseDate('2024年5月1日') // '2024-05-01'
 */
export function parseDate(text: string): string | undefined {
  const match = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?$/.exec(
    normalizeInput(text),
  );
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return undefined;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${year}-${pad(month)}-${pad(day)}`;
}

/**
 * Read an answer to a question that takes typed input or a single tap: everything but the
 * multiple-choice selection, which the runner builds tap by tap (see {@link findOptions}).
 * `options` are the offered options of a choice question; `yes`/`no` the words for yes/no.
 */
export function parseAnswer(
  question: Question,
  input: SurveyInput,
  options: readonly OfferedOption[],
  yesNo: { yes: readonly string[]; no: readonly string[] },
): Parsed {
  const text = (input.text ?? '').trim();
  switch (question.type) {
    case 'single_choice': {
      const option = findOption(options, input);
      return option ? { ok: true, value: option.code } : fail('choice', { max: options.length });
    }
    case 'multiple_choice': {
      const picked = input.choiceId !== undefined ? undefined : findOptions(options, text);
      return picked
        ? { ok: true, value: picked.map((o) => o.code) }
        : fail('multiple', { max: options.length });
    }
    case 'yes_no': {
      const value = readYesNo(input, yesNo);
      return value === undefined ? fail('yes_no') : { ok: true, value };
    }
    case 'likert': {
      const n = Number(input.choiceId ?? normalizeInput(text));
      const ok = Number.isInteger(n) && n >= 1 && n <= question.points;
      const example = Math.ceil(question.points / 2);
      return ok ? { ok: true, value: n } : fail('likert', { points: question.points, example });
    }
    case 'integer':
    case 'decimal': {
      const integer = question.type === 'integer';
      const value = parseNumber(text);
      const example = exampleNumber(question.min, question.max, integer);
      if (value === undefined) return fail(integer ? 'integer' : 'decimal', { example });
      if (integer && !Number.isInteger(value)) return fail('integer', { example });
      return inRange(value, question, integer);
    }
    case 'text': {
      if (text === '') return fail('text_empty');
      const length = [...text].length;
      if (length > question.maxLength)
        return fail('text_long', { length, max: question.maxLength }, true);
      return { ok: true, value: text };
    }
    case 'date': {
      const value = parseDate(text);
      const example = exampleDate(question.min, question.max);
      if (value === undefined) return fail('date', { example });
      const early = question.min !== undefined && value < question.min;
      const late = question.max !== undefined && value > question.max;
      if (early || late) {
        const { min, max } = question;
        if (min !== undefined && max !== undefined)
          return fail('date_range', { min, max, example }, true);
        return early
          ? fail('date_early', { min: min ?? '', example }, true)
          : fail('date_late', { max: max ?? '', example }, true);
      }
      return { ok: true, value };
    }
  }
}

/** Read yes or no: the buttons, 1 or 2, the words for yes and no in either language. */
export function readYesNo(
  input: SurveyInput,
  words: { yes: readonly string[]; no: readonly string[] },
): boolean | undefined {
  if (input.choiceId === 'yes') return true;
  if (input.choiceId === 'no') return false;
  if (input.choiceId !== undefined) return undefined;
  const text = normalizeInput(input.text ?? '');
  if (text === '1' || words.yes.some((w) => sameLabel(text, w))) return true;
  if (text === '2' || words.no.some((w) => sameLabel(text, w))) return false;
  return parseYesNo(text);
}
