import { Redis as IORedis } from 'ioredis';
import { defaultRedisUrl } from './redis-available';

/**
 * Delete every key under `prefix` with SCAN (never KEYS, which blocks a shared Redis), so a
 * run leaves Redis as it found it. Opens its own connection unless one is given.
 */
export async function deleteByPrefix(prefix: string, client?: IORedis): Promise<void> {
  const redis =
    client ?? new IORedis(defaultRedisUrl(), { lazyConnect: true, maxRetriesPerRequest: 1 });
  if (!client) {
    redis.on('error', () => undefined);
    await redis.connect();
  }
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    if (!client) redis.disconnect();
  }
}
