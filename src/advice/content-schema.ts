import * as z from 'zod';
import { localizedTextSchema } from '../core/text';
import {
  logisticsRulesSchema,
  nicheRulesSchema,
  planRulesSchema,
  stepsFileSchema,
  villageRulesSchema,
} from './check-rules-schema';
import { criterionSchema, datedSourceSchema, factSchema, idSchema } from './fact-schema';
import { storytellingRulesSchema } from './rules-schema';

/** The building blocks and rule schemas, re-exported so checks import one module. */
export type { Criterion, DatedSource, Fact, Rule, Threshold } from './fact-schema';
export { STORY_ELEMENTS, type StoryElement } from './rules-schema';

/** `content/benchmarks/criteria.yaml`: Taobao Village and Taobao Town criteria. */
export const criteriaFileSchema = z
  .object({
    village: z
      .object({
        definition: factSchema,
        min_annual_sales_rmb: criterionSchema,
        min_active_shops: criterionSchema,
        min_active_shop_share_pct: criterionSchema,
        active_shop: factSchema,
        sales_window: factSchema,
      })
      .strict(),
    town: z
      .object({
        definition: factSchema,
        min_taobao_villages: criterionSchema,
        min_annual_sales_rmb: criterionSchema,
        min_active_shops: criterionSchema,
      })
      .strict(),
    cluster: factSchema,
  })
  .strict();

/** `content/benchmarks/counts.yaml`: Taobao Villages and Towns counted each year. */
export const countsFileSchema = z
  .object({
    years: z
      .array(
        z
          .object({
            year: z.number().int().min(2009),
            villages: z.number().int().positive(),
            towns: z.number().int().positive().optional(),
            source: datedSourceSchema,
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

/** What a seller can copy from a benchmark village; checks pick examples by these. */
export const MOVES = [
  'copy_and_spread',
  'market_sourcing',
  'own_brand',
  'flagship_products',
  'no_deposit_stocking',
  'whole_town',
  'shared_logistics',
  'curb_undercutting',
  'livestreaming',
  'heritage_craft',
] as const;

/** `content/benchmarks/villages.yaml`: benchmark villages with sourced facts. */
export const villagesFileSchema = z
  .object({
    villages: z
      .array(
        z
          .object({
            id: idSchema,
            kind: z.enum(['village', 'town']),
            name: localizedTextSchema,
            place: localizedTextSchema,
            province: z.string().min(1),
            categories: z.array(z.string().min(1)).min(1),
            product: localizedTextSchema,
            moves: z.array(z.enum(MOVES)).default([]),
            facts: z.array(factSchema).min(1),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

/** A benchmark village. */
export type BenchmarkVillage = z.infer<typeof villagesFileSchema>['villages'][number];

/** `content/benchmarks/facts.yaml`: facts steps may show, by id. */
export const factsFileSchema = z.object({ facts: z.record(idSchema, factSchema) }).strict();

/** Everything the advice checks read, as bundled for the Worker. */
export const adviceDataSchema = z.object({
  criteria: criteriaFileSchema,
  counts: countsFileSchema.shape.years,
  villages: villagesFileSchema.shape.villages,
  facts: factsFileSchema.shape.facts,
  rules: z.object({
    logistics: logisticsRulesSchema,
    niche: nicheRulesSchema,
    village: villageRulesSchema,
    plan: planRulesSchema,
    storytelling: storytellingRulesSchema,
    steps: stepsFileSchema.shape.steps,
  }),
});

/** See {@link adviceDataSchema}. */
export type AdviceData = z.infer<typeof adviceDataSchema>;

/** The advice content files, by path under `content/`, and the schema each must match. */
export const ADVICE_FILES = {
  'benchmarks/criteria.yaml': criteriaFileSchema,
  'benchmarks/counts.yaml': countsFileSchema,
  'benchmarks/villages.yaml': villagesFileSchema,
  'benchmarks/facts.yaml': factsFileSchema,
  'rules/logistics.yaml': logisticsRulesSchema,
  'rules/niche.yaml': nicheRulesSchema,
  'rules/village.yaml': villageRulesSchema,
  'rules/plan.yaml': planRulesSchema,
  'rules/storytelling.yaml': storytellingRulesSchema,
  'rules/steps.yaml': stepsFileSchema,
} as const;

/** A path of {@link ADVICE_FILES}. */
export type AdviceFile = keyof typeof ADVICE_FILES;
