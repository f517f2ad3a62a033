import * as z from 'zod';
import { ROLES } from '../config';
import type { CoordinationStore, FigureStore } from '../store/port';

/** The durable log admin actions are appended to. */
export const AUDIT_LOG = 'admin:audit';

/** How an actor was authenticated: API token, console session, or a console page acting. */
export const AUTH_VIAS = ['token', 'session', 'console'] as const;

/** See {@link AUTH_VIAS}. */
export type AuthVia = (typeof AUTH_VIAS)[number];

/**
 * One admin action: who (the token's label, never the token), what, when, and how it ended.
 *
 * @example { "at": "2026-05-01T08:00:00.000Z", "who": "trainer#1", "role": "trainer", "via": "console", "action": "POST /admin/api/broadcasts", "status": 201, "target": "6f1c…" }
 */
export const auditEntrySchema = z.object({
  at: z.string().describe('ISO time'),
  who: z
    .string()
    .describe('the label of the token (role#n), never the token; client:<address> when refused'),
  role: z.enum(ROLES).optional().describe('absent for a refused login'),
  via: z.enum(AUTH_VIAS),
  action: z.string().describe('login, login_refused, logout, or METHOD /admin/api/path'),
  status: z.number().int().describe('HTTP status of the action'),
  target: z.string().optional().describe('the id the action created or acted on'),
});

/** See {@link auditEntrySchema}. */
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** Record an admin action. */
export async function audit(
  store: CoordinationStore & FigureStore,
  entry: AuditEntry,
): Promise<void> {
  await store.appendLog(AUDIT_LOG, entry);
}

/** The last `limit` admin actions, newest first; unreadable entries are left out. */
export async function readAudit(
  store: CoordinationStore & FigureStore,
  limit = 200,
): Promise<AuditEntry[]> {
  const raw = await store.readLog(AUDIT_LOG, limit);
  const entries: AuditEntry[] = [];
  for (const item of raw) {
    const parsed = auditEntrySchema.safeParse(item);
    if (parsed.success) entries.push(parsed.data);
  }
  return entries.reverse();
}

/**
 * Which API requests are admin actions worth recording: every change, and every export
 * (reading respondents' answers out of the system). A preview posts but changes nothing.
 */
export function isAuditable(method: string, path: string): boolean {
  if (method !== 'GET' && method !== 'HEAD') return !/\/preview$/.test(path);
  return /\/export$/.test(path);
}
