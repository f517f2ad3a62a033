import { randomUUID } from 'node:crypto';
import { Redis as IORedis } from 'ioredis';
import { FakeBotApi, startBotApiServer } from '../support/bot-api.js';
import { defaultRedisUrl, requireRedis } from '../support/redis-available.js';
import { startUpstashBridge, type UpstashBridge } from '../support/upstash-bridge.js';
import { FakeWechatApi, startWechatApiServer, WechatSender } from '../support/wechat-api.js';
import { startWranglerDev, type WranglerDev } from '../support/wrangler-dev.js';
import { startFaultProxy, type FaultProxy } from './fault-proxy.js';
import { deleteByPrefix } from '../support/redis-keys.js';

/**
 * The real bundle in workerd with every channel on: Telegram and WeChat talk to stand-ins on
 * loopback, the admin API takes {@link ADMIN_TOKEN}, and the store is real Redis through the
 * Upstash bridge, reached through a {@link FaultProxy} so a test can break it.
 */
export interface FaultWorld {
  readonly worker: WranglerDev;
  readonly proxy: FaultProxy;
  readonly bridge: UpstashBridge;
  readonly bot: FakeBotApi;
  readonly wechat: FakeWechatApi;
  readonly wechatSender: WechatSender;
  /** Direct access to the Redis behind the bridge, to check what was (not) written. */
  readonly redis: IORedis;
  /** This run's key prefix; everything under it is deleted by `stop`. */
  readonly prefix: string;
  stop(): Promise<void>;
}

/** The webhook secret the Worker checks on `/telegram/webhook`. */
export const TELEGRAM_SECRET = 'faults-telegram-secret';
/** An admin token (all roles' routes). */
export const ADMIN_TOKEN = 'faults-admin-token-0123456789';
/** The WeChat account the Worker is configured with. */
export const WECHAT_ACCOUNT = {
  token: 'faultstoken',
  appId: 'wxfaults000000001',
  encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  original: 'gh_faults',
};

/**
 * True when the suite can run (Redis is reachable); false outside CI without Redis, with a
 * warning; rejects in CI without Redis, so the suites fail there instead of skipping.
 */
export async function faultSuitesCanRun(suite: string): Promise<boolean> {
  const reachable = await requireRedis();
  if (!reachable) {
    console.warn(
      `Skipping ${suite}: Redis is not reachable at ${defaultRedisUrl()} ` +
        '(start Redis or set REDIS_URL; with CI set this is a failure instead).',
    );
  }
  return reachable;
}

/** Start everything; `vars` adds to (or overrides) the Worker's environment. */
export async function startFaultWorld(
  name: string,
  vars: Record<string, string> = {},
): Promise<FaultWorld> {
  const prefix = `test:faults-${name}:${randomUUID()}:`;
  const bot = new FakeBotApi();
  const wechat = new FakeWechatApi();
  const bridge = await startUpstashBridge();
  const proxy = await startFaultProxy(bridge.url);
  const botServer = await startBotApiServer(bot);
  const wechatServer = await startWechatApiServer(wechat);
  const redis = new IORedis(defaultRedisUrl(), { lazyConnect: true, maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined);
  const closeStandIns = async () => {
    await proxy.close();
    await bridge.close();
    await botServer.close();
    await wechatServer.close();
  };
  let worker: WranglerDev;
  try {
    await redis.connect();
    worker = await startWranglerDev({
      vars: {
        APP_ENV: 'development',
        UPSTASH_REDIS_REST_URL: proxy.url,
        UPSTASH_REDIS_REST_TOKEN: bridge.token,
        STORE_PREFIX: prefix,
        TELEGRAM_BOT_TOKEN: '4242:FAULTS',
        TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET,
        TELEGRAM_BOT_INFO: JSON.stringify({
          id: 4242,
          is_bot: true,
          first_name: 'Village',
          username: 'village_faults_bot',
        }),
        TELEGRAM_API_ROOT: botServer.url,
        WECHAT_TOKEN: WECHAT_ACCOUNT.token,
        WECHAT_APP_ID: WECHAT_ACCOUNT.appId,
        WECHAT_APP_SECRET: 'faults-wechat-secret',
        WECHAT_ENCODING_AES_KEY: WECHAT_ACCOUNT.encodingAesKey,
        WECHAT_API_ROOT: wechatServer.url,
        ADMIN_TOKENS: `admin:${ADMIN_TOKEN}`,
        ...vars,
      },
    });
  } catch (error) {
    redis.disconnect();
    await closeStandIns();
    throw error;
  }
  return {
    worker,
    proxy,
    bridge,
    bot,
    wechat,
    wechatSender: new WechatSender(WECHAT_ACCOUNT),
    redis,
    prefix,
    async stop() {
      await worker.stop();
      await closeStandIns();
      await deleteByPrefix(prefix, redis).catch(() => undefined);
      redis.disconnect();
    },
  };
}

/** What a turn writes for good (not leases, queues, rate windows or caches). */
const DURABLE = /^(conv|ver|profile|msg|out|users|counters|set|log|rec):?/;

/** Every durable key of this run and its value, to compare before and after a fault. */
export async function dumpKeys(redis: IORedis, prefix: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    for (const key of keys) {
      if (!DURABLE.test(key.slice(prefix.length))) continue;
      const dumped = await redis.dumpBuffer(key);
      if (dumped !== null) out.set(key, dumped.toString('base64'));
    }
    cursor = next;
  } while (cursor !== '0');
  return out;
}
