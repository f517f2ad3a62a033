import * as z from 'zod';
import type { Choice } from '../message';
import { normalizeInput } from '../parse';
import { textSchema, type Text } from '../text';
import { accept, askAndWait, reject } from './ask';
import { noRefs, type StepContext, type StepType } from './types';

const staticChoiceSchema = z
  .object({
    // Short ASCII ids: they travel in button data (Telegram allows 64 bytes).
    id: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,48}$/, 'choice ids are 1-48 ASCII letters, digits, _ or -'),
    label: textSchema,
    next: z.string().optional(),
  })
  .strict();

/**
 * Ask the person to pick one option: a fixed list, or the items of a content list
 * (`source`). Typing the number, the label (in either language) or the id also works.
 *
 * @example { "id": "pick", "type": "ask_choice", "text": "menu.prompt", "source": "menu", "save": "item" }
 */
export const askChoiceSchema = z
  .object({
    id: z.string(),
    type: z.literal('ask_choice'),
    text: textSchema,
    choices: z.array(staticChoiceSchema).min(1).optional(),
    source: z.string().optional(),
    save: z.string(),
    next: z.string().optional(),
  })
  .strict()
  .refine((n) => (n.choices === undefined) !== (n.source === undefined), {
    message: 'give exactly one of "choices" and "source"',
  });

/** An `ask_choice` node. */
export type AskChoiceNode = z.infer<typeof askChoiceSchema>;

interface Option {
  id: string;
  label: Text;
  aliases?: string[];
  next?: string;
}

function options(node: AskChoiceNode, ctx: StepContext): Option[] {
  if (node.choices) return node.choices;
  return [...(ctx.list(node.source ?? '') ?? [])];
}

function render(opts: Option[], ctx: StepContext): Choice[] {
  return opts.map((o) => ({ id: o.id, label: ctx.text(o.label) }));
}

/** Find the option a person meant: a button id, a number, or a label in any language. */
export function matchOption<O extends { id: string; label: Text; aliases?: string[] }>(
  opts: readonly O[],
  answer: { text?: string; choiceId?: string },
  labelsOf: (label: Text) => string[],
): O | undefined {
  if (answer.choiceId !== undefined) return opts.find((o) => o.id === answer.choiceId);
  const typed = normalizeInput(answer.text ?? '');
  if (typed === '') return undefined;
  if (/^\d+$/.test(typed)) return opts[Number(typed) - 1];
  // normalizeInput is idempotent: `typed` folds by lower-casing alone.
  const folded = typed.toLowerCase();
  const names = (o: O) => [o.id, ...labelsOf(o.label), ...(o.aliases ?? [])];
  const exact = opts.find((o) => names(o).some((name) => folded === foldName(name)));
  if (exact) return exact;
  // As people type: "农产品" for "农产品与食品", "我卖家具" for "家具". Only when exactly one
  // option fits, and never on ids or on names too short to mean anything.
  const partial = opts.filter((o) =>
    [...labelsOf(o.label), ...(o.aliases ?? [])].some((name) => overlaps(folded, name)),
  );
  return partial.length === 1 ? partial[0] : undefined;
}

// Option names (ids, labels, aliases) come from content and the catalogues, and every text
// answer compares against all of them: each is folded once per isolate, not per turn.
const foldedNames = new Map<string, string>();
const FOLDED_LIMIT = 5000;

/** A name as `sameLabel` (core/parse.ts) compares it: normalised and lower-cased. */
function foldName(name: string): string {
  let folded = foldedNames.get(name);
  if (folded === undefined) {
    if (foldedNames.size >= FOLDED_LIMIT) foldedNames.clear();
    foldedNames.set(name, (folded = normalizeInput(name).toLowerCase()));
  }
  return folded;
}

/** One text contains the other, both long enough (2 CJK characters, 3 letters otherwise). */
function overlaps(folded: string, name: string): boolean {
  const b = foldName(name);
  const long = (x: string) => x.length >= (/[\u3400-\u9fff]/.test(x) ? 2 : 3);
  return long(folded) && long(b) && (folded.includes(b) || b.includes(folded));
}

/** The `ask_choice` step type. */
export const askChoiceStep: StepType<AskChoiceNode> = {
  type: 'ask_choice',
  schema: askChoiceSchema,
  enter(node, ctx) {
    const opts = options(node, ctx);
    if (opts.length === 0) {
      ctx.emit({
        type: 'content_error',
        flow: ctx.flowId,
        node: node.id,
        message: 'no options to offer',
      });
      return { to: 'end' };
    }
    return askAndWait(ctx, ctx.text(node.text), render(opts, ctx));
  },
  answer(node, answer, ctx) {
    const opts = options(node, ctx);
    const picked = matchOption(opts, answer, (label) => ctx.labels(label));
    if (!picked) {
      const reason = answer.choiceId !== undefined ? 'choice_stale' : 'choice_invalid';
      return reject(node, reason, ctx, () => ctx.reply(ctx.text(node.text), render(opts, ctx)), {
        max: opts.length,
      });
    }
    return accept(node, picked.id, ctx, picked.next ?? node.next);
  },
  refs: (node) => ({
    ...noRefs(),
    nodes: [
      ...(node.next ? [node.next] : []),
      ...(node.choices ?? []).flatMap((c) => (c.next ? [c.next] : [])),
    ],
    writes: node.save,
    lists: node.source ? [node.source] : [],
    texts: [node.text, ...(node.choices ?? []).map((c) => c.label)],
  }),
};
