import type { Locale } from '../../core/message';
import type { Translate } from '../../core/text';
import type { SurveyInput } from '../schema';
import { surveyProblemText, validateSurvey } from '../validate';
import { convertXlsForm, type ImportProblem } from './convert';
import { readWorkbook } from './xlsx';

export type { ImportProblem } from './convert';

/** The outcome of {@link importXlsForm}. */
export type XlsFormImport =
  { ok: true; survey: SurveyInput } | { ok: false; problems: ImportProblem[] };

/**
 * An `.xlsx` XLSForm as a survey definition checked by the survey validator, or every
 * problem with its sheet, row and column. Loaded only by the import route and the CLI.
 *
 * @example await importXlsForm(bytes) // { ok: false, problems: [{ sheet: 'survey', row: 4, column: 'A', key: 'unsupportedType', params: { type: 'geopoint' } }] }
 */
export async function importXlsForm(bytes: Uint8Array): Promise<XlsFormImport> {
  const book = await readWorkbook(bytes);
  if (!(book instanceof Map))
    return { ok: false, problems: [{ sheet: '', row: 0, column: '', key: book }] };
  const converted = convertXlsForm(book);
  if (!converted.ok) return converted;
  const checked = validateSurvey(converted.survey);
  if (checked.ok) return { ok: true, survey: converted.survey };
  // The validator's paths (`questions[2].options[0].code`) point back at the sheet rows.
  const problems = checked.problems.map((p): ImportProblem => {
    const index = /^questions\[(\d+)\]/.exec(p.path)?.[1];
    const row = index === undefined ? undefined : converted.rows[Number(index)];
    const params = { message: p.message, path: p.path };
    return row === undefined
      ? { sheet: 'settings', row: 2, column: 'A', key: 'invalid', params, problem: p }
      : { sheet: 'survey', row, column: 'B', key: 'invalid', params, problem: p };
  });
  return { ok: false, problems };
}

/** A problem as a sentence in `locale`: `survey!C4: …`. */
export function importProblemText(p: ImportProblem, locale: Locale, t: Translate): string {
  const message = p.problem
    ? surveyProblemText(p.problem, locale, t)
    : t(locale, `surveyTools.import.${p.key}`, p.params);
  return p.sheet === '' ? message : `${p.sheet}!${p.column}${p.row}: ${message}`;
}
