import { Hono } from 'hono';
import type { AppEnv } from '../http/types';
import { apiActor, refusalJson } from './api-answer';
import { requireOperation } from './auth';
import {
  cancelBroadcast,
  createBroadcast,
  getBroadcast,
  listBroadcasts,
} from './services/broadcasts';
import { duplicateBroadcast, editBroadcast } from './services/broadcast-edit';

/** `/admin/api/broadcasts`: create a push, follow its counters, cancel it (trainer role). */
export function broadcastRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post('/broadcasts', requireOperation('createBroadcast'), async (c) => {
    const raw: unknown = await c.req.json().catch(() => undefined);
    const actor = await apiActor(c);
    const created = await createBroadcast(c.var.deps, actor, raw);
    return created.ok ? c.json(created.value, 201) : refusalJson(c, created, actor);
  });

  app.get('/broadcasts', requireOperation('listBroadcasts'), async (c) => {
    const actor = await apiActor(c);
    const jobs = await listBroadcasts(c.var.deps, actor);
    return jobs.ok ? c.json({ jobs: jobs.value }) : refusalJson(c, jobs, actor);
  });

  app.get('/broadcasts/:id', requireOperation('getBroadcast'), async (c) => {
    const actor = await apiActor(c);
    const job = await getBroadcast(c.var.deps, actor, c.req.param('id'));
    return job.ok ? c.json(job.value) : refusalJson(c, job, actor);
  });

  app.post('/broadcasts/:id/cancel', requireOperation('cancelBroadcast'), async (c) => {
    const actor = await apiActor(c);
    const job = await cancelBroadcast(c.var.deps, actor, c.req.param('id'));
    return job.ok ? c.json(job.value) : refusalJson(c, job, actor);
  });
  // trainer: edit a scheduled push, or copy any push
  app.post('/broadcasts/:id/edit', requireOperation('editBroadcast'), async (c) => {
    const raw: unknown = await c.req.json().catch(() => undefined);
    const actor = await apiActor(c);
    const edited = await editBroadcast(c.var.deps, actor, c.req.param('id'), raw);
    return edited.ok ? c.json(edited.value) : refusalJson(c, edited, actor);
  });

  app.post('/broadcasts/:id/duplicate', requireOperation('duplicateBroadcast'), async (c) => {
    const text = await c.req.text();
    let raw: unknown = {};
    try {
      raw = text.trim() === '' ? {} : JSON.parse(text);
    } catch {
      raw = undefined;
    }
    const actor = await apiActor(c);
    const copied = await duplicateBroadcast(c.var.deps, actor, c.req.param('id'), raw);
    return copied.ok ? c.json(copied.value, 201) : refusalJson(c, copied, actor);
  });
  return app;
}
