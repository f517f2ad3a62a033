import * as z from 'zod';
import {
  ConfigError,
  parseTelegram,
  parseWechat,
  WECHAT_MESSAGE_MODES,
  type TelegramConfig,
  type WechatConfig,
} from './config-channels';

export * from './config-channels';

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
  UPSTASH_TIMEOUT_MS: optionalString.pipe(
    z.coerce.number<string>().int().min(100).max(30_000).optional(),
  ),
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
  WECHAT_TOKEN: optionalString.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9]{3,32}$/, 'WeChat allows a token of 3-32 letters and digits')
      .optional(),
  ),
  WECHAT_APP_ID: optionalString,
  WECHAT_APP_SECRET: optionalString,
  WECHAT_ENCODING_AES_KEY: optionalString.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9]{43}$/, 'the EncodingAESKey is 43 letters and digits')
      .optional(),
  ),
  WECHAT_MESSAGE_MODE: optionalString.pipe(z.enum(WECHAT_MESSAGE_MODES).optional()),
  WECHAT_API_ROOT: optionalString.pipe(z.url().optional()),
  WECHAT_REPLY_BUDGET_MS: optionalString.pipe(
    z.coerce.number<string>().int().min(0).max(4500).optional(),
  ),
  ADMIN_TOKENS: optionalString,
  TRAINER_TELEGRAM_IDS: optionalString.pipe(
    z
      .string()
      .regex(/^\s*\d{1,20}\s*(,\s*\d{1,20}\s*)*$/, 'comma-separated numeric Telegram user ids')
      .optional(),
  ),
  BROADCAST_CHUNK_SIZE: optionalString.pipe(
    z.coerce.number<string>().int().min(1).max(100).optional(),
  ),
  BROADCAST_RATE_PER_SECOND: optionalString.pipe(
    z.coerce.number<string>().min(0.1).max(30).optional(),
  ),
  BROADCAST_TRANSIENT_RETRIES: optionalString.pipe(
    z.coerce.number<string>().int().min(0).max(20).optional(),
  ),
  BROADCAST_TRANSIENT_DELAYS_SECONDS: optionalString.pipe(
    z
      .string()
      .regex(/^\s*\d{1,5}\s*(,\s*\d{1,5}\s*)*$/, 'comma-separated whole seconds')
      .optional(),
  ),
  RATE_LIMIT_PER_MINUTE: optionalString.pipe(
    z.coerce.number<string>().int().min(0).max(100_000).optional(),
  ),
  LOG_DEBUG: flag,
});

/** Settings the app runs with, derived once from the environment. */
export interface Config {
  env: 'development' | 'production';
  store:
    | { kind: 'memory' }
    /** `timeoutMs`: per request; small, so a dead store fails well inside WeChat's 5 s. */
    | { kind: 'upstash'; url: string; token: string; timeoutMs: number };
  storePrefix: string;
  webchat: { enabled: boolean; cookieSecret: string | undefined };
  /** Present when a bot token is configured. */
  telegram: TelegramConfig | undefined;
  /** Present when a WeChat token is configured. */
  wechat: WechatConfig | undefined;
  /** Admin API tokens with their role. */
  adminTokens: AdminToken[];
  /** Telegram user ids allowed to `/push` course updates (TRAINER_TELEGRAM_IDS). */
  trainerTelegramIds: string[];
  broadcast: {
    chunkSize: number;
    perSecond: number;
    /** Later deliveries (through the queue) of a recipient after a 5xx or network error. */
    transientRetries: number;
    /** Seconds to wait before each of those; the last repeats. */
    transientDelaysSeconds: number[];
  };
  /** Messages a person may send a minute, per channel (RATE_LIMIT_PER_MINUTE); 0: no limit. */
  perMinute: number;
  /**
   * Key of respondent pseudonyms (PSEUDONYM_SECRET). A built-in one in development;
   * undefined in production without the secret, which turns surveys off.
   */
  pseudonymSecret: string | undefined;
  debug: boolean;
}

/** The pseudonym key `npm start` uses without secrets; never used in production. */
export const DEV_PSEUDONYM_SECRET = 'development-only-pseudonym-secret';

/** Roles of the admin API. `admin` may do everything. */
export const ROLES = ['admin', 'researcher', 'trainer'] as const;

/** An admin API role. */
export type Role = (typeof ROLES)[number];

/** One admin token; `label` names it in logs and the audit trail without revealing it. */
export interface AdminToken {
  role: Role;
  token: string;
  label: string;
}

/** Parse `role:token` pairs, comma-separated (several per role allowed). */
export function parseAdminTokens(raw: string | undefined): AdminToken[] {
  if (!raw) return [];
  const counts: Partial<Record<Role, number>> = {};
  return raw.split(',').map((pair) => {
    const at = pair.indexOf(':');
    const role = pair.slice(0, at).trim() as Role;
    const token = pair.slice(at + 1).trim();
    if (at < 0 || !ROLES.includes(role) || token.length < 16) {
      throw new ConfigError(
        'ADMIN_TOKENS must be role:token pairs (roles admin, researcher, trainer; tokens of 16+ characters)',
      );
    }
    counts[role] = (counts[role] ?? 0) + 1;
    return { role, token, label: `${role}#${counts[role]}` };
  });
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
        ? {
            kind: 'upstash',
            url: e.UPSTASH_REDIS_REST_URL,
            token: e.UPSTASH_REDIS_REST_TOKEN,
            timeoutMs: e.UPSTASH_TIMEOUT_MS ?? 1500,
          }
        : { kind: 'memory' },
    storePrefix: e.STORE_PREFIX ?? 'svb:',
    webchat: { enabled: webchatEnabled, cookieSecret: e.WEBCHAT_SECRET },
    telegram: parseTelegram(e),
    wechat: parseWechat(e),
    adminTokens: parseAdminTokens(e.ADMIN_TOKENS),
    trainerTelegramIds: (e.TRAINER_TELEGRAM_IDS ?? '')
      .split(',')
      .map((id) => id.trim())
      .filter((id) => id !== ''),
    // 20 recipients keep a chunk under the free plan's 50 subrequests; 25/s stays under Telegram's 30.
    broadcast: {
      chunkSize: e.BROADCAST_CHUNK_SIZE ?? 20,
      perSecond: e.BROADCAST_RATE_PER_SECOND ?? 25,
      transientRetries: e.BROADCAST_TRANSIENT_RETRIES ?? 5,
      transientDelaysSeconds: (e.BROADCAST_TRANSIENT_DELAYS_SECONDS ?? '30,120,300,600,900')
        .split(',')
        .map((n) => Number(n.trim())),
    },
    perMinute: e.RATE_LIMIT_PER_MINUTE ?? 30,
    pseudonymSecret: e.PSEUDONYM_SECRET ?? (production ? undefined : DEV_PSEUDONYM_SECRET),
    debug: e.LOG_DEBUG ?? false,
  };
}
