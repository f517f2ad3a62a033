import type { SurveyStore } from '../../store/port';
import { responseTable, surveyResponseSchema } from '../response';

/** One withdrawal: the pseudonym exports show as `respondent`, its version and when. */
export interface Withdrawal {
  respondent: string;
  version: number;
  /** Milliseconds since the epoch (absent on records written before times were kept). */
  at?: number;
}

/**
 * Everyone who withdrew from versions 1..`latest` of a survey, newest first, at most
 * `limit`: researchers delete these respondents from downloads made earlier.
 */
export async function listWithdrawals(
  store: SurveyStore,
  id: string,
  latest: number,
  limit = 1000,
): Promise<Withdrawal[]> {
  const out: Withdrawal[] = [];
  for (let version = 1; version <= latest; version++) {
    let cursor = '0';
    do {
      const page = await store.scanRecords(responseTable(id, version), cursor, 1000);
      for (const { key, value } of page.records) {
        const record = surveyResponseSchema.safeParse(value);
        if (!record.success || record.data.status !== 'withdrawn') continue;
        const at = record.data.at;
        out.push({ respondent: key, version, ...(at === undefined ? {} : { at }) });
      }
      cursor = page.cursor;
    } while (cursor !== '0');
  }
  return out.sort((a, b) => (b.at ?? 0) - (a.at ?? 0)).slice(0, limit);
}
