import { Hono } from 'hono';
import type { AppEnv } from '../http/types';
import { apiActor, refusalJson } from './api-answer';
import { requireOperation } from './auth';
import { consoleLocale } from './console/i18n';
import { lessonVersions } from './services/lesson-reads';
import { editLesson, publishLesson, unpublishLesson } from './services/lessons';

/**
 * `/admin/api/courses/:id/lessons…` (trainer role): publish, revise and unpublish lessons
 * without a deploy, and read a lesson's versions. Problems come in the caller's language
 * (`?lang=`, the console's cookie, else Accept-Language).
 */
export function lessonRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const body = (c: { req: { json(): Promise<unknown> } }) => c.req.json().catch(() => undefined);
  app.post('/courses/:id/lessons', requireOperation('publishLesson'), async (c) => {
    const actor = await apiActor(c);
    const out = await publishLesson(
      c.var.deps,
      actor,
      c.req.param('id'),
      await body(c),
      consoleLocale(c),
    );
    if (!out.ok) return refusalJson(c, out, actor);
    return c.json(out.value, out.value.changed ? 201 : 200);
  });
  app.put('/courses/:id/lessons/:lessonId', requireOperation('editLesson'), async (c) => {
    const actor = await apiActor(c);
    const out = await editLesson(
      c.var.deps,
      actor,
      c.req.param('id'),
      c.req.param('lessonId'),
      await body(c),
      consoleLocale(c),
    );
    return out.ok ? c.json(out.value) : refusalJson(c, out, actor);
  });
  app.delete('/courses/:id/lessons/:lessonId', requireOperation('unpublishLesson'), async (c) => {
    const actor = await apiActor(c);
    const out = await unpublishLesson(
      c.var.deps,
      actor,
      c.req.param('id'),
      c.req.param('lessonId'),
    );
    return out.ok ? c.json(out.value) : refusalJson(c, out, actor);
  });
  app.get(
    '/courses/:id/lessons/:lessonId/versions',
    requireOperation('lessonVersions'),
    async (c) => {
      const actor = await apiActor(c);
      const out = await lessonVersions(
        c.var.deps,
        actor,
        c.req.param('id'),
        c.req.param('lessonId'),
      );
      return out.ok ? c.json(out.value) : refusalJson(c, out, actor);
    },
  );
  return app;
}
