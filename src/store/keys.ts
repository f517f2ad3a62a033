import type { UserRef } from './port';

const DAY = 24 * 60 * 60;

/**
 * Every key the bot writes, with its Redis type and time to live. Keys are
 * `<prefix><name>`; the prefix defaults to `svb:`.
 */
export const KEY_REGISTRY = {
  conversation: { pattern: 'conv:{channel}:{user}', type: 'string (JSON)', ttlSeconds: 30 * DAY },
  version: { pattern: 'ver:{channel}:{user}', type: 'string (integer)', ttlSeconds: 30 * DAY },
  profile: { pattern: 'profile:{channel}:{user}', type: 'string (JSON)', ttlSeconds: undefined },
  handled: {
    pattern: 'msg:{channel}:{user}:{message}',
    type: "string ('o:' or, once delivered, 'd:' + the committing turn's token; no content)",
    ttlSeconds: 2 * DAY,
  },
  replies: {
    pattern: 'out:{channel}:{user}',
    type: 'hash (message id -> JSON replies not yet confirmed delivered; at most 64)',
    ttlSeconds: 2 * DAY,
  },
  lease: {
    pattern: 'lease:{channel}:{user}',
    /** TTL set per load, in milliseconds: a lease outlives no turn by much. */
    type: 'string (token of the turn that runs now)',
    ttlSeconds: undefined,
  },
  queue: {
    pattern: 'queue:{channel}:{user}',
    type: 'sorted set (waiting turn token by arrival ticket)',
    ttlSeconds: 60,
  },
  queueAlive: {
    pattern: 'qalive:{channel}:{user}',
    type: 'hash (waiting turn token -> ms until which it keeps its place)',
    ttlSeconds: 60,
  },
  rate: {
    pattern: 'rate:{channel}:{user}:{minute}',
    type: 'string (integer: messages committed in that minute)',
    ttlSeconds: 2 * 60,
  },
  counters: { pattern: 'counters', type: 'hash (name -> integer)', ttlSeconds: undefined },
  log: { pattern: 'log:{log}', type: 'list (JSON entries)', ttlSeconds: undefined },
  users: {
    pattern: 'users',
    type: 'hash (channel:userId -> JSON audience fields)',
    ttlSeconds: undefined,
  },
  set: { pattern: 'set:{set}', type: 'set (members)', ttlSeconds: undefined },
  job: { pattern: 'job:{id}', type: 'string (JSON job)', ttlSeconds: undefined },
  jobs: { pattern: 'jobs', type: 'sorted set (job id by creation time)', ttlSeconds: undefined },
  jobCounts: {
    pattern: 'job:{id}:counts',
    type: 'hash (counter -> integer)',
    ttlSeconds: undefined,
  },
  jobDone: {
    pattern: 'job:{id}:done',
    type: 'set (recipients already handled)',
    ttlSeconds: undefined,
  },
  jobState: {
    pattern: 'job:{id}:state',
    type: 'string (running | cancelled)',
    ttlSeconds: undefined,
  },
  records: {
    pattern: 'rec:{table}',
    type: 'hash (record key, e.g. a respondent pseudonym -> JSON record)',
    ttlSeconds: undefined,
  },
  surveys: { pattern: 'surveys', type: 'hash (survey id -> JSON metadata)', ttlSeconds: undefined },
  surveyVersions: {
    pattern: 'survey_versions',
    type: 'hash (id@version -> JSON definition, written once)',
    ttlSeconds: undefined,
  },
  overlayVersion: {
    pattern: 'overlay:version',
    type: 'string (integer, bumped by every overlay change)',
    ttlSeconds: undefined,
  },
  overlay: {
    pattern: 'overlay:{kind}',
    type: 'hash (field, e.g. course/lesson -> JSON published value)',
    ttlSeconds: undefined,
  },
  overlayHistory: {
    pattern: 'overlay:{kind}:history:{field}',
    type: 'list (JSON history entries: every version published or unpublished)',
    ttlSeconds: undefined,
  },
  experiments: {
    pattern: 'experiments',
    type: 'hash (experiment id -> JSON definition, written once)',
    ttlSeconds: undefined,
  },
  dayStats: {
    pattern: 'stats:day:{day}',
    type: 'hash (new | active | messages -> integer), a day of the time zone in time-zone.ts',
    ttlSeconds: 400 * 24 * 60 * 60,
  },
  dayPeople: {
    pattern: 'stats:day:{day}:people',
    type: 'set (channel:userId active that day): counts `active` once per person',
    ttlSeconds: 2 * 24 * 60 * 60,
  },
  /** TTL set per write: an access token's lifetime, an admin console session (8 h, keyed by a hash). */
  cache: { pattern: 'cache:{name}', type: 'string (JSON)', ttlSeconds: undefined },
  /** TTL set per claim: seconds for a token refresh lock, an hour for a reply's deliverer. */
  claim: { pattern: 'claim:{name}', type: 'string (holder)', ttlSeconds: undefined },
  /** TTL set by the first hit: the rate-limit window (15 minutes for failed admin logins). */
  window: { pattern: 'window:{name}', type: 'string (integer)', ttlSeconds: undefined },
} as const;

