import * as z from 'zod';
import { CHECKS } from '../advice/checks';
import { CHECK_NAMES } from '../advice/plan-schema';
import { askRequestSchema, askResponseSchema } from '../ask/api-schema';
import { FIELD_ERROR_CODES } from './field-words';

/**
 * The body of every 400 with field problems (the checks, ask, web chat and admin APIs),
 * worded in the console's language cookie, else Accept-Language, else Chinese.
 */
export const errorBodySchema = z.object({
  error: z.string().describe('invalid_json or invalid_request'),
  message: z.string().describe('every problem in one paragraph, for people'),
  fields: z
    .record(z.string(), z.array(z.string()))
    .describe('for each field path (a.b; body or query for the whole), its problems in words'),
  issues: z
    .array(
      z.object({
        field: z.string(),
        code: z.enum(FIELD_ERROR_CODES),
        params: z.record(z.string(), z.union([z.string(), z.number()])),
        message: z.string(),
      }),
    )
    .describe('every problem in a stable shape: field, code, figures, and its sentence'),
});

/** A zod schema as an OpenAPI 3.1 (JSON Schema 2020-12) schema. */
export function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  // OpenAPI 3.1 schemas are JSON Schema 2020-12; the dialect is the document's.
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  return rest;
}

function json(schema: z.ZodType, io: 'input' | 'output', description: string) {
  return { description, content: { 'application/json': { schema: jsonSchema(schema, io) } } };
}

let cached: Record<string, unknown> | undefined;

/**
 * The OpenAPI 3.1 document of `POST /api/checks/{check}`, generated from the same zod
 * schemas that validate requests and type the results.
 */
export function checksOpenApi(): Record<string, unknown> {
  cached ??= {
    openapi: '3.1.0',
    info: {
      title: 'Village seller advice checks',
      version: '1.0.0',
      description:
        'The checks the chat bot runs, as JSON: Taobao Village criteria, logistics, niche and storytelling. Findings and steps are ids with data; the bot words them from its locales.',
    },
    paths: Object.fromEntries(
      CHECK_NAMES.map((name) => {
        const check = CHECKS[name];
        return [
          `/api/checks/${name}`,
          {
            post: {
              operationId: `${name}Check`,
              summary: check.summary,
              requestBody: { required: true, ...json(check.input, 'input', `${name} input`) },
              responses: {
                '200': json(check.output, 'output', 'verdict, findings and next steps'),
                '400': json(errorBodySchema, 'output', 'the body is not JSON or fails validation'),
              },
            },
          },
        ];
      }).concat([
        [
          '/api/ask',
          {
            post: {
              operationId: 'ask',
              summary:
                'A free question answered only from our own sourced content: the check it asks for, at most two passages with their sources, or none (we do not know).',
              requestBody: { required: true, ...json(askRequestSchema, 'input', 'the question') },
              responses: {
                '200': json(askResponseSchema, 'output', 'routed check, passages, confidence'),
                '400': json(errorBodySchema, 'output', 'the body is not JSON or fails validation'),
              },
            },
          },
        ],
      ]),
    ),
  };
  return cached;
}
