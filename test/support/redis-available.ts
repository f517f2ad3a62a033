import { Redis } from 'ioredis';

const FALLBACK_REDIS_URL = 'redis://127.0.0.1:6379';
const PROBE_TIMEOUT_MS = 1000;

/** Returns the Redis URL tests should use, so every suite honours `REDIS_URL` the same way. */
export function defaultRedisUrl(): string {
  return process.env.REDIS_URL ?? FALLBACK_REDIS_URL;
}

/** Reports whether `process.env.CI` is set; `''`, `'0'` and `'false'` count as unset so a local `CI=false` does not force failures. */
export function isCi(): boolean {
  const value = process.env.CI;
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}

/** Resolves to true when a Redis server answers PING at `url` within about a second. */
export async function redisAvailable(url: string = defaultRedisUrl()): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: PROBE_TIMEOUT_MS,
    commandTimeout: PROBE_TIMEOUT_MS,
    // A probe must answer once, not keep reconnecting in the background.
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
  });
  // An unreachable server is an expected answer here, not an unhandled error event.
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/** Resolves to true when Redis is reachable, false when it is not (outside CI), and rejects when it is not reachable in CI so suites cannot silently skip there. */
export async function requireRedis(url: string = defaultRedisUrl()): Promise<boolean> {
  if (await redisAvailable(url)) {
    return true;
  }
  if (isCi()) {
    throw new Error(`Redis is required when CI is set, but ${url} is not reachable`);
  }
  return false;
}
