import type { Context } from 'hono';
import { clientOf } from '../http/client';
import type { AppEnv } from '../http/types';
import type { CoordinationStore } from '../store/port';
import { appendAudit, type AuthVia } from './audit';

/** Wrong tokens a client may give in one window before the next ones are answered 429. */
export const LOGIN_MAX_FAILURES = 5;

/** The window failed logins are counted in, in seconds. */
export const LOGIN_WINDOW_SECONDS = 15 * 60;

/**
 * Who is trying: the address Cloudflare's edge vouches for, else one shared bucket (see
 * {@link clientOf}), worked out when the request arrived.
 */
export function clientKey(c: Context<AppEnv>): string {
  return c.var.client ?? clientOf(c.req.raw);
}

const generationName = (client: string) => `admin-login-gen:${client}`;

/**
 * The name of the client's current window. A successful login starts a new generation (the
 * store's windows cannot be reset), so earlier failures stop counting.
 */
async function windowName(store: CoordinationStore, client: string): Promise<string> {
  const generation = await store.cacheGet(generationName(client));
  return `admin-login:${client}${typeof generation === 'string' ? `:${generation}` : ''}`;
}

/** What a wrong token led to: `wait` (seconds) once the client used up its failures. */
export interface LoginFailure {
  count: number;
  wait?: number;
}

/**
 * Count a wrong token (on the form or the API) and put it in the audit trail: the client
 * and the time, never the token. Only the failures up to the limit are written, so a
 * client hammering away cannot flood the trail; the counter `admin:login_failed` sees all.
 */
export async function loginFailed(
  c: Context<AppEnv>,
  client: string,
  via: AuthVia,
): Promise<LoginFailure> {
  const { store, now, log } = c.var.deps;
  const name = await windowName(store, client);
  const { count, resetSeconds } = await store.hit(name, LOGIN_WINDOW_SECONDS);
  await store.count('admin:login_failed');
  const blocked = count >= LOGIN_MAX_FAILURES;
  log.warn('admin_login_refused', { client, via, count });
  if (count <= LOGIN_MAX_FAILURES) {
    await appendAudit(
      store,
      now(),
      { label: `client:${client}`, via },
      { action: 'login.refused', details: { status: blocked ? 429 : 401 } },
    ).catch((error: unknown) => log.error('audit_failed', { message: String(error) }));
  }
  return blocked ? { count, wait: resetSeconds } : { count };
}

/** A right token: the client's earlier failures no longer count. */
export async function loginSucceeded(store: CoordinationStore, client: string): Promise<void> {
  // Skip the write when there is nothing to forget (the common case: every API call).
  const { count } = await store.hit(await windowName(store, client), LOGIN_WINDOW_SECONDS, 0);
  if (count === 0) return;
  await store.cacheSet(generationName(client), crypto.randomUUID(), LOGIN_WINDOW_SECONDS);
}
