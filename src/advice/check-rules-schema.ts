import * as z from 'zod';
import { STAGES } from '../core/profile';
import { idSchema, ruleSchema } from './fact-schema';

/**
 * The rules of the village, logistics and niche checks and of the plan, as written in
 * `content/rules/*.yaml`. Every number is a {@link ruleSchema}: ours unless it names the
 * source that sets it.
 */

/** `content/rules/logistics.yaml`. */
export const logisticsRulesSchema = z
  .object({
    shipping_share_warn_pct: ruleSchema,
    shipping_share_serious_pct: ruleSchema,
    perishable_max_days: ruleSchema,
    perishable_far_days: ruleSchema,
    nonperishable_max_days: ruleSchema,
    volume_rate_min_parcels: ruleSchema,
    damage_rate_warn_pct: ruleSchema,
    return_rate_warn_pct: ruleSchema,
    express_point_far_km: ruleSchema,
  })
  .strict()
  .refine((r) => r.perishable_far_days.value > r.perishable_max_days.value, {
    message: 'perishable_far_days must be above perishable_max_days',
    path: ['perishable_far_days'],
  });

/** `content/rules/niche.yaml`. */
export const nicheRulesSchema = z
  .object({
    crowded_sellers: ruleSchema,
    national_crowded_listings: ruleSchema,
    few_differentiators: ruleSchema,
    far_below_market_pct: ruleSchema,
    above_market_pct: ruleSchema,
  })
  .strict();

/** `content/rules/village.yaml`: when the village check's inputs need a second look. */
export const villageRulesSchema = z
  .object({
    max_shops_per_household: ruleSchema,
    min_households: ruleSchema,
    min_sales_per_active_shop_rmb: ruleSchema,
    max_sales_per_active_shop_rmb: ruleSchema,
  })
  .strict();

/** Who a step is for: a seller's own step, or a village-level step for organisers. */
export const STEP_SCOPES = ['seller', 'village'] as const;

/** `content/rules/steps.yaml`: every step a check or the plan may add to a plan. */
export const stepsFileSchema = z
  .object({
    steps: z.record(
      idSchema,
      z
        .object({
          quick_win: z.boolean(),
          scope: z.enum(STEP_SCOPES).default('seller'),
          facts: z.array(z.string().min(1)).default([]),
          examples: z.array(idSchema).default([]),
          lesson: z.string().min(1).optional(),
        })
        .strict(),
    ),
  })
  .strict();

/** `content/rules/plan.yaml`: how the plan fits a seller's stage. */
export const planRulesSchema = z
  .object({
    /** Steps every seller at a stage gets, before the checks' non-urgent steps. */
    stage_steps: z.partialRecord(z.enum(STAGES), z.array(idSchema).min(1)),
    /** The one village-level step people who do not organise sellers get instead. */
    village_contact_step: idSchema,
  })
  .strict();

/** See {@link planRulesSchema}. */
export type PlanRules = z.infer<typeof planRulesSchema>;
