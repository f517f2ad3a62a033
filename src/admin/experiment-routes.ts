import { Hono } from 'hono';
import type { AppEnv } from '../http/types';
import { apiActor, refusalJson } from './api-answer';
import { requireOperation } from './auth';
import { defineExperiment, getExperiment } from './services/experiments';

/** `/admin/api/experiments` (researcher role): define an experiment, read its balance. */
export function experimentRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post('/experiments', requireOperation('defineExperiment'), async (c) => {
    const body: unknown = await c.req.json().catch(() => undefined);
    const actor = await apiActor(c);
    const outcome = await defineExperiment(c.var.deps, actor, body);
    return outcome.ok ? c.json(outcome.value, 201) : refusalJson(c, outcome, actor);
  });

  app.get('/experiments/:id', requireOperation('getExperiment'), async (c) => {
    const actor = await apiActor(c);
    const outcome = await getExperiment(c.var.deps, actor, c.req.param('id'));
    return outcome.ok ? c.json(outcome.value) : refusalJson(c, outcome, actor);
  });

  return app;
}
