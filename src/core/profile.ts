import * as z from 'zod';
import { LOCALES } from './message';

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
  onboarded: z.boolean(),
} as const;

/** Profile fields a condition may read. */
export const READABLE_PROFILE_FIELDS = [
  'locale',
  'consent',
  'category',
  'province',
  'onboarded',
  'active',
] as const;
