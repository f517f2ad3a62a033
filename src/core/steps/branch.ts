import * as z from 'zod';
import { conditionSchema, evaluate, referencedVars } from '../conditions';
import { noRefs, type StepType } from './types';

/**
 * Jump to the first case whose condition holds, else to `else` (or the next node).
 *
 * @example { "id": "known", "type": "branch", "cases": [{ "when": { "profile": "onboarded", "op": "eq", "value": true }, "next": "welcome_back" }], "else": "ask_language" }
 */
export const branchSchema = z
  .object({
    id: z.string(),
    type: z.literal('branch'),
    cases: z.array(z.object({ when: conditionSchema, next: z.string() }).strict()).min(1),
    else: z.string().optional(),
  })
  .strict();

/** A `branch` node. */
export type BranchNode = z.infer<typeof branchSchema>;

/** The `branch` step type. */
export const branchStep: StepType<BranchNode> = {
  type: 'branch',
  schema: branchSchema,
  enter(node, ctx) {
    const hit = node.cases.find((c) => evaluate(c.when, { vars: ctx.vars, profile: ctx.profile }));
    return { to: 'next', node: hit ? hit.next : node.else };
  },
  refs: (node) => ({
    ...noRefs(),
    nodes: [...node.cases.map((c) => c.next), ...(node.else ? [node.else] : [])],
    reads: node.cases.flatMap((c) => referencedVars(c.when)),
  }),
};
