import type { Context, MiddlewareHandler } from 'hono';
import type { AdminToken, Role } from '../config';
import type { AppEnv } from '../http/types';
import { audit, isAuditable, type AuthVia } from './audit';
import { constantTimeEqual } from './compare';
import { CSRF_HEADER, csrfOk, isSafeMethod } from './csrf';
import { CONSOLE_HEADER, consoleActor } from './internal';
import { clientKey, loginFailed, loginSucceeded } from './rate-limit';
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

/** A refusal: the status and JSON body to answer with. */
interface Refusal {
  status: 401 | 403 | 429;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

const unauthorized: Refusal = {
  status: 401,
  body: { error: 'unauthorized' },
  headers: { 'WWW-Authenticate': 'Bearer' },
};

async function identify(c: Context<AppEnv>): Promise<Caller | Refusal> {
  const nonce = c.req.header(CONSOLE_HEADER);
  if (nonce !== undefined) {
    const actor = consoleActor(nonce);
    return actor ? { actor, via: 'console' } : unauthorized;
  }
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
      return {
        status: 429,
        body: { error: 'too_many_failures' },
        headers: retryAfter(failure.wait),
      };
    return unauthorized;
  }
  const active = await readSession(c);
  if (!active) return unauthorized;
  if (!isSafeMethod(c.req.method) && !csrfOk(c, active.session.csrf, c.req.header(CSRF_HEADER)))
    return {
      status: 403,
      body: { error: 'csrf', fields: { [CSRF_HEADER]: ['missing or wrong'] } },
    };
  return { actor: active.actor, via: 'session' };
}

/** `Retry-After` for a wait in seconds. */
export function retryAfter(seconds: number): Record<string, string> {
  return { 'Retry-After': String(Math.max(1, Math.ceil(seconds))) };
}

const identified = new WeakMap<Context<AppEnv>, Promise<Caller | Refusal>>();
const audited = new WeakSet<Context<AppEnv>>();

/**
 * Who is calling the admin API: the console's own in-process calls, `Authorization:
 * Bearer <token>` (failures rate-limited per client), or the console's session cookie
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
 * wrong token after too many (the right token always passes). Successful changes and exports are written to the audit trail.
 */
export function requireRole(...roles: Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const caller = await identifyCaller(c);
    if (!('actor' in caller)) return c.json(caller.body, caller.status, caller.headers);
    const { actor } = caller;
    if (actor.role !== 'admin' && !roles.includes(actor.role))
      return c.json({ error: 'forbidden', role: actor.role }, 403);
    c.set('actor', actor);
    await next();
    if (isAuditable(c.req.method, c.req.path) && c.res.status < 400 && !audited.has(c)) {
      audited.add(c);
      await recordAction(c, caller);
    }
  };
}

/** Append one API action to the audit trail; a failure to record is logged, not answered. */
async function recordAction(c: Context<AppEnv>, caller: Caller): Promise<void> {
  const { store, now, log } = c.var.deps;
  const action = `${c.req.method} ${c.req.path}`;
  try {
    await audit(store, {
      at: new Date(now()).toISOString(),
      who: caller.actor.label,
      role: caller.actor.role,
      via: caller.via,
      action,
      status: c.res.status,
      ...targetOf(c.req.path, await createdId(c)),
    });
  } catch (error) {
    log.error('audit_failed', { action, who: caller.actor.label, message: String(error) });
  }
}

/** The `id` a JSON answer to a change names (a created job, say). Exports are never read. */
async function createdId(c: Context<AppEnv>): Promise<string | undefined> {
  if (c.req.method === 'GET' || !c.res.headers.get('Content-Type')?.includes('json')) return;
  const body: unknown = await c.res
    .clone()
    .json()
    .catch(() => undefined);
  const id = typeof body === 'object' && body !== null && 'id' in body ? body.id : undefined;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

/** The target of an action: the id it created, else the path's `/admin/api/<things>/<id>`. */
function targetOf(path: string, created: string | undefined): { target?: string } {
  const fromPath = path.split('/')[4];
  const target = created ?? (fromPath ? safeDecode(fromPath) : undefined);
  return target === undefined ? {} : { target: target.slice(0, 200) };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
