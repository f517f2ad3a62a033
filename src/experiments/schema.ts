import * as z from 'zod';
import { LOCALES } from '../core/message';
import { STAGES } from '../core/profile';
import { STRATA_FIELDS } from './assign';

const ID = /^[a-z][a-z0-9_]{0,39}$/;

/**
 * Who an experiment enrols, read from the person's profile at a turn: everyone who
 * consented, or those who consented and match every given field (the broadcast audience's
 * filters, plus `stage`).
 *
 * @example { "all": true }
 * @example { "province": "zhejiang", "stage": "few_orders" }
 */
export const experimentAudienceSchema = z.union([
  z.object({ all: z.literal(true) }).strict(),
  z
    .object({
      locale: z.enum(LOCALES).optional(),
      province: z.string().min(1).max(64).optional(),
      category: z.string().min(1).max(64).optional(),
      stage: z.enum(STAGES).optional(),
    })
    .strict()
    .refine((f) => Object.values(f).some((v) => v !== undefined), {
      message: 'give { "all": true } or at least one of locale, province, category, stage',
    }),
]);

/** See {@link experimentAudienceSchema}. */
export type ExperimentAudience = z.infer<typeof experimentAudienceSchema>;

/** What a researcher posts to define an experiment. */
export const experimentInputSchema = z
  .object({
    id: z.string().regex(ID, 'lower-case letters, digits and _, starting with a letter'),
    arms: z
      .array(
        z
          .object({
            id: z.string().regex(ID, 'lower-case letters, digits and _, starting with a letter'),
            weight: z.number().int().min(1).max(10),
          })
          .strict(),
      )
      .min(2)
      .max(8)
      .refine((arms) => new Set(arms.map((a) => a.id)).size === arms.length, {
        message: 'arm ids must differ',
      }),
    stratifyBy: z
      .array(z.enum(STRATA_FIELDS))
      .max(3)
      .refine((f) => new Set(f).size === f.length, { message: 'name each field once' })
      .optional(),
    audience: experimentAudienceSchema,
  })
  .strict();

/** An experiment as stored: the input, its seed and when it was defined. */
export const experimentSchema = experimentInputSchema.extend({
  seed: z.string().min(8),
  createdAt: z.number(),
});

/** See {@link experimentSchema}. */
export type Experiment = z.infer<typeof experimentSchema>;

/** Whether a person's profile puts them in the experiment's audience (consent required). */
export function eligible(
  experiment: Experiment,
  profile: Readonly<Record<string, unknown>>,
): boolean {
  if (profile.consent !== true) return false;
  const audience = experiment.audience;
  if ('all' in audience) return true;
  return (Object.entries(audience) as [string, unknown][]).every(
    ([field, want]) => want === undefined || profile[field] === want,
  );
}

/** The records table holding an experiment's assignments, keyed by pseudonym. */
export function assignmentTable(id: string): string {
  return `experiment:${id}`;
}
