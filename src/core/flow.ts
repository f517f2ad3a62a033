import * as z from 'zod';
import { CORE_STEPS, type FlowNode, type StepRegistry } from './steps';

/**
 * The schema of a flow whose nodes are of the registered step types, discriminated on
 * `type` so errors name the fields of the right type.
 *
 * @example const flowSchema = flowSchemaFor(stepRegistry([...coreStepTypes(), surveyStep]));
 */
export function flowSchemaFor(steps: StepRegistry) {
  const nodeSchemas = [...steps.values()].map((s) => s.schema) as unknown as Parameters<
    typeof z.discriminatedUnion
  >[1];
  const flowNodeSchema = z.discriminatedUnion(
    'type',
    nodeSchemas,
  ) as unknown as z.ZodType<FlowNode>;
  /**
   * A flow: a small state machine of nodes, run from the first node (or `start`). A node
   * without `next` continues with the node after it; the last node ends the flow.
   *
   * @example { "id": "help", "nodes": [{ "id": "text", "type": "message", "text": "help.text" }] }
   */
  return z
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
}

/** A flow of the core's step types only (engine tests, benchmarks). */
export const flowSchema = flowSchemaFor(CORE_STEPS);

/** See {@link flowSchemaFor}. */
export type Flow = z.infer<typeof flowSchema>;
