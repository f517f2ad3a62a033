import * as z from 'zod';
import { content } from '../../content';
import {
  storedLessonField,
  storedLessonSchema,
  withStoredLessons,
  type StoredLesson,
} from '../../courses/stored-lessons';
import type { Course } from '../../courses/schema';
import {
  done,
  forbidden,
  refused,
  type Actor,
  type ServiceDeps,
  type ServiceOutcome,
} from './service';

// Reading the lessons published from the console: the course as people see it now, and a
// lesson's version history. The writes (publish, edit, unpublish) are in lessons.ts.

export const unknownCourse = () => refused(404, 'unknown_course');

/** One entry of a lesson's version history (the overlay field's history). */
export const lessonVersionSchema = z.object({
  action: z.enum(['publish', 'edit', 'unpublish']),
  version: z.number().int(),
  at: z.number(),
  by: z.string(),
  hash: z.string().optional(),
  lesson: z.unknown().optional(),
  job: z.string().optional(),
});

/** See {@link lessonVersionSchema}. */
export type LessonVersion = z.infer<typeof lessonVersionSchema>;

/** The published lessons of a course (stored), and the bundled course. */
export async function storedOf(deps: ServiceDeps, course: Course): Promise<StoredLesson[]> {
  const overlay = await deps.store.overlay();
  return Object.values(overlay.kinds.lessons).flatMap((value) => {
    const parsed = storedLessonSchema.safeParse(value);
    return parsed.success && parsed.data.course === course.id ? [parsed.data] : [];
  });
}

export async function historyOf(deps: ServiceDeps, course: string, lesson: string) {
  const raw = await deps.store.overlayHistory('lessons', storedLessonField(course, lesson));
  return raw.flatMap((entry) => {
    const parsed = lessonVersionSchema.safeParse(entry);
    return parsed.success ? [parsed.data] : [];
  });
}

/** The course as people see it now: the bundle with the published lessons merged in. */
export async function liveCourse(deps: ServiceDeps, courseId: string) {
  const bundled = content.courses.find((c) => c.id === courseId);
  if (!bundled) return undefined;
  const stored = await storedOf(deps, bundled);
  const entries = Object.fromEntries(
    stored.map((s) => [storedLessonField(s.course, s.lesson.id), s]),
  );
  const [live] = withStoredLessons([bundled], entries);
  return { bundled, live: live ?? bundled, stored };
}

/** `GET …/lessons/:lessonId/versions`: the lesson's history, oldest first. */
export const lessonVersionsSchema = z.object({
  course: z.string(),
  lesson: z.string(),
  published: z.boolean(),
  versions: z.array(lessonVersionSchema),
});

/** A lesson's version history, oldest first, and whether it is published now. */
export async function lessonVersions(
  deps: ServiceDeps,
  actor: Actor,
  courseId: string,
  lessonId: string,
): Promise<ServiceOutcome<z.infer<typeof lessonVersionsSchema>>> {
  const refusal = forbidden(actor, 'lessonVersions');
  if (refusal) return refusal;
  const found = await liveCourse(deps, courseId);
  if (!found) return unknownCourse();
  const versions = await historyOf(deps, courseId, lessonId);
  const published = found.stored.some((s) => s.lesson.id === lessonId);
  if (versions.length === 0 && !found.live.lessons.some((l) => l.id === lessonId))
    return refused(404, 'unknown_lesson');
  return done({ course: courseId, lesson: lessonId, published, versions });
}
