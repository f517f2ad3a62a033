import type { ContentActionFactory as ActionFactory } from '../content/schema';
import type { ActionContext } from '../core/action';
import type { EngineEvent } from '../core/events';
import { findCourse, words, type CourseText } from './catalogue';
import { isDue, advanceDrip } from './drip-schedule';
import { coursesOf, keepLocale, progressOf, withCurrent, withProgress } from './progress';
import { renderCatalogue, renderCourseCard } from './render';
import type { Course } from './schema';
import { courseSets, join, leave, leaveDrip, type CourseSetKind } from './sets';

/** The language and texts of an action, for the renderers. */
export function courseText(ctx: ActionContext): CourseText {
  return { locale: ctx.locale, t: ctx.t };
}

/** The course "next lesson" continues: the one named in the input, else the current one. */
export function chosenCourse(courses: readonly Course[], ctx: ActionContext): Course | undefined {
  return (
    findCourse(courses, ctx.input.course) ?? findCourse(courses, coursesOf(ctx.profile).current)
  );
}

function say(ctx: ActionContext, key: string, params?: Record<string, string | number>) {
  return { text: ctx.t(ctx.locale, key, params) };
}

/** The catalogue, one line a course, with the person's progress. */
const catalogue: ActionFactory = (content) => (ctx) =>
  content.courses.length === 0
    ? { replies: [say(ctx, 'courses.none')], value: 'empty' }
    : {
        replies: [renderCatalogue(courseText(ctx), content.courses, coursesOf(ctx.profile))],
        value: 'ok',
      };

/** Make the course picked (`course`) the current one. */
const open: ActionFactory = (content) => (ctx) => {
  const course = findCourse(content.courses, ctx.input.course);
  if (!course) return { replies: [say(ctx, 'courses.unknown')], value: 'unknown' };
  return { replies: [], value: 'ok', profile: withCurrent(ctx.profile, course.id) };
};

/** The current course's card; the value says what to offer (`subscribed`, `not_subscribed`). */
const home: ActionFactory = (content) => (ctx) => {
  const course = chosenCourse(content.courses, ctx);
  if (!course) return { replies: [say(ctx, 'courses.pick_first')], value: 'none' };
  const progress = progressOf(ctx.profile, course.id);
  return {
    replies: [renderCourseCard(courseText(ctx), course, progress)],
    value: progress.subscribed ? 'subscribed' : 'not_subscribed',
  };
};

/** Subscribe to the current course: its new lessons and the trainer's updates reach them. */
const subscribe: ActionFactory = (content) => (ctx) => {
  const course = chosenCourse(content.courses, ctx);
  if (!course) return { replies: [say(ctx, 'courses.pick_first')], value: 'none' };
  const progress = progressOf(ctx.profile, course.id);
  return {
    replies: [say(ctx, 'courses.subscribed', { course: words(course, course.title, ctx.locale) })],
    value: 'ok',
    profile: {
      ...keepLocale(ctx),
      ...withProgress(ctx.profile, course.id, { ...progress, subscribed: true }),
    },
    events: [join('subscribers', course.id)],
  };
};

/** Unsubscribe from the current course, and stop its drip. */
const unsubscribe: ActionFactory = (content) => (ctx) => {
  const course = chosenCourse(content.courses, ctx);
  if (!course) return { replies: [say(ctx, 'courses.pick_first')], value: 'none' };
  const { subscribed: _s, drip, ...progress } = progressOf(ctx.profile, course.id);
  return {
    replies: [
      say(ctx, 'courses.unsubscribed', { course: words(course, course.title, ctx.locale) }),
    ],
    value: 'ok',
    profile: withProgress(ctx.profile, course.id, progress),
    events: [leave('subscribers', course.id), ...(drip ? [leaveDrip(course.id, drip.hour)] : [])],
  };
};

/**
 * What `/start <args>` means for courses: `course_<id>` opens a course (a deep link on a
 * poster or QR code); `drip_<id>` is the cron run delivering a due drip lesson. The value
 * is `course`, `drip`, `courses` (unknown course: show the catalogue) or `none`.
 */
const link: ActionFactory = (content) => (ctx) => {
  const args = typeof ctx.input.args === 'string' ? ctx.input.args.trim() : '';
  const match = /^(course|drip)_([a-z][a-z0-9_]*)$/.exec(args);
  if (!match) return { replies: [], value: 'none' };
  const course = findCourse(content.courses, match[2]);
  if (match[1] === 'course') {
    if (!course) return { replies: [say(ctx, 'courses.unknown')], value: 'courses' };
    return { replies: [], value: 'course', profile: withCurrent(ctx.profile, course.id) };
  }
  const progress = course && progressOf(ctx.profile, course.id);
  if (!course || !progress?.drip || !progress.subscribed || !isDue(progress.drip, ctx.now))
    return { replies: [], value: 'none' };
  return {
    replies: [
      say(ctx, 'courses.drip.arrived', { course: words(course, course.title, ctx.locale) }),
    ],
    value: 'drip',
    profile: withProgress(ctx.profile, course.id, {
      ...progress,
      drip: advanceDrip(progress.drip, ctx.now),
    }),
  };
};

/** Before `/delete_me` erases the profile: leave every course set the person is in. */
const forget: ActionFactory = (content) => (ctx) => {
  const known = coursesOf(ctx.profile).progress;
  const kinds = Object.keys(courseSets) as CourseSetKind[];
  const events: EngineEvent[] = content.courses.flatMap((c) => {
    const drip = known[c.id]?.drip;
    if (!known[c.id]) return [];
    return [
      ...kinds.map((kind) => leave(kind, c.id)),
      ...(drip ? [leaveDrip(c.id, drip.hour)] : []),
    ];
  });
  return { replies: [], value: 'ok', events };
};

/** The course actions flows run by name. */
export const COURSE_HOME_ACTIONS: Readonly<Record<string, ActionFactory>> = {
  course_catalogue: catalogue,
  course_open: open,
  course_home: home,
  course_subscribe: subscribe,
  course_unsubscribe: unsubscribe,
  course_link: link,
  courses_forget: forget,
};
