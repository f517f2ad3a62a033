import { courseSet } from '../broadcast/audience';
import type { EngineEvent } from '../core/events';

/**
 * The named sets a course keeps through the `subscribed` / `unsubscribed` events (one
 * member per person, `channel:userId`): its subscribers (the broadcast audience
 * `{ "course": id }` reads exactly this set), and the people who started and who finished
 * it (completion rates in the admin API).
 */
export const courseSets = {
  subscribers: courseSet,
  started: (courseId: string) => `${courseSet(courseId)}:started`,
  completed: (courseId: string) => `${courseSet(courseId)}:completed`,
} as const;

/** A course's set by kind. */
export type CourseSetKind = keyof typeof courseSets;

/**
 * The drip set of a course for one hour (China time): who gets a lesson at that hour on
 * their days. One set per hour lets the cron run look only at the people of the hour.
 */
export function dripSet(courseId: string, hour: number): string {
  return `${courseSet(courseId)}:drip:h${String(hour).padStart(2, '0')}`;
}

/** Join a course's set. */
export function join(set: CourseSetKind, courseId: string): EngineEvent {
  return { type: 'subscribed', list: courseSets[set](courseId) };
}

/** Leave a course's set. */
export function leave(set: CourseSetKind, courseId: string): EngineEvent {
  return { type: 'unsubscribed', list: courseSets[set](courseId) };
}

/** Join a course's drip at an hour. */
export function joinDrip(courseId: string, hour: number): EngineEvent {
  return { type: 'subscribed', list: dripSet(courseId, hour) };
}

/** Leave a course's drip at an hour. */
export function leaveDrip(courseId: string, hour: number): EngineEvent {
  return { type: 'unsubscribed', list: dripSet(courseId, hour) };
}
