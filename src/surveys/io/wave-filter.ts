import type { Recipient } from '../../broadcast/audience';
import type { RecipientFilter } from '../../broadcast/choices';
import type { SurveyStore, UserRef } from '../../store/port';
import { responseTable, surveyResponseSchema, type SurveyStatus } from '../response';

/** One earlier wave's table: the wave and the survey version its responses were kept under. */
export interface WaveTable {
  wave: number;
  version: number;
}

/** A wave table as a job filter carries it: `<version>:<wave>`. */
export function formatWaveTable(t: WaveTable): string {
  return `${t.version}:${t.wave}`;
}

function parseWaveTable(raw: string): WaveTable[] {
  const [version, wave] = raw.split(':').map(Number);
  return Number.isInteger(version) && Number.isInteger(wave)
    ? [{ version: version!, wave: wave! }]
    : [];
}

/** Each person's statuses in the given wave tables, by pseudonym. */
export async function statusesIn(
  store: SurveyStore,
  id: string,
  tables: readonly WaveTable[],
): Promise<Map<string, SurveyStatus[]>> {
  const seen = new Map<string, SurveyStatus[]>();
  for (const t of tables) {
    let cursor = '0';
    do {
      const page = await store.scanRecords(responseTable(id, t.version, t.wave), cursor, 1000);
      for (const { key, value } of page.records) {
        const record = surveyResponseSchema.safeParse(value);
        if (record.success) seen.set(key, [...(seen.get(key) ?? []), record.data.status]);
      }
      cursor = page.cursor;
    } while (cursor !== '0');
  }
  return seen;
}

/** Whether a person's statuses in earlier waves make them a respondent (answers kept). */
export function answeredBefore(statuses: readonly SurveyStatus[]): boolean {
  return statuses.some((s) => s === 'started' || s === 'completed');
}

/**
 * The filter of a panel wave's start (`params.mode === 'wave'`): nobody who withdrew in an
 * earlier wave hears again; with `from: 'respondents'` only people who answered an earlier
 * wave (a partial or complete response kept); with `from: 'audience'` everyone in the
 * audience. `params.tables` lists the earlier waves' tables ({@link formatWaveTable}).
 */
export function waveRecipientFilter(
  store: SurveyStore,
  pseudonym: (user: UserRef) => Promise<string>,
): RecipientFilter {
  return async (recipients, params) => {
    const id = String(params.survey);
    const tables = Array.isArray(params.tables) ? params.tables.flatMap(parseWaveTable) : [];
    const statuses = await statusesIn(store, id, tables);
    const out: Recipient[] = [];
    for (const r of recipients) {
      const mine = statuses.get(await pseudonym({ channel: r.channel, userId: r.userId })) ?? [];
      if (mine.includes('withdrawn')) continue;
      if (params.from === 'respondents' && !answeredBefore(mine)) continue;
      out.push(r);
    }
    return out;
  };
}
