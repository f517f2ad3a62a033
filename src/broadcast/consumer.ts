import type { Logger } from '../shell/logger';
import type { CoordinationStore, JobStore } from '../store/port';
import type { Recipient } from './audience';
import { choicesIn } from './choices';
import { jobCounts, jobSchema, messageFor, type Job, type Outcome } from './job';
import type { Pacer, Timing } from './pacer';
import type { ChunkResult, BroadcastChunk } from './queue';
import type { Senders } from './senders';

/** What the consumer needs. */
export interface ConsumerDeps {
  store: JobStore & CoordinationStore;
  senders: Senders;
  timing: Timing;
  log: Logger;
  /**
   * Spaces sends under the rate (Telegram: about 30 a second overall). One per consumer,
   * kept across chunks: a fresh one per chunk would overshoot at chunk boundaries.
   */
  pacer: Pacer;
  /** A 429 asking to wait longer than this hands the chunk back to the queue instead. */
  maxRetryWaitSeconds: number;
  /**
   * Quick tries of a transient failure (5xx, network) within one delivery, a second or so
   * apart, before the person waits in the queue.
   */
  transientAttempts: number;
  /**
   * How many times a person whose send keeps failing transiently goes back to the queue
   * before they count as failed (default {@link DEFAULT_TRANSIENT_RETRIES}).
   */
  transientRetries?: number;
  /**
   * The wait before each of those retries, in seconds; the last one repeats when the list
   * is shorter than the retries (default {@link DEFAULT_TRANSIENT_DELAYS_SECONDS}).
   */
  transientDelaysSeconds?: readonly number[];
  /** The person blocked the bot: mark them inactive so audiences leave them out. */
  onBlocked(recipient: Recipient): Promise<void>;
}

/** Queue retries of a transient failure before the person counts as failed. */
export const DEFAULT_TRANSIENT_RETRIES = 5;

/** Backoff of those retries: a 5xx burst of a few minutes loses nobody. */
export const DEFAULT_TRANSIENT_DELAYS_SECONDS: readonly number[] = [30, 120, 300, 600, 900];

/** Transient failures of different people in a row that say the channel itself is down. */
const OUTAGE_STREAK = 2;

/** How long a person's count of transient failures is kept (well past the backoff). */
const TRANSIENT_MEMORY_SECONDS = 2 * 24 * 3600;

/** Tries of recording an outcome: a store hiccup after a send must not cause a resend. */
const RECORD_TRIES = 3;

type Attempt = Outcome | { retryLater: number } | { transient: string };

/**
 * Deliver one chunk. The job's state is read before each message, so a cancel stops the
 * sending before the next person. Each recipient is checked against the job's "already handled" set
 * before sending and recorded right after, so a redelivered chunk sends nothing twice and
 * the counters count each person once.
 *
 * A transient failure (5xx, network) does not fail the person at once: they stay
 * unhandled and the chunk goes back to the queue with a delay that grows with their count
 * of transient failures (kept in the store), until `transientRetries` is spent. Everyone
 * else in the chunk is still tried, unless failures in a row say the channel is down; then
 * the untried rest simply comes back with the chunk.
 */
export async function deliverChunk(
  deps: ConsumerDeps,
  chunk: BroadcastChunk,
): Promise<ChunkResult> {
  const parsed = jobSchema.safeParse(await deps.store.loadJob(chunk.jobId));
  if (!parsed.success) {
    deps.log.error('broadcast_job_missing', { jobId: chunk.jobId });
    return { ack: true };
  }
  const job = parsed.data;
  // Read again before each message: a cancel takes effect before the next send, not the
  // next chunk, and everyone not yet sent counts as cancelled.
  let cancelled = false;
  const stopped = async () => (cancelled ||= (await deps.store.jobState(job.id)) === 'cancelled');
  const handled = await deps.store.handledRecipients(
    job.id,
    chunk.recipients.map((r) => r.ref),
  );
  const delays = deps.transientDelaysSeconds ?? DEFAULT_TRANSIENT_DELAYS_SECONDS;
  /** When the chunk must come back, if someone in it is still to be tried. */
  let comeBackIn: number | undefined;
  const later = (seconds: number) => (comeBackIn = Math.max(comeBackIn ?? 0, seconds));
  let inARow = 0;

  for (const [i, recipient] of chunk.recipients.entries()) {
    if (handled[i]) continue;
    if (inARow >= OUTAGE_STREAK) {
      later(delays[0] ?? 0);
      break;
    }
    const result = (await stopped()) ? 'cancelled' : await attempt(deps, job, recipient);
    if (typeof result === 'object' && 'retryLater' in result) {
      return { ack: false, delaySeconds: later(result.retryLater) };
    }
    if (typeof result === 'object') {
      inARow += 1;
      const wait = await transientWait(deps, job.id, recipient, result.transient);
      if (wait !== undefined) {
        later(wait);
        continue;
      }
      await record(deps, job.id, recipient, 'failed');
      continue;
    }
    inARow = 0;
    await record(deps, job.id, recipient, result);
  }
  if (comeBackIn !== undefined) return { ack: false, delaySeconds: comeBackIn };
  await finishIfDone(deps.store, job.id);
  return { ack: true };
}

