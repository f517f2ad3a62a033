import * as z from 'zod';
import { audienceSchema } from '../broadcast/audience';
import { jobInputSchema, OUTCOMES } from '../broadcast/job';
import type { Role } from '../config';
import { errorBodySchema, jsonSchema } from '../http/openapi';
import { auditEntrySchema } from './audit';
import { ADMIN_OPERATIONS as OPERATIONS, type AdminOperation } from './operations';
import { rolesFor } from './role-matrix';

export { OPERATIONS as ADMIN_OPERATIONS, type AdminOperation };

const json = (schema: z.ZodType, io: 'input' | 'output', description: string) => ({
  description,
  content: { 'application/json': { schema: jsonSchema(schema, io) } },
});

const refusal = z.object({ error: z.string() }).loose();

/** The roles an operation admits (from the role matrix), admin always included. */
export function rolesOf(op: AdminOperation): Role[] {
  return rolesFor(op.operationId);
}

function operation(op: AdminOperation): Record<string, unknown> {
  const params = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
    name: m[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  const query = op.query
    ? Object.entries(
        (jsonSchema(op.query, 'input').properties ?? {}) as Record<string, object>,
      ).map(([name, schema]) => ({ name, in: 'query', required: false, schema }))
    : [];
  const responses: Record<string, unknown> = {
    [op.ok.status]: op.ok.schema
      ? json(op.ok.schema, 'output', op.ok.description)
      : { description: op.ok.description, content: { [op.ok.contentType ?? 'text/plain']: {} } },
    '401': json(refusal, 'output', 'no token or session, or an unknown one'),
    '403': json(
      refusal,
      'output',
      'a role that may not do this, or a cookie change without CSRF proof',
    ),
    '429': json(refusal, 'output', 'too many failed tokens from this client; see Retry-After'),
  };
  if (op.body || op.query || op.rawBody)
    responses['400'] = json(errorBodySchema, 'output', 'every problem with the request');
  if (op.rawBody) responses['413'] = json(refusal, 'output', 'the body is too large');
  if (params.length > 0) responses['404'] = json(refusal, 'output', 'no such item');
  return {
    operationId: op.operationId,
    summary: op.summary,
    tags: [op.tag],
    'x-roles': rolesOf(op),
    ...(params.length + query.length > 0 ? { parameters: [...params, ...query] } : {}),
    ...(op.body
      ? { requestBody: { required: true, ...json(op.body, 'input', 'request body') } }
      : {}),
    ...(op.rawBody
      ? {
          requestBody: {
            required: true,
            description: op.rawBody.description,
            content: { [op.rawBody.contentType]: { schema: { type: 'string', format: 'binary' } } },
          },
        }
      : {}),
    responses,
  };
}

let cached: Record<string, unknown> | undefined;

/**
 * The OpenAPI 3.1 document of `/admin/api/*`, generated from the zod schemas the routes
 * validate with; `x-roles` lists the roles each operation admits.
 */
export function adminOpenApi(): Record<string, unknown> {
  if (cached) return cached;
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) (paths[op.path] ??= {})[op.method] = operation(op);
  cached = {
    openapi: '3.1.0',
    info: {
      title: 'Village seller bot: admin API',
      version: '1.0.0',
      description:
        'Pushes, surveys, courses and the console behind /admin. Authenticate with `Authorization: Bearer <token>` (ADMIN_TOKENS) or the console session cookie; changes made with the cookie need the `X-CSRF-Token` header. Roles: admin (everything), researcher (surveys, exports), trainer (courses, pushes).',
    },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        session: { type: 'apiKey', in: 'cookie', name: 'svb_admin' },
      },
      schemas: {
        Audience: jsonSchema(audienceSchema, 'input'),
        BroadcastInput: jsonSchema(jobInputSchema, 'input'),
        AuditEntry: jsonSchema(auditEntrySchema, 'output'),
        Outcome: { type: 'string', enum: [...OUTCOMES] },
      },
    },
    security: [{ bearer: [] }, { session: [] }],
    paths,
  };
  return cached;
}
