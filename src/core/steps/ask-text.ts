import * as z from 'zod';
import { textSchema } from '../text';
import { accept, askAndWait, reject } from './ask';
import { noRefs, type StepType } from './types';

/**
 * Ask for free text, kept as typed (trimmed), within a maximum length.
 *
 * @example { "id": "story", "type": "ask_text", "text": "story.ask", "save": "story", "maxLength": 2000 }
 */
export const askTextSchema = z
  .object({
    id: z.string(),
    type: z.literal('ask_text'),
    text: textSchema,
    save: z.string(),
    maxLength: z.number().int().positive().default(500),
    next: z.string().optional(),
  })
  .strict();

/** An `ask_text` node. */
export type AskTextNode = z.infer<typeof askTextSchema>;

/** The `ask_text` step type. */
export const askTextStep: StepType<AskTextNode> = {
  type: 'ask_text',
  schema: askTextSchema,
  enter: (node, ctx) => askAndWait(ctx, ctx.text(node.text)),
  answer(node, answer, ctx) {
    const again = () => ctx.reply(ctx.text(node.text));
    const value = (answer.text ?? '').trim();
    if (value === '') return reject(node, 'text_empty', ctx, again);
    const length = [...value].length;
    if (length > node.maxLength) {
      return reject(node, 'text_too_long', ctx, again, { max: node.maxLength, length });
    }
    return accept(node, value, ctx);
  },
  refs: (node) => ({
    ...noRefs(),
    nodes: node.next ? [node.next] : [],
    writes: node.save,
    texts: [node.text],
  }),
};
