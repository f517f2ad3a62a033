import { content } from '../../content';
import type { AppDeps } from '../../http/types';
import { announceNewLessons } from './announce';
import { sendDueDrips, type DripDeps } from './drip';

/** The drip run's dependencies, from the app's. */
export function dripDeps(deps: AppDeps, overrides: Partial<DripDeps> = {}): DripDeps {
  return {
    turn: deps.turn,
    audience: deps.store,
    senders: deps.consumer.senders,
    courses: content.courses,
    t: deps.program.t,
    log: deps.log,
    // About three store round trips each: 15 stays under the free plan's 50 subrequests.
    maxChecks: 15,
    runsPerHour: 12,
    onBlocked: deps.consumer.onBlocked,
    ...overrides,
  };
}

/**
 * The courses' part of the cron run: announce lessons a deploy added (once each), then
 * deliver due drip lessons. Each part logs its own failure, so one cannot stop the other.
 */
export async function runCourseSchedule(deps: AppDeps): Promise<void> {
  try {
    await announceNewLessons({
      planner: deps.planner,
      courses: content.courses,
      t: deps.program.t,
    });
  } catch (error) {
    deps.log.error('lessons_announce_failed', { message: String(error) });
  }
  try {
    const sent = await sendDueDrips(dripDeps(deps), deps.now());
    if (sent > 0) deps.log.info('drips_sent', { sent });
  } catch (error) {
    deps.log.error('drips_failed', { message: String(error) });
  }
}
