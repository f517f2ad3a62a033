import * as z from 'zod';
import { audienceSchema } from './audience';
import { jobSchema, type Job } from './job';
import { underJobLock } from './job-lock';
import { jobRecipients, type PlannerDeps } from './planner';

const message = z.string().trim().min(1).max(3500);

/**
 * `POST /admin/api/broadcasts/{id}/edit`: what may change in a scheduled push. Given
 * fields replace the job's (`messages` as a whole); at least one is required. A push
 * that started sending can no longer be edited.
 */
export const jobEditSchema = z
  .object({
    audience: audienceSchema.optional(),
    messages: z
      .object({ 'zh-CN': message.optional(), en: message.optional() })
      .strict()
      .refine((m) => m['zh-CN'] !== undefined || m.en !== undefined, {
        message: 'give a message in zh-CN, en or both',
        params: { code: 'one_required', options: 'zh-CN, en' },
      })
      .optional(),
    sendAt: z.iso.datetime({ offset: true }).optional(),
  })
  .strict()
  .refine((e) => e.audience ?? e.messages ?? e.sendAt, {
    message: 'change the message, the audience or the time',
    params: { code: 'nothing_to_change' },
  });

/** See {@link jobEditSchema}. */
export type JobEdit = z.infer<typeof jobEditSchema>;

/** Why an edit did not happen. */
export type EditRefusal =
  /** No such job. */
  | 'not_found'
  /** It is sending or sent: what went out cannot change. */
  | 'already_started'
  /** It was cancelled. */
  | 'cancelled'
  /** The cron (or another edit) holds the job's lock right now. */
  | 'busy';

/** The outcome of {@link editJob}. */
export type EditOutcome =
  | { ok: true; before: Job; job: Job; changed: string[]; recipients: number }
  | { ok: false; reason: EditRefusal };

/**
 * Change a scheduled job, under the lock the sender takes to start it (see `job-lock.ts`),
 * so the edit is either saved before the job starts, and is what goes out, or refused.
 * `recipients` counts, with the same function that starts the job, who it would reach now.
 */
export async function editJob(deps: PlannerDeps, id: string, edit: JobEdit): Promise<EditOutcome> {
  const run = await underJobLock(deps.store, id, `edit:${deps.newId()}`, async () => {
    const stored = jobSchema.safeParse(await deps.store.loadJob(id));
    const state = await deps.store.jobState(id);
    if (!stored.success || state === null) return { ok: false, reason: 'not_found' } as const;
    if (state === 'cancelled') return { ok: false, reason: 'cancelled' } as const;
    if (state !== 'scheduled') return { ok: false, reason: 'already_started' } as const;
    const before = stored.data;
    const job: Job = {
      ...before,
      ...(edit.audience ? { audience: edit.audience } : {}),
      ...(edit.messages ? { messages: edit.messages } : {}),
      ...(edit.sendAt ? { sendAt: Date.parse(edit.sendAt) } : {}),
    };
    const changed = (['messages', 'audience', 'sendAt'] as const).filter(
      (k) => JSON.stringify(before[k]) !== JSON.stringify(job[k]),
    );
    if (changed.length > 0) await deps.store.saveJob(id, job);
    const recipients = (await jobRecipients(deps, job.audience, job.filter)).length;
    return { ok: true, before, job, changed, recipients } as const;
  });
  return run.locked ? run.value : { ok: false, reason: 'busy' };
}
