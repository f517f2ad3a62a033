import { z } from 'zod';

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .optional()
  .transform((v) => (v === undefined || v === '' ? undefined : ['true', '1', 'yes'].includes(v)));

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

/** The Worker's environment as wrangler passes it: vars and secrets are strings. */
const envSchema = z.object({
  APP_ENV: z.enum(['development', 'production']).default('development'),
  UPSTASH_REDIS_REST_URL: optionalString.pipe(z.url().optional()),
  UPSTASH_REDIS_REST_TOKEN: optionalString,
  STORE_PREFIX: optionalString,
  WEBCHAT_ENABLED: flag,
  WEBCHAT_SECRET: optionalString,
  PSEUDONYM_SECRET: optionalString,
  TELEGRAM_BOT_TOKEN: optionalString,
  TELEGRAM_WEBHOOK_SECRET: optionalString.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,256}$/, 'Telegram allows 1-256 characters A-Z, a-z, 0-9, _ and -')
      .optional(),
  ),
  TELEGRAM_BOT_INFO: optionalString,
  TELEGRAM_API_ROOT: optionalString.pipe(z.url().optional()),
  LOG_DEBUG: flag,
});

/** Settings the app runs with, derived once from the environment. */
export interface Config {
  env: 'development' | 'production';
  store: { kind: 'memory' } | { kind: 'upstash'; url: string; token: string };
  storePrefix: string;
  webchat: { enabled: boolean; cookieSecret: string | undefined };
  /** Present when a bot token is configured. */
  telegram: TelegramConfig | undefined;
  debug: boolean;
}

/** Telegram settings. `botInfo` is the bot's getMe answer, so a cold start makes no call. */
export interface TelegramConfig {
  token: string;
  webhookSecret: string;
  botInfo: TelegramBotInfo;
  apiRoot: string | undefined;
}

const botInfoSchema = z
  .object({
    id: z.number().int(),
    is_bot: z.literal(true),
    first_name: z.string(),
    username: z.string(),
    can_join_groups: z.boolean().default(false),
    can_read_all_group_messages: z.boolean().default(false),
    supports_inline_queries: z.boolean().default(false),
    can_connect_to_business: z.boolean().default(false),
    has_main_web_app: z.boolean().default(false),
    has_topics_enabled: z.boolean().default(false),
    allows_users_to_create_topics: z.boolean().default(false),
    can_manage_bots: z.boolean().default(false),
    supports_join_request_queries: z.boolean().default(false),
  })
  .loose();

/** The getMe answer as grammY wants it. */
export type TelegramBotInfo = z.infer<typeof botInfoSchema>;

function parseTelegram(e: {
  TELEGRAM_BOT_TOKEN?: string;
  TELEGRAM_WEBHOOK_SECRET?: string;
  TELEGRAM_BOT_INFO?: string;
  TELEGRAM_API_ROOT?: string;
}): TelegramConfig | undefined {
  if (!e.TELEGRAM_BOT_TOKEN) return undefined;
  if (!e.TELEGRAM_WEBHOOK_SECRET) {
    throw new ConfigError('TELEGRAM_WEBHOOK_SECRET is required with TELEGRAM_BOT_TOKEN');
  }
  let raw: unknown;
  try {
    raw = JSON.parse(e.TELEGRAM_BOT_INFO ?? '');
  } catch {
    throw new ConfigError(
      'TELEGRAM_BOT_INFO must be the JSON of getMe (npm run telegram:setup prints it)',
    );
  }
  const info = botInfoSchema.safeParse(raw);
  if (!info.success) {
    throw new ConfigError(
      `TELEGRAM_BOT_INFO is not a getMe answer: ${info.error.issues[0]?.message}`,
    );
  }
  return {
    token: e.TELEGRAM_BOT_TOKEN,
    webhookSecret: e.TELEGRAM_WEBHOOK_SECRET,
    botInfo: info.data,
    apiRoot: e.TELEGRAM_API_ROOT,
  };
}

/** A configuration problem, named by variable, so a deploy fails with a clear message. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * Parse the environment. Only the composition root calls this.
 *
 * @example parseConfig({ APP_ENV: 'development' }).store.kind // 'memory'
 */
export function parseConfig(env: Record<string, unknown>): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  if (Boolean(e.UPSTASH_REDIS_REST_URL) !== Boolean(e.UPSTASH_REDIS_REST_TOKEN)) {
    throw new ConfigError(
      'set both UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN, or neither',
    );
  }
  const production = e.APP_ENV === 'production';
  const webchatEnabled = e.WEBCHAT_ENABLED ?? !production;
  if (production && webchatEnabled && !e.WEBCHAT_SECRET) {
    throw new ConfigError('WEBCHAT_SECRET is required when the web chat is enabled in production');
  }
  return {
    env: e.APP_ENV,
    store:
      e.UPSTASH_REDIS_REST_URL && e.UPSTASH_REDIS_REST_TOKEN
        ? { kind: 'upstash', url: e.UPSTASH_REDIS_REST_URL, token: e.UPSTASH_REDIS_REST_TOKEN }
        : { kind: 'memory' },
    storePrefix: e.STORE_PREFIX ?? 'svb:',
    webchat: { enabled: webchatEnabled, cookieSecret: e.WEBCHAT_SECRET },
    telegram: parseTelegram(e),
    debug: e.LOG_DEBUG ?? false,
  };
}
