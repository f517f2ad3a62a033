import { conversationSchema, emptyConversation } from '../core/conversation';
import { resolveLocale, step, type EngineOptions, type Program } from '../core/engine';
import type { EngineEvent } from '../core/events';
import type { Inbound, Locale, Outbound } from '../core/message';
import { profileSchema } from '../domains';
import type { Snapshot, TurnLease, TurnWrite, UserRef, TurnStore } from '../store/port';
import type { SurveyCatalog } from '../surveys/catalog';
import type { Logger } from './logger';
import type { OverlayCache } from './overlay-cache';
import {
  programWithSurveys,
  recordEffects,
  respondentFor,
  type SurveyTurnDeps,
} from './survey-effects';
import {
  assignEffects,
  experimentReads,
  withArms,
  type ExperimentTurnDeps,
} from './experiment-effects';
import { purgeMediaAfter, type MediaBucket } from './media';
import {
  dayOf,
  dayStatsEffect,
  effectsOf,
  indexEffect,
  isEmpty,
  lastSeenDay,
  userRef,
} from './turn-effects';

export { userRef } from './turn-effects';

/** How one person's turns queue (see {@link TurnLease}); every field has a default. */
export interface TurnQueueOptions {
  /** How long a lease holds when its turn never commits. */
  leaseMs?: number;
  /** How long a waiting turn keeps its place without asking again. */
  waiterMs?: number;
  /** How long a turn may wait for its place before the store counts as overloaded. */
  maxWaitMs?: number;
  /** How long a turn that sends after the commit keeps the lease for its replies. */
  deliveryMs?: number;
}

/** How the caller will deliver the replies. */
export interface RunTurnOptions {
  /**
   * The caller sends the replies itself after the commit (Telegram, drips) and then calls
   * `store.markDelivered`: the person's next turn waits until they are out, so replies of
   * two turns never interleave and a concurrent re-delivery finds them delivered.
   */
  deliverAfter?: boolean;
}

/** What {@link runTurn} needs. */
export interface TurnDeps extends SurveyTurnDeps, ExperimentTurnDeps {
  program: Program;
  store: TurnStore;
  now(): number;
  log: Logger;
  engine?: EngineOptions;
  /** Re-runs after a version conflict before giving up. */
  maxAttempts?: number;
  queue?: TurnQueueOptions;
  /** Messages a person may send a minute (per channel); 0 or absent: no limit. */
  perMinute?: number;
  /** A fresh token per attempt (tests inject their own). */
  newToken?: () => string;
  /** The program with published content merged in, per overlay version (replaces `program`). */
  overlay?: OverlayCache<Program>;
  /** Waits between polls of a queued turn (tests inject their own). */
  sleep?: (ms: number) => Promise<void>;
  /** A number in [0, 1) that spreads out the polls of waiting turns. */
  random?: () => number;
  /** Voice answers' audio (the `MEDIA` bucket): a withdrawal or erasure deletes the person's. */
  media?: MediaBucket;
}

/** What a turn answers: the replies and the language the person now uses. */
export interface TurnOutcome {
  replies: Outbound[];
  locale: Locale;
  /** What the engine reported; empty for a duplicate or a message over the rate limit. */
  events: EngineEvent[];
  /** True when this message was handled before: nothing was done again. */
  duplicate: boolean;
  /** The token of this attempt. */
  token: string;
  /** The token of the attempt that committed the message (this one's, unless a duplicate). */
  owner: string;
  /** True when the replies are known to have reached the person already. */
  delivered: boolean;
}

/** Too many concurrent turns for one person kept conflicting: an infrastructure fault. */
export class TurnContentionError extends Error {
  override readonly name = 'TurnContentionError';
}

const DEFAULT_QUEUE: Required<TurnQueueOptions> = {
  leaseMs: 2000,
  waiterMs: 1500,
  maxWaitMs: 7000,
  deliveryMs: 10_000,
};

