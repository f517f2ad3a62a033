import type { Context, MiddlewareHandler } from 'hono';
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { Role } from '../../config';
import type { AppEnv } from '../../http/types';
import { CSRF_FIELD, csrfOk, isSafeMethod } from '../csrf';
import { callApi, type ApiAnswer, type RequestHandler } from '../internal';
import { randomToken, readSession, type ActiveSession } from '../session';
import { consoleLocale, consoleT } from './i18n';
import { allowed } from './layout';
import { MessagePage } from './pages/login';
import type { View } from './view';

/** What console routes share: a way to call the admin API in process as the page's actor. */
export interface ConsoleKit {
  api(c: Context<AppEnv>, method: 'GET' | 'POST', path: string, body?: unknown): Promise<ApiAnswer>;
}

const sessions = new WeakMap<Context<AppEnv>, ActiveSession>();

/** The console kit over the app that serves the admin API. */
export function consoleKit(self: () => RequestHandler): ConsoleKit {
  return {
    api(c, method, path, body) {
      const active = sessions.get(c);
      if (!active) throw new Error('console API call outside a console page');
      return callApi(c, self(), active.actor, method, path, body);
    },
  };
}

/** The page's view: language, strings, the signed-in actor, CSRF token, a fresh CSP nonce. */
export function pageView(c: Context<AppEnv>, csrf = ''): View {
  const locale = consoleLocale(c);
  const url = new URL(c.req.url);
  url.searchParams.delete('lang');
  const active = sessions.get(c);
  return {
    locale,
    t: consoleT(locale),
    ...(active ? { actor: active.actor } : {}),
    csrf: active?.session.csrf ?? csrf,
    nonce: randomToken(16),
    path: url.pathname,
    query: url.searchParams.toString(),
  };
}

/** Send a page: HTML with a strict CSP (inline code only with this response's nonce). */
export function render(
  c: Context<AppEnv>,
  view: View,
  page: JSX.Element,
  status: 200 | 400 | 401 | 403 | 404 | 429 | 502 | 503 = 200,
): Response {
  c.header('Cache-Control', 'no-store');
  c.header(
    'Content-Security-Policy',
    `default-src 'none'; style-src 'nonce-${view.nonce}'; script-src 'nonce-${view.nonce}'; ` +
      "img-src data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  );
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Referrer-Policy', 'same-origin');
  c.header('X-Frame-Options', 'DENY');
  return c.html(`<!doctype html>${String(page)}`, status);
}

/** A page saying one thing, with a status. */
export function message(
  c: Context<AppEnv>,
  status: 400 | 403 | 404 | 429 | 502 | 503,
  titleKey: string,
  messageKey: string,
  params?: Record<string, string | number>,
): Response {
  const view = pageView(c);
  const page = MessagePage({ view, title: view.t(titleKey), message: view.t(messageKey, params) });
  return render(c, view, page, status);
}

/**
 * Pages for `roles` (admin always): no session → the login page (coming back here after);
 * another role → 403; a form post without the session's CSRF token from this origin → 403.
 */
export function page(...roles: Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const active = await readSession(c);
    if (!active) {
      const next = c.req.method === 'GET' ? c.req.path : '/admin';
      return c.redirect(`/admin/login?next=${encodeURIComponent(next)}`, 303);
    }
    sessions.set(c, active);
    if (!allowed(active.actor.role, roles))
      return message(c, 403, 'forbidden.title', 'forbidden.text');
    if (!isSafeMethod(c.req.method)) {
      const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
      const given = body[CSRF_FIELD];
      if (!csrfOk(c, active.session.csrf, typeof given === 'string' ? given : undefined))
        return message(c, 403, 'csrf.title', 'csrf.text');
    }
    c.set('actor', active.actor);
    await next();
  };
}

/** The form body of a request the {@link page} guard already checked. */
export async function formBody(c: Context<AppEnv>): Promise<Record<string, unknown>> {
  return c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
}
