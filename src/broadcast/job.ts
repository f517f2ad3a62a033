import * as z from 'zod';
import { audienceSchema } from './audience';
import { broadcastChoiceSchema, jobFilterSchema } from './choices';

const message = z.string().trim().min(1).max(3500);

/**
 * A broadcast as the admin API or `/push` creates it: who, what in each language, when.
 * At least one language is required; people whose language is missing get the other.
 */
export const jobInputSchema = z
  .object({
    audience: audienceSchema,
    messages: z.object({ 'zh-CN': message.optional(), en: message.optional() }).strict(),
    sendAt: z.iso.datetime({ offset: true }).optional(),
    kind: z.enum(['announcement', 'course_update', 'survey_invite']).default('announcement'),
    /** Buttons under the message that run a command (a survey's Start / Later / No thanks). */
    choices: z.array(broadcastChoiceSchema).max(3).optional(),
  })
  .strict()
  .refine((j) => j.messages['zh-CN'] !== undefined || j.messages.en !== undefined, {
    message: 'give a message in zh-CN, en or both',
    path: ['messages'],
    // The kind of problem the APIs word (http/field-words.ts).
    params: { code: 'one_required', options: 'zh-CN, en' },
  });

/** See {@link jobInputSchema}. */
export type JobInput = z.infer<typeof jobInputSchema>;

/** A stored job. */
export const jobSchema = z.object({
  id: z.string(),
  kind: z.enum(['announcement', 'course_update', 'survey_invite']),
  audience: audienceSchema,
  messages: z.object({ 'zh-CN': z.string().optional(), en: z.string().optional() }),
  sendAt: z.number().optional(),
  createdAt: z.number(),
  createdBy: z.string(),
  choices: z.array(broadcastChoiceSchema).optional(),
  /** Applied to the audience when the job starts (see `PlannerDeps.filters`). */
  filter: jobFilterSchema.optional(),
});

/** See {@link jobSchema}. */
export type Job = z.infer<typeof jobSchema>;

/** Run states. `scheduled` waits for its time; `running` is being delivered. */
export type JobState = 'scheduled' | 'running' | 'done' | 'cancelled';

/** Outcomes a recipient can have; each is a counter of the job. */
export const OUTCOMES = ['sent', 'failed', 'blocked', 'outsideWindow', 'cancelled'] as const;

/** One recipient's outcome. */
export type Outcome = (typeof OUTCOMES)[number];

/** The counters the console and the API show. */
export interface JobCounts {
  audience: number;
  sent: number;
  failed: number;
  blocked: number;
  outsideWindow: number;
  cancelled: number;
  pending: number;
}

/** Counters with `pending` derived, so they always add up to the audience. */
export function jobCounts(raw: Readonly<Record<string, number>>): JobCounts {
  const get = (k: string) => raw[k] ?? 0;
  const handled = OUTCOMES.reduce((sum, o) => sum + get(o), 0);
  return {
    audience: get('audience'),
    sent: get('sent'),
    failed: get('failed'),
    blocked: get('blocked'),
    outsideWindow: get('outsideWindow'),
    cancelled: get('cancelled'),
    pending: Math.max(get('audience') - handled, 0),
  };
}

/** The text for one language, falling back to the other. */
export function messageFor(job: Job, locale: 'zh-CN' | 'en'): string {
  return job.messages[locale] ?? job.messages[locale === 'en' ? 'zh-CN' : 'en'] ?? '';
}

/** One channel's outcomes in a job (people handled through it so far). */
export interface ChannelCounts {
  sent: number;
  failed: number;
  blocked: number;
  outsideWindow: number;
  cancelled: number;
}

/**
 * The outcomes per channel, from the `<outcome>.<channel>` counters the consumer moves with
 * each recorded outcome; channels nobody was handled through are absent (and so is every
 * channel of a job sent before these counters existed).
 *
 * @example channelCounts({ sent: 2, 'sent.telegram': 2 }) // { telegram: { sent: 2, failed: 0, … } }
 */
export function channelCounts(
  raw: Readonly<Record<string, number>>,
): Record<string, ChannelCounts> {
  const out: Record<string, ChannelCounts> = {};
  for (const [key, n] of Object.entries(raw)) {
    const dot = key.indexOf('.');
    if (dot < 0) continue;
    const outcome = key.slice(0, dot) as Outcome;
    const channel = key.slice(dot + 1);
    if (!OUTCOMES.includes(outcome) || channel === '') continue;
    out[channel] ??= { sent: 0, failed: 0, blocked: 0, outsideWindow: 0, cancelled: 0 };
    out[channel][outcome] += Math.max(0, n);
  }
  return out;
}
