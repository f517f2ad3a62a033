import type { Role } from '../../config';
import type { AppDeps } from '../../http/types';
import type { SurveyProblem } from '../../surveys/validate';
import { audit, type AuthVia } from '../audit';
import { mayPerform, type OperationId } from '../role-matrix';

/** Who performs an admin operation: the token's label and role, and how they signed in. */
export interface Actor {
  label: string;
  role: Role;
  via: AuthVia;
}

/** What the admin services need: the app's dependencies, built by the composition root. */
export type ServiceDeps = AppDeps;

/** Why an operation was refused, in the words the API answers with (its status and `error`). */
export interface Refusal {
  ok: false;
  status: 400 | 403 | 404 | 409 | 503;
  error: string;
  /** Field errors, by path (`audience.course`, `sendAt`). */
  fields?: Record<string, string[]>;
  /** Every problem of a survey definition. */
  problems?: SurveyProblem[];
  /** A sentence for people (the missing broadcast queue, say). */
  message?: string;
}

/** The outcome of an admin operation, which each caller renders its own way. */
export type ServiceOutcome<T> = { ok: true; value: T } | Refusal;

/** A success. */
export function done<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

/** A refusal. */
export function refused(
  status: Refusal['status'],
  error: string,
  more: Omit<Refusal, 'ok' | 'status' | 'error'> = {},
): Refusal {
  return { ok: false, status, error, ...more };
}

/** The refusal of an operation the role matrix does not give the actor's role, else undefined. */
export function forbidden(actor: Actor, operation: OperationId): Refusal | undefined {
  return mayPerform(actor.role, operation) ? undefined : refused(403, 'forbidden');
}

/**
 * Append a done admin action to the audit trail, named the way the API names it
 * (`POST /admin/api/broadcasts`); a failure to record is logged, never answered.
 */
export async function recordAction(
  deps: ServiceDeps,
  actor: Actor,
  action: string,
  status: number,
  target?: string,
): Promise<void> {
  try {
    await audit(deps.store, {
      at: new Date(deps.now()).toISOString(),
      who: actor.label,
      role: actor.role,
      via: actor.via,
      action,
      status,
      ...(target === undefined ? {} : { target: target.slice(0, 200) }),
    });
  } catch (error) {
    deps.log.error('audit_failed', { action, who: actor.label, message: String(error) });
  }
}
