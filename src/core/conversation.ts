import * as z from 'zod';
import { valueSchema } from './conditions';

/** Where a person is in a flow. */
export const positionSchema = z.object({
  flow: z.string(),
  node: z.string(),
  vars: z.record(z.string(), valueSchema),
});

/** See {@link positionSchema}. */
export type Position = z.infer<typeof positionSchema>;

/**
 * A flow set aside to continue later (see the flow's `resumable`). `auto`: it was
 * interrupted by another command and comes back when that one is done; otherwise the person
 * paused it and it comes back when they start that flow again.
 */
export const pausedSchema = positionSchema.extend({ auto: z.boolean() });

/** See {@link pausedSchema}. */
export type Paused = z.infer<typeof pausedSchema>;

/**
 * The state of one person's conversation. `at` is the question the bot is waiting on, or
 * null when no question is open; `asked` counts questions asked, so a button from an older
 * question can be told apart from one of the open question; `paused` keeps a resumable
 * flow that was interrupted or paused.
 */
export const conversationSchema = z.object({
  at: positionSchema.nullable(),
  asked: z.number().int().nonnegative().default(0),
  paused: pausedSchema.nullable().optional(),
  updatedAt: z.number(),
});

/** See {@link conversationSchema}. */
export type Conversation = z.infer<typeof conversationSchema>;

/** A conversation with nothing open. */
export function emptyConversation(now: number): Conversation {
  return { at: null, asked: 0, updatedAt: now };
}