/** The default key prefix. */
export const DEFAULT_PREFIX = 'svb:';

/**
 * An id as it goes into a key: percent-encoded so `:` inside it cannot collide. Never
 * throws: a lone surrogate (refused at the edge anyway) becomes U+FFFD first.
 */
function encodeId(id: string): string {
  return encodeURIComponent(id.toWellFormed());
}

/** Key names for one prefix. User ids are encoded so `:` inside an id cannot collide. */
export function keyNames(prefix: string = DEFAULT_PREFIX) {
  const user = (u: UserRef) => `${u.channel}:${encodeId(u.userId)}`;
  return {
    conversation: (u: UserRef) => `${prefix}conv:${user(u)}`,
    version: (u: UserRef) => `${prefix}ver:${user(u)}`,
    profile: (u: UserRef) => `${prefix}profile:${user(u)}`,
    handled: (u: UserRef, messageId: string) => `${prefix}msg:${user(u)}:${encodeId(messageId)}`,
    replies: (u: UserRef) => `${prefix}out:${user(u)}`,
    lease: (u: UserRef) => `${prefix}lease:${user(u)}`,
    queue: (u: UserRef) => `${prefix}queue:${user(u)}`,
    queueAlive: (u: UserRef) => `${prefix}qalive:${user(u)}`,
    rate: (u: UserRef, minute: number) => `${prefix}rate:${user(u)}:${minute}`,
    counters: () => `${prefix}counters`,
    log: (name: string) => `${prefix}log:${name}`,
    users: () => `${prefix}users`,
    set: (name: string) => `${prefix}set:${name}`,
    job: (id: string) => `${prefix}job:${id}`,
    jobs: () => `${prefix}jobs`,
    jobCounts: (id: string) => `${prefix}job:${id}:counts`,
    jobDone: (id: string) => `${prefix}job:${id}:done`,
    jobState: (id: string) => `${prefix}job:${id}:state`,
    records: (table: string) => `${prefix}rec:${table}`,
    surveys: () => `${prefix}surveys`,
    surveyVersions: () => `${prefix}survey_versions`,
    overlayVersion: () => `${prefix}overlay:version`,
    overlay: (kind: string) => `${prefix}overlay:${kind}`,
    overlayHistory: (kind: string, field: string) =>
      `${prefix}overlay:${kind}:history:${encodeId(field)}`,
    experiments: () => `${prefix}experiments`,
    /** An experiment's assignments: the records table `experiment:<id>` (experiments/schema.ts). */
    assignments: (id: string) => `${prefix}rec:experiment:${id}`,
    dayStats: (day: string) => `${prefix}stats:day:${day}`,
    dayPeople: (day: string) => `${prefix}stats:day:${day}:people`,
    cache: (name: string) => `${prefix}cache:${name}`,
    claim: (name: string) => `${prefix}claim:${name}`,
    window: (name: string) => `${prefix}window:${name}`,
  };
}

/** See {@link keyNames}. */
export type KeyNames = ReturnType<typeof keyNames>;

/** Time-to-live settings the adapters apply. */
export interface TtlOptions {
  conversationSeconds: number;
  handledSeconds: number;
}

/** Length of a rate window, and how long its counter lives. */
export const RATE_WINDOW_MS = 60_000;

/** The rate window a time falls in (minutes since the epoch). */
export function rateWindow(ms: number): number {
  return Math.floor(ms / RATE_WINDOW_MS);
}

/** Stored reply bodies kept per person at most; older ones go when a turn adds one past it. */
export const MAX_STORED_REPLIES = 64;

/** TTLs from the registry. */
export const DEFAULT_TTLS: TtlOptions = {
  conversationSeconds: KEY_REGISTRY.conversation.ttlSeconds,
  handledSeconds: KEY_REGISTRY.handled.ttlSeconds,
};
