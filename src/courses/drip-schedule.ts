import type { Drip } from './progress-schema';

/** Drip hours are China Standard Time (UTC+8, no daylight saving). */
export const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

/**
 * The first time after `now` when it is `hour`:00 in China.
 *
 * @example nextSlot(Date.UTC(2026, 0, 1, 23, 30), 8) // Date.UTC(2026, 0, 2, 0, 0): 08:00 in Beijing
 */
export function nextSlot(now: number, hour: number): number {
  const local = now + CHINA_OFFSET_MS;
  let at = Math.floor(local / DAY_MS) * DAY_MS + hour * HOUR_MS;
  if (at <= local) at += DAY_MS;
  return at - CHINA_OFFSET_MS;
}

/** A new drip: every `everyDays` days at `hour`, the first at the next such hour. */
export function startDrip(now: number, everyDays: number, hour: number): Drip {
  return { everyDays, hour, nextAt: nextSlot(now, hour) };
}

/** Whether the drip's next lesson is due. */
export function isDue(drip: Drip, now: number): boolean {
  return drip.nextAt <= now;
}

/**
 * The drip after one was sent: `everyDays` after the slot it was due, at the same hour.
 * Slots missed while nothing ran are skipped, so a long outage sends one lesson, not many.
 */
export function advanceDrip(drip: Drip, now: number): Drip {
  let nextAt = drip.nextAt + drip.everyDays * DAY_MS;
  while (nextAt <= now) nextAt += drip.everyDays * DAY_MS;
  return { ...drip, nextAt };
}
