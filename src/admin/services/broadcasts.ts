import { jobInputSchema } from '../../broadcast/job';
import { cancelJob, createJob, jobStatus, type JobStatus } from '../../broadcast/planner';
import { BroadcastQueueMissingError } from '../../broadcast/queue';
import { broadcastView, type SurveyTitles } from '../broadcast-view';
import {
  done,
  forbidden,
  recordAudit,
  refused,
  type Actor,
  type Refusal,
  type ServiceDeps,
  type ServiceOutcome,
  permittedInput,
} from './service';

/** Most jobs the list shows, newest first. */
const LISTED_JOBS = 50;

/** A push as the audit trail names it: its id, titled by the start of its message. */
function pushTarget(job: Pick<JobStatus, 'id' | 'messages'>) {
  const start = (m: string) => (m.length > 40 ? `${m.slice(0, 40)}…` : m);
  const title = Object.fromEntries(Object.entries(job.messages).map(([l, m]) => [l, start(m)]));
  return { kind: 'broadcast', id: job.id, title };
}

/** The refusal of a deploy without a broadcast queue (503 `broadcast_queue_missing`). */
export function queueMissing(): Refusal {
  // The API and the console word it (admin_trust.errors.broadcast_queue_missing).
  return refused(503, 'broadcast_queue_missing');
}

/**
 * Push a message to an audience, now or at `sendAt` (`POST /admin/api/broadcasts`); the
 * input is checked against the job schema and every problem is listed by field.
 */
export async function createBroadcast(
  deps: ServiceDeps,
  actor: Actor,
  input: unknown,
): Promise<ServiceOutcome<{ id: string }>> {
  const parsed = permittedInput(actor, 'createBroadcast', jobInputSchema, input);
  if (!parsed.ok) return parsed;
  try {
    const job = await createJob(deps.planner, parsed.value, actor.label);
    const target = pushTarget(job);
    const scheduled = job.sendAt !== undefined && job.sendAt > deps.now();
    await recordAudit(
      deps,
      actor,
      scheduled
        ? {
            action: 'broadcast.create',
            target,
            details: { sendAt: new Date(job.sendAt ?? 0).toISOString(), kind: job.kind },
          }
        : {
            action: 'broadcast.send',
            target,
            details: {
              recipients: (await jobStatus(deps.store, job.id))?.counts.audience ?? 0,
              kind: job.kind,
            },
          },
    );
    return done({ id: job.id });
  } catch (error) {
    if (error instanceof BroadcastQueueMissingError) return queueMissing();
    throw error;
  }
}

/** A push as the list and the API show it (see `broadcast-view.ts`). */
export type BroadcastView = Awaited<ReturnType<typeof broadcastView>>;

/**
 * The most recent jobs with their counters, newest first, each named: what it is (its
 * survey, lesson or course), who created it, its message's first line, per-channel counts.
 */
export async function listBroadcasts(
  deps: ServiceDeps,
  actor: Actor,
): Promise<ServiceOutcome<BroadcastView[]>> {
  const refusal = forbidden(actor, 'listBroadcasts');
  if (refusal) return refusal;
  const ids = await deps.store.listJobs(LISTED_JOBS);
  const jobs = await Promise.all(ids.map((id) => jobStatus(deps.store, id)));
  const titles: SurveyTitles = new Map();
  return done(
    await Promise.all(
      jobs.filter((j) => j !== undefined).map((j) => broadcastView(deps, j, titles)),
    ),
  );
}

/** A job's status and counters, named as in the list. */
export async function getBroadcast(
  deps: ServiceDeps,
  actor: Actor,
  id: string,
): Promise<ServiceOutcome<BroadcastView>> {
  const refusal = forbidden(actor, 'getBroadcast');
  if (refusal) return refusal;
  const status = await jobStatus(deps.store, id);
  return status ? done(await broadcastView(deps, status)) : refused(404, 'not_found');
}

/** Stop a scheduled or running job; the job after cancelling. */
export async function cancelBroadcast(
  deps: ServiceDeps,
  actor: Actor,
  id: string,
): Promise<ServiceOutcome<JobStatus>> {
  const refusal = forbidden(actor, 'cancelBroadcast');
  if (refusal) return refusal;
  const status = await cancelJob(deps.store, id);
  if (!status) return refused(404, 'not_found');
  await recordAudit(deps, actor, {
    action: 'broadcast.cancel',
    target: pushTarget(status),
  });
  return done(status);
}