/**
 * Handle one inbound message end to end: load (one round trip, which also takes the
 * person's turn lease), run the pure engine, commit state, replies and effects atomically
 * (one round trip, which gives the lease back). Turns of one person that arrive together
 * wait for the lease in arrival order; a message seen before returns the replies it got
 * the first time and has no second effect.
 */
export async function runTurn(
  deps: TurnDeps,
  inbound: Inbound,
  options: RunTurnOptions = {},
): Promise<TurnOutcome> {
  const user: UserRef = { channel: inbound.channel, userId: inbound.userId };
  const queue = { ...DEFAULT_QUEUE, ...deps.queue };
  const token = (deps.newToken ?? (() => crypto.randomUUID()))();
  const started = deps.now();
  const attempts = deps.maxAttempts ?? 8;
  let polls = 0;
  const experiments = await experimentReads(deps, user);
  for (let attempt = 1; attempt <= attempts;) {
    const lease: TurnLease = {
      token,
      now: deps.now(),
      leaseMs: queue.leaseMs,
      waiterMs: queue.waiterMs,
    };
    // A stale survey catalogue, the experiments and the content overlay (returned only when
    // its version changed) are read by the load itself: none of them adds a round trip.
    const surveys = deps.surveys?.wanted();
    const overlay = deps.overlay?.wanted();
    const reads = {
      ...(surveys ? { surveys } : {}),
      ...(experiments ? { experiments } : {}),
      ...(overlay ? { overlay } : {}),
    };
    const snapshot = await deps.store.load(
      user,
      inbound.messageId,
      lease,
      surveys || experiments || overlay ? reads : undefined,
    );
    if (snapshot.handled !== null) {
      const handled = snapshot.handled;
      return {
        replies: Array.isArray(handled.replies) ? (handled.replies as Outbound[]) : [],
        locale: resolveLocale(restore(snapshot, deps).profile, inbound.localeHint),
        events: [],
        duplicate: true,
        token,
        owner: handled.owner,
        delivered: handled.delivered,
      };
    }
    if (snapshot.waiting) {
      if (polls === 0) deps.log.debug('turn_wait', { user: userRef(user), ...snapshot.waiting });
      if (deps.now() - started > queue.maxWaitMs) break;
      await wait(deps, snapshot.waiting.position, polls++);
      continue;
    }
    const catalog = snapshot.surveys
      ? deps.surveys?.accept(snapshot.surveys)
      : deps.surveys?.current();
    const program = deps.overlay ? deps.overlay.accept(snapshot.overlay) : deps.program;
    const write = await prepare(
      { ...deps, program },
      inbound,
      snapshot,
      token,
      catalog,
      experiments?.pseudonym,
    );
    const hold = options.deliverAfter ? { holdLeaseMs: queue.deliveryMs } : {};
    let outcome;
    try {
      outcome = await deps.store.commit(user, { ...write.commit, ...hold });
    } catch (error) {
      // The lease would hold the person's next turns until it expires: give it back.
      await deps.store.releaseTurn(user, token).catch(() => undefined);
      throw error;
    }
    if (outcome.ok) {
      logEvents(deps.log, inbound, write.events);
      await purgeMediaAfter(deps, user, write.events);
      return {
        replies: write.replies,
        locale: write.locale,
        events: write.events,
        duplicate: false,
        token,
        owner: token,
        delivered: false,
      };
    }
    // 'duplicate': committed meanwhile (maybe by this attempt, its answer lost): the next
    // load returns the replies and who owns them. 'conflict': re-run on fresh state.
    attempt += 1;
    deps.log.debug('turn_retry', { user: userRef(user), attempt, reason: outcome.reason });
  }
  throw new TurnContentionError(`turn for ${inbound.channel} user kept conflicting`);
}

/**
 * Whether the caller that got `outcome` is the one to send its replies: always for a new
 * turn and for this attempt's own commit whose answer was lost; for a message another
 * attempt committed but never confirmed (its isolate failed), exactly one caller takes it
 * over. Channels that answer in the response (web chat, WeChat's passive reply) need not ask.
 */
