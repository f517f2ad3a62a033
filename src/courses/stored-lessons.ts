import * as z from 'zod';
import { lessonSchema, type Course } from './schema';

/**
 * A lesson a trainer published at run time, as the content overlay keeps it (kind
 * `lessons`, field `<course>/<lesson>`): the bundled lesson shape, which version it is,
 * when and by whom it was published, and a hash of its content (a re-sent publish of the
 * same content is recognised by it).
 */
export const storedLessonSchema = z.object({
  course: z.string(),
  lesson: lessonSchema,
  version: z.number().int().min(1),
  at: z.number(),
  by: z.string(),
  hash: z.string(),
});

/** See {@link storedLessonSchema}. */
export type StoredLesson = z.infer<typeof storedLessonSchema>;

/** The overlay field of a lesson. */
export const storedLessonField = (course: string, lesson: string) => `${course}/${lesson}`;

/**
 * The courses with the published lessons merged in: a stored lesson replaces the bundled
 * one of the same id (a revision of a bundled lesson overrides it) or joins the course,
 * lessons in order. Entries that do not parse, or name an unknown course, are left out.
 */
export function withStoredLessons(
  courses: readonly Course[],
  entries: Readonly<Record<string, unknown>>,
): Course[] {
  const byCourse = new Map<string, StoredLesson[]>();
  for (const value of Object.values(entries)) {
    const parsed = storedLessonSchema.safeParse(value);
    if (!parsed.success) continue;
    byCourse.set(parsed.data.course, [...(byCourse.get(parsed.data.course) ?? []), parsed.data]);
  }
  return courses.map((course) => {
    const stored = byCourse.get(course.id);
    if (!stored) return course;
    const ids = new Set(stored.map((s) => s.lesson.id));
    const lessons = [
      ...course.lessons.filter((l) => !ids.has(l.id)),
      ...stored.map((s) => s.lesson),
    ].sort((a, b) => a.order - b.order);
    return { ...course, lessons };
  });
}
