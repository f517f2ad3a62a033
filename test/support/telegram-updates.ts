import type { Hono } from 'hono';

/** A Telegram user as updates carry it. */
export interface TestSender {
  id: number;
  is_bot: false;
  first_name: string;
  language_code?: string;
}

/** Environment that switches the Telegram channel on, with a stand-in bot. */
export function telegramTestEnv(
  secret: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    TELEGRAM_BOT_TOKEN: '123456:TEST-token',
    TELEGRAM_WEBHOOK_SECRET: secret,
    TELEGRAM_BOT_INFO: JSON.stringify({
      id: 123456,
      is_bot: true,
      first_name: 'Village',
      username: 'village_test_bot',
    }),
    ...extra,
  };
}

/** The private chat between the bot and a person. */
export function privateChat(from: TestSender) {
  return { id: from.id, type: 'private', first_name: from.first_name };
}

/** Builds updates with increasing update ids, as Telegram sends them. */
export function updateFactory(first = 1) {
  let next = first;
  return {
    /** A text message (commands included). */
    text(from: TestSender, body: string) {
      const id = next++;
      return {
        update_id: id,
        message: { message_id: id + 1, date: 0, chat: privateChat(from), from, text: body },
      };
    },
    /** A button press on the message `messageId`. */
    press(from: TestSender, data: string, messageId: number) {
      const id = next++;
      return {
        update_id: id,
        callback_query: {
          id: `cb${id + 1}`,
          from,
          chat_instance: 'ci',
          data,
          message: { message_id: messageId, date: 0, chat: privateChat(from), text: 'q' },
        },
      };
    },
    /** The next update id, for hand-built updates. */
    nextId: () => next++,
  };
}

/** POST an update to the webhook; `secret: null` leaves the header out. */
export function postUpdate(app: Pick<Hono, 'request'>, update: unknown, secret: string | null) {
  return app.request('/telegram/webhook', {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(secret === null ? {} : { 'X-Telegram-Bot-Api-Secret-Token': secret }),
    },
    body: typeof update === 'string' ? update : JSON.stringify(update),
  });
}
