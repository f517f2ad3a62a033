import type { Context } from 'hono';
import { apiLocale, badRequest, wordedBadRequest } from '../http/bad-request';
import type { AppEnv } from '../http/types';
import { translate } from '../i18n';
import { identifyCaller } from './auth';
import { problemIssue, wordedProblems } from './problem-words';
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
 * A service's refusal as JSON, in the caller's language ({@link apiLocale}): its `error`
 * and status and a `message`; field problems as `issues` and by field (`fields`); a
 * survey definition's problems so too, and as the validator's list (`problems`).
 */
export function refusalJson(c: Context<AppEnv>, refusal: Refusal, actor?: Actor): Response {
  const { status, error } = refusal;
  // Words the service already said (a lesson's problems) set the language of the rest.
  const locale = refusal.locale ?? apiLocale(c);
  const message = refusal.message ?? translate(locale, `admin_trust.errors.${error}`);
  if (refusal.problems) {
    const worded = wordedProblems(refusal);
    const issues = refusal.problems.map((p) => problemIssue(p, locale, worded));
    return c.json(
      { ...wordedBadRequest(issues, locale, error), problems: refusal.problems },
      status,
    );
  }
  if (refusal.issues && refusal.issues.length > 0)
    return c.json(badRequest(refusal.issues, locale, error), status);
  if (status === 403 && actor) return c.json({ error, message, role: actor.role }, status);
  return c.json({ error, message, ...(refusal.fields ? { fields: refusal.fields } : {}) }, status);
}
