import type { EngineEvent } from '../core/events';
import type { CourseProgress } from './progress-schema';
import type { Lesson } from './schema';

/**
 * What a lesson's counters count, each once per person (a first time, judged from the
 * person's progress): `opened` the lesson was shown, `finished` it was done (read, or its
 * quiz answered), `answered` its quiz was answered, `right` that first answer was right.
 */
export const LESSON_COUNTS = ['opened', 'finished', 'answered', 'right'] as const;

/** See {@link LESSON_COUNTS}. */
export type LessonCount = (typeof LESSON_COUNTS)[number];

/**
 * The name of a lesson's counter. The shell moves it in the turn's commit (a `counted`
 * event); the admin statistics read it.
 *
 * @example lessonCounter('shipping', 'rural_network', 'opened') // 'course:shipping:lesson:rural_network:opened'
 */
export function lessonCounter(courseId: string, lessonId: string, what: LessonCount): string {
  return `course:${courseId}:lesson:${lessonId}:${what}`;
}

/** Whether a person ever had this lesson shown (done, or waiting for its quiz answer). */
function wasOpened(progress: CourseProgress, lessonId: string): boolean {
  return progress.done.includes(lessonId) || (progress.opened ?? []).includes(lessonId);
}

/**
 * The counters a change of one person's progress in one lesson moves: each of
 * {@link LESSON_COUNTS} the first time only, so showing a lesson again, answering its
 * quiz again or reading it twice counts nothing. A quiz answered without a recorded
 * opening (progress kept from before the counters existed) counts the opening too, so
 * `finished` never exceeds `opened`.
 */
export function lessonCountEvents(
  courseId: string,
  lesson: Lesson,
  before: CourseProgress,
  after: CourseProgress,
): EngineEvent[] {
  const counted = (what: LessonCount): EngineEvent => ({
    type: 'counted',
    counter: lessonCounter(courseId, lesson.id, what),
    by: 1,
  });
  const events: EngineEvent[] = [];
  if (!wasOpened(before, lesson.id) && wasOpened(after, lesson.id)) events.push(counted('opened'));
  if (!before.done.includes(lesson.id) && after.done.includes(lesson.id))
    events.push(counted('finished'));
  const firstAnswer = after.quiz[lesson.id];
  if (!(lesson.id in before.quiz) && firstAnswer !== undefined) {
    events.push(counted('answered'));
    if (firstAnswer) events.push(counted('right'));
  }
  return events;
}
