import { SortedScan } from './memory-scan';
import { pickArm } from './block-pick';
import { BLOCK_FIELD_PREFIX, type Op } from './ops';

interface Entry<T> {
  value: T;
  expiresAt: number | undefined;
}

type Value = string | Map<string, string> | Set<string> | string[];

/**
 * The handful of Redis data types the memory store needs (strings with TTL, hashes, sets,
 * lists), with Redis's semantics for the commands we use. Process-local and synchronous,
 * so a sequence of calls without `await` between them is atomic.
 */
export class MemoryRedis {
  private readonly data = new Map<string, Entry<Value>>();
  private writes = 0;
  private readonly hashWrites = new Map<string, number>();
  private readonly scans = new SortedScan();

  constructor(private readonly now: () => number = Date.now) {}

  private entry(key: string): Value | undefined {
    const entry = this.data.get(key);
    if (entry?.expiresAt !== undefined && entry.expiresAt <= this.now()) {
      this.data.delete(key);
      return undefined;
    }
    return entry?.value;
  }

  private put(key: string, value: Value, ttlSeconds?: number): void {
    // Expired entries are dropped when read; a periodic sweep drops those never read again.
    if (++this.writes % 1000 === 0) this.sweep();
    this.data.set(key, {
      value,
      expiresAt: ttlSeconds === undefined ? undefined : this.now() + ttlSeconds * 1000,
    });
  }

  private sweep(): void {
    const at = this.now();
    for (const [key, entry] of this.data) {
      if (entry.expiresAt !== undefined && entry.expiresAt <= at) this.data.delete(key);
    }
  }

  private typed<T extends Value>(key: string, make: () => T, is: (v: Value) => v is T): T {
    const current = this.entry(key);
    if (current !== undefined && is(current)) return current;
    const fresh = make();
    this.put(key, fresh);
    return fresh;
  }

  private hash(key: string): Map<string, string> {
    // Every hash write goes through here: a sorted scan of this hash is redone after one.
    this.hashWrites.set(key, (this.hashWrites.get(key) ?? 0) + 1);
    return this.typed(
      key,
      () => new Map<string, string>(),
      (v): v is Map<string, string> => v instanceof Map,
    );
  }

  private set(key: string): Set<string> {
    return this.typed(
      key,
      () => new Set<string>(),
      (v): v is Set<string> => v instanceof Set,
    );
  }

  get(key: string): string | undefined {
    const value = this.entry(key);
    return typeof value === 'string' ? value : undefined;
  }

  setString(key: string, value: string, ttlSeconds?: number): void {
    this.put(key, value, ttlSeconds);
  }

  /** Replace a string's value and keep its expiry (SET with KEEPTTL). */
  setKeepTtl(key: string, value: string): void {
    const expiresAt = this.data.get(key)?.expiresAt;
    this.put(key, value);
    this.data.get(key)!.expiresAt = expiresAt;
  }

  del(key: string): void {
    this.data.delete(key);
  }

  /** How many fields a hash has (HLEN). */
  hlen(key: string): number {
    const value = this.entry(key);
    return value instanceof Map ? value.size : 0;
  }

  /** Add to an integer string, keeping its expiry (as INCRBY does); the new value. */
  incrby(key: string, by: number): number {
    const next = Number(this.get(key) ?? 0) + by;
    const expiresAt = this.data.get(key)?.expiresAt;
    this.put(key, String(next));
    this.data.get(key)!.expiresAt = expiresAt;
    return next;
  }

  /** Seconds left before the key expires: -1 without expiry, -2 when absent (as TTL does). */
  ttl(key: string): number {
    if (this.entry(key) === undefined) return -2;
    const expiresAt = this.data.get(key)?.expiresAt;
    return expiresAt === undefined ? -1 : Math.ceil((expiresAt - this.now()) / 1000);
  }

  /** Expire the key `seconds` from now (as EXPIRE does). */
  expire(key: string, seconds: number): void {
    const entry = this.data.get(key);
    if (entry && this.entry(key) !== undefined) entry.expiresAt = this.now() + seconds * 1000;
  }

  /** Every live key (KEYS *): for tests that check what is really kept. */
  *keys(): IterableIterator<string> {
    for (const key of this.data.keys()) if (this.entry(key) !== undefined) yield key;
  }

  exists(key: string): boolean {
    return this.entry(key) !== undefined;
  }

  hgetall(key: string): Record<string, string> {
    const value = this.entry(key);
    return value instanceof Map ? Object.fromEntries(value) : {};
  }

