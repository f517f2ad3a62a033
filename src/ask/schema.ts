import * as z from 'zod';
import { LOCALES } from '../core/message';

const text = z.string().trim().min(1);
const bilingual = z.object({ 'zh-CN': text, en: text }).strict();
const idSchema = z.string().regex(/^[a-z][a-z0-9_]*$/, 'ids are snake_case: a-z, 0-9 and _');

/** The checks a question may be routed to (flows of content/advice). */
export const CHECKS = ['village', 'logistics', 'niche', 'storytelling'] as const;

/** One of {@link CHECKS}. */
export type CheckId = (typeof CHECKS)[number];

/** What a button under an answer opens: a lesson (`course/lesson`) or a check. */
export const openSchema = z.union([
  z.object({ lesson: z.string().regex(/^[a-z][a-z0-9_]*\/[a-z][a-z0-9_]*$/, 'course/lesson') }),
  z.object({ check: z.enum(CHECKS) }),
]);

/**
 * One question–answer pair of `content/faq/*.yaml`, in both languages. The answer states
 * facts with a `source` (dated), or is marked `experience: true` (a trainer's rule of
 * thumb, said as such). `opens` is the lesson or check the answer's button opens.
 *
 * @example { "id": "deposit", "question": {...}, "answer": {...}, "source": {...}, "opens": { "lesson": "open_shop/free_help" } }
 */
export const faqEntrySchema = z
  .object({
    id: idSchema,
    question: bilingual,
    /** Other ways people ask it (either language), searched with the question. */
    also: z.array(text).default([]),
    answer: bilingual,
    source: bilingual.optional(),
    experience: z.literal(true).optional(),
    opens: openSchema.optional(),
  })
  .strict()
  .refine((f) => (f.source === undefined) !== (f.experience === undefined), {
    message: 'give a dated "source" or mark the answer "experience: true" (not both)',
  })
  .refine((f) => f.source === undefined || Object.values(f.source).every((s) => /\d{4}/.test(s)), {
    message: 'a source needs its date (at least the year)',
    path: ['source'],
  });

/** See {@link faqEntrySchema}. */
export type FaqEntry = z.infer<typeof faqEntrySchema>;

/** `content/faq/<topic>.yaml`. */
export const faqFileSchema = z.object({ faq: z.array(faqEntrySchema).min(1) }).strict();

/**
 * When a sentence asks for a check: a `topic` word and an `asks` cue in the same clause, or
 * one of `phrases`, which name both at once ("takes # days", "#天才到"; `#` is a number:
 * 6, 五, 几, a, few), and no `negations` phrase before them in the clause ("不用帮我看运费",
 * "not asking about shipping"). `except`: words that hold a topic but are another thing
 * (运费险 holds 运费, "shipping insurance" holds "shipping").
 */
export const routeRuleSchema = z
  .object({
    check: z.enum(CHECKS),
    topics: z.array(text).min(1),
    asks: z.array(text).min(1),
    phrases: z.array(text).optional(),
    except: z.array(text).optional(),
  })
  .strict();

/** See {@link routeRuleSchema}. */
export type RouteRule = z.infer<typeof routeRuleSchema>;

/** `content/ask/lexicon.yaml`: what the search and the router read besides passages. */
export const lexiconFileSchema = z
  .object({
    vocabulary: z.array(text).min(1),
    synonyms: z.array(z.array(text).min(2)),
    stopwords: z.array(text),
    /**
     * The seller's goods and places (茶叶, honey, 杭州): they weigh little in a question.
     * The provinces of content/lists/provinces.yaml are added at content time.
     */
    light: z.array(text).default([]),
    routes: z.array(routeRuleSchema).min(1),
    negations: z.array(text).min(1),
    /** The check that shows each sourced fact of content/benchmarks/facts.yaml. */
    facts: z.record(z.string(), z.enum(CHECKS)),
    /** How a trainer's experience is labelled where a source would be. */
    experience: bilingual,
  })
  .strict();

/** See {@link lexiconFileSchema}. */
export type LexiconFile = z.infer<typeof lexiconFileSchema>;

/** Where a passage came from (the API's `link`). */
export const linkSchema = z.object({
  kind: z.enum(['lesson', 'check', 'faq', 'fact']),
  id: z.string(),
});

/** A passage of the knowledge base, with its terms counted at content time. */
export const passageSchema = z.object({
  id: z.string(),
  locale: z.enum(LOCALES),
  title: z.string(),
  text: z.string(),
  source: z.string(),
  link: linkSchema,
  opens: openSchema.optional(),
  /** Term frequencies (the title and a FAQ's questions count twice). */
  tf: z.record(z.string(), z.number()),
});

/** See {@link passageSchema}. */
export type Passage = z.infer<typeof passageSchema>;

/** The knowledge base in the content bundle (`ContentBundle.knowledge`). */
export const knowledgeSchema = z.object({
  lexicon: z.object({
    vocabulary: z.array(z.string()),
    synonyms: z.array(z.array(z.string())),
    stopwords: z.array(z.string()),
    light: z.array(z.string()).optional(),
  }),
  experience: z.object({ 'zh-CN': z.string(), en: z.string() }),
  routes: z.array(routeRuleSchema),
  negations: z.array(z.string()),
  passages: z.array(passageSchema),
});

/** See {@link knowledgeSchema}. */
export type Knowledge = z.infer<typeof knowledgeSchema>;
