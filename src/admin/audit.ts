import * as z from 'zod';
import { ROLES } from '../config';
import type { CoordinationStore } from '../store/port';

/** The durable log admin actions are appended to (a list: appended at the end, never cut). */
export const AUDIT_LOG = 'admin:audit';

/** How an actor was authenticated: API token, console session, a console page, or Telegram. */
export const AUTH_VIAS = ['token', 'session', 'console', 'telegram'] as const;

/** See {@link AUTH_VIAS}. */
export type AuthVia = (typeof AUTH_VIAS)[number];

/** A figure or word about an action (a count, a format, a language, a job id). */
type Detail = string | number | boolean;

/**
 * Every audited action and the details it carries. To audit a new action, add a line here
 * and to {@link AUDIT_ACTIONS}, and a sentence `admin_audit.sentence.<action, dots as _>` in
 * both locales (an action without one reads "who did action on target").
 */
export interface AuditDetails {
  login: Record<string, never>;
  'login.refused': { status: number };
  logout: Record<string, never>;
  'survey.save': { version: number; created: boolean };
  'survey.validate': Record<string, never>;
  'survey.publish': { version: number };
  'survey.close': Record<string, never>;
  'survey.reopen': Record<string, never>;
  'survey.import': { version: number };
  'survey.invite': { recipients: number; version: number; job: string };
  'survey.remind': { recipients: number; version: number; job: string };
  'survey.wave': {
    wave: number;
    audience: string;
    recipients: number;
    version: number;
    job: string;
  };
  'survey.export': { format: string; lang: string; version: number; labels?: string };
  'survey.media': { key: string };
  'broadcast.create': { sendAt: string; kind: string };
  'broadcast.send': { recipients: number; kind: string; job?: string };
  'broadcast.cancel': Record<string, never>;
  // trainer: edit and copy of a push
  'broadcast.edit': { changed: string; recipients: number; sendAt?: string };
  'broadcast.duplicate': { from: string; recipients: number; sendAt?: string };
  'experiment.create': { arms: number };
  'question.answer': Record<string, never>;
  'lesson.publish': Record<string, Detail>;
  'lesson.revise': Record<string, Detail>;
  'lesson.unpublish': Record<string, Detail>;
}

/** See {@link AuditDetails}. */
export type AuditAction = keyof AuditDetails;

/** The actions in the order the console's filter lists them. */
export const AUDIT_ACTIONS = [
  'login',
  'login.refused',
  'logout',
  'survey.save',
  'survey.validate',
  'survey.publish',
  'survey.close',
  'survey.reopen',
  'survey.import',
  'survey.invite',
  'survey.remind',
  'survey.wave',
  'survey.export',
  'survey.media',
  'broadcast.create',
  'broadcast.send',
  'broadcast.cancel',
  'broadcast.edit',
  'broadcast.duplicate',
  'experiment.create',
  'question.answer',
  'lesson.publish',
  'lesson.revise',
  'lesson.unpublish',
] as const satisfies readonly AuditAction[];

// Every action of AuditDetails is listed (a compile error names the one that is not).
const everyAction: Record<Exclude<AuditAction, (typeof AUDIT_ACTIONS)[number]>, never> = {};
void everyAction;

/** A title as stored: one text, or one per language. */
const titleSchema = z.union([
  z.string(),
  z.object({ 'zh-CN': z.string().optional(), en: z.string().optional() }),
]);

/** What an action was about: its kind (`survey`, `broadcast`, `course` …), id and title. */
export const auditTargetSchema = z.object({
  kind: z.string().optional(),
  id: z.string(),
  title: titleSchema.optional(),
});

/** See {@link auditTargetSchema}. */
export type AuditTarget = z.infer<typeof auditTargetSchema>;

