import * as z from 'zod';
import { LOCALES } from '../core/message';
import { SEVERITIES } from './plan-schema';
import { STORY_ELEMENTS } from './content-schema';
import { LOGISTICS_FINDINGS, NICHE_FINDINGS, VILLAGE_FINDINGS } from './finding-ids';

/**
 * The inputs and outputs of the four checks (DESIGN.md section 10). The JSON API, its
 * OpenAPI document and the chat actions all use these schemas.
 */

const rmb = z.number().nonnegative().max(1e13);
const count = z.number().int().nonnegative().max(1e7);
const categoryId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]*$/)
  .max(48)
  .describe('a product category id, e.g. farm_produce, furniture, outdoor');

/** Things that set a product apart from the same item sold next door. */
export const DIFFERENTIATORS = [
  'geographical_indication',
  'handmade',
  'heritage',
  'organic',
  'certified',
  'own_brand',
] as const;

/** See {@link DIFFERENTIATORS}. */
export type Differentiator = (typeof DIFFERENTIATORS)[number];

/** Input of the Taobao Village check, with an optional Taobao Town check of the township. */
export const villageInputSchema = z
  .object({
    annualSalesRmb: rmb.describe(
      'Alibaba-platform sales (Taobao, Tmall, 1688...) of the village over 12 months, in RMB',
    ),
    activeShops: count.describe(
      'active shops shipping from the village: open at least 30 days, on average at least one order a month over the last 3 months',
    ),
    households: z.number().int().positive().max(1e7).optional().describe('households'),
    category: categoryId.optional(),
    town: z
      .object({
        taobaoVillages: z.number().int().nonnegative().max(1000),
        annualSalesRmb: rmb.optional(),
        activeShops: count.optional(),
      })
      .strict()
      .refine((t) => (t.annualSalesRmb === undefined) === (t.activeShops === undefined), {
        message: 'give both annualSalesRmb and activeShops, or neither',
        path: ['activeShops'],
      })
      .optional()
      .describe('the township, for the Taobao Town check'),
  })
  .strict();

/** Input of the logistics check. */
export const logisticsInputSchema = z
  .object({
    orderValueRmb: z.number().positive().max(1e9),
    shippingCostRmb: z.number().nonnegative().max(1e9),
    perishable: z.boolean(),
    deliveryDays: z.number().nonnegative().max(60),
    monthlyParcels: count.optional().describe('parcels sent a month; 0 when not shipping yet'),
    damageRatePct: z
      .number()
      .min(0)
      .max(100)
      .optional()
      .describe('parcels in 100 that arrive damaged (packaging)'),
    returnRatePct: z
      .number()
      .min(0)
      .max(100)
      .optional()
      .describe('orders in 100 that buyers send back (size, colour, not as described)'),
    bulky: z
      .boolean()
      .optional()
      .describe('too big or heavy for a normal parcel (furniture): goes by freight line'),
    expressPointKm: z
      .number()
      .nonnegative()
      .max(1000)
      .optional()
      .describe('distance to the nearest express drop-off point, in km'),
  })
  .strict();

/** Input of the niche check. */
export const nicheInputSchema = z
  .object({
    sameItemSellers: count.describe('shops in and around the village selling the same item'),
    differentiators: z
      .array(z.enum(DIFFERENTIATORS))
      .max(DIFFERENTIATORS.length)
      .refine((d) => new Set(d).size === d.length, { message: 'list each differentiator once' }),
    priceVsMarketPct: z
      .number()
      .min(-100)
      .max(1000)
      .optional()
      .describe('your price against the usual market price: -20 means 20% below'),
    nationalListings: count
      .optional()
      .describe('listings of the same item on the platform nationwide (a search count)'),
    category: categoryId.optional(),
  })
  .strict();

/** Input of the storytelling check. */
export const storytellingInputSchema = z
  .object({
    text: z.string().trim().min(1).max(4000).describe('a listing or product story'),
    locale: z.enum(LOCALES).optional().describe('the language of the text; both when absent'),
    province: z
      .string()
      .regex(/^[a-z][a-z0-9_]*$/)
      .max(48)
      .optional()
      .describe("the seller's province id (lists/provinces), used in the suggested lines"),
    category: categoryId.optional(),
  })
  .strict();

/**
 * Finding ids of the storytelling check: `story_score`, `missing_<element>`, and the
 * compliance findings, each with `data.terms` (the phrases found).
 */
