import * as z from 'zod';
import { LOCALES } from '../core/message';
import { RESPONSE_STATES } from '../surveys/io/responses';
import type { AdminOperation } from './operation';

/** A China day (UTC+8), `2026-05-01`. */
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date, YYYY-MM-DD');

/**
 * `GET /admin/api/surveys/{id}/responses`: which responses (state, channel, language, China
 * days `from`..`to` both included, by when they began), which version (the current one by
 * default), and a page (`cursor` from the last answer's `next`, and `limit`).
 */
export const responsesQuerySchema = z
  .object({
    status: z.enum(RESPONSE_STATES).optional(),
    channel: z
      .string()
      .regex(/^[a-z]{2,20}$/, 'a channel: telegram, wechat, web')
      .optional(),
    lang: z.enum(LOCALES).optional(),
    from: day.optional(),
    to: day.optional(),
    version: z.coerce.number<string>().int().min(1).optional(),
    cursor: z
      .string()
      .regex(/^\d{1,24}$/, 'the `next` of the previous page')
      .default('0'),
    limit: z.coerce.number<string>().int().min(1).max(500).default(50),
  })
  .strict();

const when = z.string().nullable().describe('ISO time, or null');

/** One response: a pseudonym (the exports' `respondent`), never a user id. */
export const responseRowSchema = z.object({
  respondent: z.string(),
  state: z.enum(RESPONSE_STATES),
  channel: z.string().nullable(),
  locale: z.string().nullable(),
  startedAt: when,
  updatedAt: when,
  completedAt: when,
  withdrawnAt: when,
  answered: z.number().int(),
});

/** `GET /admin/api/surveys/{id}/responses`. */
export const responsesPageSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  responses: z.array(responseRowSchema),
  next: z.string().describe("pass it back as `cursor` for the next page; '0' when done"),
  perDay: z
    .array(z.object({ day: z.string(), started: z.number().int(), completed: z.number().int() }))
    .describe('China days (UTC+8): responses begun and finished, oldest first (first page only)')
    .optional(),
});

/** `GET /admin/api/surveys/{id}/withdrawals`. */
export const withdrawalsSchema = z.array(
  z.object({ respondent: z.string(), version: z.number().int(), at: z.string().nullable() }),
);

/** `GET /admin/api/surveys/{id}/definition`. */
export const definitionQuerySchema = z
  .object({
    format: z.enum(['yaml', 'json']).default('json'),
    version: z.coerce.number<string>().int().min(1).optional(),
  })
  .strict();

/** The researcher's reading operations on one survey's responses and definition. */
export const RESPONSE_OPERATIONS: AdminOperation[] = [
  {
    method: 'get',
    path: '/admin/api/surveys/{id}/responses',
    operationId: 'surveyResponses',
    tag: 'surveys',
    summary:
      'Responses by pseudonym, filtered by status (complete, partial: began and not finished, withdrawn), channel, language and China days; paged; the first page also counts responses per day',
    query: responsesQuerySchema,
    ok: { status: '200', description: 'a page of responses', schema: responsesPageSchema },
  },
  {
    method: 'get',
    path: '/admin/api/surveys/{id}/withdrawals',
    operationId: 'surveyWithdrawals',
    tag: 'surveys',
    summary:
      'Every withdrawn pseudonym with its version and time, newest first: delete them from earlier downloads',
    ok: { status: '200', description: 'the withdrawals', schema: withdrawalsSchema },
  },
  {
    method: 'get',
    path: '/admin/api/surveys/{id}/definition',
    operationId: 'surveyDefinition',
    tag: 'surveys',
    summary: 'The current (or a given) version of the definition as a YAML or JSON download',
    query: definitionQuerySchema,
    ok: { status: '200', description: 'the definition', contentType: 'application/json' },
  },
];
