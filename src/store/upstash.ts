import { Redis } from '@upstash/redis/cloudflare';
import {
  CLAIM_DELIVERY_SCRIPT,
  COMMIT_SCRIPT,
  DELIVERED_SCRIPT,
  LOAD_SCRIPT,
  RELEASE_SCRIPT,
} from './commit-script';
import { OVERLAY_KINDS, type OverlayKinds, type OverlayMaterial } from './overlay';
import { upstashOverlay } from './upstash-overlay';
import { readHandled } from './handled';
import { effectOps, type Op } from './ops';
import { upstashCoordination } from './upstash-coordination';
import { pairs, upstashJobs } from './upstash-jobs';
import { upstashSurveys } from './upstash-surveys';
import { DEFAULT_PREFIX, DEFAULT_TTLS, keyNames, rateWindow, type TtlOptions } from './keys';
import {
  assertEffects,
  readDayStats,
  StoreUnavailableError,
  type CommitResult,
  type Snapshot,
  type Store,
  type ExperimentMaterial,
  type SurveyMaterial,
  type TurnLease,
  type TurnReads,
  type TurnWrite,
  type UserRef,
} from './port';

type LoadReply =
  | ['handled', string, string | null, string | null]
  | ['wait', number]
  | ['ok', string | null, string | null, string | null, string | null, ...(string | number)[]];

/**
 * Read the overlay part of a load reply (see LOAD_SCRIPT): its stored version and, when that
 * is not `known`, a counted run per kind. Returns it (undefined when current) and what follows.
 */
function overlayMaterial(
  rest: readonly (string | number)[],
  known: number,
): { overlay?: OverlayMaterial; rest: readonly (string | number)[] } {
  const version = Number(rest[0] ?? 0);
  if (version === known) return { rest: rest.slice(1) };
  let at = 1;
  const kinds = {} as OverlayKinds;
  for (const kind of OVERLAY_KINDS) {
    const count = Number(rest[at++]);
    const entries: Record<string, unknown> = {};
    for (let i = 0; i < count; i++, at += 2)
      entries[String(rest[at])] = JSON.parse(String(rest[at + 1])) as unknown;
    kinds[kind] = entries;
  }
  return { overlay: { version, kinds }, rest: rest.slice(at) };
}

/** Read the survey catalogue's three counted runs of field/value pairs (see LOAD_SCRIPT). */
function loadMaterial(
  rest: readonly (string | number)[],
  reads: TurnReads | undefined,
): { surveys?: SurveyMaterial; experiments?: ExperimentMaterial } {
  let at = 0;
  const run = (): [string, string][] => {
    const count = Number(rest[at++]);
    const pairs: [string, string][] = [];
    for (let i = 0; i < count; i++, at += 2) pairs.push([String(rest[at]), String(rest[at + 1])]);
    return pairs;
  };
  const parsed = (entries: [string, string][]) =>
    Object.fromEntries(entries.map(([k, v]) => [k, JSON.parse(v) as unknown]));
  const out: { surveys?: SurveyMaterial; experiments?: ExperimentMaterial } = {};
  if (reads?.surveys) {
    const metas = parsed(run());
    const versions = parsed(run());
    const counters = Object.fromEntries(run().map(([k, v]) => [k, Number(v)]));
    out.surveys = { metas, versions, counters };
  }
  if (reads?.experiments) out.experiments = { definitions: parsed(run()), assigned: parsed(run()) };
  return out;
}

/** Options of {@link createUpstashStore}. */
export interface UpstashStoreOptions {
  url: string;
  token: string;
  prefix?: string;
  ttl?: TtlOptions;
  /** Per-request timeout; a dead store must fail well inside WeChat's 5 s. */
  timeoutMs?: number;
  /** Retries after a network error (the client's default of 5 with exp backoff takes >10 s). */
  retries?: number;
}

