import { randomUUID } from 'node:crypto';
import { Redis as IORedis } from 'ioredis';
import { afterAll, beforeAll, describe } from 'vitest';
import type { Store } from '../../src/store/port';
import { createUpstashStore } from '../../src/store/upstash';
import { defaultRedisUrl, requireRedis } from './redis-available';
import { startUpstashBridge, type UpstashBridge } from './upstash-bridge';

/**
 * Declare `suite` over the real `@upstash/redis` client talking to a real Redis through the
 * local REST bridge. Each store the factory makes has its own key prefix under `tag`; every
 * key is deleted after the file. Without Redis the block is skipped, except under CI, where
 * `requireRedis` fails instead.
 */
export async function describeOverRealRedis(
  title: string,
  tag: string,
  suite: (makeStore: () => Store) => void,
): Promise<void> {
  const redis = await requireRedis();
  describe.runIf(redis)(title, () => {
    let bridge: UpstashBridge;
    let raw: IORedis;
    const prefix = `test:${tag}:${randomUUID()}:`;
    let run = 0;
    beforeAll(async () => {
      bridge = await startUpstashBridge();
      raw = new IORedis(defaultRedisUrl());
    });
    afterAll(async () => {
      const keys = await raw.keys(`${prefix}*`);
      if (keys.length > 0) await raw.del(...keys);
      await raw.quit();
      await bridge.close();
    });
    suite(() =>
      createUpstashStore({
        url: bridge.url,
        token: bridge.token,
        prefix: `${prefix}${run++}:`,
        timeoutMs: 15_000,
      }),
    );
  });
}
