import type { TurnResult } from '../core/engine';
import type { Profile } from '../core/profile';
import type { Effect, Snapshot, UserRef } from '../store/port';
import { zonedDay, zonedDayNumber } from '../time-zone';

/** `channel:userId`, the way audiences and sets name a person. */
export function userRef(user: UserRef): string {
  return `${user.channel}:${user.userId}`;
}

/** The profile fields audiences filter on. */
function audienceFields(profile: Profile): Record<string, unknown> {
  const { locale, consent, category, province, active, experiments } = profile;
  return { locale, consent, category, province, active, experiments };
}

/** Days since the epoch, days of the project's time zone (time-zone.ts), as the console counts. */
export function dayOf(ms: number): number {
  return zonedDayNumber(ms);
}

/** The day of the person's previous turn, from the stored conversation (expired: unknown). */
export function lastSeenDay(snapshot: Snapshot): number | undefined {
  const stored = snapshot.conversation;
  const at =
    typeof stored === 'object' && stored !== null && 'updatedAt' in stored
      ? stored.updatedAt
      : undefined;
  return typeof at === 'number' ? dayOf(at) : undefined;
}

/**
 * Keep the audience index in step with the profile, writing only when it changed or on a
 * person's first turn of a day: `seen` (the day) lets the console count active people
 * from the index it scans anyway, for one more field in the commit once a day at most.
 */
export function indexEffect(
  user: UserRef,
  before: Profile,
  result: TurnResult,
  seenBefore: number | undefined,
  today: number,
): Effect[] {
  const ref = userRef(user);
  if (result.erased) return [{ kind: 'index_user', user: ref, data: null }];
  if (isEmpty(result.state.profile)) return [];
  const after = audienceFields(result.state.profile);
  if (seenBefore === today && JSON.stringify(after) === JSON.stringify(audienceFields(before)))
    return [];
  return [
    { kind: 'index_user', user: ref, data: { channel: user.channel, ...after, seen: today } },
  ];
}

/**
 * Counters the console shows and the records and memberships the engine asked for. A
 * `counted` event (a survey's completions, a lesson opened for the first time) moves its
 * counter in the same commit, so no turn needs another round trip to count.
 */
export function effectsOf(result: TurnResult, ref: string): Effect[] {
  const effects: Effect[] = [{ kind: 'count', counter: 'turns' }];
  for (const event of result.events) {
    if (event.type === 'subscribed')
      effects.push({ kind: 'set_add', set: event.list, member: ref });
    if (event.type === 'unsubscribed')
      effects.push({ kind: 'set_remove', set: event.list, member: ref });
    if (event.type === 'recorded')
      effects.push({ kind: 'append', log: event.log, entry: event.entry });
    if (event.type === 'counted')
      effects.push({ kind: 'count', counter: event.counter, by: event.by });
    if (event.type === 'flow_started')
      effects.push({ kind: 'count', counter: `flow:${event.flow}:started` });
    if (event.type === 'flow_ended' && event.reason === 'completed') {
      effects.push({ kind: 'count', counter: `flow:${event.flow}:completed` });
    }
    if (event.type === 'user_erased') effects.push({ kind: 'count', counter: 'users:erased' });
  }
  return effects;
}

/** True for a profile with no fields (nothing worth storing). */
export function isEmpty(profile: object): boolean {
  return Object.keys(profile).length === 0;
}

/**
 * The message in its day's figures (a day of time-zone.ts): new when the person had no
 * stored profile and now has one (as they enter the audience index). Not for turns the
 * system starts (a drip, a stop): those are not the person being active.
 */
export function dayStatsEffect(
  user: UserRef,
  at: number,
  hadProfile: boolean,
  profileAfter: unknown,
): Effect {
  const fresh = !hadProfile && profileAfter !== null;
  return { kind: 'day_stats', day: zonedDay(at), person: userRef(user), fresh };
}
