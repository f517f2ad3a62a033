import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import * as z from 'zod';
import { ROLES, type AdminToken } from '../config';
import type { AppEnv } from '../http/types';

/** The console's session cookie (`__Host-` prefixed when Secure). */
export const SESSION_COOKIE = 'svb_admin';

/** How long a console session lasts from login; the cookie and the stored record agree. */
export const SESSION_TTL_SECONDS = 8 * 60 * 60;

/** A console session as stored: who (by token fingerprint, never the token), CSRF secret. */
export const sessionSchema = z.object({
  role: z.enum(ROLES),
  label: z.string(),
  /** SHA-256 of the token logged in with: the session ends when the token is removed. */
  tokenHash: z.string(),
  csrf: z.string(),
  createdAt: z.number(),
  expiresAt: z.number(),
});

/** See {@link sessionSchema}. */
export type AdminSession = z.infer<typeof sessionSchema>;

/** A session together with the configured token it still belongs to. */
export interface ActiveSession {
  session: AdminSession;
  actor: AdminToken;
}

/** Hex SHA-256 of a string. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** A random URL-safe secret of `bytes` bytes (256 bits by default). */
export function randomToken(bytes = 32): string {
  const raw = crypto.getRandomValues(new Uint8Array(bytes));
  return btoa(String.fromCharCode(...raw))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** Cookies are Secure (and `__Host-`) in production and on any https request. */
export function secureCookies(c: Context<AppEnv>): boolean {
  return c.var.deps.config.env === 'production' || new URL(c.req.url).protocol === 'https:';
}

const cacheName = (hash: string) => `admin-session:${hash}`;

const fingerprints = new WeakMap<readonly AdminToken[], Promise<string[]>>();

/** The configured token a session was opened with, if it is still configured. */
async function tokenOf(
  tokens: readonly AdminToken[],
  session: AdminSession,
): Promise<AdminToken | undefined> {
  let hashes = fingerprints.get(tokens);
  if (!hashes) {
    hashes = Promise.all(tokens.map((t) => sha256Hex(t.token)));
    fingerprints.set(tokens, hashes);
  }
  const list = await hashes;
  const index = list.findIndex((h) => h === session.tokenHash);
  const token = index < 0 ? undefined : tokens[index];
  return token?.role === session.role ? token : undefined;
}

/** Open a session for a checked token and set its cookie (HttpOnly, SameSite=Strict). */
export async function startSession(c: Context<AppEnv>, actor: AdminToken): Promise<AdminSession> {
  const { store, now } = c.var.deps;
  const id = randomToken();
  const at = now();
  const session: AdminSession = {
    role: actor.role,
    label: actor.label,
    tokenHash: await sha256Hex(actor.token),
    csrf: randomToken(),
    createdAt: at,
    expiresAt: at + SESSION_TTL_SECONDS * 1000,
  };
  // Only the id's hash is a key: reading the store does not hand out live sessions.
  await store.cacheSet(cacheName(await sha256Hex(id)), session, SESSION_TTL_SECONDS);
  const secure = secureCookies(c);
  setCookie(c, SESSION_COOKIE, id, {
    httpOnly: true,
    secure,
    sameSite: 'Strict',
    path: '/',
    maxAge: SESSION_TTL_SECONDS,
    ...(secure ? { prefix: 'host' as const } : {}),
  });
  return session;
}

function sessionId(c: Context<AppEnv>): string | undefined {
  const id = getCookie(c, SESSION_COOKIE, secureCookies(c) ? 'host' : undefined);
  return id && /^[A-Za-z0-9_-]{20,100}$/.test(id) ? id : undefined;
}

/** True when the request carries a session cookie at all (valid or not). */
export function hasSessionCookie(c: Context<AppEnv>): boolean {
  return sessionId(c) !== undefined;
}

/** The request's session, if its cookie names a live session whose token is still configured. */
export async function readSession(c: Context<AppEnv>): Promise<ActiveSession | undefined> {
  const id = sessionId(c);
  if (!id) return undefined;
  const { store, now, config } = c.var.deps;
  const parsed = sessionSchema.safeParse(await store.cacheGet(cacheName(await sha256Hex(id))));
  if (!parsed.success || parsed.data.expiresAt <= now()) return undefined;
  const actor = await tokenOf(config.adminTokens, parsed.data);
  return actor ? { session: parsed.data, actor } : undefined;
}

/** End the request's session (stored record and cookie); the session that ended, if any. */
export async function endSession(c: Context<AppEnv>): Promise<AdminSession | undefined> {
  const id = sessionId(c);
  const active = await readSession(c);
  if (id) await c.var.deps.store.cacheDelete(cacheName(await sha256Hex(id)));
  const secure = secureCookies(c);
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure, ...(secure ? { prefix: 'host' } : {}) });
  return active?.session;
}
