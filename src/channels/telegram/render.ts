import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'grammy/types';
import { markupParts } from '../../core/markup';
import { splitText, type Choice, type Outbound } from '../../core/message';

/** Telegram's limit for one message's text. */
export const TELEGRAM_TEXT_LIMIT = 4096;
/** Telegram's limit for a button's callback data, in bytes. */
export const CALLBACK_DATA_LIMIT = 64;

/** Split below the limit as measured after escaping, leaving room for the tags markup adds. */
const SPLIT_LIMIT = 4000;
const escapedLength = (ch: string) => escapeTelegramHtml(ch).length;

/** One `sendMessage` call's worth of reply. */
export interface TelegramMessage {
  text: string;
  parse_mode: 'HTML';
  reply_markup?: InlineKeyboardMarkup;
  link_preview_options: { is_disabled: true };
}

/** Escape text for Telegram HTML. */
export function escapeTelegramHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Render the tiny markup (`**bold**`, `[label](https://url)`) as Telegram HTML; escape the rest. */
export function toTelegramHtml(text: string): string {
  return markupParts(text)
    .map((part) => {
      const inner = escapeTelegramHtml(part.text);
      if (part.kind === 'text') return inner;
      if (part.kind === 'bold') return `<b>${inner}</b>`;
      return `<a href="${escapeTelegramHtml(part.href).replace(/"/g, '&quot;')}">${inner}</a>`;
    })
    .join('');
}

/**
 * Callback data for a button: the question's ref and the choice id, never content.
 *
 * @example callbackData('12', 'furniture') // "12|furniture"
 */
export function callbackData(ref: string | undefined, choiceId: string): string {
  const data = ref === undefined ? choiceId : `${ref}|${choiceId}`;
  if (new TextEncoder().encode(data).length > CALLBACK_DATA_LIMIT) {
    throw new RangeError(`callback data over ${CALLBACK_DATA_LIMIT} bytes for choice ${choiceId}`);
  }
  return data;
}

/** Read callback data written by {@link callbackData}. */
export function parseCallbackData(data: string): { ref?: string; choiceId: string } {
  const bar = data.indexOf('|');
  return bar < 0 ? { choiceId: data } : { ref: data.slice(0, bar), choiceId: data.slice(bar + 1) };
}

/** Lay buttons out in rows: short labels share a row, long ones get their own. */
export function keyboard(
  choices: readonly Choice[],
  ref: string | undefined,
): InlineKeyboardMarkup {
  const longest = Math.max(...choices.map((c) => [...c.label].length));
  const perRow = longest <= 6 ? 3 : longest <= 14 ? 2 : 1;
  const rows: InlineKeyboardButton[][] = [];
  choices.forEach((choice, i) => {
    if (i % perRow === 0) rows.push([]);
    rows.at(-1)!.push({ text: choice.label, callback_data: callbackData(ref, choice.id) });
  });
  return { inline_keyboard: rows };
}

/** Render replies as Telegram messages: HTML, split at the limit, buttons on the last part. */
export function renderTelegram(replies: readonly Outbound[]): TelegramMessage[] {
  return replies.flatMap((reply) => {
    const parts = splitText(reply.text, SPLIT_LIMIT, escapedLength);
    return parts.map((part, i): TelegramMessage => {
      const message: TelegramMessage = {
        text: toTelegramHtml(part),
        parse_mode: 'HTML',
        link_preview_options: { is_disabled: true },
      };
      const last = i === parts.length - 1;
      if (last && reply.choices && reply.choices.length > 0)
        message.reply_markup = keyboard(reply.choices, reply.ref);
      return message;
    });
  });
}
