import * as z from 'zod';
import { WAVE_LAYOUTS } from '../surveys/waves-layout';
import { audienceSchema } from '../broadcast/audience';
import { LOCALES } from '../core/message';
import { localizedTextSchema } from '../core/text';
import { EXPORT_FORMATS } from '../surveys/io/export';
import { questionSchema, surveyEnvelopeSchema } from '../surveys/schema';

/**
 * Request and response schemas of `/admin/api/surveys` (the routes of DESIGN.md section 7
 * and a few more), for validation and for the OpenAPI document.
 */

const message = z.string().trim().min(1).max(3500);
const count = z.number().int().min(0);

/**
 * `POST /admin/api/surveys` (and `/validate`): a survey definition as JSON. `version` may
 * be left out: a draft becomes the next version when published. Checked by the same
 * validator as content/surveys, which reports every problem at once.
 */
export const surveyDraftBodySchema = surveyEnvelopeSchema.extend({
  version: z.number().int().min(1).optional(),
  questions: z.array(questionSchema).min(1).max(200),
});

/** `POST /admin/api/surveys/{id}/send`: who to invite, optionally the text and a time. */
export const surveySendBodySchema = z
  .object({
    audience: audienceSchema,
    messages: z.object({ 'zh-CN': message.optional(), en: message.optional() }).strict().optional(),
    sendAt: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

/** `POST /admin/api/surveys/{id}/remind`: by default the last invitation's audience. */
export const surveyRemindBodySchema = surveySendBodySchema.partial({ audience: true });

/** `GET /admin/api/surveys/{id}/export`. */
export const surveyExportQuerySchema = z
  .object({
    format: z.enum(EXPORT_FORMATS).default('csv'),
    /** Choice answers as labels in this language instead of codes (CSV). */
    labels: z.enum(LOCALES).optional(),
    /** The language of the labels in the Stata, SPSS and R scripts. */
    lang: z.enum(LOCALES).default('zh-CN'),
    /** Another version than the current one. */
    version: z.coerce.number<string>().int().min(1).optional(),
    /** A panel survey: one row per person per wave (`long`) or per person (`wide`). */
    layout: z.enum(WAVE_LAYOUTS).default('long'),
    /**
     * Line breaks inside answers (CSV): kept (Excel, R and Stata read them), or each replaced
     * by " / " for SPSS, which reads one case per line.
     */
    breaks: z.enum(['keep', 'space']).default('keep'),
  })
  .strict();

/** `GET /admin/api/surveys/{id}/stats`; with `question`, a page of that question's text answers. */
export const surveyStatsQuerySchema = z
  .object({
    version: z.coerce.number<string>().int().min(1).optional(),
    question: z.string().min(1).max(64).optional(),
    cursor: z.string().min(1).max(300).default('0'),
    limit: z.coerce.number<string>().int().min(1).max(500).default(50),
  })
  .strict();

/** The response funnel. */
export const surveyCountsSchema = z.object({
  invited: count,
  started: count,
  completed: count,
  partial: count,
  declined: count,
  withdrawn: count,
});

/** One survey in `GET /admin/api/surveys` (a JSON array of these). */
export const surveySummarySchema = z.object({
  id: z.string(),
  version: z.number().int().nullable(),
  status: z.enum(['draft', 'open', 'full', 'closed']),
  title: localizedTextSchema.nullable(),
  source: z.enum(['content', 'api']),
  versions: z.array(z.number().int()),
  draftVersion: z.number().int().nullable(),
  closesAt: z.string().nullable(),
  quota: z.number().int().nullable(),
  counts: surveyCountsSchema,
});

const textAnswerSchema = z.object({
  respondent: z.string(),
  text: z.string(),
  at: z.number().nullable(),
});

/** One question's statistics. */
export const questionStatsSchema = z.object({
  id: z.string(),
  type: z.string(),
  answered: count,
  skipped: count,
  counts: z.record(z.string(), count).optional(),
  numeric: z
    .object({ n: count, min: z.number(), median: z.number(), mean: z.number(), max: z.number() })
    .nullable()
    .optional(),
  /** Numbers: bins chosen from the answers (Freedman–Diaconis, else Sturges). */
  histogram: z.array(z.object({ from: z.number(), to: z.number(), count })).optional(),
  latest: z.array(textAnswerSchema).optional(),
});

/** `GET /admin/api/surveys/{id}/stats`. */
export const surveyStatsSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  counts: surveyCountsSchema,
  questions: z.array(questionStatsSchema),
  /** A panel survey: the counts wave by wave (`counts` are wave 1's). */
  waves: z.array(surveyCountsSchema.extend({ wave: z.number().int() })).optional(),
});

/** `GET /admin/api/surveys/{id}/stats?question=…`: a page of text answers. */
export const textAnswersPageSchema = z.object({
  question: z.string(),
  answers: z.array(textAnswerSchema),
  cursor: z.string().describe("pass it back for the next page; '0' when done"),
});

/** Every problem with a survey definition, as 400 answers list them. */
export const surveyProblemsSchema = z.object({
  error: z.string(),
  problems: z.array(z.object({ path: z.string(), message: z.string() })),
  fields: z.record(z.string(), z.array(z.string())),
});
