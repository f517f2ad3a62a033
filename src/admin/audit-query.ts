import * as z from 'zod';
import { LOCALES, type Locale } from '../core/message';
import type { CoordinationStore } from '../store/port';
import { BOM, csvRow } from '../surveys/csv';
import { AUDIT_LOG, readEntry, type AuditEntry } from './audit';
import { auditActionLabel, auditDetailsText, auditSentence, chinaTime } from './audit-render';
import { TIME_ZONE } from '../time-zone';

/** A day (`2026-05-01`, a China day) or an ISO time. */
const dayOrTime = z.union([
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date, YYYY-MM-DD'),
  z.iso.datetime({ offset: true }),
]);

/**
 * The query of `GET /admin/api/audit` and the audit page: who (exactly, `trainer#1`,
 * `telegram:42`), which action (`survey.remind`, or a family: `survey`), from and to (China
 * days, both included, or ISO times), a page (`cursor` from the last answer's `next`, and
 * `limit`), JSON or CSV, and the language of the sentences.
 */
export const auditQuerySchema = z
  .object({
    who: z.string().trim().min(1).max(200).optional(),
    action: z
      .string()
      .trim()
      .regex(/^[a-z][a-z_]*(\.[a-z_]+)*$/, 'an action (survey.remind) or a family (survey)')
      .optional(),
    from: dayOrTime.optional(),
    to: dayOrTime.optional(),
    cursor: z
      .string()
      .regex(/^\d{1,12}$/, 'the `next` of the previous page')
      .optional(),
    limit: z.coerce.number<string>().int().min(1).max(1000).default(50),
    format: z.enum(['json', 'csv']).default('json'),
    lang: z.enum(LOCALES).optional(),
  })
  .strict();

/** See {@link auditQuerySchema}. */
export type AuditQuery = z.infer<typeof auditQuerySchema>;

/** Entries read from the store at a time. */
const CHUNK = 250;

/** Entries one page looks through at most before answering with what it found. */
export const SCAN_LIMIT = 5000;

/** Entries may be written a little out of order (several isolates): how far to look past `from`. */
const SKEW_MS = 10 * 60_000;

/** A bound in milliseconds: a China day starts at 00:00 UTC+8 (`to`: the day after). */
function bound(value: string | undefined, end: boolean): number | undefined {
  if (value === undefined) return undefined;
  if (value.length !== 10) return Date.parse(value);
  const start = Date.parse(`${value}T00:00:00${TIME_ZONE.isoOffset}`);
  return end ? start + 86_400_000 : start;
}

/** What an entry must match. */
interface Match {
  who?: string;
  action?: string;
  from?: number;
  /** Exclusive. */
  to?: number;
}

/** The query's filters as a matcher. */
export function matcher(query: Pick<AuditQuery, 'who' | 'action' | 'from' | 'to'>): Match {
  const from = bound(query.from, false);
  // A day's `to` is the next day's start; a time's is the time itself, included.
  const end = bound(query.to, true);
  const to = end === undefined || query.to?.length === 10 ? end : end + 1;
  return {
    ...(query.who ? { who: query.who } : {}),
    ...(query.action ? { action: query.action } : {}),
    ...(from === undefined ? {} : { from }),
    ...(to === undefined ? {} : { to }),
  };
}

function matches(entry: AuditEntry, m: Match, at: number): boolean {
  if (m.who !== undefined && entry.who !== m.who) return false;
  if (
    m.action !== undefined &&
    entry.action !== m.action &&
    !entry.action.startsWith(`${m.action}.`)
  )
    return false;
  if (m.from !== undefined && !(at >= m.from)) return false;
  if (m.to !== undefined && !(at < m.to)) return false;
  return true;
}

/** One page of the trail, newest first; `next` continues it (null: the oldest was reached). */
export interface AuditPage {
  entries: AuditEntry[];
  next: string | null;
  /** Whether the page stopped at {@link SCAN_LIMIT} rather than filling up or ending. */
  partial: boolean;
}

/**
 * Walk the trail newest first from `before` (a position; absent: the end), keeping the
 * entries that match, until `limit` are found, `scanLimit` were looked at, or entries are
 * older than `from`. Positions never move, so `next` names the same place however much is
 * written meanwhile.
 */
export async function scanAudit(
  store: CoordinationStore,
  m: Match,
  options: { before?: number; limit: number; scanLimit: number },
): Promise<AuditPage> {
  const entries: AuditEntry[] = [];
  let before = options.before;
  let scanned = 0;
  while (scanned < options.scanLimit) {
    const page = await store.readLogPage(AUDIT_LOG, before, CHUNK);
    if (page.entries.length === 0) return { entries, next: null, partial: false };
    for (let i = page.entries.length - 1; i >= 0; i--) {
      const position = page.start + i;
      scanned += 1;
      const entry = readEntry(page.entries[i], position);
      const at = entry ? Date.parse(entry.at) : NaN;
      if (m.from !== undefined && at < m.from - SKEW_MS)
        return { entries, next: null, partial: false };
      if (entry && matches(entry, m, at)) entries.push(entry);
      if (entries.length >= options.limit || scanned >= options.scanLimit) {
        const next = position > 0 ? String(position) : null;
        return { entries, next, partial: entries.length < options.limit && next !== null };
      }
    }
    if (page.start === 0) return { entries, next: null, partial: false };
    before = page.start;
  }
  return { entries, next: before ? String(before) : null, partial: true };
}

/** The CSV's columns. */
export const AUDIT_CSV_COLUMNS = [
  'time',
  'person',
  'role',
  'action',
  'target',
  'details',
  'sentence',
] as const;

/** One entry as a CSV row, the sentence in `locale`. */
export function auditCsvRow(entry: AuditEntry, locale: Locale): string {
  return csvRow([
    chinaTime(entry.at),
    entry.who,
    entry.role ?? '',
    entry.action,
    entry.target?.id ?? '',
    auditDetailsText(entry),
    auditSentence(entry, locale),
  ]);
}

/**
 * The whole matching trail as CSV (UTF-8 with a BOM), newest first, read a chunk at a time
 * as the client takes it.
 */
export function auditCsv(
  store: CoordinationStore,
  m: Match,
  locale: Locale,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let before: number | undefined;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(BOM + csvRow(AUDIT_CSV_COLUMNS)));
        return;
      }
      // A pull must enqueue or close, or the reader waits for ever: read on past empty chunks.
      for (;;) {
        const page = await scanAudit(store, m, {
          ...(before === undefined ? {} : { before }),
          limit: CHUNK,
          scanLimit: CHUNK,
        });
        const rows = page.entries.map((e) => auditCsvRow(e, locale)).join('');
        if (rows) controller.enqueue(encoder.encode(rows));
        if (page.next === null) return controller.close();
        before = Number(page.next);
        if (rows) return;
      }
    },
  });
}

/** The actions' names in a language, for a filter's choices. */
export function actionChoices(actions: readonly string[], locale: Locale) {
  return actions.map((value) => ({ value, label: auditActionLabel(value, locale) }));
}
