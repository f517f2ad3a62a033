import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { ADMIN_TEST_TOKENS, adminTestApp } from '../../test/support/admin-app';
import { jobInputSchema } from '../broadcast/job';
import { ADMIN_OPERATIONS, adminOpenApi, rolesOf } from './openapi';

interface Doc {
  openapi: string;
  paths: Record<string, Record<string, Record<string, unknown>>>;
  components: { securitySchemes: Record<string, unknown> };
}

async function fetchDoc(): Promise<Doc> {
  const { app } = adminTestApp();
  const res = await app.request('/admin/api/openapi.json', {
    headers: { Authorization: `Bearer ${ADMIN_TEST_TOKENS.researcher}` },
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Doc;
}

describe('/admin/api/openapi.json', () => {
  it('is OpenAPI 3.1 with both ways to authenticate', async () => {
    const doc = await fetchDoc();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['bearer', 'session']);
  });

  it('documents every operation with its roles, parameters and responses', async () => {
    const doc = await fetchDoc();
    for (const op of ADMIN_OPERATIONS) {
      const entry = doc.paths[op.path]?.[op.method];
      expect(entry, `${op.method} ${op.path}`).toBeDefined();
      expect(entry?.['x-roles']).toEqual(expect.arrayContaining(rolesOf(op)));
      const responses = entry?.responses as Record<string, unknown>;
      expect(Object.keys(responses)).toEqual(expect.arrayContaining([op.ok.status, '401', '403']));
      if (op.path.includes('{id}'))
        expect(entry?.parameters).toContainEqual(
          expect.objectContaining({ name: 'id', in: 'path' }),
        );
    }
  });

  it('takes request bodies from the zod schemas the routes validate with', async () => {
    const doc = await fetchDoc();
    const body = doc.paths['/admin/api/broadcasts']?.post?.requestBody as {
      content: { 'application/json': { schema: unknown } };
    };
    const { $schema: _d, ...expected } = z.toJSONSchema(jobInputSchema, {
      io: 'input',
      unrepresentable: 'any',
    });
    expect(body.content['application/json'].schema).toEqual(expected);
  });

  it('is served as generated from the current schemas (npm run content writes it)', async () => {
    expect(await fetchDoc()).toEqual(JSON.parse(JSON.stringify(adminOpenApi())));
  });

  it('is refused without credentials', async () => {
    const { app } = adminTestApp();
    expect((await app.request('/admin/api/openapi.json')).status).toBe(401);
  });
});