/** Lay ops out for the commit script: distinct keys after the fixed ones, four args per op. */
function scriptArgs(ops: readonly Op[], fixedKeys: number): { keys: string[]; args: string[] } {
  const keys: string[] = [];
  const args = ops.flatMap(([name, key, a, b]) => {
    let index = keys.indexOf(key);
    if (index < 0) index = keys.push(key) - 1;
    // An assignment may also touch the audience index, whose key is in its spec: declare it.
    const also =
      name === 'assign'
        ? (JSON.parse(String(b)) as { u?: string }).u
        : name === 'day'
          ? (JSON.parse(String(b)) as { p: string }).p
          : undefined;
    if (also !== undefined && !keys.includes(also)) keys.push(also);
    return [name, String(fixedKeys + index + 1), String(a), b === undefined ? '' : String(b)];
  });
  return { keys, args: [String(ops.length), ...args] };
}

/**
 * The production store on Upstash Redis over REST. One command per load and one per
 * commit (EVALSHA of the turn scripts), so a turn costs two round trips.
 */
export function createUpstashStore(options: UpstashStoreOptions): Store {
  const timeoutMs = options.timeoutMs ?? 1500;
  const redis = new Redis({
    url: options.url,
    token: options.token,
    // We serialise ourselves: the default JSON-parses values, so "123" would read back as 123.
    automaticDeserialization: false,
    enableTelemetry: false,
    enableAutoPipelining: false,
    retry: { retries: options.retries ?? 1, backoff: () => 50 },
    signal: () => AbortSignal.timeout(timeoutMs),
  });
  const loadScript = redis.createScript<LoadReply>(LOAD_SCRIPT);
  const commitScript = redis.createScript<[number, number | string]>(COMMIT_SCRIPT);
  const deliveredScript = redis.createScript<number>(DELIVERED_SCRIPT);
  const claimScript = redis.createScript<number>(CLAIM_DELIVERY_SCRIPT);
  const releaseScript = redis.createScript<number>(RELEASE_SCRIPT);
  const keys = keyNames(options.prefix ?? DEFAULT_PREFIX);
  const ttl = options.ttl ?? DEFAULT_TTLS;

  const call = async <T>(what: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw new StoreUnavailableError(`upstash ${what} failed: ${(error as Error).message}`, {
        cause: error,
      });
    }
  };
  const json = (raw: string | null | undefined): unknown =>
    raw === null || raw === undefined ? null : JSON.parse(raw);

  return {
    kind: 'upstash',
    async load(
      user: UserRef,
      messageId: string,
      lease?: TurnLease,
      reads?: TurnReads,
    ): Promise<Snapshot> {
      const now = lease?.now ?? 0;
      const turnKeys = [
        keys.version(user),
        keys.conversation(user),
        keys.profile(user),
        keys.handled(user, messageId),
        keys.replies(user),
        keys.lease(user),
        keys.queue(user),
        keys.queueAlive(user),
        keys.rate(user, rateWindow(now)),
        keys.surveys(),
        keys.surveyVersions(),
        keys.counters(),
        keys.experiments(),
        ...(reads?.experiments?.ids ?? []).map((id) => keys.assignments(id)),
        keys.overlayVersion(),
        ...OVERLAY_KINDS.map((kind) => keys.overlay(kind)),
      ];
      const args = [
        messageId,
        lease?.token ?? '',
        String(now),
        String(lease?.leaseMs ?? 0),
        String(lease?.waiterMs ?? 0),
        reads?.surveys ? '1' : '',
        reads?.experiments?.pseudonym ?? '',
        String(reads?.experiments?.ids.length ?? 0),
        reads?.overlay ? String(reads.overlay.knownVersion) : '',
        ...(reads?.experiments?.ids ?? []),
        ...(reads?.surveys?.knownVersions ?? []),
      ];
      const reply = await call('load', () => loadScript.exec(turnKeys, args));
      const base = { version: 0, conversation: null, profile: null, handled: null, recent: 0 };
      if (reply[0] === 'handled') {
        return { ...base, profile: json(reply[3]), handled: readHandled(reply[1], reply[2]) };
      }
      if (reply[0] === 'wait') return { ...base, waiting: { position: Number(reply[1]) } };
      const [, version, conversation, profile, recent, ...after] = reply;
      const { overlay, rest } = reads?.overlay
        ? overlayMaterial(after, reads.overlay.knownVersion)
        : { overlay: undefined, rest: after };
      return {
        version: Number(version ?? 0),
        conversation: json(conversation),
        profile: json(profile),
        handled: null,
        recent: lease ? Number(recent ?? 0) : 0,
        ...loadMaterial(rest, reads),
        ...(overlay ? { overlay } : {}),
      };
    },
    async commit(user: UserRef, write: TurnWrite): Promise<CommitResult> {
      assertEffects(write.effects);
      const fixed = [
        keys.version(user),
        keys.conversation(user),
        keys.profile(user),
        keys.handled(user, write.messageId),
        keys.replies(user),
        keys.lease(user),
        keys.rate(user, rateWindow(write.at ?? 0)),
      ];
      const { keys: extra, args } = scriptArgs(effectOps(write.effects, keys), fixed.length);
      const mode = write.erase ? 'erase' : write.keepState ? 'keep' : '';
      const [ok, detail] = await call('commit', () =>
        commitScript.exec(
          [...fixed, ...extra],
          [
            String(write.expectedVersion),
            write.conversation === null ? '' : JSON.stringify(write.conversation),
            String(ttl.conversationSeconds),
            write.profile === null ? '' : JSON.stringify(write.profile),
            JSON.stringify(write.replies),
            String(ttl.handledSeconds),
            write.messageId,
            write.token ?? '',
            mode,
            write.at === undefined ? '' : '1',
            String(write.holdLeaseMs ?? 0),
            ...args,
          ],
        ),
      );
      if (Number(ok) === 1) return { ok: true, version: Number(detail) };
      return { ok: false, reason: detail === 'duplicate' ? 'duplicate' : 'conflict' };
    },
    async releaseTurn(user: UserRef, token: string) {
      await call('releaseTurn', () => releaseScript.exec([keys.lease(user)], [token]));
    },
    async markDelivered(user: UserRef, messageId: string) {
      await call('markDelivered', () =>
        deliveredScript.exec(
          [keys.handled(user, messageId), keys.replies(user), keys.lease(user)],
          [messageId],
        ),
      );
    },
    async claimDelivery(user: UserRef, messageId: string, from: string, to: string) {
      const won = await call('claimDelivery', () =>
        claimScript.exec([keys.handled(user, messageId)], [from, to]),
      );
      return Number(won) === 1;
    },
    async counters() {
      const flat = await call('counters', () => redis.hgetall(keys.counters()));
      return Object.fromEntries(Object.entries(pairs(flat)).map(([k, v]) => [k, Number(v)]));
    },
    async readLog(log: string, limit = 100) {
      if (limit <= 0) return [];
      const raw = await call('readLog', () => redis.lrange<string>(keys.log(log), -limit, -1));
      return raw.map((entry) => JSON.parse(entry) as unknown);
    },
    async dayStats(days: readonly string[]) {
      if (days.length === 0) return {};
      const tx = redis.pipeline();
      for (const day of days) tx.hgetall(keys.dayStats(day));
      const hashes = await call('dayStats', () => tx.exec<unknown[]>());
      return Object.fromEntries(days.map((d, i) => [d, readDayStats(pairs(hashes[i]))]));
    },
    async scanUsers(cursor: string, count = 500) {
      const [next, flat] = await call('scanUsers', () =>
        redis.hscan(keys.users(), cursor, { count }),
      );
      const users = Object.entries(pairs(flat)).map(([ref, raw]) => ({
        ref,
        data: JSON.parse(raw) as unknown,
      }));
      return { cursor: String(next), users };
    },
    async setMembers(set: string) {
      return call('setMembers', () => redis.smembers<string[]>(keys.set(set)));
    },
    ...upstashJobs(redis, keys, call),
    ...upstashSurveys(redis, keys, call),
    ...upstashCoordination(redis, keys, call),
    ...upstashOverlay(redis, keys, call),
    async ping() {
      try {
        return (await redis.ping()) === 'PONG';
      } catch {
        return false;
      }
    },
  };
}
