import * as z from 'zod';
import { LEVELS, someLanguagesSchema, type Course } from '../courses/schema';
import { courseSets } from '../courses/sets';
import { LOCALES } from '../core/message';
import type { AudienceStore, FigureStore } from '../store/port';

const count = z.number().int().min(0);

/** One lesson as the admin API lists it. */
export const lessonSummarySchema = z.object({
  id: z.string(),
  order: z.number().int(),
  title: someLanguagesSchema,
  minutes: z.number().int(),
  quiz: z.boolean().describe('whether the lesson ends with a quiz'),
});

/**
 * One course as `GET /admin/api/courses` answers it: the catalogue entry, its lessons,
 * and its people. `started` counts people who opened a lesson, `completed` those who did
 * every lesson; `completionRate` is completed / started (0 when nobody started), 0–1.
 */
export const courseSummarySchema = z.object({
  id: z.string(),
  title: someLanguagesSchema,
  summary: someLanguagesSchema,
  level: z.enum(LEVELS),
  languages: z.array(z.enum(LOCALES)),
  trainer: someLanguagesSchema,
  lessons: z.array(lessonSummarySchema),
  subscribers: count.describe('people subscribed to the course (its broadcast audience)'),
  started: count,
  completed: count,
  completionRate: z.number().min(0).max(1),
});

/** See {@link courseSummarySchema}. */
export type CourseSummary = z.infer<typeof courseSummarySchema>;

/** The body of `GET /admin/api/courses`. */
export const coursesResponseSchema = z.object({ courses: z.array(courseSummarySchema) });

/** See {@link coursesResponseSchema}. */
export type CoursesResponse = z.infer<typeof coursesResponseSchema>;

/** The catalogue with each course's subscriber, start and completion counts. */
export async function courseSummaries(
  store: AudienceStore & FigureStore,
  courses: readonly Course[],
): Promise<CoursesResponse> {
  const summaries = await Promise.all(
    courses.map(async (course): Promise<CourseSummary> => {
      const [subscribers, started, completed] = await Promise.all(
        (['subscribers', 'started', 'completed'] as const).map(
          async (kind) => (await store.setMembers(courseSets[kind](course.id))).length,
        ),
      );
      return {
        id: course.id,
        title: course.title,
        summary: course.summary,
        level: course.level,
        languages: course.languages,
        trainer: course.trainer,
        lessons: course.lessons.map((l) => ({
          id: l.id,
          order: l.order,
          title: l.title,
          minutes: l.minutes,
          quiz: l.quiz !== undefined,
        })),
        subscribers: subscribers ?? 0,
        started: started ?? 0,
        completed: completed ?? 0,
        completionRate: started ? Math.min(1, (completed ?? 0) / started) : 0,
      };
    }),
  );
  return { courses: summaries };
}
