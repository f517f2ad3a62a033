import type { MiddlewareHandler } from 'hono';
import type { AdminToken, Role } from '../config';
import type { AppEnv } from '../http/types';

/** Compare two strings in time that does not depend on where they differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}

/** The token a bearer value belongs to, checking every token so timing reveals nothing. */
export function findToken(tokens: readonly AdminToken[], bearer: string): AdminToken | undefined {
  let found: AdminToken | undefined;
  for (const candidate of tokens) if (constantTimeEqual(candidate.token, bearer)) found = candidate;
  return found;
}

/**
 * Require `Authorization: Bearer <token>` of one of `roles` (admin passes every check):
 * 401 without a known token, 403 with a token of another role.
 */
export function requireRole(...roles: Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('Authorization') ?? '';
    const bearer = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    const actor =
      bearer === undefined ? undefined : findToken(c.var.deps.config.adminTokens, bearer);
    if (!actor) return c.json({ error: 'unauthorized' }, 401, { 'WWW-Authenticate': 'Bearer' });
    if (actor.role !== 'admin' && !roles.includes(actor.role))
      return c.json({ error: 'forbidden', role: actor.role }, 403);
    c.set('actor', actor);
    await next();
  };
}
