import type { Value } from '../core/conditions';
import type { Locale } from '../core/message';
import { resolveText, type Translate } from '../core/text';
import { exportColumns, META_COLUMNS, type AnswerColumn } from './columns';
import type { Cell } from './csv';
import { mediaCells, mediaHeader, mediaLinkBase } from './media-keys';
import { missingCell, missingKey, missingReasons, type MissingReason } from './missing';
import type { SurveyResponse } from './response';
import { OTHER_CODE, type Question, type SurveyDefinition } from './schema';

/** How choice answers are written: option codes, or labels in one language. */
export interface RowOptions {
  labels?: Locale;
  t: Translate;
  /** Each line break inside an answer written as " / " (SPSS reads one case per line). */
  oneLine?: boolean;
}

/** A line break inside an answer (CRLF, CR, LF, and Unicode's line and paragraph separators). */
const LINE_BREAKS = /\r\n|[\r\n\u2028\u2029]/g;

/** A time as ISO 8601 in UTC, which Excel and R both parse. */
export function isoTime(ms: number | undefined): string | undefined {
  return ms === undefined ? undefined : new Date(ms).toISOString();
}

/**
 * The header of one response (one wave's, in a panel): the respondent's columns, then each
 * question's (see {@link exportColumns}), then one `<q>_media` link per question that takes
 * voice answers (see media-keys.ts). The columns about the person (profile, arms) follow in
 * the export, once per person.
 */
export function headerCells(survey: SurveyDefinition): string[] {
  return [...META_COLUMNS, ...exportColumns(survey).map((c) => c.name), ...mediaHeader(survey)];
}

/** `completed` or `partial`, as the export calls a started response. */
export function exportStatus(response: SurveyResponse): string {
  return response.status === 'completed' ? 'completed' : 'partial';
}

function choiceLabel(q: Question, code: string, options: RowOptions): string {
  const locale = options.labels;
  if (!locale) return code;
  if (code === OTHER_CODE) return options.t(locale, 'surveys.other');
  if (q.type !== 'single_choice' && q.type !== 'multiple_choice') return code;
  const option = q.options.find((o) => o.code === code);
  return option ? resolveText(option.label, locale, options.t) : code;
}

function valueCell(q: Question, value: Value | undefined, options: RowOptions): Cell {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value))
    return value.map((c) => choiceLabel(q, c, options)).join(options.labels ? '; ' : ' ');
  if (typeof value === 'boolean') {
    if (!options.labels) return value ? 'yes' : 'no';
    return options.t(options.labels, value ? 'common.yes' : 'common.no');
  }
  if (typeof value === 'number') return value;
  return q.type === 'single_choice' ? choiceLabel(q, value, options) : value;
}

function cell(
  column: AnswerColumn,
  q: Question,
  response: SurveyResponse,
  options: RowOptions,
  reasons: Readonly<Record<string, MissingReason>>,
): Cell {
  const locale = options.labels;
  const words = locale ? (r: MissingReason) => options.t(locale, missingKey(r)) : undefined;
  const missing = missingCell(column, response, reasons, words);
  if (missing !== undefined) return missing;
  const value = response.answers[column.question];
  if (column.kind === 'value') return valueCell(q, value, options);
  if (column.kind === 'other') return response.other[column.question];
  return Array.isArray(value) ? (value.includes(column.code) ? 1 : 0) : undefined;
}

/**
 * The cells of one respondent's row, in {@link headerCells} order.
 *
 * @example responseCells(survey, 'r3f…', response, { t }) // ['r3f…', 'completed', 1, 'telegram', 'zh-CN', '2026-…', …]
 */
export function responseCells(
  survey: SurveyDefinition,
  respondent: string,
  response: SurveyResponse,
  options: RowOptions,
): Cell[] {
  const questions = new Map(survey.questions.map((q) => [q.id, q]));
  const reasons = missingReasons(survey, response);
  const cells: Cell[] = [
    respondent,
    exportStatus(response),
    survey.version,
    response.channel,
    response.locale,
    isoTime(response.startedAt),
    isoTime(response.completedAt),
    ...exportColumns(survey).map((c) =>
      cell(c, questions.get(c.question)!, response, options, reasons),
    ),
    ...mediaCells(survey, response, mediaLinkBase(survey.id)),
  ];
  if (!options.oneLine) return cells;
  return cells.map((c) => (typeof c === 'string' ? c.replace(LINE_BREAKS, ' / ') : c));
}

/**
 * One respondent as a JSON Lines record: answers as codes, `null` for a skipped question;
 * `missing` says why each unanswered question has no answer (see `missing.ts`).
 */
export function responseJson(
  survey: SurveyDefinition,
  respondent: string,
  response: SurveyResponse,
): Record<string, unknown> {
  return {
    respondent,
    status: exportStatus(response),
    survey: survey.id,
    version: survey.version,
    channel: response.channel ?? null,
    locale: response.locale ?? null,
    started_at: isoTime(response.startedAt) ?? null,
    completed_at: isoTime(response.completedAt) ?? null,
    answers: response.answers,
    other: response.other,
    missing: missingReasons(survey, response),
  };
}
