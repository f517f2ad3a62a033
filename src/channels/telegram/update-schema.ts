import * as z from 'zod';

/** Longest text Telegram sends in one message; a longer one is cut here before the turn. */
export const MAX_TEXT_CHARS = 4096;

/** Cut `text` to `max` UTF-16 units without splitting a surrogate pair. */
export function capText(text: string, max = MAX_TEXT_CHARS): string {
  if (text.length <= max) return text;
  const end = /[\uD800-\uDBFF]/.test(text.charAt(max - 1)) ? max - 1 : max;
  return text.slice(0, end);
}

// Objects stay loose: fields we do not read pass through to grammY untouched.
const user = z
  .object({
    id: z.number().int(),
    is_bot: z.boolean(),
    // Only a hint: a wrong one is dropped rather than refusing the person's message.
    language_code: z.string().max(35).optional().catch(undefined),
  })
  .loose();

const chat = z.object({ id: z.number().int(), type: z.string() }).loose();

const message = z
  .object({
    message_id: z.number().int(),
    chat,
    from: user.optional(),
    text: z.string().optional(),
    // A malformed voice note is dropped (answered as unreadable), not the whole update.
    voice: z
      .object({
        file_id: z.string().min(1).max(256),
        duration: z.number().int().nonnegative(),
        file_size: z.number().int().nonnegative().optional(),
      })
      .loose()
      .optional()
      .catch(undefined),
  })
  .loose();

const callbackQuery = z
  .object({
    id: z.string(),
    from: user,
    data: z.string().optional(),
    message: z.object({ message_id: z.number().int(), chat }).loose().optional(),
  })
  .loose();

const chatMember = z
  .object({
    chat,
    from: user,
    new_chat_member: z.object({ status: z.string() }).loose(),
  })
  .loose();

/** The update kinds the bot acts on; anything else is acknowledged and logged. */
export const HANDLED_KINDS = ['message', 'edited_message', 'callback_query', 'my_chat_member'];

/**
 * The shape of every update kind we handle, checked at the edge before grammY sees it.
 *
 * @example { "update_id": 9, "message": { "message_id": 1, "date": 0, "chat": { "id": 7, "type": "private" }, "from": { "id": 7, "is_bot": false }, "text": "/start" } }
 */
export const telegramUpdateSchema = z
  .object({
    update_id: z.number().int().nonnegative(),
    message: message.optional(),
    edited_message: message.optional(),
    callback_query: callbackQuery.optional(),
    my_chat_member: chatMember.optional(),
  })
  .loose();

/** What the edge makes of a webhook body. */
export type CheckedUpdate =
  /** Hand this (with long texts cut) to grammY. */
  | { ok: true; update: Record<string, unknown>; truncatedFrom?: number }
  /** Acknowledge with 200 and log `event`; Telegram must not re-send it. */
  | {
      ok: false;
      event: 'telegram_invalid_update' | 'telegram_unhandled_update';
      fields: Record<string, unknown>;
    };

/** Check an update's shape; cut a text over {@link MAX_TEXT_CHARS}. */
export function checkUpdate(body: Record<string, unknown>): CheckedUpdate {
  const parsed = telegramUpdateSchema.safeParse(body);
  const updateId = typeof body.update_id === 'number' ? body.update_id : undefined;
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.code}`);
    return { ok: false, event: 'telegram_invalid_update', fields: { updateId, problems } };
  }
  const update = parsed.data;
  const kinds = Object.keys(body).filter((k) => k !== 'update_id');
  if (!HANDLED_KINDS.some((k) => update[k as keyof typeof update] !== undefined)) {
    return {
      ok: false,
      event: 'telegram_unhandled_update',
      fields: { updateId, kinds: kinds.slice(0, 5).map((k) => k.slice(0, 40)) },
    };
  }
  const text = update.message?.text;
  if (update.message && text !== undefined && text.length > MAX_TEXT_CHARS) {
    return {
      ok: true,
      update: { ...update, message: { ...update.message, text: capText(text) } },
      truncatedFrom: text.length,
    };
  }
  return { ok: true, update };
}
