import { randomUUID } from 'node:crypto';
import { Redis } from '@upstash/redis';
import { Redis as IORedis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultRedisUrl, requireRedis } from './redis-available.js';
import { startUpstashBridge, type UpstashBridge } from './upstash-bridge.js';

const redisReachable = await requireRedis();
if (!redisReachable) {
  console.warn(
    `Skipping upstash-bridge tests: Redis is not reachable at ${defaultRedisUrl()} ` +
      '(start Redis or set REDIS_URL; with CI set this is a failure instead).',
  );
}
const suite = redisReachable ? describe : describe.skip;

const prefix = `test:upstash-bridge:${randomUUID()}:`;

/** Namespaces a key under this run's prefix so parallel runs never collide. */
function key(name: string): string {
  return `${prefix}${name}`;
}

/** Deletes this run's keys with SCAN, which unlike KEYS does not block a shared Redis. */
async function deleteByPrefix(client: IORedis): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    if (keys.length > 0) {
      await client.del(...keys);
    }
    cursor = next;
  } while (cursor !== '0');
}

interface RawResponse {
  status: number;
  body: unknown;
}

suite('upstash bridge driven by the real @upstash/redis client', () => {
  let bridge: UpstashBridge;
  let redis: Redis;
  let deserializing: Redis;
  let raw: IORedis;

  /** Posts straight to the bridge so protocol details the client hides can be asserted. */
  async function post(
    path: string,
    body: string,
    headers: Record<string, string> = {},
  ): Promise<RawResponse> {
    const response = await fetch(`${bridge.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bridge.token}`, ...headers },
      body,
    });
    return { status: response.status, body: JSON.parse(await response.text()) };
  }

  beforeAll(async () => {
    bridge = await startUpstashBridge();
    redis = new Redis({
      url: bridge.url,
      token: bridge.token,
      automaticDeserialization: false,
      enableTelemetry: false,
    });
    deserializing = new Redis({ url: bridge.url, token: bridge.token, enableTelemetry: false });
    raw = new IORedis(defaultRedisUrl());
  });

  afterAll(async () => {
    await deleteByPrefix(raw);
    await raw.quit();
    await bridge.close();
  });

  it('round-trips strings byte-for-byte with automaticDeserialization off', async () => {
    const values = ['hello', 'héllo wörld 你好 🚀 👨‍👩‍👧', '123', '{"a":1}', 'OK', '', 'null', 'true'];
    for (const [index, value] of values.entries()) {
      expect(await redis.set(key(`str:${index}`), value)).toBe('OK');
      expect(await redis.get<string>(key(`str:${index}`))).toBe(value);
      expect(await raw.getBuffer(key(`str:${index}`))).toEqual(Buffer.from(value, 'utf8'));
    }
  });

  it('JSON-parses replies when automaticDeserialization is left on (the default)', async () => {
    // The default client JSON.parses every reply, so numeric-looking strings come back as numbers.
    await redis.set(key('auto:number'), '123');
    await redis.set(key('auto:json'), '{"a":1}');
    await redis.set(key('auto:text'), 'plain text');
    expect(await deserializing.get(key('auto:number'))).toBe(123);
    expect(await deserializing.get(key('auto:json'))).toEqual({ a: 1 });
    expect(await deserializing.get(key('auto:text'))).toBe('plain text');
  });

  it('returns integer replies as numbers and missing values as null', async () => {
    expect(await redis.incr(key('counter'))).toBe(1);
    expect(await redis.incrby(key('counter'), 41)).toBe(42);
    expect(await redis.get(key('missing'))).toBeNull();
  });

  it('returns arrays with nulls, including an "OK" value inside an array', async () => {
    await redis.set(key('arr:a'), 'a');
    await redis.set(key('arr:ok'), 'OK');
    expect(await redis.mget(key('arr:a'), key('arr:missing'), key('arr:ok'))).toEqual([
      'a',
      null,
      'OK',
    ]);
  });

  it('returns HGETALL as a flat array raw, and as a parsed object by default', async () => {
    await redis.hset(key('hash'), { name: 'Zhang 张', count: '123' });
    expect(await redis.hgetall(key('hash'))).toEqual(['name', 'Zhang 张', 'count', '123']);
    expect(await deserializing.hgetall(key('hash'))).toEqual({ name: 'Zhang 张', count: 123 });
  });

  it('applies SET EX so TTL reports the remaining seconds', async () => {
    await redis.set(key('ttl'), 'v', { ex: 100 });
    const ttl = await redis.ttl(key('ttl'));
    expect(ttl).toBeGreaterThan(95);
    expect(ttl).toBeLessThanOrEqual(100);
    expect(await redis.ttl(key('ttl:missing'))).toBe(-2);
  });

  it('evaluates Lua returning a nested table with a status reply inside', async () => {
    const script = "return {1, 'two', {3, 'four'}, redis.call('SET', KEYS[1], ARGV[1]), ARGV[1]}";
    expect(await redis.eval(script, [key('lua')], ['ünï'])).toEqual([
      1,
      'two',
      [3, 'four'],
      'OK',
      'ünï',
    ]);
  });

  it('lets Script fall back from EVALSHA to EVAL on NOSCRIPT, then reuse the cached script', async () => {
    await raw.call('SCRIPT', 'FLUSH');
    const script = redis.createScript<string>("return ARGV[1] .. '@' .. KEYS[1]");
    const before = bridge.commands;
    expect(await script.exec([key('script')], ['first'])).toBe(`first@${key('script')}`);
    expect(bridge.commands - before).toBe(2);
    const cached = bridge.commands;
    expect(await script.exec([key('script')], ['second'])).toBe(`second@${key('script')}`);
    expect(bridge.commands - cached).toBe(1);
  });

  it('sends a three-command pipeline in exactly one HTTP request', async () => {
    const requests = bridge.requests;
    const commands = bridge.commands;
    const results = await redis
      .pipeline()
      .set(key('pipe'), 'v')
      .incr(key('pipe:n'))
      .get(key('pipe'))
      .exec();
    expect(results).toEqual(['OK', 1, 'v']);
    expect(bridge.requests - requests).toBe(1);
    expect(bridge.commands - commands).toBe(3);
  });

  it('runs multi() as a transaction in one HTTP request', async () => {
    const requests = bridge.requests;
    const results = await redis
      .multi()
      .set(key('multi'), 'v')
      .incr(key('multi:n'))
      .get(key('multi'))
      .exec();
    expect(results).toEqual(['OK', 1, 'v']);
    expect(bridge.requests - requests).toBe(1);
  });

  it('keeps concurrent transactions atomic', async () => {
    const pairs = await Promise.all(
      Array.from({ length: 25 }, () =>
        redis.multi().incr(key('atomic')).incr(key('atomic')).exec<[number, number]>(),
      ),
    );
    for (const [first, second] of pairs) {
      expect(first % 2).toBe(1);
      expect(second).toBe(first + 1);
    }
  });

  it('rejects with the Redis error message', async () => {
    await redis.set(key('not-int'), 'abc');
    await expect(redis.incr(key('not-int'))).rejects.toMatchObject({
      name: 'UpstashError',
      message: expect.stringContaining('ERR value is not an integer or out of range'),
    });
  });

  it('reports per-command errors in pipelines and transactions', async () => {
    await redis.set(key('pipe-err'), 'abc');
    await expect(
      redis.pipeline().get(key('pipe-err')).incr(key('pipe-err')).exec(),
    ).rejects.toThrow('Command 2 [ incr ] failed: ERR value is not an integer or out of range');
    const kept = await redis
      .multi()
      .get(key('pipe-err'))
      .incr(key('pipe-err'))
      .exec({ keepErrors: true });
    expect(kept[0]).toEqual({ result: 'abc', error: undefined });
    expect(kept[1].error).toContain('ERR value is not an integer');
  });

  it('rejects a client holding the wrong token', async () => {
    const intruder = new Redis({ url: bridge.url, token: 'wrong', enableTelemetry: false });
    await expect(intruder.get(key('anything'))).rejects.toThrow('Unauthorized');
  });

  describe('wire protocol', () => {
    it('answers 401 without a token and 400 for malformed JSON', async () => {
      const anonymous = await fetch(bridge.url, { method: 'POST', body: '["PING"]' });
      expect(anonymous.status).toBe(401);
      expect(await anonymous.json()).toEqual({ error: 'Unauthorized' });
      const malformed = await post('/', '["GET", ');
      expect(malformed.status).toBe(400);
      expect(malformed.body).toMatchObject({ error: expect.stringContaining('JSON') });
    });

    it('answers a Redis error with 400 and NOSCRIPT for an unknown sha', async () => {
      const sha = '0'.repeat(40);
      const response = await post('/', JSON.stringify(['EVALSHA', sha, 0]));
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ error: expect.stringContaining('NOSCRIPT') });
    });

    it('base64-encodes exact bytes, keeps a top-level "OK" plain, and keeps ints and nil', async () => {
      await raw.set(key('bytes'), Buffer.from([0xff, 0x00, 0xfe]));
      const base64 = { 'upstash-encoding': 'base64' };
      expect(await post('/', JSON.stringify(['SET', key('ok'), 'OK']), base64)).toEqual({
        status: 200,
        body: { result: 'OK' },
      });
      expect((await post('/', JSON.stringify(['GET', key('bytes')]), base64)).body).toEqual({
        result: '/wD+',
      });
      expect((await post('/', JSON.stringify(['INCR', key('n')]), base64)).body).toEqual({
        result: 1,
      });
      const mget = await post('/', JSON.stringify(['MGET', key('ok'), key('nope')]), base64);
      // Inside arrays the client base64-decodes every string, so "OK" must be encoded there.
      expect(mget.body).toEqual({ result: ['T0s=', null] });
    });

    it('sends plain UTF-8 strings without the base64 header', async () => {
      await raw.set(key('plain'), 'héllo 🚀');
      expect((await post('/', JSON.stringify(['GET', key('plain')]))).body).toEqual({
        result: 'héllo 🚀',
      });
    });

    it('runs /pipeline commands independently but discards a /multi-exec on a queueing error', async () => {
      const commands = (name: string): string =>
        JSON.stringify([
          ['SET', key(name), '1'],
          ['SET', key(name)],
        ]);
      const pipeline = await post('/pipeline', commands('pipe-syntax'));
      expect(pipeline.status).toBe(200);
      expect(pipeline.body).toEqual([
        { result: 'OK' },
        { error: expect.stringContaining('wrong number of arguments') },
      ]);
      expect(await raw.get(key('pipe-syntax'))).toBe('1');
      const multi = await post('/multi-exec', commands('multi-syntax'));
      expect(multi.status).toBe(400);
      expect(multi.body).toMatchObject({ error: expect.stringContaining('EXECABORT') });
      expect(await raw.exists(key('multi-syntax'))).toBe(0);
    });
  });
});
