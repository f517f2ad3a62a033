import type { Context, MiddlewareHandler } from 'hono';
import type { AdminToken, Role } from '../config';
import { apiLocale, badRequest, fieldIssue } from '../http/bad-request';
import type { AppEnv } from '../http/types';
import { translate } from '../i18n';
import type { AuthVia } from './audit';
import { constantTimeEqual } from './compare';
import { CSRF_HEADER, csrfOk, isSafeMethod } from './csrf';
import { clientKey, loginFailed, loginSucceeded } from './rate-limit';
import { rolesFor, type OperationId } from './role-matrix';
import type { AccessCode } from './services/refusal-codes';
import { readSession } from './session';

export { constantTimeEqual };

/** The token a bearer value belongs to, checking every token so timing reveals nothing. */
export function findToken(tokens: readonly AdminToken[], bearer: string): AdminToken | undefined {
  let found: AdminToken | undefined;
  for (const candidate of tokens) if (constantTimeEqual(candidate.token, bearer)) found = candidate;
  return found;
}

/** Who is calling and how they proved it. */
export interface Caller {
  actor: AdminToken;
  via: AuthVia;
}

/** A refusal: the status and `error` to answer with (worded in the caller's language). */
interface Refusal {
  status: 401 | 403 | 429;
  error: AccessCode;
  headers?: Record<string, string>;
}

const unauthorized: Refusal = {
  status: 401,
  error: 'unauthorized',
  headers: { 'WWW-Authenticate': 'Bearer' },
};

/**
 * A refusal's JSON in the caller's language: `error`, a `message`, and for a missing CSRF
 * token the header as a field problem.
 */
function refusalBody(c: Context<AppEnv>, refusal: Refusal): Record<string, unknown> {
  const locale = apiLocale(c);
  const message = translate(locale, `admin_trust.errors.${refusal.error}`);
  if (refusal.error !== 'csrf') return { error: refusal.error, message };
  const { fields, issues } = badRequest([fieldIssue(CSRF_HEADER, 'csrf')], locale);
  return { error: refusal.error, message, fields, issues };
}

async function identify(c: Context<AppEnv>): Promise<Caller | Refusal> {
  const { store, config } = c.var.deps;
  const header = c.req.header('Authorization');
  if (header !== undefined) {
    // A wrong token is a failed login: the same per-client limit as the login form. The
    // right token always passes, so nobody can lock its owner out.
    const client = clientKey(c);
    const bearer = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    const actor = bearer === undefined ? undefined : findToken(config.adminTokens, bearer);
    if (actor) {
      await loginSucceeded(store, client);
      return { actor, via: 'token' };
    }
    const failure = await loginFailed(c, client, 'token');
    if (failure.wait !== undefined)
      return { status: 429, error: 'too_many_failures', headers: retryAfter(failure.wait) };
    return unauthorized;
  }
  const active = await readSession(c);
  if (!active) return unauthorized;
  if (!isSafeMethod(c.req.method) && !csrfOk(c, active.session.csrf, c.req.header(CSRF_HEADER)))
    return { status: 403, error: 'csrf' };
  return { actor: active.actor, via: 'session' };
}

/** `Retry-After` for a wait in seconds. */
export function retryAfter(seconds: number): Record<string, string> {
  return { 'Retry-After': String(Math.max(1, Math.ceil(seconds))) };
}

const identified = new WeakMap<Context<AppEnv>, Promise<Caller | Refusal>>();
/**
 * Who is calling the admin API: `Authorization: Bearer <token>` (failures rate-limited per client), or the console's session cookie
 * (changes need the `X-CSRF-Token` header and a same-origin request). Worked out once per
 * request.
 */
export function identifyCaller(c: Context<AppEnv>): Promise<Caller | Refusal> {
  let result = identified.get(c);
  if (!result) {
    result = identify(c);
    identified.set(c, result);
  }
  return result;
}

/**
 * Require a caller of one of `roles` (admin passes every check): 401 without a known token
 * or session, 403 with another role (or a cookie change without CSRF proof), 429 for a
 * wrong token after too many (the right token always passes).
 */
export function requireRole(...roles: Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const caller = await identifyCaller(c);
    if (!('actor' in caller)) return c.json(refusalBody(c, caller), caller.status, caller.headers);
    const { actor } = caller;
    if (actor.role !== 'admin' && !roles.includes(actor.role)) {
      const message = translate(apiLocale(c), 'admin_trust.errors.forbidden');
      return c.json({ error: 'forbidden', message, role: actor.role }, 403);
    }
    c.set('actor', actor);
    await next();
  };
}

/** {@link requireRole} with the roles the role matrix gives `operation`. */
export function requireOperation(operation: OperationId): MiddlewareHandler<AppEnv> {
  return requireRole(...rolesFor(operation));
}
