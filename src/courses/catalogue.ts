import type { Locale } from '../core/message';
import type { Translate } from '../core/text';
import { inLanguage, type Course, type Lesson, type SomeLanguages } from './schema';

/** What turning courses into words needs. */
export interface CourseText {
  locale: Locale;
  t: Translate;
}

/** A course by id, or undefined. */
export function findCourse(courses: readonly Course[], id: unknown): Course | undefined {
  return typeof id === 'string' ? courses.find((c) => c.id === id) : undefined;
}

/**
 * A lesson by its `course/lesson` reference (plan steps link lessons this way).
 *
 * @example findLessonRef(courses, 'shipping/pool_parcels')
 */
export function findLessonRef(
  courses: readonly Course[],
  ref: string | undefined,
): { course: Course; lesson: Lesson } | undefined {
  const [courseId, lessonId] = (ref ?? '').split('/');
  const course = findCourse(courses, courseId);
  const lesson = course?.lessons.find((l) => l.id === lessonId);
  return course && lesson ? { course, lesson } : undefined;
}

/** A course's text in the person's language (or the course's own, when it has no other). */
export function words(course: Course, text: SomeLanguages, locale: Locale): string {
  return inLanguage(text, locale, course.languages);
}

/** Total reading time of a course, in minutes. */
export function courseMinutes(course: Course): number {
  return course.lessons.reduce((sum, l) => sum + l.minutes, 0);
}

/** The letter of a quiz option: A, B, C, D. */
export function optionLetter(index: number): string {
  return String.fromCharCode(65 + index);
}

/** Choice ids of quiz answers, as the lesson flow's quiz questions use them. */
export const ANSWER_IDS = ['a', 'b', 'c', 'd'] as const;
