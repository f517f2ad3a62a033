import * as z from 'zod';
import { noRefs, type StepType } from './types';

/**
 * Forget the person: profile and conversation are deleted when the turn commits.
 *
 * @example { "id": "forget", "type": "erase_user", "next": "confirm" }
 */
export const eraseUserSchema = z
  .object({ id: z.string(), type: z.literal('erase_user'), next: z.string().optional() })
  .strict();

/** An `erase_user` node. */
export type EraseUserNode = z.infer<typeof eraseUserSchema>;

/** The `erase_user` step type. */
export const eraseUserStep: StepType<EraseUserNode> = {
  type: 'erase_user',
  schema: eraseUserSchema,
  enter(node, ctx) {
    ctx.eraseUser();
    return { to: 'next', node: node.next };
  },
  refs: (node) => ({ ...noRefs(), nodes: node.next ? [node.next] : [] }),
};
