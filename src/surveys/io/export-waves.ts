import type { SurveyStore } from '../../store/port';
import { csvRow, BOM, type Cell } from '../csv';
import { headerCells, responseCells, responseJson, type RowOptions } from '../export-rows';
import { responseTable, surveyResponseSchema, type SurveyResponse } from '../response';
import type { SurveyDefinition } from '../schema';
import { longCells, longHeader, wideCells, wideHeader, type WaveLayout } from '../waves-layout';

/** A response worth exporting: started (partial) or completed. */
function answered(value: unknown): SurveyResponse | undefined {
  const parsed = surveyResponseSchema.safeParse(value);
  if (!parsed.success) return undefined;
  const { status } = parsed.data;
  return status === 'started' || status === 'completed' ? parsed.data : undefined;
}

/** What a panel export appends to each row after the answers (the experiment arms). */
export interface RowTail {
  header: string[];
  cells(respondent: string): Cell[];
  json(respondent: string): Record<string, unknown>;
}

/** Every answered response of one wave's table, by pseudonym (the wide layout joins on it). */
async function readWave(
  store: SurveyStore,
  survey: SurveyDefinition,
  wave: number,
  pageSize: number,
): Promise<Map<string, SurveyResponse>> {
  const out = new Map<string, SurveyResponse>();
  let cursor = '0';
  do {
    const page = await store.scanRecords(
      responseTable(survey.id, survey.version, wave),
      cursor,
      pageSize,
    );
    for (const { key, value } of page.records) {
      const response = answered(value);
      if (response) out.set(key, response);
    }
    cursor = page.cursor;
  } while (cursor !== '0');
  return out;
}

/**
 * A panel survey's responses as a stream, in a wave layout. Long (CSV and JSON Lines):
 * each wave's table in turn, a page at a time, one row per person per wave with its wave.
 * Wide (CSV): one row per person; the first wave's table is read a page at a time, the
 * later waves' answers are held to join on (they are at most the people sent a later wave).
 */
export function waveExportStream(
  store: SurveyStore,
  survey: SurveyDefinition,
  format: 'csv' | 'jsonl',
  options: RowOptions & { pageSize?: number; waves: WaveLayout },
  tail: RowTail,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const pageSize = options.pageSize ?? 500;
  const waves = options.waves.waves;
  const header = headerCells(survey);
  const row = (key: string, response: SurveyResponse) =>
    responseCells(survey, key, response, options);
  let index = 0;
  let cursor = '0';
  let later: Map<string, SurveyResponse>[] | undefined;
  const wide = options.waves.layout === 'wide' && format === 'csv';
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        if (format !== 'csv') return;
        const cells = wide ? wideHeader(header, waves) : longHeader(header);
        controller.enqueue(encoder.encode(BOM + csvRow([...cells, ...tail.header])));
      },
      async pull(controller) {
        if (wide)
          later ??= await Promise.all(
            waves.slice(1).map((w) => readWave(store, survey, w, pageSize)),
          );
        const wave = waves[index]!;
        const page = await store.scanRecords(
          responseTable(survey.id, survey.version, wave),
          cursor,
          pageSize,
        );
        let chunk = '';
        for (const { key, value } of page.records) {
          const response = answered(value);
          if (wide) {
            // Each person once: their later waves are taken out of the held maps as joined.
            const rest = later!.map((m) => {
              const r = m.get(key);
              m.delete(key);
              return r;
            });
            if (!response && rest.every((r) => r === undefined)) continue;
            chunk += wideRow(key, [response, ...rest]);
            continue;
          }
          if (!response) continue;
          chunk +=
            format === 'csv'
              ? csvRow([...longCells(row(key, response), wave), ...tail.cells(key)])
              : `${JSON.stringify({ ...responseJson(survey, key, response), wave, ...tail.json(key) })}\n`;
        }
        if (chunk !== '') controller.enqueue(encoder.encode(chunk));
        cursor = page.cursor;
        if (cursor !== '0') return;
        if (wide) {
          // People who answered only later waves.
          let rest = '';
          const keys = new Set(later!.flatMap((m) => [...m.keys()]));
          for (const key of keys)
            rest += wideRow(key, [undefined, ...later!.map((m) => m.get(key))]);
          if (rest !== '') controller.enqueue(encoder.encode(rest));
          controller.close();
          return;
        }
        index += 1;
        if (index >= waves.length) controller.close();
      },
    },
    { highWaterMark: 1 },
  );

  function wideRow(key: string, responses: (SurveyResponse | undefined)[]): string {
    const perWave = responses.map((r) => (r ? row(key, r) : undefined));
    return csvRow([...wideCells(key, perWave, header.length), ...tail.cells(key)]);
  }
}
