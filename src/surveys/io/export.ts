import type { Locale } from '../../core/message';
import type { SurveyStore } from '../../store/port';
import { ANALYSIS_FORMATS, analysisModel, analysisScript } from '../analysis';
import { armHeader, codebookRows, CODEBOOK_HEADER } from '../codebook';
import { BOM, csvRow } from '../csv';
import { headerCells, responseCells, responseJson, type RowOptions } from '../export-rows';
import { PROFILE_COLUMNS, profileCells, type RespondentProfile } from '../profile-columns';
import { responseTable, surveyResponseSchema, type SurveyResponse } from '../response';
import type { SurveyDefinition } from '../schema';
import type { WaveLayout } from '../waves-layout';
import { waveExportStream, type RowTail } from './export-waves';

/** The export formats. */
export const EXPORT_FORMATS = ['csv', 'jsonl', 'codebook', ...ANALYSIS_FORMATS] as const;

/** See {@link EXPORT_FORMATS}. */
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Content type and file extension of each format. */
export const EXPORT_TYPES: Record<ExportFormat, { type: string; ext: string }> = {
  csv: { type: 'text/csv; charset=utf-8', ext: 'csv' },
  jsonl: { type: 'application/x-ndjson; charset=utf-8', ext: 'jsonl' },
  codebook: { type: 'text/csv; charset=utf-8', ext: 'codebook.csv' },
  stata: { type: 'text/plain; charset=utf-8', ext: 'do' },
  spss: { type: 'text/plain; charset=utf-8', ext: 'sps' },
  r: { type: 'text/plain; charset=utf-8', ext: 'R' },
};

/** Options of {@link exportStream}. */
export interface ExportOptions extends RowOptions {
  /** Records read per store call; one page is all the stream holds at a time. */
  pageSize?: number;
  /** The language of the labels in the Stata, SPSS and R scripts (default zh-CN). */
  lang?: Locale;
  /**
   * Experiments and each respondent's arm in them, by pseudonym: CSV rows end with one
   * `arm_<experiment>` column per experiment (empty for someone not in it), JSON Lines
   * records carry `arms`. Absent: no experiment columns.
   */
  arms?: { ids: readonly string[]; byRespondent: ReadonlyMap<string, Record<string, string>> };
  /** A panel survey's waves and layout (see waves-layout.ts); absent: one wave, as before. */
  waves?: WaveLayout;
  /**
   * Consenting respondents' province and category, by pseudonym: the `profile_province`
   * and `profile_category` columns (always there; empty without consent), JSON Lines
   * `profile` (null without consent). See `profiles.ts`.
   */
  profiles?: ReadonlyMap<string, RespondentProfile>;
}

function once(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}

/**
 * The columns about the person, once per person after the response's own (in every
 * layout): province and category (for those who consented), then one `arm_<experiment>`
 * per experiment. The codebook lists them in the same order (codebook.ts).
 */
function personTail(options: ExportOptions): RowTail {
  const armIds = options.arms?.ids ?? [];
  return {
    header: [...PROFILE_COLUMNS, ...armHeader(armIds)],
    cells: (key) => {
      const mine = options.arms?.byRespondent.get(key);
      return [...profileCells(options.profiles?.get(key)), ...armIds.map((id) => mine?.[id])];
    },
    json: (key) => ({
      profile: options.profiles?.get(key) ?? null,
      ...(options.arms ? { arms: options.arms.byRespondent.get(key) ?? {} } : {}),
    }),
  };
}

/** The responses worth a row: started (partial) or completed, not declines or withdrawals. */
function answered(value: unknown): SurveyResponse | undefined {
  const parsed = surveyResponseSchema.safeParse(value);
  if (!parsed.success) return undefined;
  return parsed.data.status === 'started' || parsed.data.status === 'completed'
    ? parsed.data
    : undefined;
}

/**
 * A survey version's responses as a stream: the store is read a page at a time as the
 * client reads, so an export of any size holds one page in memory (Workers have 128 MB).
 * CSV starts with a byte-order mark and a header; JSON Lines has one respondent a line. The
 * codebook and the Stata, SPSS and R scripts are written at once (they hold no answers).
 */
export function exportStream(
  store: SurveyStore,
  survey: SurveyDefinition,
  format: ExportFormat,
  options: ExportOptions,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const armIds = options.arms?.ids ?? [];
  if (format === 'codebook') {
    const rows = [CODEBOOK_HEADER, ...codebookRows(survey, options.t, options.waves, armIds)];
    return once(BOM + rows.map(csvRow).join(''));
  }
  if (format === 'stata' || format === 'spss' || format === 'r') {
    const lang = options.lang ?? 'zh-CN';
    const model = analysisModel(survey, lang, options.t, options.waves, armIds);
    return once(analysisScript(format, model, options.t));
  }
  const tail = personTail(options);
  if (options.waves) {
    return waveExportStream(store, survey, format, { ...options, waves: options.waves }, tail);
  }
  const table = responseTable(survey.id, survey.version);
  let cursor = '0';
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        if (format === 'csv')
          controller.enqueue(
            encoder.encode(BOM + csvRow([...headerCells(survey), ...tail.header])),
          );
      },
      async pull(controller) {
        const page = await store.scanRecords(table, cursor, options.pageSize ?? 500);
        let chunk = '';
        for (const { key, value } of page.records) {
          const response = answered(value);
          if (!response) continue;
          chunk +=
            format === 'csv'
              ? csvRow([...responseCells(survey, key, response, options), ...tail.cells(key)])
              : `${JSON.stringify({ ...responseJson(survey, key, response), ...tail.json(key) })}\n`;
        }
        if (chunk !== '') controller.enqueue(encoder.encode(chunk));
        cursor = page.cursor;
        if (cursor === '0') controller.close();
      },
    },
    { highWaterMark: 1 },
  );
}
