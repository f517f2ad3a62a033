import { autoRetry } from '@grammyjs/auto-retry';
import { Bot, GrammyError, HttpError, type Api } from 'grammy';
import type { TelegramConfig } from '../../config';
import type { TelegramMessage } from './render';

/**
 * Retry bounds inside a webhook: Telegram waits for our answer, so waits must stay short.
 * auto-retry handles 429 `retry_after`; its 5xx and network retries back off from 3 s and
 * (for network errors) without limit, so those are rethrown and retried once by
 * {@link sendAll} instead.
 */
export interface TelegramRetryOptions {
  maxRetryAttempts: number;
  maxDelaySeconds: number;
}

/** Defaults for {@link TelegramRetryOptions}. */
export const WEBHOOK_RETRY: TelegramRetryOptions = { maxRetryAttempts: 2, maxDelaySeconds: 3 };

/**
 * The bot: grammY with `botInfo` from configuration (no getMe on a cold start), the
 * configurable API root (a stand-in server in tests) and bounded auto-retry.
 */
export function createTelegramBot(
  config: TelegramConfig,
  retry: TelegramRetryOptions = WEBHOOK_RETRY,
): Bot {
  const bot = new Bot(config.token, {
    botInfo: config.botInfo,
    client: { ...(config.apiRoot ? { apiRoot: config.apiRoot } : {}), timeoutSeconds: 8 },
  });
  bot.api.config.use(
    autoRetry({ ...retry, rethrowInternalServerErrors: true, rethrowHttpErrors: true }),
  );
  return bot;
}

/** Why a send failed, as far as our bookkeeping cares. */
export type SendFailure = 'blocked' | 'failed';

/** 403 means the person blocked the bot (or deleted their account); anything else is a failure. */
export function classifySendError(error: unknown): SendFailure {
  return error instanceof GrammyError && error.error_code === 403 ? 'blocked' : 'failed';
}

/** A failure worth one quick retry: Telegram's 5xx or the network. */
function transient(error: unknown): boolean {
  return error instanceof HttpError || (error instanceof GrammyError && error.error_code >= 500);
}

/**
 * Send rendered messages in order. A transient failure is retried once after `pauseMs`;
 * the first lasting failure stops the sending and is returned.
 */
export async function sendAll(
  api: Api,
  chatId: number,
  messages: readonly TelegramMessage[],
  pauseMs = 300,
): Promise<{ sent: number; failure?: { kind: SendFailure; error: unknown } }> {
  let sent = 0;
  for (const { text, ...options } of messages) {
    try {
      await api.sendMessage(chatId, text, options).catch(async (error: unknown) => {
        if (!transient(error)) throw error;
        await new Promise((resolve) => setTimeout(resolve, pauseMs));
        return api.sendMessage(chatId, text, options);
      });
      sent += 1;
    } catch (error) {
      return { sent, failure: { kind: classifySendError(error), error } };
    }
  }
  return { sent };
}
