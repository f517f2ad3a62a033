import * as z from 'zod';
import type { Inbound } from '../../core/message';
import { typedInput } from '../../core/inbound-text';

/** The most text one web chat message may carry. */
export const MAX_TEXT_LENGTH = 4000;

/**
 * Body of `POST /webchat/api/messages`.
 *
 * @example { "userId": "u1", "text": "/start", "locale": "en", "messageId": "m-1" }
 */
export const webchatBodySchema = z
  .object({
    userId: z.string().trim().min(1, 'required').max(128).optional(),
    text: z.string().max(MAX_TEXT_LENGTH, `at most ${MAX_TEXT_LENGTH} characters`).optional(),
    choiceId: z.string().min(1).max(64).optional(),
    /** The `ref` of the message whose button was pressed, so an old button cannot answer twice. */
    ref: z.string().max(32).optional(),
    locale: z.string().max(35).optional(),
    /** Sent by the page so a retried request is recognised; generated when absent. */
    messageId: z.string().min(1).max(128).optional(),
  })
  .refine((b) => (b.text !== undefined && b.text.trim() !== '') || b.choiceId !== undefined, {
    message: 'send text or choiceId',
    path: ['text'],
  });

/** A parsed web chat body. */
export type WebchatBody = z.infer<typeof webchatBodySchema>;

/**
 * Turn a validated body into an `Inbound`. Text starting with `/` is a command; `/start`
 * keeps its payload (`/start survey_x`) as `args`.
 */
export function toInbound(
  body: WebchatBody,
  userId: string,
  messageId: string,
  receivedAt: number,
): Inbound {
  const base = {
    channel: 'webchat' as const,
    userId,
    messageId,
    receivedAt,
    localeHint: body.locale,
  };
  if (body.choiceId !== undefined) {
    return { ...base, kind: 'choice', choiceId: body.choiceId, ref: body.ref };
  }
  return { ...base, ...typedInput((body.text ?? '').trim()) };
}
