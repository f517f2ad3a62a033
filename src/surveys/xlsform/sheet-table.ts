import type { Locale } from '../../core/message';
import type { SurveyProblem } from '../validate';
import type { SheetRow, Workbook } from './xlsx';

/**
 * An XLSForm sheet read against its header row: plain columns (`name`, `type`) and
 * translatable ones per language (`label::Chinese (zh)`, `label::English (en)`), with the
 * column each value came from, so every problem can name its sheet, row and column.
 */

/** One problem: where, and an i18n key under `surveyTools.import` with its parameters. */
export interface ImportProblem {
  sheet: string;
  row: number;
  column: string;
  key: string;
  params?: Record<string, string | number>;
  /** A problem the survey validator found (key `invalid`), said in the user's language. */
  problem?: SurveyProblem;
}

export type Localized = Record<Locale, string>;

const LANGUAGES: [RegExp, Locale][] = [
  [/^(chinese|中文|汉语|zh([-_](cn|hans))?)$/i, 'zh-CN'],
  [/^(english|英文|英语|en([-_]\w+)?)$/i, 'en'],
];

/** `label::Chinese (zh)` → `{ field: 'label', locale: 'zh-CN' }`; a plain `label` has no locale. */
export function headerOf(text: string): { field: string; locale?: Locale; language?: string } {
  const [field, language] = text.trim().split('::') as [string, string | undefined];
  if (language === undefined) return { field: field.trim().toLowerCase() };
  const code = /\(([^)]+)\)\s*$/.exec(language)?.[1]?.trim();
  const name = language.replace(/\([^)]*\)\s*$/, '').trim();
  for (const [re, locale] of LANGUAGES)
    if ((code !== undefined && re.test(code)) || re.test(name))
      return { field: field.trim().toLowerCase(), locale };
  return { field: field.trim().toLowerCase(), language };
}

const TRANSLATABLE = [
  'label',
  'hint',
  'constraint_message',
  'required_message',
  'form_title',
  'intro',
  'consent',
  'thanks',
];

/** A sheet read against its header row: each row's fields, and where each field sits. */
export interface Table {
  sheet: string;
  header: Map<string, string>; // column letter → header text
  rows: SheetRow[];
}

export function table(
  book: Workbook,
  sheet: string,
  problems: ImportProblem[],
  allowed: string[],
): Table | undefined {
  const rows = book.get(sheet);
  if (!rows) return undefined;
  const [head, ...rest] = rows;
  const header = new Map<string, string>();
  if (!head) return { sheet, header, rows: [] };
  for (const [column, text] of head.cells) {
    const h = headerOf(text);
    if (h.language !== undefined && TRANSLATABLE.includes(h.field))
      problems.push({
        sheet,
        row: head.row,
        column,
        key: 'unknownLanguage',
        params: { header: text },
      });
    else if (!allowed.includes(h.field))
      problems.push({
        sheet,
        row: head.row,
        column,
        key: 'unknownColumn',
        params: { header: text },
      });
    else header.set(column, text);
  }
  return { sheet, header, rows: rest };
}

/** A row's plain field (`name`, `type`) with the column it came from. */
export function field(
  t: Table,
  row: SheetRow,
  name: string,
): { value: string; column: string } | undefined {
  for (const [column, text] of t.header)
    if (headerOf(text).field === name && !text.includes('::')) {
      const value = row.cells.get(column)?.trim();
      return value === undefined || value === '' ? undefined : { value, column };
    }
  return undefined;
}

export function columnOf(t: Table, name: string): string {
  for (const [column, text] of t.header) if (headerOf(text).field === name) return column;
  return 'A';
}

/**
 * A translatable field in both languages: a plain column fills both, a language column its
 * own. Missing in one language (with the other given) is a problem, and gives null;
 * undefined when the field is empty in every language.
 */
export function localized(
  t: Table,
  row: SheetRow,
  name: string,
  problems: ImportProblem[],
): Localized | null | undefined {
  const out: Partial<Localized> = {};
  const where: Partial<Record<Locale, string>> = {};
  let plain: string | undefined;
  let any = false;
  for (const [column, text] of t.header) {
    const h = headerOf(text);
    if (h.field !== name) continue;
    const value = row.cells.get(column)?.trim();
    if (h.locale) where[h.locale] = column;
    if (!value) continue;
    any = true;
    if (h.locale) out[h.locale] = value;
    else plain = value;
  }
  if (!any) return undefined;
  const zh = out['zh-CN'] ?? plain;
  const en = out.en ?? plain;
  for (const [locale, value] of [
    ['zh-CN', zh],
    ['en', en],
  ] as const)
    if (value === undefined)
      problems.push({
        sheet: t.sheet,
        row: row.row,
        column: where[locale] ?? columnOf(t, name),
        key: 'missingTranslation',
        params: { field: name, language: locale },
      });
  return zh !== undefined && en !== undefined ? { 'zh-CN': zh, en } : null;
}
