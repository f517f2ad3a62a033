import autocannon from 'autocannon';
import { FakeBotApi, startBotApiServer } from '../test/support/bot-api';
import { redisAvailable, defaultRedisUrl } from '../test/support/redis-available';
import { startUpstashBridge } from '../test/support/upstash-bridge';
import { startWranglerDev } from '../test/support/wrangler-dev';
import { BOT_INFO, TELEGRAM } from './harness';
import { round } from './stats';
import { deleteKeys } from './store-trips';

/** Options of {@link measureStack}. */
export interface StackOptions {
  connections: number;
  warmupSeconds: number;
  seconds: number;
}

/** Defaults: 8 concurrent senders for 15 s after 3 s of warm-up. */
export const STACK_DEFAULTS: StackOptions = { connections: 8, warmupSeconds: 3, seconds: 15 };

/** What the real stack sustained. */
export interface StackResult {
  updatesPerSec: number;
  p50Ms: number;
  p99Ms: number;
  updates: number;
  errors: number;
  non2xx: number;
  /** Bot API calls the Worker made (sendMessage and the like), per update. */
  botApiCallsPerUpdate: number;
  connections: number;
  seconds: number;
}

// Each connection plays sellers onboarding one after another, typing their answers.
const ONBOARDING = ['/start', '1', '1', '浙江', '2', '是'];

/**
 * Telegram webhook updates per second that `wrangler dev` (the built Worker in workerd)
 * sustains on this machine: the store is the local Redis through the Upstash bridge, the
 * Bot API a stand-in on loopback; autocannon drives POST /telegram/webhook, bounded in time.
 * Everything started here is stopped here, and the keys written are deleted.
 */
export async function measureStack(options: StackOptions = STACK_DEFAULTS): Promise<StackResult> {
  if (!(await redisAvailable())) throw new Error(`no Redis at ${defaultRedisUrl()}`);
  const prefix = `svbbench:stack:${process.pid}:${Date.now()}:`;
  const botApi = new FakeBotApi();
  const bridge = await startUpstashBridge();
  const bot = await startBotApiServer(botApi).catch(async (error: unknown) => {
    await bridge.close();
    throw error;
  });
  try {
    const worker = await startWranglerDev({
      vars: {
        UPSTASH_REDIS_REST_URL: bridge.url,
        UPSTASH_REDIS_REST_TOKEN: bridge.token,
        STORE_PREFIX: prefix,
        TELEGRAM_BOT_TOKEN: TELEGRAM.token,
        TELEGRAM_WEBHOOK_SECRET: TELEGRAM.secret,
        TELEGRAM_BOT_INFO: JSON.stringify(BOT_INFO),
        TELEGRAM_API_ROOT: bot.url,
      },
    });
    try {
      let nextUser = 800_000_000;
      let nextUpdate = 1;
      const requests = ONBOARDING.map((text) => ({
        method: 'POST',
        path: '/telegram/webhook',
        headers: {
          'Content-Type': 'application/json',
          'X-Telegram-Bot-Api-Secret-Token': TELEGRAM.secret,
        },
        setupRequest(request: { body?: string }, context: Record<string, unknown>) {
          if (typeof context.user !== 'number') context.user = nextUser++;
          const id = context.user as number;
          const chat = { id, type: 'private', first_name: 'Seller' };
          const from = { id, is_bot: false, first_name: 'Seller', language_code: 'zh-hans' };
          const update_id = nextUpdate++;
          const entities = text.startsWith('/')
            ? [{ type: 'bot_command', offset: 0, length: text.length }]
            : undefined;
          const message = { message_id: update_id, date: 0, chat, from, text, entities };
          return { ...request, body: JSON.stringify({ update_id, message }) };
        },
      }));
      const load = (seconds: number) =>
        autocannon({
          url: worker.url,
          connections: options.connections,
          duration: seconds,
          timeout: 10,
          requests,
        });
      await load(options.warmupSeconds);
      const callsBefore = botApi.calls.length;
      const result = await load(options.seconds);
      const updates = result['2xx'];
      return {
        updatesPerSec: round(updates / result.duration, 1),
        p50Ms: result.latency.p50,
        p99Ms: result.latency.p99,
        updates,
        errors: result.errors,
        non2xx: result.non2xx,
        botApiCallsPerUpdate: round((botApi.calls.length - callsBefore) / Math.max(updates, 1), 2),
        connections: options.connections,
        seconds: result.duration,
      };
    } finally {
      await worker.stop();
    }
  } finally {
    await bot.close();
    await bridge.close();
    await deleteKeys(prefix);
  }
}
