/**
 * The one time zone of the project's days and times: the console shows every time in it
 * (in both languages, saying so), the per-day figures are its days, and so are the audit
 * filters and the course drips. China Standard Time has no daylight saving, so a fixed
 * offset is exact. Both languages use it on purpose: an English-reading researcher and a
 * Chinese trainer must see the same day boundaries and the same numbers for "Tuesday".
 */
export const TIME_ZONE = {
  id: 'Asia/Shanghai',
  offsetMinutes: 8 * 60,
  /** How the console names the offset beside a time. */
  label: 'UTC+8',
  /** The offset as ISO 8601 writes it (CSV times, form inputs read in this zone). */
  isoOffset: '+08:00',
} as const;

const OFFSET_MS = TIME_ZONE.offsetMinutes * 60_000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Days since the epoch in {@link TIME_ZONE} (the audience index's `seen`). */
export function zonedDayNumber(ms: number): number {
  return Math.floor((ms + OFFSET_MS) / DAY_MS);
}

/** The day (`2026-12-05`) a time falls on in {@link TIME_ZONE}. */
export function zonedDay(ms: number): string {
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 10);
}

/** The `count` days up to and including the one `ms` falls on, oldest first. */
export function lastDays(ms: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => zonedDay(ms - (count - 1 - i) * DAY_MS));
}

/** A time as ISO 8601 in {@link TIME_ZONE} with its offset (`2026-05-01T16:00:00+08:00`). */
export function zonedIso(ms: number): string {
  return `${new Date(ms + OFFSET_MS).toISOString().slice(0, 19)}${TIME_ZONE.isoOffset}`;
}

/**
 * A time as `2026-12-05 14:03 UTC+8 (Asia/Shanghai)`: the same digits in both languages,
 * with the zone named, so nobody reads it as their own time.
 */
export function formatZoned(ms: number): string {
  const local = new Date(ms + OFFSET_MS).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 16)} ${TIME_ZONE.label} (${TIME_ZONE.id})`;
}
