import * as z from 'zod';
import type { ProfileSlice } from '../core/slices';

/** The checks whose findings feed a plan. */
export const CHECK_NAMES = ['village', 'logistics', 'niche', 'storytelling'] as const;

/** A check's name. */
export type CheckName = (typeof CHECK_NAMES)[number];

/** Where a plan step comes from: a check, or the seller's stage (getting orders, contacts). */
export const PLAN_SOURCES = [...CHECK_NAMES, 'stage'] as const;

/** See {@link PLAN_SOURCES}. */
export type PlanSource = (typeof PLAN_SOURCES)[number];

/** How much a finding matters; the plan puts `serious` first. */
export const SEVERITIES = ['info', 'warn', 'serious'] as const;

/** See {@link SEVERITIES}. */
export type Severity = (typeof SEVERITIES)[number];

/**
 * One step of a person's plan, as kept in the profile. Only ids and the numbers its text
 * needs are stored: the words come from the locales when it is shown, in the person's
 * language of the day.
 *
 * @example { "id": "negotiate_volume_rate", "check": "logistics", "finding": "volume_rate_possible", "severity": "info", "quickWin": true, "params": { "parcels": 450 } }
 */
export const planStepSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z][a-z0-9_]*$/)
      .max(64),
    check: z.enum(PLAN_SOURCES),
    finding: z
      .string()
      .regex(/^[a-z][a-z0-9_]*$/)
      .max(64),
    severity: z.enum(SEVERITIES),
    quickWin: z.boolean(),
    params: z.record(z.string(), z.union([z.string().max(300), z.number()])).optional(),
    /** A course lesson that teaches this step, when one exists. */
    lesson: z.string().max(64).optional(),
    done: z.boolean().optional(),
    /** Put off by the person: shown after the steps not put off. */
    later: z.boolean().optional(),
  })
  .strict();

/** See {@link planStepSchema}. */
export type PlanStep = z.infer<typeof planStepSchema>;

/** A person's step-by-step plan, merged from the checks they ran, most urgent first. */
export const planSchema = z
  .object({ steps: z.array(planStepSchema).max(40), updatedAt: z.number() })
  .strict();

/** See {@link planSchema}. */
export type Plan = z.infer<typeof planSchema>;

/**
 * The advice slice of the profile: the step-by-step plan built from the checks the person
 * ran (kept with consent only). Actions build it; a flow may only remove it (when consent
 * is withdrawn).
 */
export const planSlice: ProfileSlice<Plan> = { schema: planSchema, removableByFlow: true };

declare module '../core/profile' {
  interface ProfileSlices {
    plan: Plan;
  }
}
