import type { OverlayMaterial } from './overlay';

/**
 * The turn's part of the store port: what one turn reads and writes, and the records of
 * whether its replies went out. Re-exported by `port.ts`.
 */
/** Whose data: a channel and that channel's id for the person. */
export interface UserRef {
  channel: string;
  userId: string;
}

/**
 * How a turn takes its place in the person's queue. One turn of a person runs at a time:
 * the load that returns data also grants a short lease, and the commit gives it back.
 * Turns that find the lease held wait in arrival order (see DESIGN.md section 5.3).
 */
export interface TurnLease {
  /** This attempt's id: it holds the lease and owns the delivery of what it commits. */
  token: string;
  /** The time now, in milliseconds (queue bookkeeping and the rate window). */
  now: number;
  /** How long the lease holds when its turn never commits (an isolate that died). */
  leaseMs: number;
  /** How long a waiter keeps its place in the queue without asking again. */
  waiterMs: number;
}

/**
 * What a turn's load reads besides the person's data, so that nothing a turn needs costs a
 * round trip of its own: the survey catalogue when the caller's copy is stale.
 */
export interface TurnReads {
  /** Every survey's metadata, the published versions not in `knownVersions`, survey counters. */
  surveys?: { knownVersions: readonly string[] };
  /** The content overlay (see overlay.ts), returned only when its version is not `knownVersion`. */
  overlay?: { knownVersion: number };
  /**
   * Every experiment's definition, and the person's assignment (under `pseudonym`) in each
   * experiment of `ids` (those the caller knows of; one it does not know yet is assigned,
   * if at all, by an idempotent `assign_arm`).
   */
  experiments?: { pseudonym: string; ids: readonly string[] };
}

/** What {@link TurnReads.experiments} asked for. */
export interface ExperimentMaterial {
  /** Experiment id -> definition (JSON-ready). */
  definitions: Record<string, unknown>;
  /** Experiment id -> the person's assignment (JSON-ready), for the ids asked that have one. */
  assigned: Record<string, unknown>;
}

/** The survey catalogue's raw material, as {@link TurnReads.surveys} asked for it. */
export interface SurveyMaterial {
  /** Survey id -> metadata (JSON-ready). */
  metas: Record<string, unknown>;
  /** `id@version` -> definition, for the versions the caller did not know. */
  versions: Record<string, unknown>;
  /** The counters whose names start with `survey:` (completions, for quotas). */
  counters: Record<string, number>;
}

/** A message handled before: who committed it and whether its replies went out. */
export interface HandledMessage {
  /** The stored replies; null once delivered (they are then dropped) or erased. */
  replies: unknown;
  /** The token of the attempt that committed it (see {@link TurnLease.token}). */
  owner: string;
  /** True once the channel confirmed the replies were sent. */
  delivered: boolean;
}

/** What a turn reads, in one round trip. */
export interface Snapshot {
  /** Bumped by every commit; a commit must name the version it started from. */
  version: number;
  conversation: unknown;
  profile: unknown;
  /** Set when this message id was handled before. */
  handled: HandledMessage | null;
  /**
   * Set when a lease was asked for and another turn of this person holds it or is ahead in
   * the queue: load again later. `position` counts the turns ahead (0: next).
   */
  waiting?: { position: number };
  /** Messages committed for this person in the current rate window (0 without a lease). */
  recent: number;
  /** What {@link TurnReads.surveys} asked for, when it was asked and the data was read. */
  surveys?: SurveyMaterial;
  /** The content overlay, when {@link TurnReads.overlay} asked and its version differs. */
  overlay?: OverlayMaterial;
  /** What {@link TurnReads.experiments} asked for. */
  experiments?: ExperimentMaterial;
}

