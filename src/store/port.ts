/**
 * The store port: what the domain needs from storage, not a general Redis wrapper.
 * Values cross the port as JSON-ready data; adapters serialise them themselves.
 */

import type { OverlayStore } from './overlay';
import type { Effect, TurnStore } from './turn-port';

export type * from './turn-port';
export type * from './overlay';

/** One person in the audience index: `channel:userId` and the fields audiences filter on. */
export interface IndexedUser {
  ref: string;
  data: unknown;
}

/** Storage of broadcast jobs: definition, run state, counters, who was already handled. */
export interface JobStore {
  saveJob(id: string, job: unknown): Promise<void>;
  loadJob(id: string): Promise<unknown | null>;
  /** Ids of the most recent jobs, newest first. */
  listJobs(limit: number): Promise<string[]>;
  jobState(id: string): Promise<string | null>;
  setJobState(id: string, state: string): Promise<void>;
  jobCounts(id: string): Promise<Record<string, number>>;
  addJobCounts(id: string, deltas: Readonly<Record<string, number>>): Promise<void>;
  /** For each recipient ref, whether the job already handled it (one round trip). */
  handledRecipients(id: string, refs: readonly string[]): Promise<boolean[]>;
  /**
   * Mark a recipient handled and count its outcome, atomically; false (and nothing
   * counted) when it was handled before, so a redelivered chunk never counts twice.
   * With `channel`, the outcome is also counted as `<outcome>.<channel>` in the same step.
   */
  recordDelivery(id: string, ref: string, outcome: string, channel?: string): Promise<boolean>;
}

/** Who holds a claim after {@link CoordinationStore.claim}. */
export interface ClaimResult {
  /** True when this caller's value was set. */
  won: boolean;
  /** The value holding the claim now: this caller's when it won, the earlier one otherwise. */
  holder: string;
}

/**
 * Small shared state outside a turn: cached values (an API access token, an admin
 * session), claims (one refresher of that token, one deliverer of a reply), counters bumped
 * outside a turn, rate-limit windows, and appends to a durable log.
 */
export interface CoordinationStore {
  /** A value cached with {@link cacheSet}, or null when absent or expired. */
  cacheGet(name: string): Promise<unknown>;
  /** Cache a JSON-ready value for `ttlSeconds`. */
  cacheSet(name: string, value: unknown, ttlSeconds: number): Promise<void>;
  /** Set `name` to `value` for `ttlSeconds` unless it is held; say who holds it now. */
  claim(name: string, value: string, ttlSeconds: number): Promise<ClaimResult>;
  /** Give up a claim, only if `value` still holds it (an expired claim may be someone else's). */
  release(name: string, value: string): Promise<void>;
  /** Add to a counter outside a turn (deliveries outside WeChat's 48-hour window, say). */
  count(counter: string, by?: number): Promise<void>;
  /** Forget a cached value (an admin session at logout). */
  cacheDelete(name: string): Promise<void>;
  /**
   * Add `by` (default 1; 0 only reads) to a counter that lives `windowSeconds` from its
   * first hit: a fixed rate-limit window (failed admin logins per client, say).
   */
  hit(name: string, windowSeconds: number, by?: number): Promise<WindowCount>;
  /** Append an entry to a durable log outside a turn (the admin audit trail). */
  appendLog(log: string, entry: unknown): Promise<void>;
  /**
   * Up to `count` entries of a log ending before position `before` (positions count from
   * the oldest entry, 0; absent or past the end: the end), oldest first, with the position
   * of the first. Logs only grow at the end, so a position names the same entry for ever.
   */
  readLogPage(log: string, before: number | undefined, count: number): Promise<LogPage>;
}

/** A slice of a durable log, see {@link CoordinationStore.readLogPage}. */
export interface LogPage {
  /** The position of `entries[0]` (0 is the oldest entry of the log). */
  start: number;
  entries: unknown[];
}

/** A rate-limit window's count after {@link CoordinationStore.hit}. */
export interface WindowCount {
  count: number;
  /** Seconds until the window ends and the count starts again from zero. */
  resetSeconds: number;
}

/** One record of a table, as {@link SurveyStore.scanRecords} pages them. */
export interface StoredRecord {
  key: string;
  value: unknown;
}

