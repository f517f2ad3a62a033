import type { Locale } from '../../core/message';
import type { AuditEntry } from '../audit';
import { auditCsv, auditQuerySchema, matcher, scanAudit, SCAN_LIMIT } from '../audit-query';
import { auditSentence } from '../audit-render';
import { done, type Actor, type ServiceDeps, type ServiceOutcome, permittedInput } from './service';
import { zonedDay } from '../../time-zone';

/** An entry with its sentence in the reader's language. */
export type AuditLine = AuditEntry & { sentence: string };

/** A page of the trail (JSON), or all of it that matches as a CSV stream. */
export type AuditAnswer =
  | { format: 'json'; entries: AuditLine[]; next: string | null; partial: boolean }
  | { format: 'csv'; stream: ReadableStream<Uint8Array>; name: string };

/**
 * The audit trail, newest first, filtered by person, action and dates, a page at a time
 * (`cursor`: the last page's `next`) or as CSV; sentences in `lang` or the reader's
 * `locale`. The query is as a URL gives it (strings).
 */
export async function auditTrail(
  deps: ServiceDeps,
  actor: Actor,
  query: unknown,
  locale: Locale,
): Promise<ServiceOutcome<AuditAnswer>> {
  const parsed = permittedInput(actor, 'auditTrail', auditQuerySchema, query, 'query');
  if (!parsed.ok) return parsed;
  const q = parsed.value;
  const lang = q.lang ?? locale;
  const m = matcher(q);
  if (q.format === 'csv') {
    const day = zonedDay(deps.now());
    return done({ format: 'csv', stream: auditCsv(deps.store, m, lang), name: `audit-${day}.csv` });
  }
  const page = await scanAudit(deps.store, m, {
    ...(q.cursor === undefined ? {} : { before: Number(q.cursor) }),
    limit: q.limit,
    scanLimit: SCAN_LIMIT,
  });
  const entries = page.entries.map((e) => ({ ...e, sentence: auditSentence(e, lang) }));
  return done({ format: 'json', ...page, entries });
}
