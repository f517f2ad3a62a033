import * as z from 'zod';
import { LOCALES } from '../core/message';
import { CHECKS } from './schema';

/** `POST /api/ask` body: a question (1-500 characters, valid Unicode) and its language. */
export const askRequestSchema = z
  .object({
    question: z
      .string({ error: 'give the question as text' })
      .trim()
      .min(1, 'the question is empty')
      .max(500, 'at most 500 characters')
      .refine((q) => q.isWellFormed(), 'the text is not valid Unicode'),
    locale: z.enum(LOCALES).optional(),
  })
  .strict();

/** `POST /api/ask` answer. */
export const askResponseSchema = z.object({
  routedTo: z.enum(CHECKS).optional().describe('the check the question asks for, if any'),
  answers: z
    .array(
      z.object({
        id: z.string(),
        title: z.string(),
        text: z.string(),
        source: z.string(),
        link: z.object({ kind: z.enum(['lesson', 'check', 'faq', 'fact']), id: z.string() }),
      }),
    )
    .max(2)
    .describe('at most two passages of our own content, best first; empty: we do not know'),
  confidence: z.number().min(0).max(1),
});
