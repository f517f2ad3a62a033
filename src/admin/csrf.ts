import type { Context } from 'hono';
import type { AppEnv } from '../http/types';
import { constantTimeEqual } from './compare';

/** The hidden form field that carries the session's CSRF token. */
export const CSRF_FIELD = '_csrf';

/** The header a script sends the CSRF token in, for cookie-authenticated API calls. */
export const CSRF_HEADER = 'X-CSRF-Token';

/** Methods that change nothing and need no CSRF check. */
export function isSafeMethod(method: string): boolean {
  return method === 'GET' || method === 'HEAD' || method === 'OPTIONS';
}

/**
 * True when the request says it comes from this site: its `Origin` (or, when a browser
 * sent none, its `Referer`) has this request's own origin. A request naming neither fails.
 */
export function sameOrigin(c: Context<AppEnv>): boolean {
  const own = new URL(c.req.url).origin;
  const origin = c.req.header('Origin');
  if (origin !== undefined && origin !== 'null') return origin === own;
  const referer = c.req.header('Referer');
  if (!referer) return false;
  try {
    return new URL(referer).origin === own;
  } catch {
    return false;
  }
}

/** The CSRF check of a cookie-authenticated change: same origin and the session's token. */
export function csrfOk(c: Context<AppEnv>, expected: string, given: string | undefined): boolean {
  return sameOrigin(c) && given !== undefined && constantTimeEqual(expected, given);
}
