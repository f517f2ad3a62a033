import * as z from 'zod';
import { parseYesNo } from '../parse';
import { textSchema } from '../text';
import { accept, askAndWait, reject } from './ask';
import { noRefs, type StepContext, type StepType } from './types';

/**
 * Ask a yes/no question, with buttons; `yes`/`no` name the node to go to for each.
 *
 * @example { "id": "consent", "type": "ask_yes_no", "text": "onboarding.ask_consent", "save": "consent", "no": "no_profile" }
 */
export const askYesNoSchema = z
  .object({
    id: z.string(),
    type: z.literal('ask_yes_no'),
    text: textSchema,
    save: z.string(),
    yes: z.string().optional(),
    no: z.string().optional(),
    next: z.string().optional(),
  })
  .strict();

/** An `ask_yes_no` node. */
export type AskYesNoNode = z.infer<typeof askYesNoSchema>;

function buttons(ctx: StepContext) {
  return [
    { id: 'yes', label: ctx.text('common.yes') },
    { id: 'no', label: ctx.text('common.no') },
  ];
}

function decode(
  answer: { text?: string; choiceId?: string },
  ctx: StepContext,
): boolean | undefined {
  if (answer.choiceId === 'yes') return true;
  if (answer.choiceId === 'no') return false;
  if (answer.choiceId !== undefined) return undefined;
  const text = answer.text ?? '';
  if (text.trim() === '1' || ctx.labels('common.yes').includes(text.trim())) return true;
  if (text.trim() === '2' || ctx.labels('common.no').includes(text.trim())) return false;
  return parseYesNo(text);
}

/** The `ask_yes_no` step type. */
export const askYesNoStep: StepType<AskYesNoNode> = {
  type: 'ask_yes_no',
  schema: askYesNoSchema,
  enter: (node, ctx) => askAndWait(ctx, ctx.text(node.text), buttons(ctx)),
  answer(node, answer, ctx) {
    const value = decode(answer, ctx);
    if (value === undefined) {
      const reason = answer.choiceId !== undefined ? 'choice_stale' : 'yes_no_invalid';
      return reject(node, reason, ctx, () => ctx.reply(ctx.text(node.text), buttons(ctx)));
    }
    return accept(node, value, ctx, (value ? node.yes : node.no) ?? node.next);
  },
  refs: (node) => ({
    ...noRefs(),
    nodes: [node.yes, node.no, node.next].filter((n): n is string => n !== undefined),
    writes: node.save,
    texts: [node.text, 'common.yes', 'common.no'],
  }),
};
