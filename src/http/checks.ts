import { Hono } from 'hono';
import type { AdviceData } from '../advice/content-schema';
import { runCheck } from '../advice/checks';
import { apiLocale, badRequest, fieldIssue, issuesOf } from './bad-request';
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
      return c.json(
        badRequest([fieldIssue('body', 'not_json')], apiLocale(c), 'invalid_json'),
        400,
      );
    const outcome = runCheck(name, raw, data);
    if (!outcome.ok)
      return c.json(badRequest(issuesOf(outcome.error, { input: raw }), apiLocale(c)), 400);
    return c.json(outcome.result);
  });

  return app;
}
