import * as z from 'zod';
import { noRefs, type StepType } from './types';

/**
 * Start another flow: a fixed one (`flow`) or the one an earlier answer names (`from`).
 * `with` hands variables over: the new flow's name for each, and the variable it comes from.
 *
 * @example { "id": "open", "type": "goto_flow", "from": "item" }
 * @example { "id": "open_survey", "type": "goto_flow", "flow": "survey", "with": { "args": "args" } }
 */
export const gotoFlowSchema = z
  .object({
    id: z.string(),
    type: z.literal('goto_flow'),
    flow: z.string().optional(),
    from: z.string().optional(),
    with: z.record(z.string(), z.string()).optional(),
  })
  .strict()
  .refine((n) => (n.flow === undefined) !== (n.from === undefined), {
    message: 'give exactly one of "flow" and "from"',
  });

/** A `goto_flow` node. */
export type GotoFlowNode = z.infer<typeof gotoFlowSchema>;

/** The `goto_flow` step type. */
export const gotoFlowStep: StepType<GotoFlowNode> = {
  type: 'goto_flow',
  schema: gotoFlowSchema,
  enter(node, ctx) {
    const target = node.flow ?? ctx.vars[node.from ?? ''];
    if (typeof target !== 'string') {
      ctx.emit({
        type: 'content_error',
        flow: ctx.flowId,
        node: node.id,
        message: 'no flow to go to',
      });
      return { to: 'end' };
    }
    if (!node.with) return { to: 'flow', flow: target };
    const vars = Object.fromEntries(
      Object.entries(node.with).flatMap(([name, from]) =>
        from in ctx.vars ? [[name, ctx.vars[from]!]] : [],
      ),
    );
    return { to: 'flow', flow: target, vars };
  },
  refs: (node) => ({
    ...noRefs(),
    flows: node.flow ? [node.flow] : [],
    reads: [...(node.from ? [node.from] : []), ...Object.values(node.with ?? {})],
  }),
};
