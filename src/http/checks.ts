import { Hono } from 'hono';
import type { AdviceData } from '../advice/content-schema';
import { runCheck } from '../advice/checks';
import { fieldErrors } from './field-errors';
import { content } from '../content';
import { CHECK_NAMES, type CheckName } from '../advice/plan-schema';
import { openApiDoc } from './openapi-docs';
import type { AppEnv } from './types';

const isCheck = (name: string): name is CheckName =>
  (CHECK_NAMES as readonly string[]).includes(name);

/**
 * The advice checks as a JSON API (DESIGN.md section 10): `POST /api/checks/{village,
 * logistics,niche,storytelling}` → verdict, findings and steps, or 400 with field errors;
 * `GET /api/openapi.json` documents them from the same schemas. Stateless: nothing is kept.
 *
 * @example app.route('/', checkRoutes())
 */
export function checkRoutes(data: AdviceData = content.advice): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/api/openapi.json', (c) => c.json(openApiDoc('checks')));

  app.post('/api/checks/:check', async (c) => {
    const name = c.req.param('check');
    if (!isCheck(name)) return c.json({ error: 'not_found' }, 404);
    const raw: unknown = await c.req.json().catch(() => undefined);
    if (raw === undefined)
      return c.json({ error: 'invalid_json', fields: { body: ['must be a JSON object'] } }, 400);
    const outcome = runCheck(name, raw, data);
    if (!outcome.ok)
      return c.json({ error: 'invalid_request', fields: fieldErrors(outcome.error) }, 400);
    return c.json(outcome.result);
  });

  return app;
}
