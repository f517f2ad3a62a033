import * as z from 'zod';
import { lessonCounter } from '../courses/counters';
import { someLanguagesSchema, type Course } from '../courses/schema';
import { courseSets } from '../courses/sets';
import type { Store } from '../store/port';

const count = z.number().int().min(0);

/** A course id as the admin API takes it (the ids the content build allows). */
export const courseIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, 'a course id: a-z, 0-9 and _')
  .max(64);

/** How one lesson's quiz went: first answers only, one per person. */
export const lessonQuizStatsSchema = z.object({
  answered: count.describe('people who answered the quiz (their first answer)'),
  right: count.describe('of those, people whose first answer was right'),
  shareRight: z
    .number()
    .min(0)
    .max(1)
    .nullable()
    .describe('right / answered, 0–1; null while nobody has answered'),
});

/** One lesson's figures. */
export const lessonStatsSchema = z.object({
  id: z.string(),
  title: someLanguagesSchema,
  opened: count.describe('people who had the lesson shown at least once'),
  finished: count.describe('people who finished it (read it, or answered its quiz)'),
  quiz: lessonQuizStatsSchema.optional().describe('absent for a lesson without a quiz'),
});

/**
 * `GET /admin/api/courses/{id}/stats`: the course's subscribers now, and per lesson (in
 * course order) how many people opened it, finished it and got its quiz right the first
 * time. Lesson figures count each person once, from the day the counters were introduced;
 * people who later deleted their data stay counted.
 */
export const courseStatsSchema = z.object({
  id: z.string(),
  subscribers: count.describe('people subscribed to the course now'),
  lessons: z.array(lessonStatsSchema),
});

/** See {@link courseStatsSchema}. */
export type CourseStats = z.infer<typeof courseStatsSchema>;

/** See {@link lessonStatsSchema}. */
export type LessonStats = z.infer<typeof lessonStatsSchema>;

/** A course's figures from the counters the turns moved and its subscriber set (two reads). */
export async function courseStats(store: Store, course: Course): Promise<CourseStats> {
  const [counters, subscribers] = await Promise.all([
    store.counters(),
    store.setMembers(courseSets.subscribers(course.id)),
  ]);
  const read = (lessonId: string, what: Parameters<typeof lessonCounter>[2]) =>
    Math.max(0, counters[lessonCounter(course.id, lessonId, what)] ?? 0);
  return {
    id: course.id,
    subscribers: subscribers.length,
    lessons: course.lessons.map((lesson): LessonStats => {
      const answered = read(lesson.id, 'answered');
      const right = Math.min(answered, read(lesson.id, 'right'));
      return {
        id: lesson.id,
        title: lesson.title,
        opened: read(lesson.id, 'opened'),
        finished: read(lesson.id, 'finished'),
        ...(lesson.quiz
          ? { quiz: { answered, right, shareRight: answered > 0 ? right / answered : null } }
          : {}),
      };
    }),
  };
}
