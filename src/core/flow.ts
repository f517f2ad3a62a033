import * as z from 'zod';
import { STEP_TYPES, type FlowNode } from './steps';

const nodeSchemas = STEP_TYPES.map((s) => s.schema) as unknown as Parameters<
  typeof z.discriminatedUnion
>[1];

/** Any node, discriminated on `type` so errors name the fields of the right type. */
export const flowNodeSchema = z.discriminatedUnion(
  'type',
  nodeSchemas,
) as unknown as z.ZodType<FlowNode>;

/**
 * A flow: a small state machine of nodes, run from the first node (or `start`). A node
 * without `next` continues with the node after it; the last node ends the flow.
 *
 * @example { "id": "help", "nodes": [{ "id": "text", "type": "message", "text": "help.text" }] }
 */
export const flowSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]*$/, 'flow ids are snake_case'),
    start: z.string().optional(),
    /**
     * Interrupted by a command, the flow is set aside instead of dropped: it continues when
     * the interrupting flow is done, or when the flow is started again (with its variables).
     */
    resumable: z.boolean().optional(),
    nodes: z.array(flowNodeSchema).min(1),
  })
  .strict();

/** See {@link flowSchema}. */
export type Flow = z.infer<typeof flowSchema>;