/**
 * Surveys: definitions (metadata with the draft, and the published versions, which never
 * change once written) and the response tables the `put_record` effect writes.
 */
export interface SurveyStore {
  /** Every survey's metadata, by survey id. */
  surveyMetas(): Promise<Record<string, unknown>>;
  /** One survey's metadata, or null. */
  surveyMeta(id: string): Promise<unknown | null>;
  /** Write a survey's metadata (callers hold the survey's claim while they change it). */
  saveSurveyMeta(id: string, meta: unknown): Promise<void>;
  /** Store a published version once; false, and nothing written, when it exists already. */
  addSurveyVersion(id: string, version: number, definition: unknown): Promise<boolean>;
  /** Published versions, null where there is none. */
  surveyVersions(refs: readonly { id: string; version: number }[]): Promise<(unknown | null)[]>;
  /** Every experiment's definition (JSON-ready), by id. */
  experiments(): Promise<Record<string, unknown>>;
  /** Keep an experiment's definition unless one has that id: true when this call kept it. */
  addExperiment(id: string, definition: unknown): Promise<boolean>;
  /** One record of a table, or null. */
  getRecord(table: string, key: string): Promise<unknown | null>;
  /**
   * A table's records a page at a time (about `count`): start with cursor '0'; '0' back
   * means done. Records present for the whole scan are returned at least once.
   */
  scanRecords(
    table: string,
    cursor: string,
    count?: number,
  ): Promise<{ cursor: string; records: StoredRecord[] }>;
}

/** Who is there: the audience index and named sets that turns keep (broadcasts, figures). */
export interface AudienceStore {
  /** The audience index, a page at a time: start with cursor '0'; '0' back means done. */
  scanUsers(cursor: string, count?: number): Promise<{ cursor: string; users: IndexedUser[] }>;
  /** Members of a named set (see the `set_add` effect). */
  setMembers(set: string): Promise<string[]>;
}

/** Figures: counters and durable logs (the console, survey statistics, the audit trail). */
export interface FigureStore {
  /** Current counter values. */
  counters(): Promise<Record<string, number>>;
  /** The last `limit` entries of a log, oldest first. */
  readLog(log: string, limit?: number): Promise<unknown[]>;
  /** The figures of each of `days` (`2026-12-05`), zero where nothing was counted. */
  dayStats(days: readonly string[]): Promise<Record<string, DayStats>>;
}

/** One day's figures (see the `day_stats` effect). */
export interface DayStats {
  /** People whose first turn was that day. */
  new: number;
  /** Distinct people who sent a message that day. */
  active: number;
  /** Messages handled that day. */
  messages: number;
}

/** A day's figures from its stored hash (missing or unreadable fields read as 0). */
export function readDayStats(hash: Record<string, unknown> | null | undefined): DayStats {
  const n = (v: unknown) => (Number.isSafeInteger(Number(v)) ? Number(v) : 0);
  return { new: n(hash?.new), active: n(hash?.active), messages: n(hash?.messages) };
}

/**
 * The whole store, as the adapters implement it and the composition root holds it. Callers
 * take only the ports they use (`TurnStore`, `JobStore`, `SurveyStore` …).
 */
export interface Store
  extends
    TurnStore,
    AudienceStore,
    FigureStore,
    JobStore,
    CoordinationStore,
    SurveyStore,
    OverlayStore {
  readonly kind: 'memory' | 'upstash';
  /** True when the store answers. */
  ping(): Promise<boolean>;
}

/** Effects must be well formed before anything is written: a Lua script cannot roll back. */
export function assertEffects(effects: readonly Effect[]): void {
  for (const effect of effects) {
    if (effect.kind === 'count' && effect.by !== undefined && !Number.isSafeInteger(effect.by)) {
      throw new TypeError(
        `counter ${effect.counter}: increment must be an integer, got ${effect.by}`,
      );
    }
  }
}

/** A time to live as Redis takes it: whole seconds, at least one. */
export function expirySeconds(ttlSeconds: number): number {
  if (!Number.isFinite(ttlSeconds)) throw new TypeError(`invalid TTL ${ttlSeconds}`);
  return Math.max(1, Math.ceil(ttlSeconds));
}

/** The store could not be reached or answered with an error: an infrastructure fault. */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
}
