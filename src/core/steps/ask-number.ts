import * as z from 'zod';
import { NUMBER_UNITS, readNumber, unitOf } from '../parse';
import { textSchema } from '../text';
import { accept, askAndWait, reject } from './ask';
import { noRefs, type StepType } from './types';

/**
 * Ask for a number. Accepts what people type: `1,200`, `１２００`, `1000万`, `两千万`; a range
 * (`20到30`) counts as its middle, and the reply says so.
 *
 * @example { "id": "sales", "type": "ask_number", "text": "village.ask_sales", "save": "sales", "min": 0, "integer": true }
 */
export const askNumberSchema = z
  .object({
    id: z.string(),
    type: z.literal('ask_number'),
    text: textSchema,
    save: z.string(),
    min: z.number().optional(),
    max: z.number().optional(),
    integer: z.boolean().default(false),
    /**
     * What the number measures: an answer whose unit word says otherwise ("三天" to a
     * question about money) is asked again, not read as the number.
     */
    unit: z.enum(NUMBER_UNITS).optional(),
    next: z.string().optional(),
  })
  .strict();

/** An `ask_number` node. */
export type AskNumberNode = z.infer<typeof askNumberSchema>;

/** The `ask_number` step type. */
export const askNumberStep: StepType<AskNumberNode> = {
  type: 'ask_number',
  schema: askNumberSchema,
  enter: (node, ctx) => askAndWait(ctx, ctx.text(node.text)),
  answer(node, answer, ctx) {
    const again = () => ctx.reply(ctx.text(node.text));
    const read = readNumber(answer.text ?? '');
    if (read === undefined) return reject(node, 'number_invalid', ctx, again);
    const typed = node.unit && unitOf(answer.text ?? '');
    if (typed && typed !== node.unit) return reject(node, `number_not_${node.unit}`, ctx, again);
    const { value, range } = read;
    if (node.integer && !Number.isInteger(value))
      return reject(node, 'number_not_integer', ctx, again);
    if (node.min !== undefined && value < node.min) {
      return reject(node, 'number_too_small', ctx, again, { min: node.min });
    }
    if (node.max !== undefined && value > node.max) {
      return reject(node, 'number_too_large', ctx, again, { max: node.max });
    }
    // Say which number was used, so a person who meant the low or high end can correct it.
    if (range) ctx.reply(ctx.text('common.range_middle', { ...range, value }));
    return accept(node, value, ctx);
  },
  refs: (node) => ({
    ...noRefs(),
    nodes: node.next ? [node.next] : [],
    writes: node.save,
    texts: [node.text],
  }),
};
