import * as z from 'zod';
import { textSchema } from '../text';
import { noRefs, type StepType } from './types';

/**
 * End the flow, optionally with a last message.
 *
 * @example { "id": "done", "type": "end", "text": "onboarding.done" }
 */
export const endSchema = z
  .object({ id: z.string(), type: z.literal('end'), text: textSchema.optional() })
  .strict();

/** An `end` node. */
export type EndNode = z.infer<typeof endSchema>;

/** The `end` step type. */
export const endStep: StepType<EndNode> = {
  type: 'end',
  schema: endSchema,
  enter(node, ctx) {
    if (node.text) ctx.reply(ctx.text(node.text));
    return { to: 'end' };
  },
  refs: (node) => ({ ...noRefs(), texts: node.text ? [node.text] : [] }),
};
