import { jobSchema, type JobInput } from '../../broadcast/job';
import { createJob, startJob, type PlannerDeps } from '../../broadcast/planner';

/**
 * Create a broadcast job under a fixed id, once: an existing job of that id is left as
 * it is, or only started if it never was (a crash between saving and starting). Two
 * racing callers may both save it, but the planner starts a job once, so nobody gets the
 * message twice.
 */
export async function ensureJob(
  planner: PlannerDeps,
  id: string,
  input: JobInput,
  createdBy: string,
): Promise<'created' | 'started' | 'exists'> {
  const existing = jobSchema.safeParse(await planner.store.loadJob(id));
  if (!existing.success) {
    await createJob({ ...planner, newId: () => id }, input, createdBy);
    return 'created';
  }
  if ((await planner.store.jobState(id)) !== null) return 'exists';
  await startJob(planner, existing.data);
  return 'started';
}
