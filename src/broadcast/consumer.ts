import type { Logger } from '../shell/logger';
import type { Store } from '../store/port';
import type { Recipient } from './audience';
import { choicesIn } from './choices';
import { jobCounts, jobSchema, messageFor, type Job, type Outcome } from './job';
import type { Pacer, Timing } from './pacer';
import type { ChunkResult, BroadcastChunk } from './queue';
import type { Senders } from './senders';

/** What the consumer needs. */
export interface ConsumerDeps {
  store: Store;
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
  /** Tries for a transient failure (5xx, network) before it counts as failed. */
  transientAttempts: number;
  /** The person blocked the bot: mark them inactive so audiences leave them out. */
  onBlocked(recipient: Recipient): Promise<void>;
}

type Attempt = Outcome | { retryLater: number };

/**
 * Deliver one chunk. Each recipient is checked against the job's "already handled" set
 * before sending and recorded after, so a redelivered chunk sends nothing twice and the
 * counters count each person once.
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
  const cancelled = (await deps.store.jobState(job.id)) === 'cancelled';
  const handled = await deps.store.handledRecipients(
    job.id,
    chunk.recipients.map((r) => r.ref),
  );
  const pacer = deps.pacer;

  for (const [i, recipient] of chunk.recipients.entries()) {
    if (handled[i]) continue;
    const result = cancelled ? 'cancelled' : await attempt(deps, pacer, job, recipient);
    if (typeof result === 'object') return { ack: false, delaySeconds: result.retryLater };
    const first = await deps.store.recordDelivery(job.id, recipient.ref, result);
    if (first && result === 'blocked') await deps.onBlocked(recipient);
  }
  await finishIfDone(deps.store, job.id);
  return { ack: true };
}

async function attempt(
  deps: ConsumerDeps,
  pacer: Pacer,
  job: Job,
  recipient: Recipient,
): Promise<Attempt> {
  const sender = deps.senders[recipient.channel];
  if (!sender) return 'failed';
  const text = messageFor(job, recipient.locale);
  const choices = choicesIn(job.choices, recipient.locale);
  let limited = 0;
  let transient = 0;
  for (;;) {
    await pacer.wait();
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
        pacer.pause(result.afterSeconds * 1000);
        break;
      case 'transient':
        if (++transient >= deps.transientAttempts) {
          deps.log.warn('broadcast_send_failed', {
            jobId: job.id,
            ref: recipient.ref,
            detail: result.detail,
          });
          return 'failed';
        }
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
export async function finishIfDone(store: Store, jobId: string): Promise<void> {
  if (jobCounts(await store.jobCounts(jobId)).pending > 0) return;
  if ((await store.jobState(jobId)) === 'running') await store.setJobState(jobId, 'done');
}
