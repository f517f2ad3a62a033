import * as z from 'zod';
import { textSchema } from '../text';
import { noRefs, type StepType } from './types';

/**
 * Show a message and carry on.
 *
 * @example { "id": "hello", "type": "message", "text": "onboarding.welcome" }
 */
export const messageSchema = z
  .object({
    id: z.string(),
    type: z.literal('message'),
    text: textSchema,
    next: z.string().optional(),
  })
  .strict();

/** A `message` node. */
export type MessageNode = z.infer<typeof messageSchema>;

/** The `message` step type. */
export const messageStep: StepType<MessageNode> = {
  type: 'message',
  schema: messageSchema,
  enter(node, ctx) {
    ctx.reply(ctx.text(node.text));
    return { to: 'next', node: node.next };
  },
  refs: (node) => ({ ...noRefs(), nodes: node.next ? [node.next] : [], texts: [node.text] }),
};