/**
 * Count one more transient failure of this person in this job; the seconds to wait before
 * trying them again, or undefined when their retries are spent (they count as failed).
 */
async function transientWait(
  deps: ConsumerDeps,
  jobId: string,
  recipient: Recipient,
  detail: string,
): Promise<number | undefined> {
  const retries = deps.transientRetries ?? DEFAULT_TRANSIENT_RETRIES;
  const delays = deps.transientDelaysSeconds ?? DEFAULT_TRANSIENT_DELAYS_SECONDS;
  const { count } = await deps.store.hit(
    `broadcast-transient:${jobId}:${recipient.ref}`,
    TRANSIENT_MEMORY_SECONDS,
  );
  if (count <= retries) {
    deps.log.info('broadcast_send_deferred', { jobId, ref: recipient.ref, count, detail });
    return delays[Math.min(count, delays.length) - 1] ?? 0;
  }
  deps.log.warn('broadcast_send_failed', { jobId, ref: recipient.ref, detail });
  return undefined;
}

/**
 * Mark the person handled with their outcome. Retried on a store error, because a person
 * who got the message but is not recorded would get it again with the redelivered chunk.
 */
async function record(
  deps: ConsumerDeps,
  jobId: string,
  recipient: Recipient,
  outcome: Outcome,
): Promise<void> {
  for (let tries = 1; ; tries++) {
    try {
      const first = await deps.store.recordDelivery(
        jobId,
        recipient.ref,
        outcome,
        recipient.channel,
      );
      if (first && outcome === 'blocked') await deps.onBlocked(recipient);
      return;
    } catch (error) {
      if (tries >= RECORD_TRIES) throw error;
      deps.log.warn('broadcast_record_retry', { jobId, ref: recipient.ref, outcome, tries });
      await deps.timing.sleep(200 * tries);
    }
  }
}

async function attempt(deps: ConsumerDeps, job: Job, recipient: Recipient): Promise<Attempt> {
  const sender = deps.senders[recipient.channel];
  if (!sender) return 'failed';
  const text = messageFor(job, recipient.locale);
  const choices = choicesIn(job.choices, recipient.locale);
  let limited = 0;
  let transient = 0;
  for (;;) {
    await deps.pacer.wait();
    const result = await sender.send(recipient, text, choices);
    switch (result.outcome) {
      case 'sent':
      case 'blocked':
      case 'outsideWindow':
        return result.outcome;
      case 'retry':
        if (result.afterSeconds > deps.maxRetryWaitSeconds || ++limited >= 5) {
          return { retryLater: result.afterSeconds };
        }
        deps.pacer.pause(result.afterSeconds * 1000);
        break;
      case 'transient':
        if (++transient >= deps.transientAttempts) return { transient: result.detail };
        await deps.timing.sleep(250 * 2 ** transient);
        break;
      case 'failed':
        deps.log.warn('broadcast_send_failed', {
          jobId: job.id,
          ref: recipient.ref,
          detail: result.detail,
        });
        return 'failed';
    }
  }
}

/** Mark a running job done once every recipient has an outcome (a cancelled one stays so). */
export async function finishIfDone(
  store: JobStore & CoordinationStore,
  jobId: string,
): Promise<void> {
  if (jobCounts(await store.jobCounts(jobId)).pending > 0) return;
  if ((await store.jobState(jobId)) === 'running') await store.setJobState(jobId, 'done');
}
