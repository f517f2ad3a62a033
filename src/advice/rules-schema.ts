import * as z from 'zod';
import { idSchema, thresholdSchema } from './fact-schema';

/** `content/rules/logistics.yaml`. */
export const logisticsRulesSchema = z
  .object({
    shipping_share_warn_pct: thresholdSchema,
    shipping_share_serious_pct: thresholdSchema,
    perishable_max_days: thresholdSchema,
    volume_rate_min_parcels: thresholdSchema,
    damage_rate_warn_pct: thresholdSchema,
    express_point_far_km: thresholdSchema,
  })
  .strict();

/** `content/rules/niche.yaml`. */
export const nicheRulesSchema = z
  .object({ crowded_sellers: thresholdSchema, far_below_market_pct: thresholdSchema })
  .strict();

/** The elements a good product story has, in the order the check reports them. */
export const STORY_ELEMENTS = [
  'origin',
  'maker',
  'process',
  'heritage',
  'proof',
  'customer_voice',
  'call_to_action',
] as const;

/** A story element id. */
export type StoryElement = (typeof STORY_ELEMENTS)[number];

const patterns = z.array(z.string().trim().min(1)).min(1);
const patternsSchema = z.object({ 'zh-CN': patterns, en: patterns }).strict();

/** `content/rules/storytelling.yaml`: score thresholds and patterns per element. */
export const storytellingRulesSchema = z
  .object({
    good_score: thresholdSchema,
    weak_score: thresholdSchema,
    elements: z
      .object({
        origin: patternsSchema,
        maker: patternsSchema,
        process: patternsSchema,
        heritage: patternsSchema,
        proof: patternsSchema,
        customer_voice: patternsSchema,
        call_to_action: patternsSchema,
      })
      .strict(),
  })
  .strict();

/** `content/rules/steps.yaml`: every step a check may add to a plan. */
export const stepsFileSchema = z
  .object({
    steps: z.record(
      idSchema,
      z
        .object({
          quick_win: z.boolean(),
          facts: z.array(z.string().min(1)).default([]),
          examples: z.array(idSchema).default([]),
          lesson: z.string().min(1).optional(),
        })
        .strict(),
    ),
  })
  .strict();