  hget(key: string, field: string): string | undefined {
    const value = this.entry(key);
    return value instanceof Map ? value.get(field) : undefined;
  }

  /** Set a field only if it is absent; true when it was set. */
  hsetnx(key: string, field: string, value: string): boolean {
    if (this.hget(key, field) !== undefined) return false;
    this.hash(key).set(field, value);
    return true;
  }

  /** A page of a hash's fields after `cursor` (see {@link SortedScan}). */
  hscan(
    key: string,
    cursor: string,
    count: number,
  ): { cursor: string; entries: [string, string][] } {
    const value = this.entry(key);
    if (!(value instanceof Map)) return { cursor: '0', entries: [] };
    return this.scans.page(value, this.hashWrites.get(key) ?? 0, cursor, count);
  }

  hincrby(key: string, field: string, by: number): number {
    const hash = this.hash(key);
    const next = Number(hash.get(field) ?? 0) + by;
    hash.set(field, String(next));
    return next;
  }

  smembers(key: string): string[] {
    const value = this.entry(key);
    return value instanceof Set ? [...value] : [];
  }

  sismember(key: string, member: string): boolean {
    const value = this.entry(key);
    return value instanceof Set && value.has(member);
  }

  /** Add a member; true when it was not there before. */
  sadd(key: string, member: string): boolean {
    const set = this.set(key);
    const added = !set.has(member);
    set.add(member);
    return added;
  }

  lrange(key: string, start: number, stop: number): string[] {
    const value = this.entry(key);
    if (!Array.isArray(value)) return [];
    const from = start < 0 ? Math.max(value.length + start, 0) : start;
    const to = stop < 0 ? value.length + stop : stop;
    return value.slice(from, to + 1);
  }

  /** Carry out one op of a commit (see ops.ts). */
  apply(op: Op): void {
    switch (op[0]) {
      case 'hincrby':
        this.hincrby(op[1], op[2], op[3]);
        return;
      case 'hset':
        this.hash(op[1]).set(op[2], op[3]);
        return;
      case 'hdel':
        this.hash(op[1]).delete(op[2]);
        return;
      case 'rpush': {
        const list = this.typed(
          op[1],
          () => [] as string[],
          (v): v is string[] => Array.isArray(v),
        );
        list.push(op[2]);
        return;
      }
      case 'sadd':
        this.sadd(op[1], op[2]);
        return;
      case 'srem':
        this.set(op[1]).delete(op[2]);
        return;
      case 'assign':
        this.assign(op[1], op[2], op[3]);
        return;
      case 'day':
        this.day(op[1], op[2], op[3]);
        return;
    }
  }

  /** The `day` op (see ops.ts): the same writes as the commit script. */
  private day(key: string, member: string, specJson: string): void {
    const spec = JSON.parse(specJson) as { p: string; n: number; t: number; pt: number };
    this.hincrby(key, 'messages', 1);
    if (spec.n === 1) this.hincrby(key, 'new', 1);
    if (this.sadd(spec.p, member)) this.hincrby(key, 'active', 1);
    this.expire(key, spec.t);
    this.expire(spec.p, spec.pt);
  }

  /** The `assign` op (see ops.ts and block-pick.ts): the same rule as the commit script. */
  private assign(key: string, member: string, specJson: string): void {
    const hash = this.hash(key);
    if (hash.has(member)) return;
    const spec = JSON.parse(specJson) as {
      s: string;
      r: number;
      q: [string, number][];
      at: number;
      u?: string;
      ref?: string;
      e?: string;
    };
    const blockField = BLOCK_FIELD_PREFIX + spec.s;
    const counts = JSON.parse(hash.get(blockField) ?? '[]') as number[];
    const { arm, counts: next } = pickArm(spec.q, counts, spec.r);
    hash.set(blockField, JSON.stringify(next));
    hash.set(member, JSON.stringify({ arm: spec.q[arm]![0], stratum: spec.s, at: spec.at }));
    const indexed = spec.u !== undefined && spec.ref !== undefined && this.hget(spec.u, spec.ref);
    if (indexed && spec.u !== undefined && spec.ref !== undefined && spec.e !== undefined) {
      const entry = JSON.parse(indexed) as { experiments?: Record<string, string> };
      entry.experiments = { ...entry.experiments, [spec.e]: spec.q[arm]![0] };
      this.hash(spec.u).set(spec.ref, JSON.stringify(entry));
    }
  }
}
