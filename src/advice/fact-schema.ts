/**
 * The building blocks of advice content: a fact carries its source, a threshold its why.
 * A content file that leaves either out fails the build.
 */
import * as z from 'zod';
import { localizedTextSchema } from '../core/text';

/** Ids in content: snake_case. */
export const idSchema = z.string().regex(/^[a-z][a-z0-9_]*$/, 'ids are snake_case');
/** Where a fact was seen. Required: the bot states nothing as fact without one. */
export const sourceSchema = z
  .string({ error: 'every fact needs a source' })
  .trim()
  .min(3, 'every fact needs a source');
/** Why a threshold has its value. Required on every threshold. */
export const whySchema = z
  .string({ error: 'every threshold needs a why' })
  .trim()
  .min(3, 'every threshold needs a why');

const datedLabel = sourceSchema.refine((label) => /\d{4}|n\.d\.|日期不详/.test(label), {
  message: 'a source label needs its date (at least the year), or "n.d." / "日期不详"',
});

/**
 * Where a fact the bot states was seen, as people read it: a label in each language, each
 * with the source's date (at least the year).
 *
 * @example { "zh-CN": "中央电视台 2023-08-15", "en": "CCTV 2023-08-15" }
 */
export const datedSourceSchema = z
  .object({ 'zh-CN': datedLabel, en: datedLabel }, { error: 'every fact needs a source' })
  .strict();

/** See {@link datedSourceSchema}. */
export type DatedSource = z.infer<typeof datedSourceSchema>;

/**
 * A fact the bot may state, in both languages, with its source.
 *
 * @example { "text": { "zh-CN": "…", "en": "…" }, "source": { "zh-CN": "中央电视台 2023-08-15", "en": "CCTV 2023-08-15" } }
 */
export const factSchema = z
  .object({ text: localizedTextSchema, source: datedSourceSchema })
  .strict();

/** See {@link factSchema}. */
export type Fact = z.infer<typeof factSchema>;

/**
 * A rule-of-thumb threshold: its value and why (a source when the why rests on one).
 *
 * @example { "value": 15, "why": "Above 15% of the order value shipping eats the margin." }
 */
export const thresholdSchema = z
  .object({ value: z.number(), why: whySchema, source: sourceSchema.optional() })
  .strict();

/** See {@link thresholdSchema}. */
export type Threshold = z.infer<typeof thresholdSchema>;

/**
 * A threshold of the advice checks that the bot shows: without `source` it is our rule of
 * thumb (and the bot says so); with one, the source that sets the number, shown in the
 * person's language. Background for the why goes in `why`, not in `source`.
 *
 * @example { "value": 15, "why": "Our rule of thumb: above 15% shipping eats the margin." }
 */
export const ruleSchema = z
  .object({ value: z.number(), why: whySchema, source: datedSourceSchema.optional() })
  .strict();

/** See {@link ruleSchema}. */
export type Rule = z.infer<typeof ruleSchema>;

/**
 * An official criterion: a threshold that is also a fact, so it needs a source too.
 * `inclusive: false` when the source says "over" rather than "at least".
 */
export const criterionSchema = ruleSchema
  .extend({ source: datedSourceSchema, inclusive: z.boolean().default(true) })
  .strict();

/** See {@link criterionSchema}. */
export type Criterion = z.infer<typeof criterionSchema>;
