import type * as z from 'zod';
import type { Role } from '../../config';
import { fieldErrors } from '../../http/field-errors';
import type { AppDeps } from '../../http/types';
import type { SurveyProblem } from '../../surveys/validate';
import { appendAudit, type AuditActor, type AuditEvent, type AuthVia } from '../audit';
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
 * The prologue of an operation with input: the refusal when the role matrix does not give
 * the actor's role the operation (403), or when the input fails `schema` (400 with field
 * errors); else the parsed input.
 *
 * @example const parsed = permittedInput(actor, 'answerQuestion', trainerAnswerSchema, body);
 * if (!parsed.ok) return parsed;
 */
export function permittedInput<S extends z.ZodType>(
  actor: Actor,
  operation: OperationId,
  schema: S,
  input: unknown,
): { ok: true; value: z.output<S> } | Refusal {
  const refusal = forbidden(actor, operation);
  if (refusal) return refusal;
  const parsed = schema.safeParse(input);
  return parsed.success
    ? done(parsed.data)
    : refused(400, 'invalid_request', { fields: fieldErrors(parsed.error) });
}

/**
 * Append a done admin action to the audit trail, as a structured event (one write):
 *
 *     await recordAudit(deps, actor, {
 *       action: 'survey.remind',
 *       target: { kind: 'survey', id, title },
 *       details: { recipients: 4, version: 2, job: jobId },
 *     });
 *
 * A failure to record is logged, never answered.
 */
export async function recordAudit(
  deps: Pick<ServiceDeps, 'store' | 'now' | 'log'>,
  actor: AuditActor,
  event: AuditEvent,
): Promise<void> {
  try {
    await appendAudit(deps.store, deps.now(), actor, event);
  } catch (error) {
    deps.log.error('audit_failed', {
      action: event.action,
      who: actor.label,
      message: String(error),
    });
  }
}

/**
 * @deprecated The older, HTTP-shaped call (`'POST /admin/api/…'`, status, target id), kept
 * only so code written against it still builds: it records a generic event that reads
 * "who: POST /admin/api/… on 'target'". Use {@link recordAudit} with a typed action.
 */
export async function recordAction(
  deps: Pick<ServiceDeps, 'store' | 'now' | 'log'>,
  actor: AuditActor,
  action: string,
  status: number,
  target?: string,
): Promise<void> {
  const event = {
    action,
    ...(target === undefined ? {} : { target: { id: target } }),
    details: { status },
  };
  await recordAudit(deps, actor, event as unknown as AuditEvent);
}
