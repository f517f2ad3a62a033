import * as z from 'zod';
import { READABLE_PROFILE_FIELDS } from './profile';

/** A value a flow can hold in a variable or compare against. */
export type Value = string | number | boolean | null | string[];

/** Schema of {@link Value}. */
export const valueSchema: z.ZodType<Value> = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.null(),
  z.array(z.string()),
]);

const compareOps = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'contains', 'starts_with'] as const;
const presenceOps = ['exists', 'missing'] as const;
type Op = (typeof compareOps)[number] | (typeof presenceOps)[number];

const comparison = {
  op: z.enum([...compareOps, ...presenceOps]),
  value: valueSchema.optional(),
};

/** A test of a flow variable (an earlier answer). */
const varTestSchema = z.object({ var: z.string().min(1), ...comparison }).strict();
/** A test of a profile field. */
const profileTestSchema = z
  .object({ profile: z.enum(READABLE_PROFILE_FIELDS), ...comparison })
  .strict();
/**
 * A test of one entry of a profile slice that a domain keeps as a map (the experiments
 * slice: a person's arm by experiment). The core reads `profile[slice][key]` and knows no
 * slice; which slices exist is the domains' registration (`domains.ts`).
 */
const sliceTestSchema = z
  .object({ slice: z.string().min(1), key: z.string().min(1), ...comparison })
  .strict();

/**
 * A structured condition, checked when content is built and evaluated without `eval`.
 *
 * @example { "all": [{ "var": "consent", "op": "eq", "value": true }, { "profile": "locale", "op": "exists" }] }
 */
export type Condition =
  | z.infer<typeof varTestSchema>
  | z.infer<typeof profileTestSchema>
  | z.infer<typeof sliceTestSchema>
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

/** Schema of {@link Condition}. */
export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    varTestSchema,
    profileTestSchema,
    sliceTestSchema,
    z.object({ all: z.array(conditionSchema).min(1) }).strict(),
    z.object({ any: z.array(conditionSchema).min(1) }).strict(),
    z.object({ not: conditionSchema }).strict(),
  ]),
);

/** Where a condition reads its operands. */
export interface ConditionScope {
  vars: Readonly<Record<string, Value | undefined>>;
  profile: Readonly<Record<string, unknown>>;
}

/** Evaluate a condition. Missing operands compare as absent, never as errors. */
export function evaluate(condition: Condition, scope: ConditionScope): boolean {
  if ('all' in condition) return condition.all.every((c) => evaluate(c, scope));
  if ('any' in condition) return condition.any.some((c) => evaluate(c, scope));
  if ('not' in condition) return !evaluate(condition.not, scope);
  const left =
    'var' in condition
      ? scope.vars[condition.var]
      : 'slice' in condition
        ? sliceEntry(scope.profile[condition.slice], condition.key)
        : scope.profile[condition.profile];
  return compare(left, condition.op, condition.value);
}

function sliceEntry(slice: unknown, key: string): unknown {
  return slice !== null && typeof slice === 'object' && Object.hasOwn(slice, key)
    ? (slice as Record<string, unknown>)[key]
    : undefined;
}

function compare(left: unknown, op: Op, right: Value | undefined): boolean {
  const present = left !== undefined && left !== null;
  switch (op) {
    case 'exists':
      return present;
    case 'missing':
      return !present;
    case 'eq':
      return present && left === right;
    case 'ne':
      return left !== right;
    case 'in':
      return present && Array.isArray(right) && right.includes(String(left));
    case 'contains':
      return Array.isArray(left) && typeof right === 'string' && left.includes(right);
    case 'starts_with':
      // A deep-link payload (`survey_<id>`, `course_<id>`) picks where /start goes.
      return typeof left === 'string' && typeof right === 'string' && left.startsWith(right);
    default:
      return typeof left === 'number' && typeof right === 'number' && ordered(left, op, right);
  }
}

function ordered(left: number, op: Op, right: number): boolean {
  if (op === 'gt') return left > right;
  if (op === 'gte') return left >= right;
  if (op === 'lt') return left < right;
  return left <= right;
}

/** Every variable name a condition reads, for build-time reference checks. */
export function referencedVars(condition: Condition): string[] {
  if ('all' in condition) return condition.all.flatMap(referencedVars);
  if ('any' in condition) return condition.any.flatMap(referencedVars);
  if ('not' in condition) return referencedVars(condition.not);
  return 'var' in condition ? [condition.var] : [];
}
