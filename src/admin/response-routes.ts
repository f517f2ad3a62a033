import { Hono } from 'hono';
import type { AppEnv } from '../http/types';
import { apiActor, refusalJson } from './api-answer';
import { requireOperation } from './auth';
import { surveyDefinitionFile, surveyResponses, withdrawnRespondents } from './services/responses';

/**
 * `/admin/api/surveys/{id}/responses`, `/withdrawals` and `/definition` (researcher role):
 * responses by pseudonym with filters and paging, the withdrawn pseudonyms, and the
 * definition as a YAML or JSON download.
 */
export function responseRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/surveys/:id/responses', requireOperation('surveyResponses'), async (c) => {
    const actor = await apiActor(c);
    const input = { id: c.req.param('id'), query: c.req.query() };
    const page = await surveyResponses(c.var.deps, actor, input);
    return page.ok ? c.json(page.value) : refusalJson(c, page, actor);
  });

  app.get('/surveys/:id/withdrawals', requireOperation('surveyWithdrawals'), async (c) => {
    const actor = await apiActor(c);
    const list = await withdrawnRespondents(c.var.deps, actor, c.req.param('id'));
    return list.ok ? c.json(list.value) : refusalJson(c, list, actor);
  });

  app.get('/surveys/:id/definition', requireOperation('surveyDefinition'), async (c) => {
    const actor = await apiActor(c);
    const input = { id: c.req.param('id'), query: c.req.query() };
    const file = await surveyDefinitionFile(c.var.deps, actor, input);
    if (!file.ok) return refusalJson(c, file, actor);
    return new Response(file.value.body, {
      headers: {
        'Content-Type': file.value.type,
        'Content-Disposition': `attachment; filename="${file.value.name}"`,
        'Cache-Control': 'no-store',
      },
    });
  });

  return app;
}
