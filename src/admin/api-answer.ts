import type { Context } from 'hono';
import type { AppEnv } from '../http/types';
import { identifyCaller } from './auth';
import type { Actor, Refusal } from './services/service';

/**
 * The caller of an admin API route as the services want it: the token's label and role,
 * and how it was proven. Only for routes behind `requireOperation`.
 */
export async function apiActor(c: Context<AppEnv>): Promise<Actor> {
  const caller = await identifyCaller(c);
  if (!('actor' in caller)) throw new Error('apiActor outside an authenticated admin route');
  const { label, role } = caller.actor;
  return { label, role, via: caller.via };
}

/**
 * A service's refusal as JSON: its `error` and status, every problem of a survey definition
 * both as a list and in the `fields` shape the other APIs use, field errors, a message.
 */
export function refusalJson(c: Context<AppEnv>, refusal: Refusal, actor?: Actor): Response {
  const { status, error } = refusal;
  if (refusal.problems) {
    const fields: Record<string, string[]> = {};
    for (const p of refusal.problems) (fields[p.path || 'body'] ??= []).push(p.message);
    return c.json({ error, problems: refusal.problems, fields }, status);
  }
  if (status === 403 && actor) return c.json({ error, role: actor.role }, status);
  return c.json(
    {
      error,
      ...(refusal.fields ? { fields: refusal.fields } : {}),
      ...(refusal.message ? { message: refusal.message } : {}),
    },
    status,
  );
}
