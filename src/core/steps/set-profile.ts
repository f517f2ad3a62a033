import * as z from 'zod';
import { SETTABLE_PROFILE_FIELDS, type SettableProfileField } from '../profile';
import { noRefs, type StepType } from './types';

const fields = Object.keys(SETTABLE_PROFILE_FIELDS) as [
  SettableProfileField,
  ...SettableProfileField[],
];

/**
 * Set a profile field to a fixed value or to an earlier answer (`from`); `value: null`
 * removes the field.
 *
 * @example { "id": "keep_category", "type": "set_profile", "field": "category", "from": "category" }
 */
export const setProfileSchema = z
  .object({
    id: z.string(),
    type: z.literal('set_profile'),
    field: z.enum(fields),
    value: z.union([z.string(), z.number(), z.boolean(), z.null()]).optional(),
    from: z.string().optional(),
    next: z.string().optional(),
  })
  .strict()
  .refine((n) => (n.value === undefined) !== (n.from === undefined), {
    message: 'give exactly one of "value" and "from"',
  });

/** A `set_profile` node. */
export type SetProfileNode = z.infer<typeof setProfileSchema>;

/** The `set_profile` step type. */
export const setProfileStep: StepType<SetProfileNode> = {
  type: 'set_profile',
  schema: setProfileSchema,
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
