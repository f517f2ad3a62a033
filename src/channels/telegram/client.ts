import { autoRetry } from '@grammyjs/auto-retry';
import { Bot, GrammyError, HttpError, type Api, type Context } from 'grammy';
import type { TelegramConfig } from '../../config';
import type { Logger } from '../../shell/logger';
import type { Outlet } from '../../shell/pipeline';
import { AudioTooLargeError, readCapped } from '../../shell/speech';
import type { TelegramInbound } from './inbound';
import { renderTelegram, type TelegramMessage } from './render';

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
 * configurable API root (a stand-in server in tests) and bounded auto-retry. A button press
 * is answered in the webhook's own response (`answerCallbackQuery` as the reply body), so a
 * tap costs one Bot API request fewer; every other method goes out as its own request, as
 * its result (or failure) matters.
 */
export function createTelegramBot(
  config: TelegramConfig,
  retry: TelegramRetryOptions = WEBHOOK_RETRY,
): Bot {
  const bot = new Bot(config.token, {
    botInfo: config.botInfo,
    client: {
      ...(config.apiRoot ? { apiRoot: config.apiRoot } : {}),
      timeoutSeconds: 8,
      canUseWebhookReply: (method) => method === 'answerCallbackQuery',
    },
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

/**
 * The way back to the person who sent an update, for the channel pipeline: a button press
 * is answered on the button (a stale one with the notice, and nothing else is sent), the
 * answered question loses its buttons when this update delivers, and replies go out as
 * rendered messages.
 */
export function telegramOutlet(
  ctx: Context,
  mapped: Extract<TelegramInbound, { kind: 'turn' }>,
  log: Logger,
): Outlet {
  return {
    logFields: { updateId: ctx.update.update_id },
    async acknowledge({ outcome, deliver, stale }) {
      const callback = mapped.callback;
      if (!callback) return false;
      // A stale button gets a short notice on the button itself, not a new message.
      await answerCallback(ctx, log, callback.id, stale ? outcome.replies[0]?.text : undefined);
      if (stale) return true;
      if (deliver && callback.messageId !== undefined) {
        // Remove the answered question's buttons so they cannot be pressed again.
        await ctx.api
          .editMessageReplyMarkup(mapped.chatId, callback.messageId)
          .catch(() => undefined);
      }
      return false;
    },
    async send(replies) {
      const result = await sendAll(ctx.api, mapped.chatId, renderTelegram(replies));
      if (!result.failure) return { ok: true };
      const { kind, error } = result.failure;
      return { ok: false, blocked: kind === 'blocked', sent: result.sent, error };
    },
  };
}

/** Answer a button press (with a short notice, if any); a failure is only logged. */
export async function answerCallback(
  ctx: Context,
  log: Logger,
  id: string,
  text?: string,
): Promise<void> {
  await ctx.api.answerCallbackQuery(id, text ? { text } : {}).catch((error: unknown) => {
    log.warn('telegram_callback_answer_failed', {
      updateId: ctx.update.update_id,
      message: String(error),
    });
  });
}

/** Telegram's API server, when TELEGRAM_API_ROOT does not name another. */
export const TELEGRAM_API_ROOT = 'https://api.telegram.org';

/**
 * Download a file the person sent (a voice note), at most `maxBytes`: `getFile` for its
 * path, then `<root>/file/bot<token>/<path>`. The URL holds the bot token: never log it.
 */
export async function downloadTelegramFile(
  api: Api,
  config: Pick<TelegramConfig, 'token' | 'apiRoot'>,
  fileId: string,
  maxBytes: number,
): Promise<Uint8Array> {
  const file = await api.getFile(fileId);
  if (!file.file_path) throw new Error('telegram getFile gave no file_path');
  if ((file.file_size ?? 0) > maxBytes) throw new AudioTooLargeError('file over the size limit');
  const root = (config.apiRoot ?? TELEGRAM_API_ROOT).replace(/\/+$/, '');
  const response = await fetch(`${root}/file/bot${config.token}/${file.file_path}`, {
    signal: AbortSignal.timeout(5000),
  });
  return readCapped(response, maxBytes);
}
