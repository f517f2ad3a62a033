/**
 * The channels' settings (Telegram, WeChat) read from the environment, and the error a
 * configuration problem raises. Re-exported by `config.ts`; only it calls the parsers.
 */
import * as z from 'zod';
/**
 * How WeChat messages arrive: `safe` (encrypted only), `compatible` (encrypted or
 * plaintext, for switching over), `plaintext` (no encryption). See the README.
 */
export const WECHAT_MESSAGE_MODES = ['safe', 'compatible', 'plaintext'] as const;

/** See {@link WECHAT_MESSAGE_MODES}. */
export type WechatMessageMode = (typeof WECHAT_MESSAGE_MODES)[number];

/** Telegram settings. `botInfo` is the bot's getMe answer, so a cold start makes no call. */
export interface TelegramConfig {
  token: string;
  webhookSecret: string;
  botInfo: TelegramBotInfo;
  apiRoot: string | undefined;
}

/**
 * WeChat Official Account settings. `encodingAesKey` is needed for safe and compatible mode;
 * `messageMode` says which messages are accepted (safe mode refuses plaintext, so the Token
 * alone cannot forge one);
 * `replyBudgetMs` is how long a turn may take before the reply goes through the
 * customer-service API instead of the passive reply (WeChat waits 5 s).
 */
export interface WechatConfig {
  token: string;
  appId: string;
  appSecret: string;
  encodingAesKey: string | undefined;
  messageMode: WechatMessageMode;
  apiRoot: string;
  replyBudgetMs: number;
}

/** WeChat's API server. */
export const WECHAT_API_ROOT = 'https://api.weixin.qq.com';

export function parseWechat(e: {
  WECHAT_TOKEN?: string;
  WECHAT_APP_ID?: string;
  WECHAT_APP_SECRET?: string;
  WECHAT_ENCODING_AES_KEY?: string;
  WECHAT_MESSAGE_MODE?: WechatMessageMode;
  WECHAT_API_ROOT?: string;
  WECHAT_REPLY_BUDGET_MS?: number;
}): WechatConfig | undefined {
  if (!e.WECHAT_TOKEN) return undefined;
  if (!e.WECHAT_APP_ID || !e.WECHAT_APP_SECRET) {
    throw new ConfigError('WECHAT_APP_ID and WECHAT_APP_SECRET are required with WECHAT_TOKEN');
  }
  const messageMode = e.WECHAT_MESSAGE_MODE ?? (e.WECHAT_ENCODING_AES_KEY ? 'safe' : 'plaintext');
  if (messageMode !== 'plaintext' && !e.WECHAT_ENCODING_AES_KEY) {
    throw new ConfigError(
      `WECHAT_MESSAGE_MODE=${messageMode} needs WECHAT_ENCODING_AES_KEY (or set WECHAT_MESSAGE_MODE=plaintext)`,
    );
  }
  return {
    token: e.WECHAT_TOKEN,
    appId: e.WECHAT_APP_ID,
    appSecret: e.WECHAT_APP_SECRET,
    encodingAesKey: e.WECHAT_ENCODING_AES_KEY,
    messageMode,
    apiRoot: (e.WECHAT_API_ROOT ?? WECHAT_API_ROOT).replace(/\/+$/, ''),
    replyBudgetMs: e.WECHAT_REPLY_BUDGET_MS ?? 4000,
  };
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

export function parseTelegram(e: {
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
