import type { Context, MiddlewareHandler } from 'hono';
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { AppEnv } from '../../http/types';
import { CSRF_FIELD, csrfOk, isSafeMethod } from '../csrf';
import { mayPerform, type OperationId } from '../role-matrix';
import type { Actor, Refusal } from '../services/service';
import { randomToken, readSession, type ActiveSession } from '../session';
import { consoleLocale, consoleT } from './i18n';
import { MessagePage } from './pages/login';
import type { View } from './view';

const sessions = new WeakMap<Context<AppEnv>, ActiveSession>();

/** The signed-in actor of a page behind the {@link page} guard, as the services take it. */
export function consoleActor(c: Context<AppEnv>): Actor {
  const active = sessions.get(c);
  if (!active) throw new Error('console actor outside a console page');
  return { label: active.actor.label, role: active.actor.role, via: 'console' };
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
 * Pages of `operation`, for the roles the role matrix gives it: no session → the login page
 * (coming back here after); another role → 403; a form post without the session's CSRF
 * token from this origin → 403.
 */
export function page(operation: OperationId): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const active = await readSession(c);
    if (!active) {
      const next = c.req.method === 'GET' ? c.req.path : '/admin';
      return c.redirect(`/admin/login?next=${encodeURIComponent(next)}`, 303);
    }
    sessions.set(c, active);
    if (!mayPerform(active.actor.role, operation))
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

/**
 * A refusal the page has no better words for: 403 for a role the matrix forbids, 404 for
 * what does not exist, 503 for a deploy without a broadcast queue, else "failed" (502).
 */
export function refusalPage(c: Context<AppEnv>, refusal: Refusal): Response {
  if (refusal.status === 403) return message(c, 403, 'forbidden.title', 'forbidden.text');
  if (refusal.status === 404) return message(c, 404, 'not_found.title', 'not_found.text');
  if (refusal.error === 'broadcast_queue_missing')
    return message(c, 503, 'queue_missing.title', 'queue_missing.text');
  return message(c, 502, 'failed.title', 'failed.text');
}
