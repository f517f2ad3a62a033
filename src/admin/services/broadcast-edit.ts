import * as z from 'zod';
import { editJob, jobEditSchema } from '../../broadcast/edit';
import { jobSchema } from '../../broadcast/job';
import { createJob, jobRecipients, jobStatus } from '../../broadcast/planner';
import { BroadcastQueueMissingError } from '../../broadcast/queue';
import { queueMissing, type BroadcastView } from './broadcasts';
import { broadcastView } from '../broadcast-view';
import { fieldIssue } from '../../http/bad-request';
import {
  done,
  invalidInput,
  permittedInput,
  recordAudit,
  refused,
  type Actor,
  type ServiceDeps,
  type ServiceOutcome,
} from './service';

/** A push as the audit trail names it (the start of its message). */
function target(id: string, messages: Record<string, string | undefined>) {
  const start = (m: string) => (m.length > 40 ? `${m.slice(0, 40)}…` : m);
  const title = Object.fromEntries(
    Object.entries(messages).flatMap(([l, m]) => (m ? [[l, start(m)]] : [])),
  );
  return { kind: 'broadcast', id, title };
}

/** A time given must still be to come. */
function pastTime(deps: ServiceDeps, sendAt: string | undefined) {
  return sendAt !== undefined && Date.parse(sendAt) <= deps.now()
    ? invalidInput([fieldIssue('sendAt', 'past_time')])
    : undefined;
}

/** What an edit answers: the job after it, and how many people it reaches now. */
export interface EditedBroadcast {
  job: BroadcastView;
  /** Who the push would reach if it started now: counted as the start will count them. */
  recipients: number;
  changed: string[];
}

/**
 * Change the message, audience or time of a push that has not started
 * (`POST /admin/api/broadcasts/{id}/edit`); 409 once it started sending or was cancelled,
 * or while the sender holds its lock. A survey invitation keeps its audience (the survey
 * page sends another one).
 */
export async function editBroadcast(
  deps: ServiceDeps,
  actor: Actor,
  id: string,
  input: unknown,
): Promise<ServiceOutcome<EditedBroadcast>> {
  const parsed = permittedInput(actor, 'editBroadcast', jobEditSchema, input);
  if (!parsed.ok) return parsed;
  const late = pastTime(deps, parsed.value.sendAt);
  if (late) return late;
  const existing = jobSchema.safeParse(await deps.store.loadJob(id));
  if (!existing.success) return refused(404, 'not_found');
  if (existing.data.kind === 'survey_invite' && parsed.value.audience)
    return refused(409, 'survey_invitation_audience');
  const edited = await editJob(deps.planner, id, parsed.value);
  if (!edited.ok)
    return edited.reason === 'not_found' ? refused(404, 'not_found') : refused(409, edited.reason);
  const status = await jobStatus(deps.store, id);
  if (!status) return refused(404, 'not_found');
  if (edited.changed.length > 0)
    await recordAudit(deps, actor, {
      action: 'broadcast.edit',
      target: target(id, edited.job.messages),
      details: {
        changed: edited.changed.join(', '),
        recipients: edited.recipients,
        ...(edited.job.sendAt ? { sendAt: new Date(edited.job.sendAt).toISOString() } : {}),
      },
    });
  return done({
    job: await broadcastView(deps, status),
    recipients: edited.recipients,
    changed: edited.changed,
  });
}

/** `POST /admin/api/broadcasts/{id}/duplicate`: what may differ in the copy. */
export const jobDuplicateSchema = z
  .object({
    audience: jobEditSchema.shape.audience,
    messages: jobEditSchema.shape.messages,
    sendAt: jobEditSchema.shape.sendAt,
  })
  .strict();

/**
 * A new push with the message and audience of an existing one (any state), changed by
 * what the body gives; sent now unless `sendAt` is given. A survey invitation is not
 * copied here (409): the survey page invites, so that nobody is invited twice.
 */
export async function duplicateBroadcast(
  deps: ServiceDeps,
  actor: Actor,
  id: string,
  input: unknown,
): Promise<ServiceOutcome<{ id: string; recipients: number }>> {
  const parsed = permittedInput(actor, 'duplicateBroadcast', jobDuplicateSchema, input ?? {});
  if (!parsed.ok) return parsed;
  const late = pastTime(deps, parsed.value.sendAt);
  if (late) return late;
  const source = jobSchema.safeParse(await deps.store.loadJob(id));
  if (!source.success) return refused(404, 'not_found');
  if (source.data.kind === 'survey_invite') return refused(409, 'survey_invitation');
  const input2 = {
    audience: parsed.value.audience ?? source.data.audience,
    messages: parsed.value.messages ?? source.data.messages,
    kind: source.data.kind,
    ...(parsed.value.sendAt ? { sendAt: parsed.value.sendAt } : {}),
  };
  try {
    const recipients = (await jobRecipients(deps.planner, input2.audience)).length;
    const job = await createJob(deps.planner, input2, actor.label);
    await recordAudit(deps, actor, {
      action: 'broadcast.duplicate',
      target: target(job.id, job.messages),
      details: {
        from: id,
        recipients,
        ...(job.sendAt ? { sendAt: new Date(job.sendAt).toISOString() } : {}),
      },
    });
    return done({ id: job.id, recipients });
  } catch (error) {
    if (error instanceof BroadcastQueueMissingError) return queueMissing();
    throw error;
  }
}
