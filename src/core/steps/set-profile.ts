import * as z from 'zod';
import { SETTABLE_PROFILE_FIELDS } from '../profile';
import { noRefs, type StepType } from './types';

function setProfileSchema(fields: readonly string[]) {
  return z
    .object({
      id: z.string(),
      type: z.literal('set_profile'),
      field: z.enum(fields as [string, ...string[]]),
      value: z.union([z.string(), z.number(), z.boolean(), z.null()]).optional(),
      from: z.string().optional(),
      next: z.string().optional(),
    })
    .strict()
    .refine((n) => (n.value === undefined) !== (n.from === undefined), {
      message: 'give exactly one of "value" and "from"',
    });
}

/** A `set_profile` node. */
export type SetProfileNode = z.infer<ReturnType<typeof setProfileSchema>>;

/**
 * Set a profile field to a fixed value or to an earlier answer (`from`); `value: null`
 * removes the field. `fields` are those a flow may set: the core's, and the domain slices
 * a flow may remove (see `settableFields` in ../slices.ts).
 *
 * @example { "id": "keep_category", "type": "set_profile", "field": "category", "from": "category" }
 */
export function setProfileStepFor(fields: readonly string[]): StepType<SetProfileNode> {
  return {
    type: 'set_profile',
    schema: setProfileSchema(fields),
    enter(node, ctx) {
      const value = node.from === undefined ? node.value : ctx.vars[node.from];
      if (value !== undefined) ctx.setProfile(node.field, value);
      return { to: 'next', node: node.next };
    },
    refs: (node) => ({
      ...noRefs(),
      nodes: node.next ? [node.next] : [],
      reads: node.from ? [node.from] : [],
    }),
  };
}

/** The `set_profile` step type over the core's fields only. */
export const setProfileStep = setProfileStepFor(Object.keys(SETTABLE_PROFILE_FIELDS));
