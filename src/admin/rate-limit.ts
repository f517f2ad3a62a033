import type { Context } from 'hono';
import type { AppEnv } from '../http/types';
import type { Store } from '../store/port';

/** Failed logins a client may make in one window before it is refused for the rest of it. */
export const LOGIN_MAX_FAILURES = 5;

/** The window failed logins are counted in, in seconds. */
export const LOGIN_WINDOW_SECONDS = 15 * 60;

/**
 * Who is trying: the client address Cloudflare puts in `CF-Connecting-IP` (clients cannot
 * set it through Cloudflare). Without it (local runs, tests) every client shares one bucket:
 * stricter, never looser, and `X-Forwarded-For` is not trusted because anyone can send it.
 */
export function clientKey(c: Context<AppEnv>): string {
  const ip = c.req.header('CF-Connecting-IP')?.trim();
  return ip && /^[0-9A-Fa-f:.]{2,45}$/.test(ip) ? ip : 'local';
}

const windowName = (client: string) => `admin-login:${client}`;

/** Seconds the client must wait when it used up its failed logins, else undefined. */
export async function loginBlocked(store: Store, client: string): Promise<number | undefined> {
  const { count, resetSeconds } = await store.hit(windowName(client), LOGIN_WINDOW_SECONDS, 0);
  return count >= LOGIN_MAX_FAILURES ? resetSeconds : undefined;
}

/** Count a failed login (a wrong token on the form or the API); seconds to wait if now blocked. */
export async function loginFailed(store: Store, client: string): Promise<number | undefined> {
  const { count, resetSeconds } = await store.hit(windowName(client), LOGIN_WINDOW_SECONDS);
  await store.count('admin:login_failed');
  return count >= LOGIN_MAX_FAILURES ? resetSeconds : undefined;
}
