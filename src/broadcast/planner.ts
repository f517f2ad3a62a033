import type { Logger } from '../shell/logger';
import type { AudienceStore, CoordinationStore, JobStore } from '../store/port';
import { resolveAudience, type Recipient } from './audience';
import type { JobFilter, RecipientFilter } from './choices';
import { finishIfDone } from './consumer';
import {
  channelCounts,
  jobCounts,
  jobSchema,
  type ChannelCounts,
  type Job,
  type JobCounts,
  type JobInput,
  type JobState,
} from './job';
import { underJobLock } from './job-lock';
import { BroadcastQueueMissingError, type BroadcastQueue } from './queue';

/** What creating and starting jobs needs. */
export interface PlannerDeps {
  store: JobStore & AudienceStore & CoordinationStore;
  /** Undefined when the Worker has no queue binding: every broadcast is then refused. */
  queue: BroadcastQueue | undefined;
  log: Logger;
  now(): number;
  newId(): string;
  /** Recipients per queue message; 20 keeps a chunk under the free plan's 50 subrequests. */
  chunkSize: number;
  /** Recipient filters jobs may name (surveys register theirs). */
  filters?: Readonly<Record<string, RecipientFilter>>;
}

/** A job as the API shows it. */
export interface JobStatus {
  id: string;
  kind: Job['kind'];
  status: JobState;
  audience: Job['audience'];
  messages: Job['messages'];
  counts: JobCounts;
  /** The outcomes per channel (see {@link channelCounts}). */
  channels: Record<string, ChannelCounts>;
  createdAt: string;
  /** The label of the admin token that created it (never the token). */
  createdBy: string;
  sendAt?: string;
  /** The job's recipient filter (a survey invitation's survey), for naming what it is. */
  filter?: JobFilter;
}

/** The queue, or {@link BroadcastQueueMissingError} (logged) when there is none. */
export function requireQueue(deps: PlannerDeps): BroadcastQueue {
  if (deps.queue) return deps.queue;
  const error = new BroadcastQueueMissingError();
  deps.log.error('broadcast_refused', {
    reason: 'broadcast_queue_missing',
    message: error.message,
  });
  throw error;
}

/**
 * Create a job; it starts now unless `sendAt` is in the future. `filter` narrows its
 * audience. Throws {@link BroadcastQueueMissingError}, storing nothing, without a queue.
 */
export async function createJob(
  deps: PlannerDeps,
  input: JobInput,
  createdBy: string,
  filter?: JobFilter,
): Promise<Job> {
  requireQueue(deps);
  const sendAt = input.sendAt ? Date.parse(input.sendAt) : undefined;
  const job: Job = {
    id: deps.newId(),
    kind: input.kind,
    audience: input.audience,
    messages: input.messages,
    createdAt: deps.now(),
    createdBy,
    ...(sendAt === undefined ? {} : { sendAt }),
    ...(input.choices ? { choices: input.choices } : {}),
    ...(filter ? { filter } : {}),
  };
  await deps.store.saveJob(job.id, job);
  if (sendAt !== undefined && sendAt > deps.now())
    await deps.store.setJobState(job.id, 'scheduled');
  else await startJob(deps, job);
  return job;
}

/**
 * Resolve the audience and queue it in chunks. Claimed once through the delivery record,
 * so two overlapping cron runs cannot start the same job twice. It runs under the job's
 * lock (see `job-lock.ts`), with the job read again under it: an edit of a scheduled job
 * either lands before the start (and is what goes out) or is refused; a job cancelled or
 * moved later meanwhile is not started. False when it did not start.
 */
export async function startJob(deps: PlannerDeps, job: Job): Promise<boolean> {
  const queue = requireQueue(deps);
  const run = await underJobLock(deps.store, job.id, `start:${deps.newId()}`, async () => {
    const fresh = jobSchema.safeParse(await deps.store.loadJob(job.id));
    const current = fresh.success ? fresh.data : job;
    const state = await deps.store.jobState(job.id);
    if (state !== null && state !== 'scheduled') return false;
    if (state === 'scheduled' && (current.sendAt ?? 0) > deps.now()) return false;
    return startLocked(deps, queue, current);
  });
  if (!run.locked) deps.log.info('broadcast_start_deferred', { jobId: job.id, reason: 'locked' });
  return run.locked && run.value;
}

