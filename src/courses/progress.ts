import type { CourseProgress, CoursesState } from './progress-schema';
import type { Locale } from '../core/message';
import type { Profile } from '../core/profile';
import type { Course, Lesson } from './schema';

/** A person's courses, empty when they have taken none. */
export function coursesOf(profile: Readonly<Profile>): CoursesState {
  return profile.courses ?? { progress: {} };
}

/** Where a person stands in one course (nothing done when they never opened it). */
export function progressOf(profile: Readonly<Profile>, courseId: string): CourseProgress {
  return coursesOf(profile).progress[courseId] ?? { done: [], quiz: {} };
}

/**
 * The profile change that stores a course's new progress and makes it the current course.
 *
 * @example withProgress(profile, 'shipping', { ...progress, subscribed: true })
 */
export function withProgress(
  profile: Readonly<Profile>,
  courseId: string,
  progress: CourseProgress,
): Pick<Profile, 'courses'> {
  const courses = coursesOf(profile);
  return {
    courses: { current: courseId, progress: { ...courses.progress, [courseId]: progress } },
  };
}

/**
 * The language to keep for someone who will get messages later (a subscription, a drip):
 * the one they use now, unless they chose one. Broadcasts and drips have no channel hint.
 */
export function keepLocale(ctx: {
  profile: Readonly<Profile>;
  locale: Locale;
}): Pick<Profile, 'locale'> {
  return { locale: ctx.profile.locale ?? ctx.locale };
}

/** The profile change that makes a course the current one ("next lesson" continues it). */
export function withCurrent(
  profile: Readonly<Profile>,
  courseId: string,
): Pick<Profile, 'courses'> {
  return { courses: { ...coursesOf(profile), current: courseId } };
}

/** Only lessons the course still has count (a lesson may be removed in a later version). */
function doneIn(course: Course, progress: CourseProgress): Lesson[] {
  return course.lessons.filter((l) => progress.done.includes(l.id));
}

/**
 * The lesson "next lesson" shows: the one they stopped at (quiz not answered, or picked
 * from a plan step), else the first in order not done yet; undefined when all are done.
 */
export function nextLesson(course: Course, progress: CourseProgress): Lesson | undefined {
  const at = course.lessons.find((l) => l.id === progress.at);
  return at ?? course.lessons.find((l) => !progress.done.includes(l.id));
}

/** Numbers for "lesson 3 of 8, 2 quizzes right". */
export interface Standing {
  done: number;
  total: number;
  /** Quizzes answered, and how many of those were right the first time. */
  quizzes: number;
  right: number;
  finished: boolean;
}

/** Where a person stands in a course. */
export function standing(course: Course, progress: CourseProgress): Standing {
  const done = doneIn(course, progress).length;
  const answered = course.lessons.filter((l) => l.quiz && l.id in progress.quiz);
  return {
    done,
    total: course.lessons.length,
    quizzes: answered.length,
    right: answered.filter((l) => progress.quiz[l.id] === true).length,
    finished: done === course.lessons.length && course.lessons.length > 0,
  };
}

/**
 * A lesson was shown: without a quiz it is done; with one it waits for the answer (`at`)
 * and is listed as opened until then.
 */
export function markShown(progress: CourseProgress, lesson: Lesson, now: number): CourseProgress {
  const started = { ...progress, startedAt: progress.startedAt ?? now };
  if (lesson.quiz) {
    const opened = progress.done.includes(lesson.id)
      ? progress.opened
      : addOnce(progress.opened ?? [], lesson.id);
    return { ...started, at: lesson.id, ...(opened ? { opened } : {}) };
  }
  const { at: _at, ...rest } = started;
  return { ...rest, done: addOnce(progress.done, lesson.id) };
}

/**
 * A quiz was answered: the lesson is done, and the first answer is what counts as right
 * or wrong (trying again later does not change the score).
 */
export function markAnswered(
  progress: CourseProgress,
  lesson: Lesson,
  right: boolean,
): CourseProgress {
  const { at: _at, opened: wasOpened, ...rest } = progress;
  const opened = (wasOpened ?? []).filter((id) => id !== lesson.id);
  return {
    ...rest,
    ...(opened.length > 0 ? { opened } : {}),
    done: addOnce(progress.done, lesson.id),
    quiz: lesson.id in progress.quiz ? progress.quiz : { ...progress.quiz, [lesson.id]: right },
  };
}

/** Record completion once every lesson is done. */
export function markCompleted(
  course: Course,
  progress: CourseProgress,
  now: number,
): CourseProgress {
  if (progress.completedAt !== undefined || !standing(course, progress).finished) return progress;
  return { ...progress, completedAt: now };
}

function addOnce(list: readonly string[], id: string): string[] {
  return list.includes(id) ? [...list] : [...list, id];
}

/** The 1-based position of a lesson in its course. */
export function positionOf(course: Course, lesson: Lesson): number {
  return course.lessons.indexOf(lesson) + 1;
}