export async function mayDeliver(
  store: TurnStore,
  inbound: Inbound,
  outcome: TurnOutcome,
): Promise<boolean> {
  if (outcome.owner === outcome.token) return true;
  if (outcome.delivered) return false;
  const user = { channel: inbound.channel, userId: inbound.userId };
  return store.claimDelivery(user, inbound.messageId, outcome.owner, outcome.token);
}

interface PreparedTurn {
  commit: TurnWrite;
  replies: Outbound[];
  events: EngineEvent[];
  locale: Locale;
}

/** Run the engine on the loaded state (or refuse a message over the rate limit). */
async function prepare(
  deps: TurnDeps,
  inbound: Inbound,
  snapshot: Snapshot,
  token: string,
  catalog: SurveyCatalog | undefined,
  pseudonym: string | undefined,
): Promise<PreparedTurn> {
  const user = { channel: inbound.channel, userId: inbound.userId };
  const restored = restore(snapshot, deps);
  const { profile, experiments } = withArms(deps, restored.profile, snapshot.experiments);
  const state = { ...restored, profile };
  const at = deps.now();
  const base = { expectedVersion: snapshot.version, messageId: inbound.messageId, token, at };
  if (deps.perMinute && !inbound.system && snapshot.recent >= deps.perMinute) {
    // One polite word when the limit is reached, then silence until the minute is over.
    const locale = resolveLocale(state.profile, inbound.localeHint);
    const replies =
      snapshot.recent === deps.perMinute
        ? [{ text: deps.program.t(locale, 'errors.rate_limited') }]
        : [];
    return {
      commit: {
        ...base,
        conversation: null,
        profile: null,
        replies,
        keepState: true,
        effects: [{ kind: 'count', counter: 'rate_limited' }],
      },
      replies,
      events: [],
      locale,
    };
  }
  const program = programWithSurveys(deps.program, catalog);
  const result = step(program, state, inbound, { now: deps.now }, deps.engine);
  const respondent = await respondentFor(deps, user, result.events);
  const profileAfter = result.erased || isEmpty(result.state.profile) ? null : result.state.profile;
  return {
    commit: {
      ...base,
      conversation: result.erased ? null : result.state.conversation,
      profile: profileAfter,
      replies: result.replies,
      erase: result.erased,
      effects: [
        ...effectsOf(result, userRef(user)),
        // The day's own figures (not the counters the load reads); a system turn is no visit.
        ...(inbound.system
          ? []
          : [dayStatsEffect(user, at, snapshot.profile != null, profileAfter)]),
        ...recordEffects(result.events, respondent, deps.log),
        // Against the stored profile, so arms the load brought in get indexed too.
        ...indexEffect(user, restored.profile, result, lastSeenDay(snapshot), dayOf(at)),
        ...(result.erased
          ? []
          : assignEffects(experiments, result.state.profile, pseudonym, at, userRef(user))),
      ],
    },
    replies: result.replies,
    events: result.events,
    locale: resolveLocale(result.state.profile, inbound.localeHint),
  };
}

/**
 * Wait for a turn's place in the queue to come: about one short turn per turn ahead,
 * spread by jitter so waiters do not ask the store in lockstep.
 */
function wait(deps: TurnDeps, position: number, polls: number): Promise<void> {
  const base = Math.min(250, 10 + position * 8 + polls * 2);
  const ms = base * (0.75 + 0.5 * (deps.random ?? Math.random)());
  return (deps.sleep ?? ((t: number) => new Promise((r) => setTimeout(r, t))))(ms);
}

/** Rebuild the engine's state from stored JSON; anything unreadable starts fresh. */
function restore(snapshot: Snapshot, deps: TurnDeps) {
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

function logEvents(log: Logger, inbound: Inbound, events: EngineEvent[]): void {
  for (const event of events) {
    if (event.type === 'content_error' || event.type === 'guard_tripped') {
      log.warn(event.type, { channel: inbound.channel, ...event });
    }
  }
}
