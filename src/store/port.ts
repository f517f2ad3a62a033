/**
 * The store port: what the domain needs from storage, not a general Redis wrapper.
 * Values cross the port as JSON-ready data; adapters serialise them themselves.
 */

/** Whose data: a channel and that channel's id for the person. */
export interface UserRef {
  channel: string;
  userId: string;
}

/** What a turn reads, in one round trip. */
export interface Snapshot {
  /** Bumped by every commit; a commit must name the version it started from. */
  version: number;
  conversation: unknown;
  profile: unknown;
  /** The replies already sent for this message id, when it was handled before. */
  handled: unknown;
}

/** A side effect committed atomically with the turn. */
export type Effect =
  /** Add to a named counter (shown in stats and the console). */
  | { kind: 'count'; counter: string; by?: number }
  /** Append an entry to a named, durable log (answers, audit). */
  | { kind: 'append'; log: string; entry: unknown };

/** Everything one turn writes, atomically. `null` deletes the value. */
export interface TurnWrite {
  expectedVersion: number;
  messageId: string;
  conversation: unknown | null;
  profile: unknown | null;
  /** Stored under the message id so a re-delivery gets the same answer and no new effect. */
  replies: unknown;
  effects: readonly Effect[];
}

/** The outcome of a commit the caller must handle. */
export type CommitResult =
  { ok: true; version: number } | { ok: false; reason: 'conflict' | 'duplicate' };

/** The store the shell uses. */
export interface Store {
  readonly kind: 'memory' | 'upstash';
  /** Conversation, profile, version and any earlier handling of `messageId`. */
  load(user: UserRef, messageId: string): Promise<Snapshot>;
  /** Write a turn if the version is still `expectedVersion` and the message is new. */
  commit(user: UserRef, write: TurnWrite): Promise<CommitResult>;
  /** Current counter values. */
  counters(): Promise<Record<string, number>>;
  /** The last `limit` entries of a log, oldest first. */
  readLog(log: string, limit?: number): Promise<unknown[]>;
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

/** The store could not be reached or answered with an error: an infrastructure fault. */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
}
