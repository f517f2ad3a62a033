import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../../http/types';
import { recordAudit } from '../services/service';
import { findToken, retryAfter } from '../auth';
import { constantTimeEqual } from '../compare';
import { CSRF_FIELD, sameOrigin } from '../csrf';
import { clientKey, loginFailed, loginSucceeded } from '../rate-limit';
import { endSession, randomToken, readSession, secureCookies, startSession } from '../session';
import { mayPerform } from '../role-matrix';
import { SECTIONS } from './layout';
import { message, pageView, render } from './page-kit';
import { LoginPage } from './pages/login';
import { adminPages } from './routes-admin';
import { broadcastPages } from './routes-broadcasts';
import { experimentPages } from './routes-experiments';
import { lessonPages } from './routes-lessons';
import { surveyPages } from './routes-surveys';
import { wavePages } from './routes-waves';

/** The cookie holding the login form's one-time nonce (login CSRF, double submit). */
const LOGIN_COOKIE = 'svb_admin_login';

/** Where to go after login: a console path only, never another site. */
function safeNext(raw: unknown): string {
  return typeof raw === 'string' && /^\/admin(\/[A-Za-z0-9/_.%-]*)?$/.test(raw) ? raw : '/admin';
}

function loginForm(
  c: Context<AppEnv>,
  next: string,
  error?: string,
  status: 200 | 401 | 403 | 429 = 200,
) {
  const nonce = randomToken();
  setCookie(c, LOGIN_COOKIE, nonce, {
    httpOnly: true,
    secure: secureCookies(c),
    sameSite: 'Strict',
    path: '/admin/login',
    maxAge: 30 * 60,
  });
  const view = pageView(c, nonce);
  return render(c, view, LoginPage({ view, next, ...(error ? { error } : {}) }), status);
}

/**
 * The console at `/admin`: token login to a session, logout, and the pages (overview, pushes,
 * surveys, courses, audit). Pages read and change data through the services the admin API
 * answers from, as the signed-in actor, under the same role matrix.
 */
export function consoleRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/admin', async (c) => {
    const active = await readSession(c);
    if (!active) return c.redirect('/admin/login', 303);
    const home = SECTIONS.find((s) => mayPerform(active.actor.role, s.operation));
    return c.redirect(home?.href ?? '/admin/login', 303);
  });

  app.get('/admin/login', async (c) => {
    if (await readSession(c)) return c.redirect(safeNext(c.req.query('next')), 303);
    return loginForm(c, safeNext(c.req.query('next')));
  });

  app.post('/admin/login', async (c) => {
    const { store, config } = c.var.deps;
    const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const next = safeNext(body.next);
    const t = pageView(c).t;
    const nonce = getCookie(c, LOGIN_COOKIE);
    const given = body[CSRF_FIELD];
    if (!sameOrigin(c) || !nonce || typeof given !== 'string' || !constantTimeEqual(nonce, given))
      return loginForm(c, next, t('csrf.text'), 403);
    // Only wrong tokens are limited: the right token always logs in and clears the count.
    const client = clientKey(c);
    const token = typeof body.token === 'string' ? body.token.trim() : '';
    const actor = token ? findToken(config.adminTokens, token) : undefined;
    if (!actor) {
      const failure = await loginFailed(c, client, 'session');
      if (failure.wait !== undefined) {
        for (const [k, v] of Object.entries(retryAfter(failure.wait))) c.header(k, v);
        const minutes = Math.ceil(failure.wait / 60);
        return loginForm(c, next, t('login.blocked', { minutes }), 429);
      }
      return loginForm(c, next, t('login.wrong'), 401);
    }
    await loginSucceeded(store, client);
    await startSession(c, actor);
    deleteCookie(c, LOGIN_COOKIE, { path: '/admin/login', secure: secureCookies(c) });
    await recordAudit(
      c.var.deps,
      { label: actor.label, role: actor.role, via: 'session' },
      { action: 'login' },
    );
    return c.redirect(next, 303);
  });

  app.post('/admin/logout', async (c) => {
    const active = await readSession(c);
    const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const given = body[CSRF_FIELD];
    if (
      active &&
      (!sameOrigin(c) ||
        typeof given !== 'string' ||
        !constantTimeEqual(active.session.csrf, given))
    )
      return message(c, 403, 'csrf.title', 'csrf.text');
    await endSession(c);
    if (active) {
      await recordAudit(
        c.var.deps,
        { label: active.actor.label, role: active.actor.role, via: 'session' },
        { action: 'logout' },
      );
    }
    return c.redirect('/admin/login', 303);
  });

  adminPages(app);
  lessonPages(app);
  experimentPages(app);
  broadcastPages(app);
  // Before the survey pages: their `/:id/:action` answers 404 for an action it does not know.
  wavePages(app);
  surveyPages(app);
  return app;
}