export const STORYTELLING_FINDINGS = [
  'story_score',
  ...STORY_ELEMENTS.map((element) => `missing_${element}` as const),
  'advertising_absolute_terms',
  'quoted_absolute_terms',
  'review_incentive',
  'unverified_claim',
] as const;

const dataValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]);

/** One finding: a stable snake_case id, how much it matters and the numbers behind it. */
export const findingSchema = z.object({
  id: z.string(),
  severity: z.enum(SEVERITIES),
  data: z.record(z.string(), dataValue),
});

/** One next step, linked to the finding it answers. */
export const stepSchema = z.object({
  id: z.string(),
  finding: z.string(),
  severity: z.enum(SEVERITIES),
  quickWin: z.boolean(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  lesson: z.string().optional(),
});

const common = { findings: z.array(findingSchema), steps: z.array(stepSchema) };
const okWarnSerious = z.enum(['ok', 'warn', 'serious']);

/** A finding whose id is one of `ids` (documented in the OpenAPI document). */
const findingsOf = (ids: readonly string[]) =>
  z.array(findingSchema.extend({ id: z.string().describe(`one of ${ids.join(', ')}`) }));

/** Output of the village check. `gaps` are 0 when a criterion is met. */
export const villageResultSchema = z.object({
  verdict: z.enum(['eligible', 'not_eligible']),
  gaps: z.object({ salesRmb: z.number(), shops: z.number() }),
  town: z
    .object({
      verdict: z.enum(['eligible', 'not_eligible']),
      route: z.enum(['villages', 'sales_and_shops']).nullable(),
      gaps: z.object({
        taobaoVillages: z.number(),
        salesRmb: z.number().optional(),
        shops: z.number().optional(),
      }),
    })
    .optional(),
  benchmarks: z
    .array(z.string())
    .describe('benchmark village ids of the same category (none when no village matches)'),
  ...common,
  findings: findingsOf(VILLAGE_FINDINGS),
});

/** Output of the logistics check. */
export const logisticsResultSchema = z.object({
  verdict: okWarnSerious,
  shippingSharePct: z.number(),
  ...common,
  findings: findingsOf(LOGISTICS_FINDINGS),
});

/** Output of the niche check. */
export const nicheResultSchema = z.object({
  verdict: okWarnSerious,
  crowded: z.boolean(),
  example: z
    .string()
    .optional()
    .describe(
      'a benchmark village id of the same category to learn from; none when no village matches',
    ),
  ...common,
  findings: findingsOf(NICHE_FINDINGS),
});

/** Output of the storytelling check. */
export const storytellingResultSchema = z.object({
  verdict: okWarnSerious,
  score: z.number().int().min(0).max(STORY_ELEMENTS.length),
  present: z.array(z.enum(STORY_ELEMENTS)),
  missing: z.array(z.enum(STORY_ELEMENTS)),
  findings: z.array(
    findingSchema.extend({
      id: z
        .string()
        .describe(
          `one of ${STORYTELLING_FINDINGS.join(', ')}. advertising_absolute_terms and review_incentive are serious; quoted_absolute_terms (absolute words inside a quoted buyer review) and unverified_claim (organic, GI, certified named without proof) warn; each of these has data.terms, the phrases found`,
        ),
    }),
  ),
  steps: common.steps,
});

/** Validated check inputs. */
export type VillageInput = z.infer<typeof villageInputSchema>;
/** See {@link logisticsInputSchema}. */
export type LogisticsInput = z.infer<typeof logisticsInputSchema>;
/** See {@link nicheInputSchema}. */
export type NicheInput = z.infer<typeof nicheInputSchema>;
/** See {@link storytellingInputSchema}. */
export type StorytellingInput = z.infer<typeof storytellingInputSchema>;
/** See {@link findingSchema}. */
export type Finding = z.infer<typeof findingSchema>;
/** See {@link stepSchema}. */
export type Step = z.infer<typeof stepSchema>;
/** See {@link villageResultSchema}. */
export type VillageResult = z.infer<typeof villageResultSchema>;
/** See {@link logisticsResultSchema}. */
export type LogisticsResult = z.infer<typeof logisticsResultSchema>;
/** See {@link nicheResultSchema}. */
export type NicheResult = z.infer<typeof nicheResultSchema>;
/** See {@link storytellingResultSchema}. */
export type StorytellingResult = z.infer<typeof storytellingResultSchema>;
