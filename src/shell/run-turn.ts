import { conversationSchema, emptyConversation } from '../core/conversation';
import {
  resolveLocale,
  step,
  type EngineOptions,
  type Program,
  type TurnResult,
  type TurnState,
} from '../core/engine';
import type { EngineEvent } from '../core/events';
import type { Inbound, Locale, Outbound } from '../core/message';
import { profileSchema, type Profile } from '../core/profile';
import type { Effect, Snapshot, Store, UserRef } from '../store/port';
import type { Logger } from './logger';
import {
  programWithSurveys,
  recordEffects,
  respondentFor,
  type SurveyTurnDeps,
} from './survey-effects';

/** What {@link runTurn} needs. */
export interface TurnDeps extends SurveyTurnDeps {
  program: Program;
  store: Store;
  now(): number;
  log: Logger;
  engine?: EngineOptions;
  /** Re-runs after a version conflict before giving up. */
  maxAttempts?: number;
}

/** What a turn answers: the replies and the language the person now uses. */
export interface TurnOutcome {
  replies: Outbound[];
  locale: Locale;
  /** What the engine reported; empty for a duplicate. */
  events: EngineEvent[];
  /** True when this message was handled before: nothing was done again. */
  duplicate: boolean;
}

/** Too many concurrent turns for one person kept conflicting: an infrastructure fault. */
export class TurnContentionError extends Error {
  override readonly name = 'TurnContentionError';
}

/**
 * Handle one inbound message end to end: load (one round trip), run the pure engine,
 * commit state, replies and effects atomically (one round trip). A version conflict
 * re-runs the turn on fresh state; a message seen before returns the replies it got the
 * first time and has no second effect.
 */
export async function runTurn(deps: TurnDeps, inbound: Inbound): Promise<TurnOutcome> {
  const user: UserRef = { channel: inbound.channel, userId: inbound.userId };
  const attempts = deps.maxAttempts ?? 8;
  // Fetched alongside the first load (and cached), so surveys add no round trip of their own.
  const catalog = deps.surveys?.catalog();
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const snapshot = await deps.store.load(user, inbound.messageId);
    const state = restore(snapshot, deps);
    if (snapshot.handled !== null) {
      return {
        replies: repliesOf(snapshot.handled),
        locale: resolveLocale(state.profile, inbound.localeHint),
        events: [],
        duplicate: true,
      };
    }
    const program = await programWithSurveys(deps.program, catalog);
    const result = step(program, state, inbound, { now: deps.now }, deps.engine);
    const respondent = await respondentFor(deps, user, result.events);
    const outcome = await deps.store.commit(user, {
      expectedVersion: snapshot.version,
      messageId: inbound.messageId,
      conversation: result.erased ? null : result.state.conversation,
      profile: result.erased || isEmpty(result.state.profile) ? null : result.state.profile,
      replies: result.replies,
      effects: [
        ...effectsOf(result, userRef(user)),
        ...recordEffects(result.events, respondent, deps.log),
        ...indexEffect(user, state.profile, result, lastSeenDay(snapshot), dayOf(deps.now())),
      ],
    });
    if (outcome.ok) {
      logEvents(deps.log, inbound, result.events);
      return {
        replies: result.replies,
        locale: resolveLocale(result.state.profile, inbound.localeHint),
        events: result.events,
        duplicate: false,
      };
    }
    // 'duplicate': the same message committed meanwhile; the next load returns its replies.
    deps.log.debug('turn_retry', {
      user: `${user.channel}:${user.userId}`,
      attempt,
      reason: outcome.reason,
    });
  }
  throw new TurnContentionError(`turn for ${inbound.channel} user kept conflicting`);
}

/** Rebuild the engine's state from stored JSON; anything unreadable starts fresh. */
function restore(snapshot: Snapshot, deps: TurnDeps): TurnState {
  const conversation = conversationSchema.safeParse(snapshot.conversation);
  const profile = profileSchema.safeParse(snapshot.profile ?? {});
  if (snapshot.conversation !== null && !conversation.success)
    deps.log.warn('conversation_unreadable', {});
  if (!profile.success) deps.log.warn('profile_unreadable', {});
  return {
    conversation: conversation.success ? conversation.data : emptyConversation(deps.now()),
    profile: profile.success ? profile.data : {},
  };
}

function repliesOf(handled: unknown): Outbound[] {
  return Array.isArray(handled) ? (handled as Outbound[]) : [];
}

function isEmpty(profile: object): boolean {
  return Object.keys(profile).length === 0;
}

/** `channel:userId`, the way audiences and sets name a person. */
export function userRef(user: UserRef): string {
  return `${user.channel}:${user.userId}`;
}

/** The profile fields audiences filter on. */
function audienceFields(profile: Profile): Record<string, unknown> {
  const { locale, consent, category, province, active } = profile;
  return { locale, consent, category, province, active };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Days since the epoch (UTC). */
function dayOf(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

/** The day of the person's previous turn, from the stored conversation (expired: unknown). */
function lastSeenDay(snapshot: Snapshot): number | undefined {
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
function indexEffect(
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

/** Counters the console shows and the records and memberships the engine asked for. */
function effectsOf(result: TurnResult, ref: string): Effect[] {
  const effects: Effect[] = [{ kind: 'count', counter: 'turns' }];
  for (const event of result.events) {
    if (event.type === 'subscribed')
      effects.push({ kind: 'set_add', set: event.list, member: ref });
    if (event.type === 'unsubscribed')
      effects.push({ kind: 'set_remove', set: event.list, member: ref });
    if (event.type === 'recorded')
      effects.push({ kind: 'append', log: event.log, entry: event.entry });
    if (event.type === 'flow_started')
      effects.push({ kind: 'count', counter: `flow:${event.flow}:started` });
    if (event.type === 'flow_ended' && event.reason === 'completed') {
      effects.push({ kind: 'count', counter: `flow:${event.flow}:completed` });
    }
    if (event.type === 'user_erased') effects.push({ kind: 'count', counter: 'users:erased' });
  }
  return effects;
}

function logEvents(log: Logger, inbound: Inbound, events: EngineEvent[]): void {
  for (const event of events) {
    if (event.type === 'content_error' || event.type === 'guard_tripped') {
      log.warn(event.type, { channel: inbound.channel, ...event });
    }
  }
}
