import * as z from 'zod';
import { conditionSchema } from '../core/conditions';
import { localizedTextSchema } from '../core/text';

/**
 * The survey definition: what a researcher writes in `content/surveys/*.yaml` or sends as
 * JSON to the admin API. Names follow XLSForm where they can (a question's `id` is its
 * `name`, an option's `code` its choice `name`), so exports line up with KoBo/ODK habits.
 */

/** Text in both languages; every label a respondent sees has both. */
const localized = localizedTextSchema;

/** Survey ids travel in `/survey <id>`, deep links and Telegram button data (64 bytes). */
export const surveyIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'survey ids are 1-40 lower-case letters, digits or _');

/** Question ids become column names in R and Stata (32 characters at most there). */
const questionIdSchema = z
  .string()
  .regex(
    /^[a-z][a-z0-9_]{0,31}$/,
    'question ids are 1-32 lower-case letters, digits or _, starting with a letter',
  );

/** Option codes are the values in exports and the ids of buttons. */
const optionCodeSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_]{0,23}$/, 'option codes are 1-24 lower-case letters, digits or _');

const optionSchema = z.object({ code: optionCodeSchema, label: localized }).strict();

/** An ISO calendar date, `YYYY-MM-DD`. */
export const isoDateSchema = z.iso.date('dates are written YYYY-MM-DD');

/** Fields every question has. */
const base = {
  id: questionIdSchema,
  text: localized,
  /** A line under the question (units, what counts). */
  hint: localized.optional(),
  /** A required question cannot be skipped. XLSForm's default: not required. */
  required: z.boolean().default(false),
  /** Said when a required question is skipped, instead of the default. */
  requiredMessage: localized.optional(),
  /** Said when an answer breaks a constraint (range, length, selections). */
  constraintMessage: localized.optional(),
  /** Ask only when this holds; it may only refer to earlier questions (by id). */
  showIf: conditionSchema.optional(),
};

const choiceBase = {
  ...base,
  options: z.array(optionSchema).min(2, 'give at least two options').max(30),
  /** Add "Other, please specify": code `other`, with the typed text exported as `<id>_other_text`. */
  other: z.boolean().default(false),
};

const singleChoice = z.object({ ...choiceBase, type: z.literal('single_choice') }).strict();
const multipleChoice = z
  .object({
    ...choiceBase,
    type: z.literal('multiple_choice'),
    minSelected: z.number().int().min(1).optional(),
    maxSelected: z.number().int().min(1).optional(),
  })
  .strict();
const integer = z
  .object({
    ...base,
    type: z.literal('integer'),
    min: z.number().int().optional(),
    max: z.number().int().optional(),
  })
  .strict();
const decimal = z
  .object({
    ...base,
    type: z.literal('decimal'),
    min: z.number().optional(),
    max: z.number().optional(),
  })
  .strict();
const text = z
  .object({
    ...base,
    type: z.literal('text'),
    maxLength: z.number().int().min(1).max(4000).default(1000),
    /** Accept a voice note (Telegram) or voice message (WeChat) as the answer. */
    allowVoice: z.boolean().optional(),
  })
  .strict();
const likert = z
  .object({
    ...base,
    type: z.literal('likert'),
    points: z.number().int().min(2).max(11).default(5),
    /** What 1 means ("strongly disagree") and what `points` means ("strongly agree"). */
    low: localized,
    high: localized,
  })
  .strict();
const yesNo = z.object({ ...base, type: z.literal('yes_no') }).strict();
const date = z
  .object({
    ...base,
    type: z.literal('date'),
    min: isoDateSchema.optional(),
    max: isoDateSchema.optional(),
  })
  .strict();

/** Any question, discriminated on `type`. */
export const questionSchema = z.discriminatedUnion('type', [
  singleChoice,
  multipleChoice,
  integer,
  decimal,
  text,
  likert,
  yesNo,
  date,
]);

/** See {@link questionSchema}. */
export type Question = z.infer<typeof questionSchema>;

/** A question's type name. */
export type QuestionType = Question['type'];

/** Every question type, in the order the docs list them. */
export const QUESTION_TYPES: readonly QuestionType[] = [
  'single_choice',
  'multiple_choice',
  'integer',
  'decimal',
  'text',
  'likert',
  'yes_no',
  'date',
];

/** A question with options. */
export type ChoiceQuestion = Extract<Question, { type: 'single_choice' | 'multiple_choice' }>;

/** The envelope of a survey, with the questions left to {@link questionSchema}. */
export const surveyEnvelopeSchema = z
  .object({
    id: surveyIdSchema,
    version: z.number().int().min(1).max(10_000),
    title: localized,
    /** What the survey is about and how long it takes. */
    intro: localized,
    /** Who asks, what is kept, for how long, and that one can withdraw. */
    consent: localized,
    thanks: localized,
    /** No answers are taken after this time (ISO 8601 with offset). */
    closesAt: z.iso.datetime({ offset: true }).optional(),
    /** Stop taking new respondents once this many have completed. */
    quota: z.number().int().min(1).optional(),
    questions: z.array(z.unknown()).min(1, 'give at least one question').max(200),
  })
  .strict();

/**
 * A whole survey definition.
 *
 * @example { "id": "baseline", "version": 1, "title": {...}, "intro": {...}, "consent": {...}, "thanks": {...}, "questions": [{ "id": "years", "type": "integer", "text": {...}, "min": 0 }] }
 */
export const surveySchema = surveyEnvelopeSchema.extend({
  questions: z.array(questionSchema).min(1).max(200),
});

/** See {@link surveySchema}. */
export type SurveyDefinition = z.infer<typeof surveySchema>;

/** Input of {@link surveySchema} (defaults not yet applied), as authors write it. */
export type SurveyInput = z.input<typeof surveySchema>;

/** The code of the "Other, please specify" option. */
export const OTHER_CODE = 'other';

/** The options of a choice question, with "Other" last when it is on. */
export function optionCodes(question: ChoiceQuestion): string[] {
  return [...question.options.map((o) => o.code), ...(question.other ? [OTHER_CODE] : [])];
}
