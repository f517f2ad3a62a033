import * as z from 'zod';
import type { ProfileSlice } from '../core/slices';

const idSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/)
  .max(64);

/** The most lessons a course may have; keeps a person's progress small. */
export const MAX_LESSONS = 40;

/**
 * A drip: the next lesson arrives every `everyDays` days at `hour` o'clock, China time
 * (UTC+8). `nextAt` is when the next one is due (milliseconds since the epoch).
 *
 * @example { "everyDays": 2, "hour": 8, "nextAt": 1767225600000 }
 */
export const dripSchema = z
  .object({
    everyDays: z.number().int().min(1).max(30),
    hour: z.number().int().min(0).max(23),
    nextAt: z.number(),
  })
  .strict();

/** See {@link dripSchema}. */
export type Drip = z.infer<typeof dripSchema>;

/**
 * Where a person stands in one course. `done` lists finished lessons in the order they
 * were finished; `quiz` keeps whether the first answer to each lesson's quiz was right;
 * `at` is the lesson to show when they come back (shown, quiz not yet answered, or picked
 * from a plan step); `opened` lists lessons shown whose quiz is not answered yet (so a
 * lesson's "opened" counter moves once per person; done lessons were opened too).
 *
 * @example { "done": ["why_online"], "quiz": { "why_online": true }, "at": "choose_platform", "subscribed": true }
 */
export const courseProgressSchema = z
  .object({
    done: z.array(idSchema).max(MAX_LESSONS).default([]),
    quiz: z.record(idSchema, z.boolean()).default({}),
    at: idSchema.optional(),
    opened: z.array(idSchema).max(MAX_LESSONS).optional(),
    subscribed: z.boolean().optional(),
    drip: dripSchema.optional(),
    startedAt: z.number().optional(),
    completedAt: z.number().optional(),
  })
  .strict();

/** See {@link courseProgressSchema}. */
export type CourseProgress = z.infer<typeof courseProgressSchema>;

/**
 * A person's courses, kept in the profile: the course they opened last (`current`, what
 * "next lesson" continues) and their progress in each. Kept because the person asked for
 * it by taking a course; `/delete_me` removes it with the rest.
 */
export const coursesStateSchema = z
  .object({
    current: idSchema.optional(),
    progress: z.record(idSchema, courseProgressSchema).default({}),
  })
  .strict();

/** See {@link coursesStateSchema}. */
export type CoursesState = z.infer<typeof coursesStateSchema>;

/**
 * The courses slice of the profile: progress, quizzes, subscriptions and drips.
 */
export const coursesSlice: ProfileSlice<CoursesState> = { schema: coursesStateSchema };

declare module '../core/profile' {
  interface ProfileSlices {
    courses: CoursesState;
  }
}
