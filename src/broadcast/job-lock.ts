import type { CoordinationStore } from '../store/port';

/** How long a job's lock holds if its holder dies (well past resolving a large audience). */
export const JOB_LOCK_SECONDS = 120;

/** The name of a job's lock: starting it and editing it both take it. */
export function jobLockName(jobId: string): string {
  return `broadcast-job:${jobId}`;
}

/**
 * Run `work` holding the job's lock, then give it back; `{ locked: false }` without running
 * it when someone else holds the lock. Starting a job (the cron, or a push sent now) and
 * editing a scheduled one take the same lock, so an edit never lands on a job being started.
 */
export async function underJobLock<T>(
  store: CoordinationStore,
  jobId: string,
  holder: string,
  work: () => Promise<T>,
): Promise<{ locked: true; value: T } | { locked: false }> {
  const claim = await store.claim(jobLockName(jobId), holder, JOB_LOCK_SECONDS);
  if (!claim.won) return { locked: false };
  try {
    return { locked: true, value: await work() };
  } finally {
    await store.release(jobLockName(jobId), holder);
  }
}
