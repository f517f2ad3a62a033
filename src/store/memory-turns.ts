import { readHandled } from './handled';
import { MAX_STORED_REPLIES, rateWindow, type KeyNames, type TtlOptions } from './keys';
import { memoryOverlayMaterial } from './memory-overlay';
import type { MemoryRedis } from './memory-redis';
import { effectOps } from './ops';
import {
  assertEffects,
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

interface Waiter {
  ticket: number;
  aliveUntil: number;
}

/** One person's lease and queue (process-local, like the rest of the memory store). */
interface Line {
  holder?: { token: string; until: number };
  waiters: Map<string, Waiter>;
  tickets: number;
}

type TurnMethods = Pick<
  Store,
  'load' | 'commit' | 'releaseTurn' | 'markDelivered' | 'claimDelivery'
>;

/**
 * Turns over the memory data, with the semantics of the Upstash scripts (commit-script.ts):
 * the lease and its queue in arrival order, the version check, handled markers apart from
 * their replies, the rate window and erasure. Each method runs without an `await` inside,
 * so it is atomic in a single-threaded isolate.
 */
export function memoryTurns(
  db: MemoryRedis,
  keys: KeyNames,
  ttl: TtlOptions,
  now: () => number,
): TurnMethods {
  const lines = new Map<string, Line>();
  const json = (raw: string | undefined): unknown => (raw === undefined ? null : JSON.parse(raw));
  const lineOf = (user: UserRef): Line => {
    const name = keys.lease(user);
    let line = lines.get(name);
    if (!line) {
      line = { waiters: new Map(), tickets: 0 };
      lines.set(name, line);
    }
    return line;
  };

  /** True when `lease.token` may run now; otherwise it keeps (or takes) a place in line. */
  function enter(line: Line, lease: TurnLease): { position: number } | undefined {
    const holder = line.holder && line.holder.until > now() ? line.holder.token : undefined;
    if (holder === lease.token) return undefined;
    if (holder === undefined) {
      const order = () => [...line.waiters].sort((a, b) => a[1].ticket - b[1].ticket);
      let head = order()[0];
      while (head && head[0] !== lease.token && head[1].aliveUntil < lease.now) {
        line.waiters.delete(head[0]);
        head = order()[0];
      }
      if (!head || head[0] === lease.token) {
        line.holder = { token: lease.token, until: now() + lease.leaseMs };
        line.waiters.delete(lease.token);
        return undefined;
      }
    }
    const mine = line.waiters.get(lease.token);
    const ticket = mine?.ticket ?? ++line.tickets;
    line.waiters.set(lease.token, { ticket, aliveUntil: lease.now + lease.waiterMs });
    const position = [...line.waiters.values()].filter((w) => w.ticket < ticket).length;
    return { position };
  }

  function holderOf(user: UserRef): string | undefined {
    const holder = lines.get(keys.lease(user))?.holder;
    return holder && holder.until > now() ? holder.token : undefined;
  }

  /** Give the lease back, or with `holdMs`, keep it that much longer (for a delivery). */
  function release(user: UserRef, token: string | undefined, holdMs = 0): void {
    const line = lines.get(keys.lease(user));
    if (!line || token === undefined || token === '') return;
    if (line.holder?.token === token) {
      line.holder = holdMs > 0 ? { token, until: now() + holdMs } : undefined;
    }
    if (line.waiters.size === 0 && line.holder === undefined) lines.delete(keys.lease(user));
  }

  /** The survey catalogue's material, as the Upstash load script reads it. */
  function surveyMaterial(known: readonly string[]): SurveyMaterial {
    const parsed = (entries: [string, string][]) =>
      Object.fromEntries(entries.map(([k, v]) => [k, JSON.parse(v) as unknown]));
    const versions = Object.entries(db.hgetall(keys.surveyVersions()));
    return {
      metas: parsed(Object.entries(db.hgetall(keys.surveys()))),
      versions: parsed(versions.filter(([field]) => !known.includes(field))),
      counters: Object.fromEntries(
        Object.entries(db.hgetall(keys.counters()))
          .filter(([name]) => name.startsWith('survey:'))
          .map(([name, value]) => [name, Number(value)]),
      ),
    };
  }

  /** The experiments and the person's assignments, as the Upstash load script reads them. */
  function experimentMaterial(asked: NonNullable<TurnReads['experiments']>): ExperimentMaterial {
    const assigned: Record<string, unknown> = {};
    for (const id of asked.ids) {
      const raw = db.hget(keys.assignments(id), asked.pseudonym);
      if (raw !== undefined) assigned[id] = JSON.parse(raw);
    }
    const definitions = Object.entries(db.hgetall(keys.experiments()));
    return {
      definitions: Object.fromEntries(definitions.map(([id, raw]) => [id, JSON.parse(raw)])),
      assigned,
    };
  }

  return {
    async load(
      user: UserRef,
      messageId: string,
      lease?: TurnLease,
      reads?: TurnReads,
    ): Promise<Snapshot> {
      const base = { version: 0, conversation: null, profile: null, handled: null, recent: 0 };
      const marker = db.get(keys.handled(user, messageId));
      // Still being delivered by the turn that committed it: a re-delivery waits in line.
      const owner = marker?.startsWith('o:') === true ? marker.slice(2) : undefined;
      const delivering =
        owner !== undefined &&
        lease !== undefined &&
        owner !== lease.token &&
        holderOf(user) === owner;
      if (marker !== undefined && !delivering) {
        // A place this message held in line (it waited for its own delivery) is given up.
        if (lease) lines.get(keys.lease(user))?.waiters.delete(lease.token);
        const replies = db.hget(keys.replies(user), messageId);
        return {
          ...base,
          profile: json(db.get(keys.profile(user))),
          handled: readHandled(marker, replies),
        };
      }
      if (lease) {
        const waiting = enter(lineOf(user), lease);
        if (waiting) return { ...base, waiting };
      }
      const overlay = reads?.overlay ? memoryOverlayMaterial(db, keys) : undefined;
      return {
        version: Number(db.get(keys.version(user)) ?? 0),
        conversation: json(db.get(keys.conversation(user))),
        profile: json(db.get(keys.profile(user))),
        handled: null,
        recent: lease ? Number(db.get(keys.rate(user, rateWindow(lease.now))) ?? 0) : 0,
        ...(reads?.surveys ? { surveys: surveyMaterial(reads.surveys.knownVersions) } : {}),
        ...(overlay && overlay.version !== reads?.overlay?.knownVersion ? { overlay } : {}),
        ...(reads?.experiments ? { experiments: experimentMaterial(reads.experiments) } : {}),
      };
    },

    async commit(user: UserRef, write: TurnWrite): Promise<CommitResult> {
      assertEffects(write.effects);
      release(user, write.token, write.holdLeaseMs);
      if (db.exists(keys.handled(user, write.messageId))) return { ok: false, reason: 'duplicate' };
      let version = Number(db.get(keys.version(user)) ?? 0);
      if (!write.keepState && version !== write.expectedVersion)
        return { ok: false, reason: 'conflict' };
      const rate = keys.rate(user, rateWindow(write.at ?? 0));
      if (write.erase) {
        for (const key of [keys.version(user), keys.conversation(user), keys.profile(user)])
          db.del(key);
        db.del(keys.replies(user));
        db.del(rate);
        version = 0;
      } else if (!write.keepState) {
        version += 1;
        db.setString(keys.version(user), String(version), ttl.conversationSeconds);
        if (write.conversation === null) db.del(keys.conversation(user));
        else
          db.setString(
            keys.conversation(user),
            JSON.stringify(write.conversation),
            ttl.conversationSeconds,
          );
        if (write.profile === null) db.del(keys.profile(user));
        else db.setString(keys.profile(user), JSON.stringify(write.profile));
      }
      db.setString(
        keys.handled(user, write.messageId),
        `o:${write.token ?? ''}`,
        ttl.handledSeconds,
      );
      if (!write.erase) {
        if (db.hlen(keys.replies(user)) >= MAX_STORED_REPLIES) db.del(keys.replies(user));
        db.apply(['hset', keys.replies(user), write.messageId, JSON.stringify(write.replies)]);
        db.expire(keys.replies(user), ttl.handledSeconds);
        if (write.at !== undefined) {
          db.incrby(rate, 1);
          db.expire(rate, 120);
        }
      }
      for (const op of effectOps(write.effects, keys)) db.apply(op);
      return { ok: true, version };
    },

    async releaseTurn(user: UserRef, token: string) {
      release(user, token);
    },

    async markDelivered(user: UserRef, messageId: string) {
      const key = keys.handled(user, messageId);
      const marker = db.get(key);
      if (marker?.startsWith('o:')) {
        db.setKeepTtl(key, `d:${marker.slice(2)}`);
        release(user, marker.slice(2));
      }
      db.apply(['hdel', keys.replies(user), messageId]);
    },

    async claimDelivery(user: UserRef, messageId: string, from: string, to: string) {
      const key = keys.handled(user, messageId);
      if (db.get(key) !== `o:${from}`) return false;
      db.setKeepTtl(key, `o:${to}`);
      return true;
    },
  };
}
