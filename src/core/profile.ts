import * as z from 'zod';
import { LOCALES } from './message';

/**
 * Where a seller stands, asked in onboarding: not selling online yet, selling with fewer
 * than about 30 orders a month, selling more, or organising sellers (a village, a
 * cooperative, an association). The plan orders its steps for it.
 */
export const STAGES = ['not_selling', 'few_orders', 'more_orders', 'organiser'] as const;

/** See {@link STAGES}. */
export type Stage = (typeof STAGES)[number];

/**
 * What the core keeps about a person. `locale` is needed to talk at all; the other fields
 * are kept only after the person consents (the onboarding flow asks). Domains keep theirs
 * in named slices beside these fields (see {@link ProfileSlices} and `./slices.ts`).
 */
export const coreProfileSchema = z.object({
  locale: z.enum(LOCALES).optional(),
  consent: z.boolean().optional(),
  category: z.string().max(64).optional(),
  province: z.string().max(64).optional(),
  /** Absent for people onboarded before it was asked: the plan asks for it then. */
  stage: z.enum(STAGES).optional().catch(undefined),
  onboarded: z.boolean().optional(),
  /** False once the person blocked the bot or unsubscribed. */
  active: z.boolean().optional(),
  createdAt: z.number().optional(),
  updatedAt: z.number().optional(),
});

/**
 * The named slices domains keep on the profile, by field name: empty here, filled in by
 * each domain with a module augmentation beside its slice's schema, e.g.
 * `declare module '../core/profile' { interface ProfileSlices { plan: Plan } }`.
 * The runtime schema is composed the same way (`profileSchemaWith` in ./slices.ts).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ProfileSlices {}

/** A person's profile: the core fields and every registered slice, each optional. */
export type Profile = z.infer<typeof coreProfileSchema> & {
  [K in keyof ProfileSlices]?: ProfileSlices[K];
};

/** Profile fields of the core a flow may set with `set_profile`, with the schema of their value. */
export const SETTABLE_PROFILE_FIELDS = {
  locale: z.enum(LOCALES),
  consent: z.boolean(),
  category: z.string().max(64),
  province: z.string().max(64),
  stage: z.enum(STAGES),
  onboarded: z.boolean(),
} as const;

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
