import { Hono } from 'hono';
import { jobInputSchema } from '../broadcast/job';
import { cancelJob, createJob, jobStatus } from '../broadcast/planner';
import { fieldErrors } from '../http/field-errors';
import type { AppEnv } from '../http/types';
import { requireRole } from './auth';

/** `/admin/api/broadcasts`: create a push, follow its counters, cancel it (trainer role). */
export function broadcastRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('/broadcasts', requireRole('trainer'));
  app.use('/broadcasts/*', requireRole('trainer'));

  app.post('/broadcasts', async (c) => {
    const raw: unknown = await c.req.json().catch(() => undefined);
    const parsed = jobInputSchema.safeParse(raw);
    if (!parsed.success)
      return c.json({ error: 'invalid_request', fields: fieldErrors(parsed.error) }, 400);
    const job = await createJob(c.var.deps.planner, parsed.data, c.var.actor?.label ?? 'unknown');
    return c.json({ id: job.id }, 201);
  });

  app.get('/broadcasts', async (c) => {
    const store = c.var.deps.store;
    const ids = await store.listJobs(50);
    const jobs = await Promise.all(ids.map((id) => jobStatus(store, id)));
    return c.json({ jobs: jobs.filter((j) => j !== undefined) });
  });

  app.get('/broadcasts/:id', async (c) => {
    const status = await jobStatus(c.var.deps.store, c.req.param('id'));
    return status ? c.json(status) : c.json({ error: 'not_found' }, 404);
  });

  app.post('/broadcasts/:id/cancel', async (c) => {
    const status = await cancelJob(c.var.deps.store, c.req.param('id'));
    return status ? c.json(status) : c.json({ error: 'not_found' }, 404);
  });
  return app;
}
