import type { SurveyStore } from '../../store/port';
import { responseTable, surveyResponseSchema, type SurveyResponse } from '../response';

/** How a researcher names where a respondent stands: finished, began only, or withdrew. */
export const RESPONSE_STATES = ['complete', 'partial', 'withdrawn'] as const;

/** See {@link RESPONSE_STATES}. */
export type ResponseState = (typeof RESPONSE_STATES)[number];

const STATE_OF: Partial<Record<SurveyResponse['status'], ResponseState>> = {
  completed: 'complete',
  started: 'partial',
  withdrawn: 'withdrawn',
};

/** What a response must match; times in milliseconds, `to` exclusive. */
export interface ResponseFilter {
  state?: ResponseState;
  channel?: string;
  locale?: string;
  from?: number;
  to?: number;
}

/** One response as the console lists it: a pseudonym, never a user id. */
export interface ResponseRow {
  respondent: string;
  state: ResponseState;
  channel: string | null;
  locale: string | null;
  startedAt: string | null;
  updatedAt: string | null;
  completedAt: string | null;
  withdrawnAt: string | null;
  /** Questions answered (a skip counts; nothing for a withdrawal, which keeps no answers). */
  answered: number;
}

/** Responses begun and finished on one China day (UTC+8). */
export interface ResponseDay {
  day: string;
  started: number;
  completed: number;
}

/** Records read from the store at a time. */
const CHUNK = 200;

/** Records one page looks through at most before answering with what it found. */
export const SCAN_LIMIT = 5000;

/** Records the per-day count reads at most (a survey of this console's size has fewer). */
export const DAY_LIMIT = 50_000;

const CHINA = 8 * 3_600_000;

/** The China day (UTC+8) of a time: `2026-05-01`. */
export function chinaDay(ms: number): string {
  return new Date(ms + CHINA).toISOString().slice(0, 10);
}

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

/** When a response counts as made, for the date filter: begun, else withdrawn. */
const whenOf = (r: SurveyResponse) => r.startedAt ?? r.at ?? r.updatedAt;

function matches(r: SurveyResponse, state: ResponseState, f: ResponseFilter): boolean {
  if (f.state !== undefined && f.state !== state) return false;
  if (f.channel !== undefined && r.channel !== f.channel) return false;
  if (f.locale !== undefined && r.locale !== f.locale) return false;
  const when = whenOf(r);
  if (f.from !== undefined && (when === undefined || when < f.from)) return false;
  if (f.to !== undefined && (when === undefined || when >= f.to)) return false;
  return true;
}

function row(respondent: string, state: ResponseState, r: SurveyResponse): ResponseRow {
  return {
    respondent,
    state,
    channel: r.channel ?? null,
    locale: r.locale ?? null,
    startedAt: iso(r.startedAt),
    updatedAt: iso(r.updatedAt),
    completedAt: iso(r.completedAt),
    withdrawnAt: state === 'withdrawn' ? iso(r.at) : null,
    answered: Object.keys(r.answers).length,
  };
}

/**
 * A page of a survey version's responses that match `filter` (declines are not
 * responses), from the store's scan position `cursor` ('0' first). It reads whole scan
 * chunks until it holds `limit` rows or has looked through {@link SCAN_LIMIT} records, so a
 * page may hold a few more than `limit`, or fewer with more to come; `next` is '0' at the
 * end. A record the scan returns twice is listed once per page.
 */
export async function responsePage(
  store: SurveyStore,
  table: { id: string; version: number },
  filter: ResponseFilter,
  cursor: string,
  limit: number,
): Promise<{ rows: ResponseRow[]; next: string }> {
  const rows = new Map<string, ResponseRow>();
  let looked = 0;
  let at = cursor;
  do {
    const page = await store.scanRecords(responseTable(table.id, table.version), at, CHUNK);
    for (const { key, value } of page.records) {
      const record = surveyResponseSchema.safeParse(value);
      const state = record.success ? STATE_OF[record.data.status] : undefined;
      if (!record.success || !state || !matches(record.data, state, filter)) continue;
      rows.set(key, row(key, state, record.data));
    }
    looked += page.records.length;
    at = page.cursor;
  } while (at !== '0' && rows.size < limit && looked < SCAN_LIMIT);
  return { rows: [...rows.values()], next: at };
}

/**
 * Responses per China day over the whole version (matching `filter`): how many began and
 * how many finished each day, oldest first, and whether the count stopped at
 * {@link DAY_LIMIT} records.
 */
export async function responsesPerDay(
  store: SurveyStore,
  table: { id: string; version: number },
  filter: ResponseFilter,
): Promise<{ days: ResponseDay[]; partial: boolean }> {
  const seen = new Set<string>();
  const days = new Map<string, ResponseDay>();
  const dayOf = (day: string) => {
    let d = days.get(day);
    if (!d) days.set(day, (d = { day, started: 0, completed: 0 }));
    return d;
  };
  let cursor = '0';
  do {
    const page = await store.scanRecords(responseTable(table.id, table.version), cursor, 500);
    for (const { key, value } of page.records) {
      if (seen.has(key)) continue;
      seen.add(key);
      const record = surveyResponseSchema.safeParse(value);
      const state = record.success ? STATE_OF[record.data.status] : undefined;
      if (!record.success || !state || !matches(record.data, state, filter)) continue;
      const r = record.data;
      if (r.startedAt !== undefined) dayOf(chinaDay(r.startedAt)).started++;
      if (r.completedAt !== undefined) dayOf(chinaDay(r.completedAt)).completed++;
    }
    cursor = page.cursor;
  } while (cursor !== '0' && seen.size < DAY_LIMIT);
  return {
    days: [...days.values()].sort((a, b) => a.day.localeCompare(b.day)),
    partial: cursor !== '0',
  };
}