/**
 * One audited action: who (a token's label, never the token; `telegram:<id>` for a Telegram
 * trainer; `client:<address>` for a refused login), their role, how they came, what they did
 * to what, with which figures, and when. `seq` is its position in the log (stable, oldest
 * 0); `legacy` marks an entry written in the older HTTP-shaped form.
 *
 * @example { "seq": 41, "at": "2026-05-01T08:00:00.000Z", "who": "researcher#1", "role": "researcher", "via": "console", "action": "survey.remind", "target": { "kind": "survey", "id": "shops", "title": { "zh-CN": "村店调查", "en": "Village shop survey" } }, "details": { "recipients": 4, "version": 2, "job": "j1" } }
 */
export const auditEntrySchema = z.object({
  seq: z.number().int().min(0).optional(),
  at: z.string().describe('ISO time'),
  who: z.string(),
  role: z.enum(ROLES).optional().describe('absent for a refused login'),
  via: z.enum(AUTH_VIAS),
  action: z.string().describe('survey.publish, broadcast.send … (METHOD /path in older entries)'),
  target: auditTargetSchema.optional(),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  legacy: z.boolean().optional(),
});

/** See {@link auditEntrySchema}. */
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** The older entry: `POST /admin/api/...` with its HTTP status and a bare target id. */
const legacySchema = z.object({
  at: z.string(),
  who: z.string(),
  role: z.enum(ROLES).optional(),
  via: z.enum(AUTH_VIAS),
  action: z.string(),
  status: z.number(),
  target: z.string().optional(),
});

/** A stored entry in either shape as an {@link AuditEntry}; undefined when unreadable. */
export function readEntry(raw: unknown, seq?: number): AuditEntry | undefined {
  const at = seq === undefined ? {} : { seq };
  if (typeof raw === 'object' && raw !== null && (raw as { v?: unknown }).v === 2) {
    const parsed = auditEntrySchema.safeParse(raw);
    return parsed.success ? { ...parsed.data, ...at } : undefined;
  }
  const old = legacySchema.safeParse(raw);
  if (!old.success) return undefined;
  const { status, target, action, ...rest } = old.data;
  const renamed = { login: 'login', logout: 'logout', login_refused: 'login.refused' }[action];
  return {
    ...rest,
    ...at,
    action: renamed ?? action,
    ...(target === undefined ? {} : { target: { id: target } }),
    details: { status },
    ...(renamed ? {} : { legacy: true }),
  };
}

/** What an audited action says about itself, typed by its action. */
export type AuditEvent<A extends AuditAction = AuditAction> = {
  [K in A]: {
    action: K;
    target?: AuditTarget;
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  } & ({} extends AuditDetails[K] ? { details?: AuditDetails[K] } : { details: AuditDetails[K] });
}[A];

/** Who did it, as the audit trail names them. */
export interface AuditActor {
  label: string;
  role?: (typeof ROLES)[number];
  via: AuthVia;
}

/** Append one action, as given, to the trail: one write. Callers log a failure, never answer it. */
export async function appendAudit(
  store: CoordinationStore,
  at: number,
  actor: AuditActor,
  event: AuditEvent,
): Promise<void> {
  const { target, details } = event as { target?: AuditTarget; details?: Record<string, Detail> };
  const kept = Object.entries(details ?? {}).filter(([, v]) => v !== undefined);
  await store.appendLog(AUDIT_LOG, {
    v: 2,
    at: new Date(at).toISOString(),
    who: actor.label,
    ...(actor.role ? { role: actor.role } : {}),
    via: actor.via,
    action: event.action,
    ...(target ? { target: { ...target, id: target.id.slice(0, 200) } } : {}),
    ...(kept.length > 0 ? { details: Object.fromEntries(kept) } : {}),
  });
}

/** The last `limit` admin actions, newest first; unreadable entries are left out. */
export async function readAudit(store: CoordinationStore, limit = 200): Promise<AuditEntry[]> {
  const page = await store.readLogPage(AUDIT_LOG, undefined, limit);
  const entries: AuditEntry[] = [];
  page.entries.forEach((raw, i) => {
    const entry = readEntry(raw, page.start + i);
    if (entry) entries.push(entry);
  });
  return entries.reverse();
}
