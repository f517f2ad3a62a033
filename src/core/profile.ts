import * as z from 'zod';
import { coursesStateSchema } from './course-progress';
import { LOCALES } from './message';
import { planSchema } from './plan';
import { surveyStatusesSchema } from './survey-status';

/**
 * Where a seller stands, asked in onboarding: not selling online yet, selling with fewer
 * than about 30 orders a month, selling more, or organising sellers (a village, a
 * cooperative, an association). The plan orders its steps for it.
 */
export const STAGES = ['not_selling', 'few_orders', 'more_orders', 'organiser'] as const;

/** See {@link STAGES}. */
export type Stage = (typeof STAGES)[number];

/**
 * What we keep about a person. `locale` is needed to talk at all; the other fields are
 * kept only after the person consents (the onboarding flow asks).
 */
export const profileSchema = z.object({
  locale: z.enum(LOCALES).optional(),
  consent: z.boolean().optional(),
  category: z.string().max(64).optional(),
  province: z.string().max(64).optional(),
  /** Absent for people onboarded before it was asked: the plan asks for it then. */
  stage: z.enum(STAGES).optional().catch(undefined),
  onboarded: z.boolean().optional(),
  /**
   * The step-by-step plan built from the checks the person ran (kept with consent only).
   * A plan stored by an older version that no longer reads is dropped, not the profile.
   */
  plan: planSchema.optional().catch(undefined),
  /** Courses taken: progress, quizzes, subscriptions and drips (an unreadable one is dropped). */
  courses: coursesStateSchema.optional().catch(undefined),
  /**
   * Survey versions the person met and their status there (no answers: those live in the
   * survey's records under a pseudonym). Kept without the onboarding consent, since the
   * survey asks its own; erasing the person erases their survey records too.
   */
  surveys: surveyStatusesSchema.optional().catch(undefined),
  /** False once the person blocked the bot or unsubscribed. */
  active: z.boolean().optional(),
  createdAt: z.number().optional(),
  updatedAt: z.number().optional(),
});

/** See {@link profileSchema}. */
export type Profile = z.infer<typeof profileSchema>;

/** Profile fields a flow may set with `set_profile`, with the schema of their value. */
export const SETTABLE_PROFILE_FIELDS = {
  locale: z.enum(LOCALES),
  consent: z.boolean(),
  category: z.string().max(64),
  province: z.string().max(64),
  stage: z.enum(STAGES),
  onboarded: z.boolean(),
  /** Flows may only remove a plan (when consent is withdrawn); actions build it. */
  plan: z.null(),
} as const;

/** A field a flow may set. */
export type SettableProfileField = keyof typeof SETTABLE_PROFILE_FIELDS;

/** Profile fields a condition may read. */
export const READABLE_PROFILE_FIELDS = [
  'locale',
  'consent',
  'category',
  'province',
  'stage',
  'onboarded',
  'active',
] as const;
