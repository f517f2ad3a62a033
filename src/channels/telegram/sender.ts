import { Api, GrammyError, HttpError } from 'grammy';
import type { Recipient } from '../../broadcast/audience';
import type { SendChoice } from '../../broadcast/choices';
import type { SendResult, Sender } from '../../broadcast/senders';
import type { TelegramConfig } from '../../config';
import { keyboard, toTelegramHtml } from './render';

/** Classify a Bot API failure for the broadcast consumer, which paces and retries itself. */
export function classifyTelegramError(error: unknown): SendResult {
  if (error instanceof GrammyError) {
    if (error.error_code === 429)
      return { outcome: 'retry', afterSeconds: error.parameters.retry_after ?? 1 };
    if (error.error_code === 403) return { outcome: 'blocked' };
    if (error.error_code >= 500) return { outcome: 'transient', detail: error.description };
    return { outcome: 'failed', detail: error.description };
  }
  if (error instanceof HttpError) return { outcome: 'transient', detail: error.message };
  return { outcome: 'failed', detail: String(error) };
}

/** Broadcast sends on Telegram: one sendMessage per person, no auto-retry (the consumer paces). */
export function telegramSender(config: TelegramConfig): Sender {
  const api = new Api(config.token, config.apiRoot ? { apiRoot: config.apiRoot } : undefined);
  return {
    async send(
      recipient: Recipient,
      text: string,
      choices?: readonly SendChoice[],
    ): Promise<SendResult> {
      // A button carries its command as callback data; the inbound side runs it as typed.
      const buttons = (choices ?? []).map((c) => ({ id: c.command, label: c.label }));
      try {
        await api.sendMessage(Number(recipient.userId), toTelegramHtml(text), {
          parse_mode: 'HTML',
          link_preview_options: { is_disabled: true },
          ...(buttons.length > 0 ? { reply_markup: keyboard(buttons, undefined) } : {}),
        });
        return { outcome: 'sent' };
      } catch (error) {
        return classifyTelegramError(error);
      }
    },
  };
}
