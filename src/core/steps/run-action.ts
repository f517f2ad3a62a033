import * as z from 'zod';
import { noRefs, type StepType } from './types';

/**
 * Run a named action (see `Program.actions`) with flow variables as input, show its
 * replies, and keep its value in `save`. Input maps the action's field names to variables.
 *
 * @example { "id": "check", "type": "run_action", "action": "village_check", "input": { "annualSalesRmb": "sales" }, "save": "verdict" }
 */
export const runActionSchema = z
  .object({
    id: z.string(),
    type: z.literal('run_action'),
    action: z.string().min(1),
    input: z.record(z.string(), z.string()).default({}),
    save: z.string().optional(),
    next: z.string().optional(),
  })
  .strict();

/** A `run_action` node. */
export type RunActionNode = z.infer<typeof runActionSchema>;

/** The `run_action` step type. */
export const runActionStep: StepType<RunActionNode> = {
  type: 'run_action',
  schema: runActionSchema,
  enter(node, ctx) {
    const input = Object.fromEntries(
      Object.entries(node.input).flatMap(([field, name]) =>
        name in ctx.vars ? [[field, ctx.vars[name]!]] : [],
      ),
    );
    const value = ctx.runAction(node.action, input);
    if (value === undefined) {
      ctx.emit({
        type: 'content_error',
        flow: ctx.flowId,
        node: node.id,
        message: `unknown action ${node.action}`,
      });
      return { to: 'end' };
    }
    if (node.save) ctx.setVar(node.save, value);
    return { to: 'next', node: node.next };
  },
  refs: (node) => ({
    ...noRefs(),
    nodes: node.next ? [node.next] : [],
    reads: Object.values(node.input),
    writes: node.save,
    actions: [node.action],
  }),
};
