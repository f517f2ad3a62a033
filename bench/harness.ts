import type { ExecutionContext, Hono } from 'hono';
import { buildApp } from '../src/compose';
import type { AppEnv } from '../src/http/types';
import type { Logger } from '../src/shell/logger';
import type { Store } from '../src/store/port';
import { benchProgram } from './survey';

/** The bot's getMe answer, so no call is made on start. */
export const BOT_INFO = {
  id: 700_001,
  is_bot: true as const,
  first_name: 'Village bench',
  username: 'village_bench_bot',
  can_join_groups: false,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};

/** Telegram settings of every bench app (no real account: the API is a stand-in). */
export const TELEGRAM = { token: '700001:BENCH-token', secret: 'bench-webhook-secret' };

/** WeChat settings of every bench app, safe mode (the EncodingAESKey is made up). */
export const WECHAT = {
  token: 'benchtoken',
  appId: 'wxbench00000001',
  appSecret: 'bench-app-secret',
  aesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
};

/** The environment of bench apps: Telegram and WeChat (safe mode) on, memory store unless given. */
export function benchEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    APP_ENV: 'development',
    TELEGRAM_BOT_TOKEN: TELEGRAM.token,
    TELEGRAM_WEBHOOK_SECRET: TELEGRAM.secret,
    TELEGRAM_BOT_INFO: JSON.stringify(BOT_INFO),
    WECHAT_TOKEN: WECHAT.token,
    WECHAT_APP_ID: WECHAT.appId,
    WECHAT_APP_SECRET: WECHAT.appSecret,
    WECHAT_ENCODING_AES_KEY: WECHAT.aesKey,
    // A replayed transcript sends a person's 90 messages within a second; no person does.
    RATE_LIMIT_PER_MINUTE: '0',
    ...extra,
  };
}

/** A logger that drops everything: logging is not what is measured. */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** The whole app in Node, over `store`, with the bench program (content + generated surveys). */
export function benchApp(store: Store): Hono<AppEnv> {
  return buildApp(benchEnv(), { store, log: silentLogger, program: benchProgram() });
}

/** An execution context that keeps `waitUntil` work, so it can be awaited (and measured). */
export function executionContext(): ExecutionContext & { settle(): Promise<void> } {
  const pending: Promise<unknown>[] = [];
  return {
    waitUntil: (promise) => void pending.push(promise),
    passThroughOnException: () => undefined,
    props: {},
    async settle() {
      while (pending.length > 0) await Promise.allSettled(pending.splice(0));
    },
  };
}

/**
 * One request through the app, as the Worker would run it: the response and any
 * `waitUntil` work. Returns the response.
 */
export async function dispatch(app: Hono<AppEnv>, request: Request): Promise<Response> {
  const ctx = executionContext();
  const response = await app.fetch(request, {}, ctx);
  await ctx.settle();
  return response;
}