/** A side effect committed atomically with the turn. */
export type Effect =
  /** Add to a named counter (shown in stats and the console). */
  | { kind: 'count'; counter: string; by?: number }
  /** Append an entry to a named, durable log (answers, audit). */
  | { kind: 'append'; log: string; entry: unknown }
  /** Keep what audiences filter on for a person (`user` is `channel:userId`); null removes. */
  | { kind: 'index_user'; user: string; data: unknown | null }
  /** Add a member to a named set (course subscribers, survey audiences). */
  | { kind: 'set_add'; set: string; member: string }
  /** Remove a member from a named set. */
  | { kind: 'set_remove'; set: string; member: string }
  /** Keep one person's record in a table (a survey response under their pseudonym). */
  | { kind: 'put_record'; table: string; key: string; value: unknown }
  /** Delete one person's record from a table (withdrawal, erasure). */
  | { kind: 'delete_record'; table: string; key: string }
  /**
   * Count a message in its day's figures (`day`: `2026-12-05`, see time-zone.ts): messages,
   * the person (`channel:userId`) as active once a day, and as new when `fresh`. Written to
   * the day's own keys (see keys.ts `dayStats`), never to the counters the load reads.
   */
  | { kind: 'day_stats'; day: string; person: string; fresh: boolean }
  /**
   * Assign a person (`key`, their pseudonym) to an arm of the experiment whose assignments
   * are in `table`, unless they have one: the next free place of their stratum's block,
   * picked by `draw` (see experiments/assign.ts). A no-op for someone assigned before, so a
   * re-delivered turn never assigns twice.
   */
  | {
      kind: 'assign_arm';
      table: string;
      key: string;
      stratum: string;
      draw: number;
      quotas: readonly (readonly [arm: string, places: number])[];
      at: number;
      /**
       * The person's entry in the audience index (`channel:userId`) and the experiment's id:
       * the arm is added to the entry's `experiments` (when it exists), so broadcasts and
       * invitations can target an arm at once.
       */
      index?: { user: string; experiment: string };
    };

/** Everything one turn writes, atomically. `null` deletes the value. */
export interface TurnWrite {
  expectedVersion: number;
  messageId: string;
  conversation: unknown | null;
  profile: unknown | null;
  /** Stored under the message id so a re-delivery gets the same answer and no new effect. */
  replies: unknown;
  effects: readonly Effect[];
  /** The lease token of the turn (released by the commit) and owner of the replies. */
  token?: string;
  /** The turn's time in milliseconds: the commit counts the message in its rate window. */
  at?: number;
  /**
   * Keep the lease this long after the commit, while the replies go out (channels that send
   * after the turn); {@link Store.markDelivered} gives it back. Absent: given back at once.
   */
  holdLeaseMs?: number;
  /** Leave conversation, profile and version as they are (a message over the rate limit). */
  keepState?: boolean;
  /**
   * Forget the person: besides conversation and profile, the version, the stored reply
   * bodies and the rate window go. Message ids stay (without content) to refuse re-deliveries.
   */
  erase?: boolean;
}

/** The outcome of a commit the caller must handle. */
export type CommitResult =
  { ok: true; version: number } | { ok: false; reason: 'conflict' | 'duplicate' };

/**
 * One person's turns: the shell's load and commit (see DESIGN.md section 5), and the
 * records of whether a turn's replies went out.
 */
export interface TurnStore {
  /**
   * Conversation, profile, version and any earlier handling of `messageId`. With a `lease`,
   * also takes the person's turn lease, or a place in the queue (`waiting`) when it is held;
   * a message handled before takes neither. `reads` adds what the turn needs besides
   * (returned only with the person's data, not for a handled or waiting message).
   */
  load(user: UserRef, messageId: string, lease?: TurnLease, reads?: TurnReads): Promise<Snapshot>;
  /**
   * Write a turn if the version is still `expectedVersion` and the message is new; in every
   * case give back the lease `write.token` holds.
   */
  commit(user: UserRef, write: TurnWrite): Promise<CommitResult>;
  /** Give back a lease without committing (the turn failed); a no-op unless `token` holds it. */
  releaseTurn(user: UserRef, token: string): Promise<void>;
  /**
   * The replies of `messageId` reached the person: drop their stored body, and give back the
   * lease its turn kept for the delivery.
   */
  markDelivered(user: UserRef, messageId: string): Promise<void>;
  /**
   * Take over the delivery of a message that `from` committed but never confirmed (its
   * isolate failed): true for exactly one caller; false once delivered or taken.
   */
  claimDelivery(user: UserRef, messageId: string, from: string, to: string): Promise<boolean>;
}
