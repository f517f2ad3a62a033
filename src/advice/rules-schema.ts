import * as z from 'zod';
import { sourceSchema, thresholdSchema, whySchema } from './fact-schema';

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
/** Like {@link patternsSchema}, but a language may have none. */
const wordsSchema = z
  .object({ 'zh-CN': z.array(z.string().trim().min(1)), en: z.array(z.string().trim().min(1)) })
  .strict();

/**
 * Place names from the national division list, added by the content build (not written
 * in YAML), in the shape the check looks them up in: the Chinese names (bare where
 * unambiguous) and their pinyin spellings, each sorted, deduplicated and joined with
 * spaces. Splitting two strings is all the first check of an isolate does with them.
 */
export const placeNamesSchema = z
  .object({
    zh: z.string().regex(/^[^ ]+( [^ ]+)*$/),
    en: z.string().regex(/^[a-z]+( [a-z]+)*$/),
  })
  .strict();

/** See {@link placeNamesSchema}. */
export type PlaceNames = z.infer<typeof placeNamesSchema>;

/** `content/rules/storytelling.yaml`: score thresholds, patterns per element, compliance terms. */
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
    false_friends: wordsSchema,
    negation: z
      .object({
        'zh-CN': patterns,
        en: patterns,
        not_negation: wordsSchema,
        contrast: wordsSchema,
        max_gap_chars: thresholdSchema,
        max_gap_words: thresholdSchema,
        why: whySchema,
      })
      .strict(),
    places: z
      .object({
        keep_suffix: z.array(z.string().trim().min(2)),
        why: whySchema,
        village_suffixes: z.array(z.string().length(1)).min(1),
        village_not_before: z.array(z.string().length(1)),
        en_min_length: thresholdSchema,
        en_context: z.array(z.string().trim().min(1)),
        en_not_places: z.array(z.string().regex(/^[a-z]+$/, 'lower-case letters only')),
      })
      .strict(),
    no_step_when_denied: z.array(z.enum(STORY_ELEMENTS)),
    quote_window: thresholdSchema,
    attribution: patternsSchema,
    advertising_absolute_terms: patternsSchema
      .extend({ allowed: wordsSchema, why: whySchema, source: sourceSchema })
      .strict(),
    review_incentive: z
      .object({
        phrases: patternsSchema,
        review_words: patternsSchema,
        reward_words: patternsSchema,
        why: whySchema,
        source: sourceSchema,
      })
      .strict(),
    unverified_claim: patternsSchema.extend({ proof: patternsSchema, why: whySchema }).strict(),
    /** Added by the content build from the division list; absent in content-only tests. */
    place_names: placeNamesSchema.optional(),
  })
  .strict();

/** See {@link storytellingRulesSchema}. */
export type StorytellingRules = z.infer<typeof storytellingRulesSchema>;
