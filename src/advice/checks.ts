import type { z } from 'zod';
import type { CheckName } from './plan-schema';
import type { AdviceData } from './content-schema';
import { logisticsCheck } from './logistics';
import { nicheCheck } from './niche';
import {
  logisticsInputSchema,
  logisticsResultSchema,
  nicheInputSchema,
  nicheResultSchema,
  storytellingInputSchema,
  storytellingResultSchema,
  villageInputSchema,
  villageResultSchema,
} from './schemas';
import type { AnyResult } from './render';
import { storytellingCheck } from './storytelling';
import { villageCheck } from './village';

/** A check: its input and output schemas and the pure function between them. */
export interface CheckDefinition {
  summary: string;
  input: z.ZodType;
  output: z.ZodType;
  run(input: unknown, data: AdviceData): AnyResult;
}

/**
 * The four checks by name, for the JSON API, its OpenAPI document and the chat actions.
 * `run` expects input already parsed with `input`.
 */
export const CHECKS: Readonly<Record<CheckName, CheckDefinition>> = {
  village: {
    summary: 'Taobao Village criteria (and Taobao Town for the township), with the gaps',
    input: villageInputSchema,
    output: villageResultSchema,
    run: (input, data) => villageCheck(input as z.infer<typeof villageInputSchema>, data),
  },
  logistics: {
    summary: 'Shipping cost share, perishables, volume, damage and distance to express',
    input: logisticsInputSchema,
    output: logisticsResultSchema,
    run: (input, data) => logisticsCheck(input as z.infer<typeof logisticsInputSchema>, data),
  },
  niche: {
    summary: 'Price-war risk from same-item sellers, differentiators and price',
    input: nicheInputSchema,
    output: nicheResultSchema,
    run: (input, data) => nicheCheck(input as z.infer<typeof nicheInputSchema>, data),
  },
  storytelling: {
    summary: 'Which of the 7 story elements a listing has, with a score out of 7',
    input: storytellingInputSchema,
    output: storytellingResultSchema,
    run: (input, data) => storytellingCheck(input as z.infer<typeof storytellingInputSchema>, data),
  },
};

/**
 * Validate raw input and run a check: the result, or the zod error for a 400.
 *
 * @example runCheck('niche', { sameItemSellers: 3, differentiators: [] }, data)
 */
export function runCheck(
  name: CheckName,
  raw: unknown,
  data: AdviceData,
): { ok: true; result: AnyResult } | { ok: false; error: z.ZodError } {
  const check = CHECKS[name];
  const parsed = check.input.safeParse(raw);
  if (!parsed.success) return { ok: false, error: parsed.error };
  return { ok: true, result: check.run(parsed.data, data) };
}
