import * as z from 'zod';
import { MAX_LESSONS } from './progress-schema';
import { LOCALES, type Locale } from '../core/message';

const idSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, 'ids are snake_case: a-z, 0-9 and _')
  .max(40);

/** Text in some of the languages a course is written in. */
export const someLanguagesSchema = z.partialRecord(z.enum(LOCALES), z.string().min(1));

/** See {@link someLanguagesSchema}. */
export type SomeLanguages = z.infer<typeof someLanguagesSchema>;

/**
 * Where a fact comes from, in each language of the course, with its date (at least the
 * year): `{ "zh-CN": "新华社，2019-08-02", "en": "Xinhua, 2019-08-02" }`.
 */
export const sourceLabelSchema = z.partialRecord(z.enum(LOCALES), z.string().min(3).max(300));

/** How much a course assumes the learner already knows. */
export const LEVELS = ['beginner', 'intermediate', 'advanced'] as const;

/**
 * `content/courses/<course>/course.yaml`: what a course is, who teaches it and the
 * sources its lessons cite by id (each lesson marks the lines that state a fact with `[^id]`
 * and lists those ids in its front matter). `order` places it in the catalogue.
 *
 * @example { "id": "shipping", "order": 6, "level": "beginner", "languages": ["zh-CN", "en"], "title": { "zh-CN": "物流与包装", "en": "Shipping and packaging" }, "summary": {...}, "trainer": {...}, "sources": { "scio_2023": { "zh-CN": "国新办/商务部，2023-03-02", "en": "State Council Information Office / MOFCOM, 2023-03-02" } } }
 */
export const courseFileSchema = z
  .object({
    id: idSchema,
    order: z.number().int().min(1).max(99).optional(),
    title: someLanguagesSchema,
    summary: someLanguagesSchema,
    level: z.enum(LEVELS),
    languages: z.array(z.enum(LOCALES)).min(1),
    trainer: someLanguagesSchema,
    sources: z.record(idSchema, sourceLabelSchema).default({}),
  })
  .strict();

/** A parsed `course.yaml`. */
export type CourseFile = z.infer<typeof courseFileSchema>;

/**
 * The front matter of one language's lesson file (`NN-name.<locale>.md`). `correct` is
 * the 1-based number of the right option; `sources` are the ids its body cites with `[^id]`
 * (at least one: a lesson of our own advice cites `ours`).
 *
 * @example { "id": "pool_parcels", "order": 3, "title": "和邻居一起发货", "minutes": 3, "sources": ["bainiu"], "quiz": { "question": "…", "options": ["…", "…", "…"], "correct": 2, "explanation": "…" } }
 */
export const lessonFrontMatterSchema = z
  .object({
    id: idSchema,
    order: z.number().int().min(1).max(MAX_LESSONS),
    title: z.string().min(1).max(80),
    minutes: z.number().int().min(1).max(15),
    sources: z.array(idSchema).default([]),
    quiz: z
      .object({
        question: z.string().min(1).max(300),
        options: z.array(z.string().min(1).max(120)).min(2).max(4),
        correct: z.number().int().min(1),
        explanation: z.string().min(1).max(600),
      })
      .strict()
      .refine((q) => q.correct <= q.options.length, {
        message: 'correct must be the number of one of the options',
        path: ['correct'],
      })
      .optional(),
  })
  .strict();

/** See {@link lessonFrontMatterSchema}. */
export type LessonFrontMatter = z.infer<typeof lessonFrontMatterSchema>;

/** A lesson's quiz in the bundle: options per language, `correct` 0-based. */
export const quizSchema = z.object({
  question: someLanguagesSchema,
  options: z.array(someLanguagesSchema).min(2).max(4),
  correct: z.number().int().min(0),
  explanation: someLanguagesSchema,
});

/** See {@link quizSchema}. */
export type Quiz = z.infer<typeof quizSchema>;

/**
 * A lesson in the bundle: both languages together, ordered by `order`. `body` keeps its
 * `[^id]` source markers; the renderer numbers them. `sources` are the ids it cites.
 */
export const lessonSchema = z.object({
  id: z.string(),
  order: z.number().int(),
  minutes: z.number().int(),
  title: someLanguagesSchema,
  body: someLanguagesSchema,
  sources: z.array(z.string()),
  quiz: quizSchema.optional(),
});

/** See {@link lessonSchema}. */
export type Lesson = z.infer<typeof lessonSchema>;

/** A course in the bundle, with its lessons in order and its sources resolved. */
export const courseSchema = z.object({
  id: z.string(),
  title: someLanguagesSchema,
  summary: someLanguagesSchema,
  level: z.enum(LEVELS),
  languages: z.array(z.enum(LOCALES)).min(1),
  trainer: someLanguagesSchema,
  /** Every source a lesson may cite, the built-in ones (`ours`, `example`) included. */
  sources: z.record(z.string(), someLanguagesSchema),
  lessons: z.array(lessonSchema),
});

/** See {@link courseSchema}. */
export type Course = z.infer<typeof courseSchema>;

/**
 * Text in the person's language, or in the course's first language when the course is
 * not written in theirs.
 */
export function inLanguage(text: SomeLanguages, locale: Locale, languages: readonly Locale[]) {
  return text[locale] ?? text[languages[0] ?? 'zh-CN'] ?? Object.values(text)[0] ?? '';
}