async function startLocked(deps: PlannerDeps, queue: BroadcastQueue, job: Job): Promise<boolean> {
  if (!(await deps.store.recordDelivery(job.id, '#start', 'starts'))) return false;
  const recipients = await jobRecipients(deps, job.audience, job.filter);
  await deps.store.addJobCounts(job.id, { audience: recipients.length });
  await deps.store.setJobState(job.id, 'running');
  const chunks = [];
  for (let i = 0; i < recipients.length; i += deps.chunkSize) {
    chunks.push({ jobId: job.id, recipients: recipients.slice(i, i + deps.chunkSize) });
  }
  await queue.sendBatch(chunks);
  deps.log.info('broadcast_started', {
    jobId: job.id,
    audience: recipients.length,
    chunks: chunks.length,
  });
  await finishIfDone(deps.store, job.id);
  return true;
}

/**
 * Exactly who a job with this audience and filter would reach if it started now: what a
 * preview shows and what {@link startJob} queues are the same list.
 */
export async function jobRecipients(
  deps: Pick<PlannerDeps, 'store' | 'log' | 'filters'>,
  audience: Job['audience'],
  filter?: JobFilter,
): Promise<Recipient[]> {
  const job = { id: 'preview', audience, ...(filter ? { filter } : {}) };
  return filterRecipients(deps, job, await resolveAudience(deps.store, audience));
}

/** Apply the job's filter; a filter nobody registered sends to no one rather than to all. */
async function filterRecipients(
  deps: Pick<PlannerDeps, 'log' | 'filters'>,
  job: Pick<Job, 'id' | 'filter'>,
  all: Recipient[],
): Promise<Recipient[]> {
  if (!job.filter) return all;
  const filter = deps.filters?.[job.filter.name];
  if (filter) return filter(all, job.filter.params);
  deps.log.error('broadcast_filter_unknown', { jobId: job.id, filter: job.filter.name });
  return [];
}

/** Start scheduled jobs whose time has come (the cron trigger calls this). */
export async function startDueJobs(deps: PlannerDeps): Promise<number> {
  // Scheduled jobs wait (logged once per run) until a deploy brings the queue.
  if (!deps.queue) {
    deps.log.error('broadcast_queue_missing', {
      message: new BroadcastQueueMissingError().message,
    });
    return 0;
  }
  let started = 0;
  for (const id of await deps.store.listJobs(200)) {
    if ((await deps.store.jobState(id)) !== 'scheduled') continue;
    const job = jobSchema.safeParse(await deps.store.loadJob(id));
    if (!job.success || (job.data.sendAt ?? 0) > deps.now()) continue;
    if (await startJob(deps, job.data)) started += 1;
  }
  return started;
}

/** Stop a job: queued recipients are counted as cancelled instead of being sent. */
export async function cancelJob(
  store: JobStore & AudienceStore & CoordinationStore,
  id: string,
): Promise<JobStatus | undefined> {
  const state = await store.jobState(id);
  if (state === null) return undefined;
  if (state === 'scheduled' || state === 'running') await store.setJobState(id, 'cancelled');
  return jobStatus(store, id);
}

/** A job's definition, state and counters. */
export async function jobStatus(
  store: JobStore & AudienceStore & CoordinationStore,
  id: string,
): Promise<JobStatus | undefined> {
  const job = jobSchema.safeParse(await store.loadJob(id));
  if (!job.success) return undefined;
  const status = ((await store.jobState(id)) ?? 'scheduled') as JobState;
  const raw = await store.jobCounts(id);
  return {
    id,
    kind: job.data.kind,
    status,
    audience: job.data.audience,
    messages: job.data.messages,
    counts: jobCounts(raw),
    channels: channelCounts(raw),
    createdAt: new Date(job.data.createdAt).toISOString(),
    createdBy: job.data.createdBy,
    ...(job.data.sendAt === undefined ? {} : { sendAt: new Date(job.data.sendAt).toISOString() }),
    ...(job.data.filter ? { filter: job.data.filter } : {}),
  };
}
