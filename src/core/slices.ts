import * as z from 'zod';
import type { EngineEvent } from './events';
import { coreProfileSchema, SETTABLE_PROFILE_FIELDS, type Profile } from './profile';

/**
 * A domain's part of the profile (an advice plan, course progress, survey statuses). The
 * composition root registers each under its field name (see `src/domains.ts`).
 */
export interface ProfileSlice<T = unknown> {
  /** The slice's schema. A stored value that no longer reads is dropped, not the profile. */
  schema: z.ZodType<T>;
  /**
   * Events that erase what the person left elsewhere under this slice (survey records kept
   * under a pseudonym), run by `/delete_me` before the profile is cleared.
   */
  erase?(value: T): EngineEvent[];
  /** Whether a flow may remove the slice with `set_profile` (`value: null`). */
  removableByFlow?: boolean;
}

/** Slices by profile field name. */
export type SliceRegistry = Readonly<Record<string, ProfileSlice>>;

/**
 * The profile schema: the core fields and each slice, optional, an unreadable slice
 * dropped (`catch`) rather than the whole profile.
 *
 * @example const profileSchema = profileSchemaWith({ plan: { schema: planSchema } });
 */
export function profileSchemaWith(slices: SliceRegistry): z.ZodType<Profile> {
  const { active, createdAt, updatedAt, ...head } = coreProfileSchema.shape;
  const sliceShape = Object.fromEntries(
    Object.entries(slices).map(([field, slice]) => [
      field,
      (slice.schema as z.ZodType).optional().catch(undefined),
    ]),
  );
  return z.object({
    ...head,
    ...sliceShape,
    active,
    createdAt,
    updatedAt,
  }) as unknown as z.ZodType<Profile>;
}

/** Every field a flow may set with `set_profile`: the core's, and removable slices (null). */
export function settableFields(slices: SliceRegistry): string[] {
  const removable = Object.entries(slices).filter(([, s]) => s.removableByFlow);
  return [...Object.keys(SETTABLE_PROFILE_FIELDS), ...removable.map(([field]) => field)];
}

/** The events that erase a person's slices (see {@link ProfileSlice.erase}). */
export function erasureEvents(slices: SliceRegistry, profile: Readonly<Profile>): EngineEvent[] {
  return Object.entries(slices).flatMap(([field, slice]) => {
    const value = (profile as Record<string, unknown>)[field];
    return slice.erase && value !== undefined ? slice.erase(value) : [];
  });
}
