import type { ContentActionFactory as ActionFactory } from '../content/schema';
import { chosenCourse, courseText } from './course-actions';
import { startDrip } from './drip-schedule';
import { keepLocale, progressOf, withProgress } from './progress';
import { dripLine } from './render';
import { join, joinDrip, leaveDrip } from './sets';

/** Choice ids of the drip questions: `d<days>` and `h<hour>` (`d2`, `h08`). */
function numberAfter(prefix: string, value: unknown, min: number, max: number) {
  const match = typeof value === 'string' ? new RegExp(`^${prefix}(\\d{1,2})$`).exec(value) : null;
  const n = match ? Number(match[1]) : NaN;
  return n >= min && n <= max ? n : undefined;
}

/**
 * Send the next lesson of the current course every `every` days (`d1`…`d30`) at `hour`
 * (`h00`…`h23`, China time). Choosing a drip subscribes to the course.
 */
const setDrip: ActionFactory = (content) => (ctx) => {
  const course = chosenCourse(content.courses, ctx);
  const everyDays = numberAfter('d', ctx.input.every, 1, 30);
  const hour = numberAfter('h', ctx.input.hour, 0, 23);
  if (!course || everyDays === undefined || hour === undefined)
    return { replies: [{ text: ctx.t(ctx.locale, 'courses.pick_first') }], value: 'none' };
  const progress = progressOf(ctx.profile, course.id);
  const drip = startDrip(ctx.now, everyDays, hour);
  const before = progress.drip;
  return {
    replies: [
      { text: `${dripLine(courseText(ctx), drip)}\n${ctx.t(ctx.locale, 'courses.drip.channels')}` },
    ],
    value: 'ok',
    profile: {
      ...keepLocale(ctx),
      ...withProgress(ctx.profile, course.id, { ...progress, subscribed: true, drip }),
    },
    events: [
      join('subscribers', course.id),
      ...(before && before.hour !== hour ? [leaveDrip(course.id, before.hour)] : []),
      joinDrip(course.id, hour),
    ],
  };
};

/** Stop the current course's drip (the subscription stays). */
const stopDrip: ActionFactory = (content) => (ctx) => {
  const course = chosenCourse(content.courses, ctx);
  if (!course)
    return { replies: [{ text: ctx.t(ctx.locale, 'courses.pick_first') }], value: 'none' };
  const { drip, ...progress } = progressOf(ctx.profile, course.id);
  return {
    replies: [{ text: ctx.t(ctx.locale, 'courses.drip.off') }],
    value: 'ok',
    profile: withProgress(ctx.profile, course.id, progress),
    events: drip ? [leaveDrip(course.id, drip.hour)] : [],
  };
};

/** Drip actions flows run by name. */
export const DRIP_ACTIONS: Readonly<Record<string, ActionFactory>> = {
  course_drip_set: setDrip,
  course_drip_off: stopDrip,
};
