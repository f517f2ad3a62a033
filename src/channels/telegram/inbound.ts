import type { Update } from 'grammy/types';
import type { Inbound } from '../../core/message';
import { commandInput, typedInput } from '../../core/inbound-text';
import { parseCallbackData } from './render';

/** What an update means for us. */
export type TelegramInbound =
  /** Run a turn, then reply in `chatId`; `callback` is the button press to acknowledge. */
  | {
      kind: 'turn';
      chatId: number;
      inbound: Inbound;
      callback?: { id: string; messageId?: number };
    }
  /**
   * A voice note: speech to text may make it typed text (`from` is the sender as an
   * inbound, without its kind); otherwise it is answered like `unsupported`.
   */
  | {
      kind: 'voice';
      chatId: number;
      from: Omit<Inbound, 'kind'>;
      voice: { fileId: string; seconds: number; bytes?: number };
    }
  /** A private message we cannot read (photo, sticker, edit): answer politely. */
  | { kind: 'unsupported'; chatId: number; localeHint?: string; callbackId?: string }
  /** Nothing to do (groups, channels, malformed updates); a callback still gets answered. */
  | { kind: 'ignore'; reason: string; callbackId?: string };

/**
 * Map a Telegram update to a channel-neutral inbound. Only private chats talk to the bot;
 * the update id is the message id, so a re-delivered update is recognised.
 */
export function toTelegramInbound(update: Update, receivedAt: number): TelegramInbound {
  const messageId = String(update.update_id);
  if (update.callback_query) {
    const query = update.callback_query;
    const chat = query.message?.chat;
    if (!query.from || !chat || chat.type !== 'private' || query.data === undefined) {
      return { kind: 'ignore', reason: 'callback outside a private chat', callbackId: query.id };
    }
    const callback = { id: query.id, messageId: query.message?.message_id };
    // A broadcast's button (a survey invitation's "Start") carries a command: run it as typed.
    const command = commandInput(query.data);
    if (command) {
      const inbound: Inbound = { ...base(query.from, messageId, receivedAt), ...command };
      return { kind: 'turn', chatId: chat.id, callback, inbound };
    }
    const { ref, choiceId } = parseCallbackData(query.data);
    return {
      kind: 'turn',
      chatId: chat.id,
      callback: { id: query.id, messageId: query.message?.message_id },
      inbound: {
        ...base(query.from, messageId, receivedAt),
        kind: 'choice',
        choiceId,
        ...(ref === undefined ? {} : { ref }),
      },
    };
  }
  if (update.my_chat_member) {
    const change = update.my_chat_member;
    if (change.chat.type !== 'private')
      return { kind: 'ignore', reason: 'membership outside a private chat' };
    const status = change.new_chat_member.status;
    const kind = status === 'kicked' || status === 'left' ? 'stop' : 'resume';
    return {
      kind: 'turn',
      chatId: change.chat.id,
      inbound: { ...base(change.from, messageId, receivedAt), kind },
    };
  }
  const message = update.message ?? update.edited_message;
  if (!message) return { kind: 'ignore', reason: 'update kind not handled' };
  if (message.chat.type !== 'private') return { kind: 'ignore', reason: 'not a private chat' };
  if (!message.from || message.from.is_bot) return { kind: 'ignore', reason: 'no human sender' };
  const voice = update.edited_message ? undefined : message.voice;
  if (voice && typeof voice.file_id === 'string' && typeof voice.duration === 'number') {
    return {
      kind: 'voice',
      chatId: message.chat.id,
      from: base(message.from, messageId, receivedAt),
      voice: {
        fileId: voice.file_id,
        seconds: voice.duration,
        ...(typeof voice.file_size === 'number' ? { bytes: voice.file_size } : {}),
      },
    };
  }
  if (update.edited_message || typeof message.text !== 'string') {
    return { kind: 'unsupported', chatId: message.chat.id, localeHint: message.from.language_code };
  }
  const inbound: Inbound = {
    ...base(message.from, messageId, receivedAt),
    ...typedInput(message.text),
  };
  return { kind: 'turn', chatId: message.chat.id, inbound };
}

function base(from: { id: number; language_code?: string }, messageId: string, receivedAt: number) {
  return {
    channel: 'telegram' as const,
    userId: String(from.id),
    messageId,
    receivedAt,
    ...(from.language_code ? { localeHint: from.language_code } : {}),
  };
}
