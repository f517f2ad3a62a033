import type * as z from 'zod';
import type { Role } from '../../config';
import type { Locale } from '../../core/message';
import { issuesOf, type FieldIssue } from '../../http/bad-request';
import type { AppDeps } from '../../http/types';
import type { SurveyProblem } from '../../surveys/validate';
import { appendAudit, type AuditActor, type AuditEvent, type AuthVia } from '../audit';
import { mayPerform, type OperationId } from '../role-matrix';
import type { RefusalCode } from './refusal-codes';

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
  error: RefusalCode;
  /**
   * The fields with problems and each problem's code, by path (`audience.course`,
   * `sendAt`): which fields a form marks. The words are in `issues`.
   */
  fields?: Record<string, string[]>;
  /** Every field problem, in a language-free shape the API and the console word. */
  issues?: FieldIssue[];
  /** Every problem of a survey definition. */
  problems?: SurveyProblem[];
  /**
   * A sentence for people in the caller's language, when the service words it itself (a
   * lesson id taken); else the API and the console word `error`.
   */
  message?: string;
  /** The language the service worded `message` and `problems` in, when it did. */
  locale?: Locale;
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
  error: RefusalCode,
  more: Omit<Refusal, 'ok' | 'status' | 'error'> = {},
): Refusal {
  return { ok: false, status, error, ...more };
}

/**
 * A 400 for field problems: `issues` as given, `fields` as each field's codes.
 *
 * @example invalidInput([fieldIssue('sendAt', 'past_time')])
 */
export function invalidInput(
  issues: readonly FieldIssue[],
  error: RefusalCode = 'invalid_request',
): Refusal {
  const fields: Record<string, string[]> = {};
  for (const i of issues) (fields[i.field] ??= []).push(i.code);
  return refused(400, error, { fields, issues: [...issues] });
}

/** The refusal of an operation the role matrix does not give the actor's role, else undefined. */
export function forbidden(actor: Actor, operation: OperationId): Refusal | undefined {
  return mayPerform(actor.role, operation) ? undefined : refused(403, 'forbidden');
}

/**
 * The prologue of an operation with input: the refusal when the role matrix does not give
 * the actor's role the operation (403), or when the input fails `schema` (400 with field
 * errors; `root: 'query'` for a query string, so a problem with it as a whole is under
 * `query`); else the parsed input.
 *
 * @example const parsed = permittedInput(actor, 'answerQuestion', trainerAnswerSchema, body);
 * if (!parsed.ok) return parsed;
 */
export function permittedInput<S extends z.ZodType>(
  actor: Actor,
  operation: OperationId,
  schema: S,
  input: unknown,
  root: 'body' | 'query' = 'body',
): { ok: true; value: z.output<S> } | Refusal {
  const refusal = forbidden(actor, operation);
  if (refusal) return refusal;
  const parsed = schema.safeParse(input);
  return parsed.success ? done(parsed.data) : invalidInput(issuesOf(parsed.error, { input, root }));
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
